import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../../api/client';
import { useLocale } from '../../i18n/useLocale';
import { ApiErrorText } from '../session/ApiErrorText';
import { isAdmin } from '../session/permissions';
import { useCurrentUser } from '../session/queries';
import { formatDateTime } from '../session/time';
import { useCorrectTarget } from './mutations';
import { adminQueries } from './queries';
import { MilestoneRowsEditor, useTargetFieldLabel } from './TargetFormRows';
import {
  type CorrectionCode,
  type CorrectionForm,
  correctionChanges,
  correctionError,
  correctionForm,
  type FieldName,
  NOTE_MAX,
  REASON_MAX,
} from './targetCorrection';
import type { CorrectableField, Target } from './types';
import '../../styles/write.css';

const COMPARATORS = ['at_least', 'at_most', 'about', 'exactly'] as const;
const TYPES = ['level', 'share', 'annual_growth', 'per_year', 'cumulative', 'range', 'benchmark', 'milestone'] as const;
/** What an addition's history entry lists, in this order (the plan's slug and the bookkeeping left out). */
const CREATED_FIELDS = [
  'key',
  'indicator',
  'type',
  'comparator',
  'value',
  'valueMin',
  'valueMax',
  'valueUnknown',
  'targetYear',
  'baseYear',
  'baseValue',
  'benchmarkRegion',
  'commitment',
  'milestones',
  'clause',
  'units',
] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function useFieldText() {
  const { t } = useLocale();
  const fieldLabel = useTargetFieldLabel();
  const label = (field: FieldName | string) => fieldLabel(field);
  const value = (field: CorrectableField | string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return t('admin.target.none');
    if (typeof v === 'boolean') return v ? t('admin.target.yes') : t('admin.target.no');
    // Milestones and units are lists of records: each in words ("2020年：120", "市科技局（牵头）").
    if (Array.isArray(v)) {
      if (v.length === 0) return t('admin.target.none');
      return v
        .map((item) => {
          if (!isRecord(item)) return String(item);
          if (field === 'milestones')
            return t('admin.target.milestoneText', {
              year: item.year,
              value: item.value === null ? t('admin.target.none') : item.value,
            });
          if (field === 'units')
            return t('admin.target.unitText', {
              unit: item.asPrinted,
              role: item.role === 'lead' || item.role === 'responsible' ? t(`units.${item.role}`) : String(item.role),
            });
          return JSON.stringify(item);
        })
        .join(t('admin.target.listSeparator'));
    }
    if (field === 'type' && typeof v === 'string' && (TYPES as readonly string[]).includes(v))
      return t(`planEdit.types.${v as (typeof TYPES)[number]}`);
    if (field === 'comparator' && (COMPARATORS as readonly unknown[]).includes(v))
      return t(`admin.target.comparator.${v as (typeof COMPARATORS)[number]}`);
    if (field === 'commitment' && (v === 'binding' || v === 'expected')) return t(`commitment.${v}`);
    return String(v);
  };
  return { label, value };
}

/** "修订记录 / Change history": who changed the target, when, why, each field before → after. */
export function TargetHistory({ target }: { target: Target }) {
  const { lang, t } = useLocale();
  const history = useQuery(adminQueries.targetHistory(target.id));
  const text = useFieldText();
  const entries = history.data ?? [];
  // The count is of changes: a target's addition is its first entry, not a change to it.
  const changes = entries.filter((e) => e.action === 'update').length;
  return (
    <details className="target-history" data-target-history={target.id}>
      <summary>
        {t('admin.target.historyTitle')}
        {changes > 0 ? <span className="comments__count"> {t('admin.target.historyCount', { count: changes })}</span> : null}
      </summary>
      {history.isError ? (
        <p className="notice notice--error">
          <ApiErrorText error={history.error} />
        </p>
      ) : null}
      {history.isSuccess && entries.length === 0 ? <p className="muted">{t('admin.target.historyNone')}</p> : null}
      {entries.length > 0 ? (
        <ol className="target-history__list">
          {entries.map((entry) => {
            const created = entry.action === 'create';
            const fields = created
              ? CREATED_FIELDS.filter((f) => f in entry.after)
              : (Object.keys({ ...entry.before, ...entry.after }) as CorrectableField[]);
            const who = { who: entry.actorDisplayName ?? entry.actor, when: formatDateTime(entry.at, lang) };
            return (
              <li key={entry.id} className="target-history__entry" data-revision={entry.id} data-action={entry.action}>
                <p className="target-history__meta">
                  {created ? t('admin.target.historyCreated', who) : t('admin.target.historyBy', who)}
                </p>
                {created ? null : (
                  <p className="target-history__reason">
                    <span className="label">{t('admin.target.historyReason')}</span>
                    {lang === 'en' ? ': ' : '：'}
                    {entry.reason}
                  </p>
                )}
                <table className="target-history__changes">
                  <thead>
                    <tr>
                      <th scope="col" className="target-history__cell">
                        {t('admin.target.historyField')}
                      </th>
                      <th scope="col" className="target-history__cell">
                        {t('admin.target.historyBefore')}
                      </th>
                      <th scope="col" className="target-history__cell">
                        {t('admin.target.historyAfter')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {fields.map((field) => (
                      <tr key={field} data-field={field}>
                        <th scope="row" className="target-history__cell">
                          {text.label(field)}
                        </th>
                        <td className="target-history__cell">
                          {created ? '' : text.value(field, entry.before[field as CorrectableField])}
                        </td>
                        <td className="target-history__cell">{text.value(field, entry.after[field])}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </li>
            );
          })}
        </ol>
      ) : null}
    </details>
  );
}

function NumberField({
  id,
  field,
  form,
  set,
  invalid,
  inputMode = 'decimal',
}: {
  id: string;
  field: 'value' | 'valueMin' | 'valueMax' | 'targetYear' | 'baseYear' | 'baseValue';
  form: CorrectionForm;
  set: (changes: Partial<CorrectionForm>) => void;
  invalid: boolean;
  inputMode?: 'decimal' | 'numeric';
}) {
  const text = useFieldText();
  return (
    <div className="field">
      <label htmlFor={`${id}-${field}`}>{text.label(field)}</label>
      <input
        id={`${id}-${field}`}
        name={field}
        type="text"
        inputMode={inputMode}
        value={form[field]}
        aria-invalid={invalid || undefined}
        onChange={(e) => set({ [field]: e.target.value })}
      />
    </div>
  );
}

/**
 * "编辑目标 / Edit target": administrators only (the server refuses everyone else regardless). On the
 * target's page, and on the plan page (opened at once, once a target is chosen from the list).
 */
export function TargetEditor({ target, open = false }: { target: Target; open?: boolean }) {
  const { t } = useLocale();
  const user = useCurrentUser();
  const id = useId();
  const correct = useCorrectTarget(target.id);
  const [form, setForm] = useState<CorrectionForm>(() => correctionForm(target));
  const [local, setLocal] = useState<{ code: CorrectionCode; field: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const text = useFieldText();
  if (!isAdmin(user)) return null;

  const set = (changes: Partial<CorrectionForm>) => {
    setSaved(false);
    setForm((f) => ({ ...f, ...changes }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const changes = correctionChanges(target, form);
    if (!changes.ok) {
      setLocal({ code: changes.code, field: changes.field });
      return;
    }
    setLocal(null);
    correct.mutate(changes.correction, {
      onSuccess: (updated) => {
        setForm(correctionForm({ ...target, ...updated }));
        setSaved(true);
      },
    });
  };

  const server = correct.error instanceof ApiError ? correctionError(correct.error) : undefined;
  // The field as the server or the form names it: a milestone's by its row (`milestones[1].year`).
  const problem = local ?? (server ? { code: server.code, field: server.rawField ?? server.field } : null);
  const invalid = (field: FieldName) => problem?.field === field;
  const problemText = problem
    ? t(`admin.target.errors.${problem.code}`, { field: problem.field ? text.label(problem.field) : '' })
    : null;

  return (
    <details className="target-edit" data-target-edit={target.id} open={open || undefined}>
      <summary>{t('admin.target.editTitle')}</summary>
      <p className="field__hint">{t('admin.target.editIntro')}</p>
      <form className="form" onSubmit={submit} noValidate aria-label={t('admin.target.editTitle')}>
        <div className="field field--wide">
          <label htmlFor={`${id}-clause`}>{t('admin.target.clause')}</label>
          <textarea
            id={`${id}-clause`}
            name="clause"
            className="target-edit__clause"
            lang="zh"
            rows={3}
            maxLength={2000}
            value={form.clause}
            aria-invalid={invalid('clause') || undefined}
            onChange={(e) => set({ clause: e.target.value })}
          />
        </div>
        <div className="form__grid">
          {target.type === 'range' ? (
            <>
              <NumberField id={id} field="valueMin" form={form} set={set} invalid={invalid('valueMin')} />
              <NumberField id={id} field="valueMax" form={form} set={set} invalid={invalid('valueMax')} />
            </>
          ) : null}
          {target.type !== 'range' || form.value !== '' ? (
            <NumberField id={id} field="value" form={form} set={set} invalid={invalid('value')} />
          ) : null}
          <NumberField id={id} field="targetYear" form={form} set={set} invalid={invalid('targetYear')} inputMode="numeric" />
          <NumberField id={id} field="baseYear" form={form} set={set} invalid={invalid('baseYear')} inputMode="numeric" />
          <NumberField id={id} field="baseValue" form={form} set={set} invalid={invalid('baseValue')} />
          <div className="field">
            <label htmlFor={`${id}-comparator`}>{text.label('comparator')}</label>
            <select
              id={`${id}-comparator`}
              value={form.comparator}
              onChange={(e) => set({ comparator: e.target.value as CorrectionForm['comparator'] })}
            >
              {COMPARATORS.map((c) => (
                <option key={c} value={c}>
                  {t(`admin.target.comparator.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-commitment`}>{text.label('commitment')}</label>
            <select
              id={`${id}-commitment`}
              value={form.commitment}
              onChange={(e) => set({ commitment: e.target.value as CorrectionForm['commitment'] })}
            >
              <option value="">{t('admin.target.none')}</option>
              <option value="binding">{t('commitment.binding')}</option>
              <option value="expected">{t('commitment.expected')}</option>
            </select>
          </div>
        </div>
        <div className="field field--check">
          <input
            id={`${id}-valueUnknown`}
            type="checkbox"
            checked={form.valueUnknown}
            aria-invalid={invalid('valueUnknown') || undefined}
            onChange={(e) => set({ valueUnknown: e.target.checked })}
          />
          <label htmlFor={`${id}-valueUnknown`}>{text.label('valueUnknown')}</label>
        </div>
        <MilestoneRowsEditor
          id={`${id}-m`}
          rows={form.milestones}
          onChange={(milestones) => set({ milestones })}
          invalidPath={problem?.field ?? null}
        />
        {(['noteZh', 'noteEn'] as const).map((field) => (
          <div className="field field--wide" key={field}>
            <label htmlFor={`${id}-${field}`}>{text.label(field)}</label>
            <textarea
              id={`${id}-${field}`}
              lang={field === 'noteZh' ? 'zh' : 'en'}
              rows={2}
              maxLength={NOTE_MAX}
              value={form[field]}
              aria-invalid={invalid(field) || undefined}
              onChange={(e) => set({ [field]: e.target.value })}
            />
          </div>
        ))}
        <div className="field field--wide">
          <label htmlFor={`${id}-reason`}>{text.label('reason')}</label>
          <input
            id={`${id}-reason`}
            type="text"
            maxLength={REASON_MAX}
            value={form.reason}
            required
            aria-describedby={`${id}-reason-hint`}
            aria-invalid={invalid('reason') || undefined}
            onChange={(e) => set({ reason: e.target.value })}
          />
          <p id={`${id}-reason-hint`} className="field__hint">
            {t('admin.target.reasonHint')}
          </p>
        </div>
        {problemText ? (
          <p className="notice notice--error" role="alert" data-error-field={problem?.field ?? ''}>
            {problemText}
          </p>
        ) : correct.isError ? (
          <p className="notice notice--error" role="alert">
            <ApiErrorText error={correct.error} />
          </p>
        ) : null}
        {saved ? (
          <p className="notice notice--ok" role="status">
            {t('admin.target.saved')}
          </p>
        ) : null}
        <p className="form__actions">
          <button type="submit" className="button button--small" disabled={correct.isPending}>
            {correct.isPending ? t('admin.target.saving') : t('admin.target.submit')}
          </button>
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => {
              setLocal(null);
              correct.reset();
              setForm(correctionForm(target));
            }}
          >
            {t('admin.target.reset')}
          </button>
        </p>
      </form>
    </details>
  );
}
