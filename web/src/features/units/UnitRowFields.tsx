import type { TargetUnitRole, Unit } from '../../api/types';
import { useLocale } from '../../i18n/useLocale';

/** One row of a target's units as a form edits it: the unit chosen by id, its role, the form printed. */
export interface UnitRowValue {
  unitId: string;
  role: TargetUnitRole;
  asPrinted: string;
}

/**
 * The three fields of one unit row (unit, role, form as printed): the same in the add-target form and
 * in a saved target's units editor, which label and lay out their rows themselves.
 */
export function UnitRowFields({
  idPrefix,
  row,
  choices,
  label,
  unitInvalid,
  onChange,
}: {
  /** Unique per row: the fields' ids are made from it. */
  idPrefix: string;
  row: UnitRowValue;
  choices: readonly Unit[];
  label: (field: 'unit' | 'role' | 'asPrinted') => string;
  /** The server refused this row's unit (the field it named). */
  unitInvalid?: boolean;
  onChange: (changes: Partial<UnitRowValue>) => void;
}) {
  const { lang, t } = useLocale();
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-unit`}>{label('unit')}</label>
        <select
          id={`${idPrefix}-unit`}
          value={row.unitId}
          aria-invalid={unitInvalid || undefined}
          onChange={(e) => onChange({ unitId: e.target.value })}
        >
          <option value="">{t('units.editor.pick')}</option>
          {choices.map((u) => (
            <option key={u.id} value={u.id}>
              {lang === 'en' ? `${u.nameEn} (${u.nameZh})` : u.nameZh}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-role`}>{label('role')}</label>
        <select id={`${idPrefix}-role`} value={row.role} onChange={(e) => onChange({ role: e.target.value as TargetUnitRole })}>
          <option value="lead">{t('units.lead')}</option>
          <option value="responsible">{t('units.responsible')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-printed`}>{label('asPrinted')}</label>
        <input
          id={`${idPrefix}-printed`}
          value={row.asPrinted}
          maxLength={100}
          lang="zh"
          onChange={(e) => onChange({ asPrinted: e.target.value })}
        />
      </div>
    </>
  );
}
