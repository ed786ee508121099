import { useId } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useLocale } from '../../../i18n/useLocale';
import { REGION_PARAM, type RegionChoice, searchWith } from '../urlState';

/**
 * The region shown: a native select (keyboard and screen readers work it as any select), written
 * into the URL as `?region=`, so the link can be shared. A new region is a new history entry.
 */
export function RegionSelect({
  regions,
  value,
  label,
  param = REGION_PARAM,
  replace = false,
}: {
  regions: readonly Pick<RegionChoice, 'code' | 'nameZh' | 'nameEn'>[];
  value: string | null;
  label: string;
  param?: string;
  replace?: boolean;
}) {
  const { lang } = useLocale();
  const id = useId();
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <div className="dash-select">
      <label htmlFor={id} className="dash-select__label">
        {label}
      </label>
      <select
        id={id}
        className="dash-select__select"
        value={value ?? ''}
        onChange={(event) => {
          const search = searchWith(location.search, { [param]: event.currentTarget.value });
          void navigate({ pathname: location.pathname, search }, { replace, preventScrollReset: true });
        }}
      >
        {value === null ? <option value="" /> : null}
        {regions.map((region) => (
          <option key={region.code} value={region.code}>
            {lang === 'en' ? region.nameEn : region.nameZh}
          </option>
        ))}
      </select>
    </div>
  );
}
