// The rules a plan file (seed/plans/*.json, or one an administrator uploads) must satisfy beyond its
// shape: references that exist, keys used once, clauses quoted verbatim from its source document, and
// each target's type-specific rules (./targets.ts). Pure: the caller says which regions and indicators
// exist and gives the document's text. Each problem carries the JSON path of the offending field
// (`targets[3].valueMin`), a stable code the web app translates, and an English message.
//
// A plan file may define indicators the catalogue lacks (`indicators`: a plan names a quantity no
// other plan measured). Each is checked as the indicators table would be, plus: a code the catalogue
// already has must come with the catalogue's own definition (then it is reused, not created), and a
// new indicator's name must not be another's name or alias (an upload would not know which it means).

import { aliasProblem } from './import/lookup.js';
import type { ContextIndicator } from './import/types.js';
import { type TargetCheckInput, type TargetProblemCode, targetProblems } from './targets.js';

/** The indicators table's words (migration 0001, seed/indicators.tsv). */
export const INDICATOR_KINDS = ['stock', 'flow', 'share', 'money'] as const;
export const INDICATOR_DIRECTIONS = ['up', 'down', 'band'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];
/** The indicators table's CHECK on code: snake_case, starting with a letter. */
const INDICATOR_CODE = /^[a-z][a-z0-9_]{0,63}$/;

/** An indicator as a plan file defines it: the columns of `indicators` (seed/indicators.tsv). */
export interface PlanFileIndicator {
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  unitEn: string;
  direction: string;
  kind: string;
  /** optional: a definition that leaves them out is compared without them */
  note?: string | null | undefined;
  plausibleMin?: number | null | undefined;
  plausibleMax?: number | null | undefined;
}

/** A target's lead or responsible unit: the form printed, resolved to a unit of the plan's region. */
export interface PlanFileTargetUnit {
  role: 'lead' | 'responsible';
  unit: string;
}

/** What the checks read of a plan file; the seed's SeedPlan and the upload's body both have it. */
export interface PlanFileInput {
  periodStart: number | null;
  periodEnd: number | null;
  regionCode: string;
  sourceFile: string;
  targets: readonly (Omit<TargetCheckInput, 'milestones'> & {
    key: string;
    indicator: string;
    region?: string | null | undefined;
    clause: string;
    milestones: readonly { year: number; clause: string }[];
    units?: readonly PlanFileTargetUnit[] | undefined;
  })[];
  indicators?: readonly PlanFileIndicator[] | undefined;
}

export interface PlanFileContext {
  regionExists: (code: string) => boolean;
  indicatorExists: (code: string) => boolean;
  /** The source document's text; null when it is not available (its absence is the caller's problem). */
  documentBody: string | null;
  /**
   * The catalogue with its aliases, for the indicators a file defines: a code already there must be
   * defined the same, a new name must be nobody's. Without it a file may define no indicators.
   */
  catalogue?: readonly (ContextIndicator &
    Partial<Pick<PlanFileIndicator, 'direction' | 'note' | 'plausibleMin' | 'plausibleMax'>>)[];
  /**
   * Whether a printed form names a unit of the target's region or the plan's (the rule of PUT
   * /api/targets/:id/units). Without it a file may name no units.
   */
  unitExists?: (regionCodes: readonly string[], form: string) => boolean;
}

export type PlanProblemCode =
  | TargetProblemCode
  | 'period_order'
  | 'unknown_region'
  | 'unknown_indicator'
  | 'duplicate_key'
  | 'clause_not_verbatim'
  | 'invalid_indicator_code'
  | 'unknown_kind'
  | 'unknown_direction'
  | 'duplicate_indicator'
  | 'indicator_differs'
  | 'indicator_name_taken'
  | 'indicator_unused'
  | 'plausible_order'
  | 'unknown_unit'
  | 'duplicate_unit';

export interface PlanProblem {
  /** JSON path in the plan file: `regionCode`, `targets[3].valueMin`, `targets[0].milestones[1].clause` */
  path: string;
  code: PlanProblemCode;
  message: string;
  /** the key of the target the problem is in, for messages that name targets by key (the seed check) */
  targetKey?: string;
  /** the form printed that names no unit (unknown_unit, duplicate_unit), so a message can quote it */
  unit?: string;
}

export function planProblems(plan: PlanFileInput, ctx: PlanFileContext): PlanProblem[] {
  const problems: PlanProblem[] = [];
  if (plan.periodStart !== null && plan.periodEnd !== null && plan.periodStart > plan.periodEnd)
    problems.push({ path: 'periodStart', code: 'period_order', message: 'the period starts after it ends' });
  if (!ctx.regionExists(plan.regionCode))
    problems.push({ path: 'regionCode', code: 'unknown_region', message: `region ${plan.regionCode} does not exist` });

  const defined = new Set<string>();
  problems.push(...indicatorProblems(plan, ctx, defined));

  const keys = new Set<string>();
  plan.targets.forEach((t, i) => {
    const at = (field: string) => `targets[${i}].${field}`;
    const add = (field: string, code: PlanProblemCode, message: string) =>
      problems.push({ path: at(field), code, message, targetKey: t.key });
    if (keys.has(t.key)) add('key', 'duplicate_key', 'key used twice');
    keys.add(t.key);
    if (!ctx.indicatorExists(t.indicator) && !defined.has(t.indicator))
      add('indicator', 'unknown_indicator', `indicator ${t.indicator} does not exist and the file does not define it`);
    if (t.region && !ctx.regionExists(t.region)) add('region', 'unknown_region', `region ${t.region} does not exist`);
    if (t.benchmarkRegion && !ctx.regionExists(t.benchmarkRegion))
      add('benchmarkRegion', 'unknown_region', `benchmark region ${t.benchmarkRegion} does not exist`);
    const body = ctx.documentBody;
    if (body !== null && !body.includes(t.clause))
      add('clause', 'clause_not_verbatim', `clause is not verbatim in ${plan.sourceFile}: "${t.clause}"`);
    t.milestones.forEach((m, j) => {
      if (body !== null && !body.includes(m.clause))
        add(
          `milestones[${j}].clause`,
          'clause_not_verbatim',
          `milestone ${m.year} clause is not verbatim in ${plan.sourceFile}: "${m.clause}"`,
        );
    });
    for (const p of targetProblems(t, plan)) add(p.field, p.code, p.message);
    const regions = [...new Set([t.region ?? plan.regionCode, plan.regionCode])];
    const given = new Set<string>();
    (t.units ?? []).forEach((u, j) => {
      const role = u.role === 'lead' ? 'lead unit (牵头单位)' : 'responsible unit (责任单位)';
      const unitProblem = (code: PlanProblemCode, message: string) =>
        problems.push({ path: at(`units[${j}].unit`), code, message, targetKey: t.key, unit: u.unit });
      // A plan carried from another installation names units this one may not have: refused, not
      // dropped, so that no target silently loses the department that answers for it.
      if (!ctx.unitExists?.(regions, u.unit))
        unitProblem(
          'unknown_unit',
          `the ${role} "${u.unit}" names no unit of region ${regions.join(' or ')} (neither a unit's name nor an alias there)`,
        );
      const once = `${u.role} ${u.unit.trim()}`;
      if (given.has(once)) unitProblem('duplicate_unit', `"${u.unit}" is given twice as ${u.role}`);
      given.add(once);
    });
  });
  return problems;
}

const DEFINITION_FIELDS = ['nameZh', 'nameEn', 'unit', 'unitEn', 'direction', 'kind'] as const;
const OPTIONAL_FIELDS = ['note', 'plausibleMin', 'plausibleMax'] as const;

/** The file's `indicators`; the codes it may use beyond the catalogue's are added to `defined`. */
function indicatorProblems(plan: PlanFileInput, ctx: PlanFileContext, defined: Set<string>): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const list = plan.indicators ?? [];
  const used = new Set(plan.targets.map((t) => t.indicator));
  const catalogue = ctx.catalogue ?? [];
  list.forEach((d, i) => {
    const add = (field: string, code: PlanProblemCode, message: string) =>
      problems.push({ path: `indicators[${i}].${field}`, code, message });
    if (!INDICATOR_CODE.test(d.code)) {
      add('code', 'invalid_indicator_code', 'an indicator code is snake_case: a-z, 0-9 and _, starting with a letter');
      return;
    }
    if (defined.has(d.code)) {
      add('code', 'duplicate_indicator', `indicator ${d.code} is defined twice`);
      return;
    }
    defined.add(d.code);
    if (!(INDICATOR_KINDS as readonly string[]).includes(d.kind))
      add('kind', 'unknown_kind', `kind is one of ${INDICATOR_KINDS.join(', ')}, not "${d.kind}"`);
    if (!(INDICATOR_DIRECTIONS as readonly string[]).includes(d.direction))
      add('direction', 'unknown_direction', `direction is one of ${INDICATOR_DIRECTIONS.join(', ')}, not "${d.direction}"`);
    if (d.plausibleMin != null && d.plausibleMax != null && d.plausibleMin > d.plausibleMax)
      add('plausibleMin', 'plausible_order', 'the plausible minimum is above the maximum');
    if (!used.has(d.code)) add('code', 'indicator_unused', `no target of the plan uses indicator ${d.code}`);
    const existing = catalogue.find((c) => c.code === d.code);
    if (ctx.catalogue === undefined) {
      add('code', 'indicator_differs', 'indicators cannot be defined here');
    } else if (existing) {
      // The same code is the same quantity everywhere: reuse it only when the file means the same one.
      for (const field of DEFINITION_FIELDS)
        if (existing[field] !== d[field])
          add(field, 'indicator_differs', `indicator ${d.code} exists with ${field} "${existing[field]}", not "${d[field]}"`);
      for (const field of OPTIONAL_FIELDS)
        if (d[field] !== undefined && (existing[field] ?? null) !== d[field])
          add(field, 'indicator_differs', `indicator ${d.code} exists with ${field} ${JSON.stringify(existing[field] ?? null)}`);
    } else {
      for (const field of ['nameZh', 'nameEn'] as const) {
        const taken = aliasProblem(catalogue, d.code, d[field]);
        if (taken?.reason === 'taken')
          add(field, 'indicator_name_taken', `"${d[field]}" is already a name of indicator ${taken.by.code}`);
      }
    }
  });
  return problems;
}
