import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { apiSend } from '../../api/client';
import type { Target, TargetUnit, TargetUnitRole } from '../../api/types';
import { useLocale } from '../../i18n/useLocale';
import { ApiErrorText } from '../session/ApiErrorText';
import { isAdmin } from '../session/permissions';
import { useCurrentUser } from '../session/queries';
import { unitQueries } from './queries';
import { UnitRowFields, type UnitRowValue } from './UnitRowFields';

type Row = UnitRowValue;

const rowsOf = (units: readonly TargetUnit[]): Row[] =>
  units.map((u) => ({ unitId: String(u.id), role: u.role, asPrinted: u.asPrinted }));

/** An administrator sets a target's units (PUT /api/targets/:id/units); every page that shows them reloads. */
function useSetTargetUnits(targetId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (units: { unitId: number; role: TargetUnitRole; asPrinted?: string }[]) =>
      apiSend<TargetUnit[]>('PUT', `/api/targets/${targetId}/units`, { units }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/**
 * The form an administrator changes a target's lead and responsible units with: one row per unit,
 * in the order printed, each a unit of the target's region, its role, and the form printed.
 */
export function TargetUnitsEditor({ target, planRegion }: { target: Target; planRegion: string }) {
  const { t } = useLocale();
  const user = useCurrentUser();
  const id = useId();
  const [rows, setRows] = useState<Row[]>(() => rowsOf(target.units));
  const [saved, setSaved] = useState(false);
  const save = useSetTargetUnits(target.id);
  const units = useQuery({ ...unitQueries.list(null), enabled: isAdmin(user) });
  if (!isAdmin(user)) return null;
  const regions = new Set([planRegion, target.region.code]);
  const choices = (units.data ?? []).filter((u) => regions.has(u.regionCode));
  const change = (i: number, changes: Partial<Row>) => {
    setSaved(false);
    setRows((all) => all.map((row, j) => (j === i ? { ...row, ...changes } : row)));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const chosen = rows.filter((row) => row.unitId !== '');
    save.mutate(
      chosen.map((row) => ({
        unitId: Number(row.unitId),
        role: row.role,
        ...(row.asPrinted.trim() ? { asPrinted: row.asPrinted.trim() } : {}),
      })),
      {
        onSuccess: (written) => {
          setRows(rowsOf(written));
          setSaved(true);
        },
      },
    );
  };
  return (
    <form className="form panel target-units-editor" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('units.editor.title')}</h3>
      <p className="field__hint">{t('units.editor.intro')}</p>
      {save.isError ? (
        <p className="notice notice--error" role="alert">
          <ApiErrorText error={save.error} />
        </p>
      ) : saved ? (
        <p className="notice notice--ok" role="status">
          {t('units.editor.saved')}
        </p>
      ) : null}
      {rows.length === 0 ? <p className="muted">{t('units.editor.none')}</p> : null}
      <ol className="target-units-editor__rows">
        {rows.map((row, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved; the position is the order printed
          <li key={i} className="form__grid" data-row={i}>
            <UnitRowFields
              idPrefix={`${id}-${i}`}
              row={row}
              choices={choices}
              label={(field) => t(`units.editor.${field}`)}
              onChange={(changes) => change(i, changes)}
            />
            <p className="form__actions">
              <button
                type="button"
                className="button button--small button--secondary"
                onClick={() => {
                  setSaved(false);
                  setRows((all) => all.filter((_, j) => j !== i));
                }}
              >
                {t('units.editor.remove')}
              </button>
            </p>
          </li>
        ))}
      </ol>
      <p className="form__actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setSaved(false);
            setRows((all) => [...all, { unitId: '', role: 'lead', asPrinted: '' }]);
          }}
        >
          {t('units.editor.add')}
        </button>
        <button type="submit" className="button" disabled={save.isPending}>
          {t('units.editor.save')}
        </button>
      </p>
    </form>
  );
}
