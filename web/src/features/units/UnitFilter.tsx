import { useId } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useLocale } from '../../i18n/useLocale';
import { searchWithUnit, type UnitChoice } from '../plans/targetOrder';

/**
 * The plan page's unit filter: a choice of the units its targets name, kept in the URL (`?unit=12`)
 * like the status filter, so that a filtered view can be shared and Back undoes it.
 */
export function UnitFilter({ units, current }: { units: readonly UnitChoice[]; current: number | null }) {
  const { lang, t } = useLocale();
  const id = useId();
  const location = useLocation();
  const navigate = useNavigate();
  if (units.length === 0) return null;
  return (
    <div className="unit-filter">
      <label htmlFor={id}>{t('units.filter.label')}</label>
      <select
        id={id}
        value={current === null ? '' : String(current)}
        onChange={(event) => {
          const value = event.target.value;
          void navigate(
            { pathname: location.pathname, search: searchWithUnit(location.search, value ? Number(value) : null) },
            { preventScrollReset: true },
          );
        }}
      >
        <option value="">{t('units.filter.all')}</option>
        {units.map((unit) => (
          <option key={unit.id} value={unit.id}>
            {t('units.filter.option', { name: lang === 'en' ? unit.nameEn : unit.nameZh, count: unit.count })}
          </option>
        ))}
      </select>
    </div>
  );
}
