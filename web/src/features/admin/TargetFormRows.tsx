import { useQuery } from '@tanstack/react-query';
import { useLocale } from '../../i18n/useLocale';
import { unitQueries } from '../units/queries';
import { UnitRowFields } from '../units/UnitRowFields';
import { FIELD_NAMES } from './targetCorrection';
import { emptyMilestone, emptyUnit, type MilestoneRow, splitFieldPath, type UnitRow } from './targetForm';

// The repeatable rows of the plan page's target forms (a target added, a target corrected): its
// interim milestones and its lead and responsible units, and the label of any field the server
// names, rows included ("阶段节点 2 · 年份" for `milestones[1].year`).

// The correctable fields, and those only a new target has.
const FIELD_KEYS = [...FIELD_NAMES, 'key', 'indicator', 'type', 'benchmarkRegion', 'units'] as const;

/** The label of a field path in the reader's language; a path it does not know is shown as written. */
export function useTargetFieldLabel(): (path: string) => string {
  const { t } = useLocale();
  return (path: string) => {
    const split = splitFieldPath(path);
    if (split.group === 'milestones') {
      const part = split.part as 'year' | 'value' | 'clause' | null;
      return part && ['year', 'value', 'clause'].includes(part)
        ? t('planEdit.milestones.rowField', { n: split.row + 1, field: t(`planEdit.milestones.${part}`) })
        : t('planEdit.milestones.row', { n: split.row + 1 });
    }
    if (split.group === 'units') {
      const part =
        split.part === 'unitId' ? 'unit' : split.part === 'role' ? 'role' : split.part === 'asPrinted' ? 'asPrinted' : null;
      return part
        ? t('planEdit.unitRows.rowField', { n: split.row + 1, field: t(`units.editor.${part}`) })
        : t('planEdit.unitRows.row', { n: split.row + 1 });
    }
    return (FIELD_KEYS as readonly string[]).includes(path)
      ? t(`admin.target.fields.${path as (typeof FIELD_KEYS)[number]}`)
      : path;
  };
}

/** Interim milestones: one row each (year, value, clause), added and removed by buttons. */
export function MilestoneRowsEditor({
  id,
  rows,
  onChange,
  invalidPath,
}: {
  id: string;
  rows: readonly MilestoneRow[];
  onChange: (rows: MilestoneRow[]) => void;
  /** the field the last refusal named, to mark its input */
  invalidPath: string | null;
}) {
  const { t } = useLocale();
  const change = (i: number, changes: Partial<MilestoneRow>) =>
    onChange(rows.map((row, j) => (j === i ? { ...row, ...changes } : row)));
  return (
    <fieldset className="form__rows" data-rows="milestones">
      <legend>{t('planEdit.milestones.title')}</legend>
      <p className="field__hint">{t('planEdit.milestones.hint')}</p>
      {rows.length === 0 ? <p className="muted">{t('planEdit.milestones.none')}</p> : null}
      <ol className="form__row-list">
        {rows.map((row, i) => {
          const label = (part: 'year' | 'value' | 'clause') =>
            t('planEdit.milestones.rowField', { n: i + 1, field: t(`planEdit.milestones.${part}`) });
          const input = (part: 'year' | 'value' | 'clause') => `${id}-milestone-${i}-${part}`;
          const invalid = (part: string) => invalidPath === `milestones[${i}].${part}` || undefined;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved; the index is the path the server names
            <li key={i} className="form__grid" data-milestone-row={i}>
              <div className="field">
                <label htmlFor={input('year')}>{label('year')}</label>
                <input
                  id={input('year')}
                  inputMode="numeric"
                  value={row.year}
                  aria-invalid={invalid('year')}
                  onChange={(e) => change(i, { year: e.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor={input('value')}>{label('value')}</label>
                <input
                  id={input('value')}
                  inputMode="decimal"
                  value={row.value}
                  aria-invalid={invalid('value')}
                  onChange={(e) => change(i, { value: e.target.value })}
                />
              </div>
              <div className="field field--wide">
                <label htmlFor={input('clause')}>{label('clause')}</label>
                <textarea
                  id={input('clause')}
                  lang="zh"
                  rows={2}
                  maxLength={2000}
                  value={row.clause}
                  aria-invalid={invalid('clause')}
                  onChange={(e) => change(i, { clause: e.target.value })}
                />
              </div>
              <p className="form__actions">
                <button
                  type="button"
                  className="button button--small button--secondary"
                  aria-label={`${t('planEdit.milestones.remove')} (${t('planEdit.milestones.row', { n: i + 1 })})`}
                  onClick={() => onChange(rows.filter((_, j) => j !== i))}
                >
                  {t('planEdit.milestones.remove')}
                </button>
              </p>
            </li>
          );
        })}
      </ol>
      <p className="form__actions">
        <button type="button" className="button button--secondary" onClick={() => onChange([...rows, emptyMilestone()])}>
          {t('planEdit.milestones.add')}
        </button>
      </p>
    </fieldset>
  );
}

/** Lead and responsible units: one row each, a unit of the given regions, its role and the form printed. */
export function UnitRowsEditor({
  id,
  rows,
  onChange,
  regions,
  invalidPath,
}: {
  id: string;
  rows: readonly UnitRow[];
  onChange: (rows: UnitRow[]) => void;
  regions: readonly string[];
  invalidPath: string | null;
}) {
  const { t } = useLocale();
  const units = useQuery(unitQueries.list(null));
  const choices = (units.data ?? []).filter((u) => regions.includes(u.regionCode));
  const change = (i: number, changes: Partial<UnitRow>) =>
    onChange(rows.map((row, j) => (j === i ? { ...row, ...changes } : row)));
  return (
    <fieldset className="form__rows" data-rows="units">
      <legend>{t('planEdit.unitRows.title')}</legend>
      <p className="field__hint">{t('planEdit.unitRows.hint')}</p>
      {rows.length === 0 ? <p className="muted">{t('units.editor.none')}</p> : null}
      <ol className="form__row-list">
        {rows.map((row, i) => {
          const label = (part: 'unit' | 'role' | 'asPrinted') =>
            t('planEdit.unitRows.rowField', { n: i + 1, field: t(`units.editor.${part}`) });
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved; the position is the order printed
            <li key={i} className="form__grid" data-unit-row={i}>
              <UnitRowFields
                idPrefix={`${id}-${i}`}
                row={row}
                choices={choices}
                label={label}
                unitInvalid={invalidPath === `units[${i}].unitId` || invalidPath === `units[${i}]`}
                onChange={(changes) => change(i, changes)}
              />
              <p className="form__actions">
                <button
                  type="button"
                  className="button button--small button--secondary"
                  aria-label={`${t('units.editor.remove')} (${t('planEdit.unitRows.row', { n: i + 1 })})`}
                  onClick={() => onChange(rows.filter((_, j) => j !== i))}
                >
                  {t('units.editor.remove')}
                </button>
              </p>
            </li>
          );
        })}
      </ol>
      <p className="form__actions">
        <button type="button" className="button button--secondary" onClick={() => onChange([...rows, emptyUnit()])}>
          {t('units.editor.add')}
        </button>
      </p>
    </fieldset>
  );
}
