import { Link, useLocation } from 'react-router';
import { useLocale } from '../../../i18n/useLocale';
import { FILTERS, type PreviewFilter } from '../preview';

export const SHOW_PARAM = 'show';

/** Links (the filter is in the address, so a filtered preview can be shared) with each count. */
export function PreviewFilterNav({ current, counts }: { current: PreviewFilter; counts: Record<PreviewFilter, number> }) {
  const { t } = useLocale();
  const location = useLocation();
  const hrefFor = (filter: PreviewFilter) => {
    const next = new URLSearchParams(location.search);
    if (filter === 'all') next.delete(SHOW_PARAM);
    else next.set(SHOW_PARAM, filter);
    const query = next.toString();
    return { pathname: location.pathname, search: query ? `?${query}` : '' };
  };
  return (
    <nav className="filter preview-filter" aria-label={t('imports.filter.label')}>
      <span className="filter__label" aria-hidden="true">
        {t('imports.filter.label')}
      </span>
      <ul>
        {/* "Replaces sample figure" only when some row does (or it is the filter chosen). */}
        {FILTERS.filter((filter) => filter !== 'sample' || counts.sample > 0 || current === 'sample').map((filter) => (
          <li key={filter}>
            <Link
              to={hrefFor(filter)}
              replace
              preventScrollReset
              aria-current={filter === current ? 'true' : undefined}
              data-filter={filter}
            >
              {t(`imports.filter.${filter}`)} <span className="filter__count">{counts[filter]}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
