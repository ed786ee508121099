import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { ApiError, apiSend } from '../../api/client';
import type { NewTarget, PlanDetail, RetiredTarget, Target, TargetType } from '../../api/types';
import { LangLink } from '../../app/LangLink';
import { describeTarget } from '../../format/targets';
import { useLocale } from '../../i18n/useLocale';
import { searchWith } from '../dashboard/urlState';
import { referenceQueries } from '../imports/reference';
import { ApiErrorText } from '../session/ApiErrorText';
import { isAdmin } from '../session/permissions';
import { useCurrentUser } from '../session/queries';
import { formatDateTime } from '../session/time';
import { planProblemTexts } from './planUpload';
import '../../styles/write.css';

// A saved plan edited by an administrator (routes/planEdit.ts): its plan file downloaded, a target
// added (checked as a plan file's), a target retired (out of the judged set, still readable).
// Corrections are TargetEditor's (TargetAdmin.tsx).

const TYPES: readonly TargetType[] = [
  'level',
  'share',
  'annual_growth',
  'per_year',
  'cumulative',
  'range',
  'benchmark',
  'milestone',
];
const COMPARATORS = ['at_least', 'at_most', 'about', 'exactly'] as const;

/** Every cached plan, verdict, chart and overview reads the plan again: a target came or went. */
function useAddTarget(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (target: NewTarget) => apiSend<Target>('POST', `/api/plans/${encodeURIComponent(slug)}/targets`, target),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

function useRetireTarget(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => apiSend<Target>('POST', `/api/targets/${id}/retire`, { reason }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

const numberOrNull = (s: string) => (s.trim() === '' ? null : Number(s.trim()));

function AddTargetForm({ plan }: { plan: PlanDetail }) {
  const { lang, t } = useLocale();
  const id = useId();
  const indicators = useQuery(referenceQueries.indicators());
  const add = useAddTarget(plan.slug);
  const [form, setForm] = useState({
    key: '',
    indicator: '',
    type: 'level' as TargetType,
    comparator: 'at_least' as (typeof COMPARATORS)[number],
    value: '',
    valueMin: '',
    valueMax: '',
    targetYear: plan.periodEnd === null ? '' : String(plan.periodEnd),
    clause: '',
    noteZh: '',
    noteEn: '',
  });
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => {
    add.reset();
    setForm({ ...form, [field]: e.target.value });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      {
        key: form.key.trim(),
        indicator: form.indicator,
        type: form.type,
        comparator: form.comparator,
        value: form.type === 'range' ? null : numberOrNull(form.value),
        valueMin: numberOrNull(form.valueMin),
        valueMax: numberOrNull(form.valueMax),
        targetYear: numberOrNull(form.targetYear),
        clause: form.clause.trim(),
        noteZh: form.noteZh.trim() || null,
        noteEn: form.noteEn.trim() || null,
      },
      {
        onSuccess: () => setForm({ ...form, key: '', value: '', valueMin: '', valueMax: '', clause: '', noteZh: '', noteEn: '' }),
      },
    );
  };
  const text = (field: 'key' | 'value' | 'valueMin' | 'valueMax' | 'targetYear' | 'noteZh' | 'noteEn', hint?: string) => (
    <div className="field">
      <label htmlFor={`${id}-${field}`}>{t(`planEdit.add.${field}`)}</label>
      <input
        id={`${id}-${field}`}
        name={field}
        value={form[field]}
        inputMode={field === 'value' || field === 'valueMin' || field === 'valueMax' ? 'decimal' : undefined}
        onChange={set(field)}
        aria-describedby={hint ? `${id}-${field}-hint` : undefined}
      />
      {hint ? (
        <p id={`${id}-${field}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
  return (
    <details className="plan-edit__add">
      <summary>{t('planEdit.add.title')}</summary>
      <form className="form" onSubmit={submit} noValidate data-form="add-target">
        <p className="field__hint">{t('planEdit.add.hint')}</p>
        <div className="form__grid">
          {text('key', t('planEdit.add.keyHint'))}
          <div className="field">
            <label htmlFor={`${id}-indicator`}>{t('planEdit.add.indicator')}</label>
            <select id={`${id}-indicator`} name="indicator" value={form.indicator} onChange={set('indicator')}>
              <option value="" />
              {(indicators.data ?? []).map((i) => (
                <option key={i.code} value={i.code}>
                  {lang === 'en' ? i.nameEn : i.nameZh} ({lang === 'en' ? i.unitEn : i.unit})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-type`}>{t('planEdit.add.type')}</label>
            <select id={`${id}-type`} name="type" value={form.type} onChange={set('type')}>
              {TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`planEdit.types.${type}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-comparator`}>{t('planEdit.add.comparator')}</label>
            <select id={`${id}-comparator`} name="comparator" value={form.comparator} onChange={set('comparator')}>
              {COMPARATORS.map((c) => (
                <option key={c} value={c}>
                  {t(`admin.target.comparator.${c}`)}
                </option>
              ))}
            </select>
          </div>
          {form.type === 'range' ? (
            <>
              {text('valueMin')}
              {text('valueMax')}
            </>
          ) : (
            text('value')
          )}
          {text('targetYear')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-clause`}>{t('planEdit.add.clause')}</label>
          <textarea id={`${id}-clause`} name="clause" rows={3} value={form.clause} onChange={set('clause')} />
        </div>
        <div className="form__grid">
          {text('noteZh')}
          {text('noteEn')}
        </div>
        {add.isError ? (
          <p
            className="notice notice--error"
            role="alert"
            data-field={add.error instanceof ApiError ? add.error.field : undefined}
          >
            <AddTargetError error={add.error} />
          </p>
        ) : null}
        {add.isSuccess ? (
          <p className="notice notice--success" role="status">
            {t('planEdit.add.added')}
          </p>
        ) : null}
        <p className="form__actions">
          <button type="submit" className="button button--primary" disabled={add.isPending}>
            {add.isPending ? t('planEdit.add.working') : t('planEdit.add.submit')}
          </button>
        </p>
      </form>
    </details>
  );
}

/** A refused target in the words of a refused plan file (the same checks), naming the field's label. */
function AddTargetError({ error }: { error: unknown }) {
  const { t } = useLocale();
  const problem = error instanceof ApiError ? planProblemTexts(error)?.[0] : undefined;
  if (!problem || !(error instanceof ApiError) || error.field === undefined) return <ApiErrorText error={error} />;
  const field = (ADD_FIELDS as readonly string[]).includes(problem.path)
    ? t(`planEdit.add.${problem.path as (typeof ADD_FIELDS)[number]}`)
    : problem.path;
  return (
    <>
      {problem.key.group === 'target'
        ? t(`admin.target.errors.${problem.key.code}`, { field })
        : t(`admin.plans.errors.${problem.key.code}`, { path: field })}
      {problem.key.code === 'invalid' ? (
        <>
          {' '}
          <span lang="en" className="notice__detail">
            {problem.detail}
          </span>
        </>
      ) : null}
    </>
  );
}

const ADD_FIELDS = [
  'key',
  'indicator',
  'type',
  'comparator',
  'value',
  'valueMin',
  'valueMax',
  'targetYear',
  'clause',
  'noteZh',
  'noteEn',
] as const;

/** On the plan page, for administrators: the plan file out and in, and a target added. */
export function PlanManage({ plan }: { plan: PlanDetail }) {
  const { t } = useLocale();
  const user = useCurrentUser();
  if (!isAdmin(user)) return null;
  return (
    <section className="panel plan-edit" aria-labelledby="plan-edit-h">
      <h2 id="plan-edit-h">{t('planEdit.manageTitle')}</h2>
      <p className="plan-edit__file">
        <a
          className="button button--secondary"
          href={`/api/plans/${encodeURIComponent(plan.slug)}/file`}
          download={`${plan.slug}.json`}
        >
          {t('planEdit.download')}
        </a>{' '}
        <LangLink to="/admin/plans">{t('planEdit.importLink')}</LangLink>
      </p>
      <p className="field__hint">{t('planEdit.downloadHint')}</p>
      <AddTargetForm plan={plan} />
    </section>
  );
}

/** The plan's retired targets, folded: each readable on its own page, with who retired it and why. */
export function RetiredTargets({ targets }: { targets: readonly RetiredTarget[] }) {
  const { lang, t } = useLocale();
  if (targets.length === 0) return null;
  return (
    <details className="folded-targets retired-targets" data-retired-targets="">
      <summary>
        {t('planEdit.retired.heading')} <span className="folded-targets__count">({targets.length})</span>
      </summary>
      <p className="folded-targets__hint">{t('planEdit.retired.hint')}</p>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('plan.foldedIndicator')}</th>
              <th scope="col">{t('target.target')}</th>
              <th scope="col">{t('planEdit.retired.reason')}</th>
              <th scope="col">{t('planEdit.retired.when')}</th>
            </tr>
          </thead>
          <tbody>
            {targets.map((target) => (
              <tr key={target.id} data-target-id={target.id}>
                <th scope="row">
                  <LangLink to={`/targets/${target.id}${searchWith('', {})}`}>
                    {lang === 'en' ? target.indicator.nameEn : target.indicator.nameZh}
                  </LangLink>{' '}
                  <span className="badge badge--retired">{t('planEdit.retired.badge')}</span>
                </th>
                <td>{describeTarget(target, lang)}</td>
                <td>{target.retired.reason}</td>
                <td>{formatDateTime(target.retired.at, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** On a target's page: 已撤销 with who, when and why; or, for administrators, the form that retires it. */
export function TargetRetirement({ target }: { target: Target | RetiredTarget }) {
  const { lang, t } = useLocale();
  const user = useCurrentUser();
  const id = useId();
  const retire = useRetireTarget(target.id);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  if ('retired' in target && target.retired)
    return (
      <p className="notice notice--warning target-retired" role="note" data-retired="">
        <span className="badge badge--retired">{t('planEdit.retired.badge')}</span>{' '}
        {t('planEdit.retired.banner', {
          when: formatDateTime(target.retired.at, lang),
          who: target.retired.by,
          reason: target.retired.reason,
        })}
      </p>
    );
  if (!isAdmin(user)) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!reason.trim());
    if (!reason.trim()) return;
    retire.mutate(reason.trim());
  };
  return (
    <details className="target-retire">
      <summary>{t('planEdit.retire.title')}</summary>
      <form className="form" onSubmit={submit} noValidate data-form="retire-target">
        <p className="field__hint">{t('planEdit.retire.hint')}</p>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('planEdit.retire.reason')}</label>
          <input id={`${id}-reason`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        </div>
        {missing || retire.isError ? (
          <p className="notice notice--error" role="alert">
            {missing ? t('planEdit.retire.missingReason') : <ApiErrorText error={retire.error} />}
          </p>
        ) : null}
        <p className="form__actions">
          <button type="submit" className="button button--danger" disabled={retire.isPending}>
            {retire.isPending ? t('planEdit.retire.working') : t('planEdit.retire.submit')}
          </button>
        </p>
      </form>
    </details>
  );
}
