import { Link, useLocation } from 'react-router';
import type { IndicatorKind } from '../../../api/types';
import { useLocale } from '../../../i18n/useLocale';

export const KIND_PARAM = 'kind';
export const INDICATOR_KINDS: readonly IndicatorKind[] = ['stock', 'flow', 'share', 'money'];

export function kindFromSearch(params: URLSearchParams): IndicatorKind | null {
  const value = params.get(KIND_PARAM);
  return (INDICATOR_KINDS as readonly string[]).includes(value ?? '') ? (value as IndicatorKind) : null;
}

/** Links (the filter lives in the URL, so a filtered view can be shared) with each kind's count. */
export function KindFilter({ counts, total }: { counts: ReadonlyMap<IndicatorKind, number>; total: number }) {
  const { t } = useLocale();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const current = kindFromSearch(params);
  const hrefFor = (kind: IndicatorKind | null) => {
    const next = new URLSearchParams(location.search);
    if (kind) next.set(KIND_PARAM, kind);
    else next.delete(KIND_PARAM);
    const query = next.toString();
    return { pathname: location.pathname, search: query ? `?${query}` : '' };
  };
  const options: { kind: IndicatorKind | null; label: string; count: number }[] = [
    { kind: null, label: t('plan.filterAll'), count: total },
    ...INDICATOR_KINDS.filter((kind) => counts.has(kind)).map((kind) => ({
      kind,
      label: t(`indicatorKind.${kind}`),
      count: counts.get(kind) ?? 0,
    })),
  ];
  return (
    <nav className="filter" aria-label={t('plan.filterLabel')}>
      <span className="filter__label" aria-hidden="true">
        {t('plan.filterLabel')}
      </span>
      <ul>
        {options.map((option) => (
          <li key={option.kind ?? 'all'}>
            <Link
              to={hrefFor(option.kind)}
              replace
              preventScrollReset
              aria-current={option.kind === current ? 'true' : undefined}
            >
              {option.label} <span className="filter__count">{option.count}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
