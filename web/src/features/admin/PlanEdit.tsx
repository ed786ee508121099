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
import { TargetEditor } from './TargetAdmin';
import { MilestoneRowsEditor, UnitRowsEditor, useTargetFieldLabel } from './TargetFormRows';
import { emptyNewTarget, type LocalProblem, type NewTargetForm, newTargetBody } from './targetForm';
import '../../styles/write.css';

// A saved plan edited by an administrator (routes/planEdit.ts): its plan file downloaded, a target
// added (checked as a plan file's: base, benchmark, milestones, units), a target corrected (the
// target page's TargetEditor, TargetAdmin.tsx, opened from a list of the plan's targets), a target
// retired (out of the judged set, still readable).

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

type TextField = 'key' | 'value' | 'valueMin' | 'valueMax' | 'targetYear' | 'baseYear' | 'baseValue' | 'noteZh' | 'noteEn';
const NUMERIC: readonly TextField[] = ['value', 'valueMin', 'valueMax', 'baseValue'];
const YEARS: readonly TextField[] = ['targetYear', 'baseYear'];

function AddTargetForm({ plan }: { plan: PlanDetail }) {
  const { lang, t } = useLocale();
  const id = useId();
  const indicators = useQuery(referenceQueries.indicators());
  const regions = useQuery(referenceQueries.regions());
  const add = useAddTarget(plan.slug);
  const [form, setForm] = useState<NewTargetForm>(() => emptyNewTarget(plan.periodEnd));
  const [local, setLocal] = useState<LocalProblem | null>(null);
  const update = (changes: Partial<NewTargetForm>) => {
    add.reset();
    setLocal(null);
    setForm((f) => ({ ...f, ...changes }));
  };
  const set = (field: keyof NewTargetForm) => (e: { target: { value: string } }) => update({ [field]: e.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const built = newTargetBody(form);
    if (!built.ok) {
      setLocal(built);
      return;
    }
    setLocal(null);
    add.mutate(built.body, {
      onSuccess: () => setForm(emptyNewTarget(plan.periodEnd)),
    });
  };
  const serverField = add.error instanceof ApiError ? (add.error.field ?? null) : null;
  const invalidPath = local?.field ?? serverField;
  const text = (field: TextField, hint?: string) => (
    <div className="field">
      <label htmlFor={`${id}-${field}`}>{t(`planEdit.add.${field}`)}</label>
      <input
        id={`${id}-${field}`}
        name={field}
        value={form[field]}
        inputMode={NUMERIC.includes(field) ? 'decimal' : YEARS.includes(field) ? 'numeric' : undefined}
        onChange={set(field)}
        aria-invalid={invalidPath === field || undefined}
        aria-describedby={hint ? `${id}-${field}-hint` : undefined}
      />
      {hint ? (
        <p id={`${id}-${field}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
  // A benchmark is a national or provincial average: the regions above a city.
  const benchmarkRegions = (regions.data ?? []).filter((r) => r.level === 'country' || r.level === 'province');
  return (
    <details className="plan-edit__add">
      <summary>{t('planEdit.add.title')}</summary>
      <form className="form" onSubmit={submit} noValidate data-form="add-target">
        <p className="field__hint">{t('planEdit.add.hint')}</p>
        <div className="form__grid">
          {text('key', t('planEdit.add.keyHint'))}
          <div className="field">
            <label htmlFor={`${id}-indicator`}>{t('planEdit.add.indicator')}</label>
            <select
              id={`${id}-indicator`}
              name="indicator"
              value={form.indicator}
              aria-invalid={invalidPath === 'indicator' || undefined}
              onChange={set('indicator')}
            >
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
          ) : form.type === 'benchmark' || form.type === 'milestone' ? null : (
            text('value')
          )}
          {form.type === 'benchmark' ? (
            <div className="field">
              <label htmlFor={`${id}-benchmarkRegion`}>{t('planEdit.add.benchmarkRegion')}</label>
              <select
                id={`${id}-benchmarkRegion`}
                name="benchmarkRegion"
                value={form.benchmarkRegion}
                aria-invalid={invalidPath === 'benchmarkRegion' || undefined}
                onChange={set('benchmarkRegion')}
              >
                <option value="">{t('planEdit.add.benchmarkPick')}</option>
                {benchmarkRegions.map((r) => (
                  <option key={r.code} value={r.code}>
                    {lang === 'en' ? r.nameEn : r.nameZh}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {text('targetYear')}
          {text('baseYear')}
          {text('baseValue')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-clause`}>{t('planEdit.add.clause')}</label>
          <textarea
            id={`${id}-clause`}
            name="clause"
            rows={3}
            value={form.clause}
            aria-invalid={invalidPath === 'clause' || undefined}
            onChange={set('clause')}
          />
        </div>
        <MilestoneRowsEditor
          id={`${id}-m`}
          rows={form.milestones}
          onChange={(milestones) => update({ milestones })}
          invalidPath={invalidPath}
        />
        <UnitRowsEditor
          id={`${id}-u`}
          rows={form.units}
          onChange={(units) => update({ units })}
          regions={[plan.region.code]}
          invalidPath={invalidPath}
        />
        <div className="form__grid">
          {text('noteZh')}
          {text('noteEn')}
        </div>
        {local || add.isError ? (
          <p className="notice notice--error" role="alert" data-field={invalidPath ?? undefined}>
            {local ? <LocalProblemText problem={local} /> : <AddTargetError error={add.error} />}
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

/** A problem found before sending (a number that is not one, a unit row with no unit). */
function LocalProblemText({ problem }: { problem: LocalProblem }) {
  const { t } = useLocale();
  const label = useTargetFieldLabel();
  const field = addFieldLabel(problem.field, t, label);
  return (
    <>
      {problem.code === 'unit_required'
        ? t('planEdit.errors.unit_required', { field })
        : t('admin.target.errors.not_a_number', { field })}
    </>
  );
}

/** The add form's own label for its plain fields; rows and the rest as the correction form names them. */
function addFieldLabel(path: string, t: ReturnType<typeof useLocale>['t'], label: (path: string) => string): string {
  return (ADD_FIELDS as readonly string[]).includes(path)
    ? t(`planEdit.add.${path as (typeof ADD_FIELDS)[number]}`)
    : label(path);
}

const UNIT_CODES = ['unit_not_found', 'unit_other_region', 'unit_repeated'] as const;

/** A refused target in the words of a refused plan file (the same checks), naming the field's label. */
function AddTargetError({ error }: { error: unknown }) {
  const { t } = useLocale();
  const label = useTargetFieldLabel();
  const problem = error instanceof ApiError ? planProblemTexts(error)?.[0] : undefined;
  if (!problem || !(error instanceof ApiError) || error.field === undefined) return <ApiErrorText error={error} />;
  const field = addFieldLabel(problem.path, t, label);
  if ((UNIT_CODES as readonly string[]).includes(error.code ?? ''))
    return <>{t(`planEdit.errors.${error.code as (typeof UNIT_CODES)[number]}`, { field })}</>;
  return (
    <>
      {problem.key.group === 'target'
        ? t(`admin.target.errors.${problem.key.code}`, { field })
        : t(`admin.plans.errors.${problem.key.code}`, { path: field, ...problem.values })}
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
  'baseYear',
  'baseValue',
  'benchmarkRegion',
  'clause',
  'noteZh',
  'noteEn',
] as const;

/**
 * One of the plan's targets corrected from the plan page: chosen from a list, then the target
 * page's correction form (TargetAdmin.tsx), so that a correction says and checks the same wherever
 * it is made. Retired targets are not in the list: they are not corrected.
 */
function CorrectTargetForm({ plan }: { plan: PlanDetail }) {
  const { lang, t } = useLocale();
  const id = useId();
  const [chosen, setChosen] = useState('');
  const target = plan.targets.find((x) => String(x.id) === chosen);
  return (
    <details className="plan-edit__correct" data-form="correct-target">
      <summary>{t('planEdit.correct.title')}</summary>
      <p className="field__hint">{t('planEdit.correct.hint')}</p>
      <div className="field">
        <label htmlFor={`${id}-target`}>{t('planEdit.correct.pick')}</label>
        <select id={`${id}-target`} value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">{t('planEdit.correct.choose')}</option>
          {plan.targets.map((x) => (
            <option key={x.id} value={x.id}>
              {lang === 'en' ? x.indicator.nameEn : x.indicator.nameZh} · {describeTarget(x, lang)} ({x.key})
            </option>
          ))}
        </select>
      </div>
      {target ? <TargetEditor key={target.id} target={target} open /> : null}
    </details>
  );
}

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
      <CorrectTargetForm plan={plan} />
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
