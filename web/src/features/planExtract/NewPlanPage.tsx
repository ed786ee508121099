import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { ApiError, apiGet, apiSend } from '../../api/client';
import { LangLink } from '../../app/LangLink';
import { useLocale } from '../../i18n/useLocale';
import { planProblemTexts } from '../admin/planUpload';
import type { PlanFileErrorBody, PlanSummary } from '../admin/types';
import { nameOf, referenceQueries } from '../imports/reference';
import { ApiErrorText } from '../session/ApiErrorText';
import { isAdmin } from '../session/permissions';
import { RequireSignIn } from '../session/RequireSignIn';
import {
  COMPARATORS,
  type Decision,
  type Extraction,
  editNewIndicator,
  editRow,
  type Facts,
  factsOf,
  highlightSegments,
  INDICATOR_DIRECTIONS,
  INDICATOR_KINDS,
  type NewIndicatorField,
  PROPOSAL_TYPES,
  planFileOf,
  problemPlace,
  type Row,
  type RowField,
  rowsOf,
  type UnitMatches,
  unitFormsOf,
  usesNewIndicator,
} from './draft';
import '../../styles/write.css';
import './newPlan.css';

/**
 * `/plans/new`: an administrator pastes a plan's text or uploads its document; Jindu proposes its
 * targets (POST /api/plans/extract), shows each clause highlighted in the text, and the
 * administrator accepts, edits or rejects each and fills the plan's facts. Nothing is saved until
 * "Save the plan": then the accepted targets go to POST /api/plans as a plan file, with its checks.
 */
function NewPlan() {
  const { lang, t } = useLocale();
  const id = useId();
  const queryClient = useQueryClient();
  const indicators = useQuery(referenceQueries.indicators());
  const regions = useQuery(referenceQueries.regions());
  const [pasted, setPasted] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [extraction, setExtraction] = useState<Extraction | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [facts, setFacts] = useState<Facts | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);

  const extract = useMutation({
    mutationFn: () => {
      if (file) {
        const form = new FormData();
        form.append('file', file);
        return apiSend<Extraction>('POST', '/api/plans/extract', form);
      }
      return apiSend<Extraction>('POST', '/api/plans/extract', { text: pasted });
    },
    onSuccess: (result) => {
      setExtraction(result);
      setRows(rowsOf(result.proposals));
      setFacts(factsOf(result));
      setSelected(null);
      save.reset();
    },
  });
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => apiSend<PlanSummary>('POST', '/api/plans', body),
    onSuccess: () => queryClient.invalidateQueries(),
  });

  // Which printed units name a unit of the plan's region: those become the targets' units on saving,
  // the others stay in the note, and the page says so before saving.
  const unitForms = useMemo(() => unitFormsOf(rows), [rows]);
  const unitRegion = facts?.regionCode ?? '';
  const unitMatch = useQuery({
    queryKey: ['units', 'match', unitRegion, unitForms] as const,
    queryFn: ({ signal }) =>
      apiGet<{ form: string; unit: { id: number } | null }[]>(
        `/api/units/match?${new URLSearchParams([['region', unitRegion], ...unitForms.map((f) => ['form', f])]).toString()}`,
        { signal },
      ),
    enabled: unitRegion !== '' && unitForms.length > 0,
    staleTime: 5 * 60_000,
  });
  const unitMatches: UnitMatches | null = useMemo(
    () => (unitMatch.data ? new Map(unitMatch.data.map((m) => [m.form, m.unit !== null])) : null),
    [unitMatch.data],
  );
  const unmatchedAccepted = unitMatches
    ? [
        ...new Set(
          rows.filter((r) => r.decision === 'accepted').flatMap((r) => [...r.proposal.leadUnits, ...r.proposal.responsibleUnits]),
        ),
      ].filter((u) => unitMatches.get(u) !== true)
    : [];

  const segments = useMemo(() => (extraction ? highlightSegments(extraction.text, rows) : []), [extraction, rows]);

  const submitText = (event: FormEvent) => {
    event.preventDefault();
    const empty = !file && pasted.trim() === '';
    setMissing(empty);
    if (!empty) extract.mutate();
  };
  const decide = (rowId: string, decision: Decision) => setRows((rs) => rs.map((r) => (r.id === rowId ? { ...r, decision } : r)));
  const edit = (rowId: string, field: RowField, value: string) =>
    setRows((rs) => rs.map((r) => (r.id === rowId ? editRow(r, field, value) : r)));
  const editIndicator = (rowId: string, field: NewIndicatorField, value: string) =>
    setRows((rs) => rs.map((r) => (r.id === rowId ? editNewIndicator(r, field, value) : r)));
  const setFact = (field: keyof Facts, value: string) => setFacts((f) => (f ? { ...f, [field]: value } : f));

  const accepted = rows.filter((r) => r.decision === 'accepted').length;
  const saveError = save.error instanceof ApiError ? save.error : null;
  const problems = saveError
    ? planProblemTexts({ ...saveError, problems: (saveError.body as Partial<PlanFileErrorBody> | undefined)?.problems })
    : undefined;
  const indicatorName = (code: string) => nameOf(indicators.data, code, lang);
  const rowLabel = (r: Row) =>
    `${r.indicator ? indicatorName(r.indicator) : (r.newIndicator?.nameZh ?? r.proposal.key)} ${r.targetYear}`.trim();
  const fieldLabel = (field: string) =>
    field.startsWith('newIndicator.')
      ? t(`planExtract.indicatorFields.${indicatorFieldKey(field.slice('newIndicator.'.length))}`)
      : t(`planExtract.fields.${fieldKey(field)}`);
  const problemLabel = (path: string) => {
    const place = problemPlace(path, rows);
    return place.kind === 'target'
      ? t('planExtract.problemInTarget', { target: rowLabel(place.row), field: fieldLabel(place.field) })
      : fieldLabel(place.field);
  };

  return (
    <div className="page new-plan">
      <title>{t('app.pageTitle', { page: t('planExtract.title') })}</title>
      <div className="page-intro">
        <h1>{t('planExtract.title')}</h1>
        <p className="lede">{t('planExtract.intro')}</p>
      </div>

      <form className="form panel" onSubmit={submitText} noValidate aria-label={t('planExtract.sourceLabel')}>
        <div className="field field--wide">
          <label htmlFor={`${id}-text`}>{t('planExtract.paste')}</label>
          <textarea
            id={`${id}-text`}
            rows={8}
            value={pasted}
            onChange={(e) => {
              setPasted(e.target.value);
              setMissing(false);
            }}
          />
        </div>
        <div className="field field--wide">
          <label htmlFor={`${id}-file`}>{t('planExtract.file')}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".txt,.html,.htm,.docx,.pdf"
            aria-describedby={`${id}-file-hint`}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setMissing(false);
            }}
          />
          <p id={`${id}-file-hint`} className="field__hint">
            {t('planExtract.fileHint')}
          </p>
        </div>
        {missing ? (
          <p className="notice notice--error" role="alert">
            {t('planExtract.missing')}
          </p>
        ) : null}
        {extract.isError ? (
          <p className="notice notice--error" role="alert">
            {extract.error instanceof ApiError && extract.error.code && extract.error.status === 422 ? (
              t(`planExtract.unreadable.${extract.error.code}`, { defaultValue: extract.error.message })
            ) : (
              <ApiErrorText error={extract.error} />
            )}
          </p>
        ) : null}
        <p className="form__actions">
          <button type="submit" className="button" disabled={extract.isPending}>
            {extract.isPending ? t('planExtract.working') : t('planExtract.propose')}
          </button>
        </p>
      </form>

      {extraction && facts ? (
        <>
          <p className="notice notice--info" role="status" data-proposal-count={rows.length}>
            {t('planExtract.found', { count: rows.length })}
          </p>
          <div className="new-plan__columns">
            <section className="panel new-plan__text" aria-label={t('planExtract.textLabel')}>
              <h2>{t('planExtract.textLabel')}</h2>
              <div className="new-plan__document" lang="zh">
                {segments.map((s) =>
                  s.rows.length > 0 ? (
                    <mark
                      key={s.start}
                      className={s.rows.includes(selected ?? '') ? 'is-selected' : undefined}
                      data-rows={s.rows.join(' ')}
                    >
                      {extraction.text.slice(s.start, s.end)}
                    </mark>
                  ) : (
                    <span key={s.start}>{extraction.text.slice(s.start, s.end)}</span>
                  ),
                )}
              </div>
            </section>
            <section className="panel new-plan__proposals" aria-label={t('planExtract.proposalsLabel')}>
              <h2>{t('planExtract.proposalsLabel')}</h2>
              <ol className="new-plan__rows">
                {rows.map((r) => (
                  <ProposalRow
                    key={r.id}
                    row={r}
                    selected={selected === r.id}
                    indicators={indicators.data ?? []}
                    regions={regions.data ?? []}
                    onSelect={() => setSelected(r.id)}
                    onDecide={(d) => decide(r.id, d)}
                    onEdit={(field, value) => edit(r.id, field, value)}
                    onEditIndicator={(field, value) => editIndicator(r.id, field, value)}
                    unitMatches={unitMatches}
                  />
                ))}
              </ol>
            </section>
          </div>

          <form
            className="form panel"
            noValidate
            aria-label={t('planExtract.factsLabel')}
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate(planFileOf(facts, rows, extraction.text, unitMatches ?? new Map()));
            }}
          >
            <h2>{t('planExtract.factsLabel')}</h2>
            <div className="form__grid">
              {(
                [
                  'titleZh',
                  'titleEn',
                  'docNumber',
                  'issuerZh',
                  'issuerEn',
                  'issueDate',
                  'periodStart',
                  'periodEnd',
                  'slug',
                  'sourceFile',
                ] as const
              ).map((field) => (
                <div className="field" key={field}>
                  <label htmlFor={`${id}-${field}`}>{t(`planExtract.fields.${field}`)}</label>
                  <input
                    id={`${id}-${field}`}
                    name={field}
                    value={facts[field]}
                    onChange={(e) => setFact(field, e.target.value)}
                  />
                </div>
              ))}
              <div className="field">
                <label htmlFor={`${id}-region`}>{t('planExtract.fields.regionCode')}</label>
                <select
                  id={`${id}-region`}
                  name="regionCode"
                  value={facts.regionCode}
                  onChange={(e) => setFact('regionCode', e.target.value)}
                >
                  <option value="">—</option>
                  {(regions.data ?? []).map((r) => (
                    <option key={r.code} value={r.code}>
                      {lang === 'en' ? r.nameEn : r.nameZh} ({r.code})
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-kind`}>{t('planExtract.fields.kind')}</label>
                <select id={`${id}-kind`} name="kind" value={facts.kind} onChange={(e) => setFact('kind', e.target.value)}>
                  {(['action_plan', 'implementation_opinion', 'work_plan', 'work_summary'] as const).map((k) => (
                    <option key={k} value={k}>
                      {t(`planExtract.kinds.${k}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-status`}>{t('planExtract.fields.status')}</label>
                <select
                  id={`${id}-status`}
                  name="status"
                  value={facts.status}
                  onChange={(e) => setFact('status', e.target.value)}
                >
                  {(['in_force', 'expired', 'unknown'] as const).map((s) => (
                    <option key={s} value={s}>
                      {t(`planExtract.statuses.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            {problems ? (
              <div className="notice notice--error" role="alert" data-plan-problems="">
                <p>{t('admin.plans.refused', { count: problems.length })}</p>
                <ul className="plan-problems">
                  {problems.map((p) => (
                    <li key={`${p.path} ${p.key.code} ${p.detail}`} data-path={p.path} data-code={p.key.code}>
                      {p.key.group === 'target'
                        ? t(`admin.target.errors.${p.key.code}`, { field: problemLabel(p.path) })
                        : t(`admin.plans.errors.${p.key.code}`, { path: problemLabel(p.path), ...p.values })}
                    </li>
                  ))}
                </ul>
              </div>
            ) : save.isError ? (
              <p className="notice notice--error" role="alert">
                <ApiErrorText error={save.error} />
              </p>
            ) : null}
            {unmatchedAccepted.length > 0 ? (
              <p className="notice notice--warning" role="note" data-unmatched-units={unmatchedAccepted.join('、')}>
                {t('planExtract.unmatchedUnits', { units: unmatchedAccepted.join('、'), count: unmatchedAccepted.length })}
              </p>
            ) : null}
            {save.data ? (
              <p className="notice notice--ok" role="status">
                {t('admin.plans.created', { count: save.data.targetCount })}{' '}
                <LangLink to={`/plans/${save.data.slug}`}>{lang === 'en' ? save.data.titleEn : save.data.titleZh} →</LangLink>
              </p>
            ) : null}
            <p className="form__actions">
              <button type="submit" className="button button--primary" disabled={save.isPending || accepted === 0}>
                {t('planExtract.save', { count: accepted })}
              </button>
            </p>
          </form>
        </>
      ) : null}
    </div>
  );
}

const FIELD_KEYS = [
  'indicator',
  'type',
  'comparator',
  'value',
  'valueMin',
  'valueMax',
  'targetYear',
  'benchmarkRegion',
  'clause',
  'key',
  'baseYear',
  'baseValue',
  'titleZh',
  'titleEn',
  'docNumber',
  'issuerZh',
  'issuerEn',
  'issueDate',
  'periodStart',
  'periodEnd',
  'slug',
  'sourceFile',
  'regionCode',
  'kind',
  'status',
  'sourceText',
  'units',
] as const;
type FieldKey = (typeof FIELD_KEYS)[number] | 'other';

/** The field a problem's path ends in, as a label key: `valueMin` → fields.valueMin. */
function fieldKey(field: string): FieldKey {
  // the first name of the path: up to its first [ or . (a scan, no pattern: paths come from the server)
  let end = 0;
  while (end < field.length && field[end] !== '[' && field[end] !== '.') end++;
  const base = field.slice(0, end);
  return (FIELD_KEYS as readonly string[]).includes(base) ? (base as FieldKey) : 'other';
}

const INDICATOR_FIELD_KEYS = ['code', 'nameZh', 'nameEn', 'unit', 'unitEn', 'kind', 'direction'] as const;
/** A new indicator's field a problem names (`indicators[0].kind` → kind), as a label key. */
function indicatorFieldKey(field: string): (typeof INDICATOR_FIELD_KEYS)[number] | 'other' {
  return (INDICATOR_FIELD_KEYS as readonly string[]).includes(field) ? (field as (typeof INDICATOR_FIELD_KEYS)[number]) : 'other';
}

interface ProposalRowProps {
  row: Row;
  selected: boolean;
  indicators: readonly { code: string; nameZh: string; nameEn: string; unit: string }[];
  regions: readonly { code: string; nameZh: string; nameEn: string }[];
  onSelect: () => void;
  onDecide: (d: Decision) => void;
  onEdit: (field: RowField, value: string) => void;
  onEditIndicator: (field: NewIndicatorField, value: string) => void;
  /** null until the region's units are matched */
  unitMatches: UnitMatches | null;
}

function ProposalRow({
  row,
  selected,
  indicators,
  regions,
  onSelect,
  onDecide,
  onEdit,
  onEditIndicator,
  unitMatches,
}: ProposalRowProps) {
  const { lang, t } = useLocale();
  const id = useId();
  const p = row.proposal;
  const unit = indicators.find((i) => i.code === row.indicator)?.unit ?? row.newIndicator?.unit ?? p.unit;
  const unitList = (forms: readonly string[]) =>
    forms.map((form, i) => (
      <span key={form}>
        {i > 0 ? '、' : ''}
        {unitMatches && unitMatches.get(form) !== true ? (
          <span className="new-plan__unmatched" data-unmatched-unit={form} title={t('planExtract.unmatchedUnit')}>
            {form} ⚠ {t('planExtract.unmatchedUnit')}
          </span>
        ) : (
          form
        )}
      </span>
    ));
  const indicatorInput = (field: 'code' | 'nameZh' | 'nameEn' | 'unit' | 'unitEn', width: number) => (
    <label className="new-plan__cell">
      <span>{t(`planExtract.indicatorFields.${field}`)}</span>
      <input
        name={`newIndicator.${field}`}
        size={width}
        value={row.newIndicator?.[field] ?? ''}
        onChange={(e) => onEditIndicator(field, e.target.value)}
      />
    </label>
  );
  const reasons = p.reasons
    .map((r) => t(`planExtract.reasons.${r.code}`, { detail: r.detail ?? '', defaultValue: r.code }))
    .join(' · ');
  const input = (field: RowField, label: string, width = 7) => (
    <label className="new-plan__cell">
      <span>{label}</span>
      <input name={field} size={width} inputMode="decimal" value={row[field]} onChange={(e) => onEdit(field, e.target.value)} />
    </label>
  );
  return (
    <li
      className={`new-plan__row new-plan__row--${row.decision}${selected ? ' is-selected' : ''}`}
      data-row={row.id}
      data-indicator={row.indicator}
      data-decision={row.decision}
      aria-labelledby={`${id}-clause`}
    >
      <button type="button" className="new-plan__clause" id={`${id}-clause`} lang="zh" onClick={onSelect}>
        {p.clause}
      </button>
      <div className="new-plan__fields">
        <label className="new-plan__cell">
          <span>{t('planExtract.fields.indicator')}</span>
          <select name="indicator" value={row.indicator} onChange={(e) => onEdit('indicator', e.target.value)}>
            {row.indicator === '' ? (
              <option value="">
                {row.newIndicator ? t('planExtract.newIndicator', { name: row.newIndicator.nameZh }) : '—'}
              </option>
            ) : null}
            {indicators.map((i) => (
              <option key={i.code} value={i.code}>
                {lang === 'en' ? i.nameEn : i.nameZh}
              </option>
            ))}
          </select>
        </label>
        <label className="new-plan__cell">
          <span>{t('planExtract.fields.type')}</span>
          <select name="type" value={row.type} onChange={(e) => onEdit('type', e.target.value)}>
            {PROPOSAL_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`planExtract.types.${type}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="new-plan__cell">
          <span>{t('planExtract.fields.comparator')}</span>
          <select name="comparator" value={row.comparator} onChange={(e) => onEdit('comparator', e.target.value)}>
            {COMPARATORS.map((c) => (
              <option key={c} value={c}>
                {t(`planExtract.comparators.${c}`)}
              </option>
            ))}
          </select>
        </label>
        {row.type === 'range' ? (
          <>
            {input('valueMin', t('planExtract.fields.valueMin'))}
            {input('valueMax', t('planExtract.fields.valueMax'))}
          </>
        ) : row.type === 'benchmark' ? (
          <label className="new-plan__cell">
            <span>{t('planExtract.fields.benchmarkRegion')}</span>
            <select
              name="benchmarkRegion"
              value={row.benchmarkRegion}
              onChange={(e) => onEdit('benchmarkRegion', e.target.value)}
            >
              <option value="">—</option>
              {regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {lang === 'en' ? r.nameEn : r.nameZh}
                </option>
              ))}
            </select>
          </label>
        ) : row.type === 'milestone' ? null : (
          input('value', t('planExtract.fields.value'))
        )}
        <span className="new-plan__cell new-plan__unit">
          <span>{t('planExtract.fields.unit')}</span>
          <span>{unit || '—'}</span>
        </span>
        {input('targetYear', t('planExtract.fields.targetYear'), 5)}
      </div>
      {usesNewIndicator(row) ? (
        <fieldset className="new-plan__fields new-plan__new-indicator" data-new-indicator={row.newIndicator.code}>
          <legend>{t('planExtract.newIndicatorLegend')}</legend>
          {indicatorInput('nameZh', 16)}
          {indicatorInput('nameEn', 20)}
          {indicatorInput('unit', 6)}
          {indicatorInput('unitEn', 10)}
          <label className="new-plan__cell">
            <span>{t('planExtract.indicatorFields.kind')}</span>
            <select
              name="newIndicator.kind"
              value={row.newIndicator.kind}
              onChange={(e) => onEditIndicator('kind', e.target.value)}
            >
              {INDICATOR_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`planExtract.indicatorKinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="new-plan__cell">
            <span>{t('planExtract.indicatorFields.direction')}</span>
            <select
              name="newIndicator.direction"
              value={row.newIndicator.direction}
              onChange={(e) => onEditIndicator('direction', e.target.value)}
            >
              {INDICATOR_DIRECTIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`planExtract.directions.${d}`)}
                </option>
              ))}
            </select>
          </label>
          {indicatorInput('code', 14)}
        </fieldset>
      ) : null}
      <p className="new-plan__meta">
        {p.leadUnits.length > 0 ? (
          <span>
            {t('planExtract.leadUnits')}: {unitList(p.leadUnits)}
          </span>
        ) : null}
        {p.responsibleUnits.length > 0 ? (
          <span>
            {t('planExtract.responsibleUnits')}: {unitList(p.responsibleUnits)}
          </span>
        ) : null}
        {p.milestones.length > 0 ? (
          <span>
            {t('planExtract.milestones')}: {p.milestones.map((m) => `${m.year}: ${m.value ?? '—'}`).join('; ')}
          </span>
        ) : null}
        <span title={reasons} data-confidence={p.confidence}>
          {t('planExtract.confidence', { value: Math.round(p.confidence * 100) })}
        </span>
      </p>
      <p className="new-plan__decide">
        <button
          type="button"
          className="button button--small"
          aria-pressed={row.decision === 'accepted'}
          onClick={() => onDecide(row.decision === 'accepted' ? 'proposed' : 'accepted')}
        >
          {t('planExtract.accept')}
        </button>
        <button
          type="button"
          className="button button--small button--secondary"
          aria-pressed={row.decision === 'rejected'}
          onClick={() => onDecide(row.decision === 'rejected' ? 'proposed' : 'rejected')}
        >
          {t('planExtract.reject')}
        </button>
        <span className="new-plan__state">
          {t(`planExtract.decisions.${row.decision}`)}
          {row.edited ? ` · ${t('planExtract.edited')}` : ''}
        </span>
      </p>
    </li>
  );
}

export default function NewPlanPage() {
  return (
    <RequireSignIn allow={isAdmin}>
      <NewPlan />
    </RequireSignIn>
  );
}
