import { useId } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useLocale } from '../../../i18n/useLocale';
import { asOfYearOptions, searchWithAsOf } from '../asOf';

const LATEST = '';

/**
 * "Figures up to": the latest figures or any year of the plan period. A native select, so it works
 * with the keyboard and screen readers as every select does; the choice is written into the URL
 * (replacing the entry, as the kind filter does), which is what the progress query reads.
 */
export function AsOfSelect({
  periodStart,
  periodEnd,
  asOf,
  currentYear,
}: {
  periodStart: number | null;
  periodEnd: number | null;
  asOf: number | null;
  currentYear: number;
}) {
  const { t } = useLocale();
  const id = useId();
  const location = useLocation();
  const navigate = useNavigate();
  const years = asOfYearOptions(periodStart, periodEnd, currentYear, asOf);
  if (years.length === 0) return null;
  return (
    <div className="as-of">
      <label htmlFor={id} className="as-of__label">
        {t('progress.asOfLabel')}
      </label>
      <select
        id={id}
        className="as-of__select"
        value={asOf === null ? LATEST : String(asOf)}
        onChange={(event) => {
          const value = event.currentTarget.value;
          const search = searchWithAsOf(location.search, value === LATEST ? null : Number(value));
          void navigate(
            { pathname: location.pathname, search, hash: location.hash },
            { replace: true, preventScrollReset: true },
          );
        }}
      >
        <option value={LATEST}>{t('progress.asOfLatest')}</option>
        {years.map((year) => (
          <option key={year} value={String(year)}>
            {t('progress.asOfYear', { year })}
          </option>
        ))}
      </select>
    </div>
  );
}
