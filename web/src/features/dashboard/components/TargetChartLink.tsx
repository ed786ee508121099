import { useSearchParams } from 'react-router';
import { LangLink } from '../../../app/LangLink';
import { useLocale } from '../../../i18n/useLocale';
import { asOfFromSearch } from '../../plans/asOf';
import { searchWith } from '../urlState';

/** From a target card to the target's chart, keeping the as-of year on screen. */
export function TargetChartLink({ targetId, name }: { targetId: number; name: string }) {
  const { t } = useLocale();
  const [params] = useSearchParams();
  const asOf = asOfFromSearch(params);
  return (
    <LangLink to={`/targets/${targetId}${searchWith('', { asOf })}`} className="chart-link" data-chart-link={targetId}>
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false" className="chart-link__icon">
        <path
          d="M2 13.5h12M3.5 11l3-3.5 2.5 2 4-5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.75"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {t('dashboard.overview.openChart')}
      <span className="visually-hidden">: {name}</span>
    </LangLink>
  );
}
