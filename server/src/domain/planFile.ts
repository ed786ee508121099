// The rules a plan file (seed/plans/*.json, or one an administrator uploads) must satisfy beyond its
// shape: references that exist, keys used once, clauses quoted verbatim from its source document, and
// each target's type-specific rules (./targets.ts). Pure: the caller says which regions and indicators
// exist and gives the document's text. Each problem carries the JSON path of the offending field
// (`targets[3].valueMin`), a stable code the web app translates, and an English message.

import { type TargetCheckInput, type TargetProblemCode, targetProblems } from './targets.js';

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
  })[];
}

export interface PlanFileContext {
  regionExists: (code: string) => boolean;
  indicatorExists: (code: string) => boolean;
  /** The source document's text; null when it is not available (its absence is the caller's problem). */
  documentBody: string | null;
}

export type PlanProblemCode =
  | TargetProblemCode
  | 'period_order'
  | 'unknown_region'
  | 'unknown_indicator'
  | 'duplicate_key'
  | 'clause_not_verbatim';

export interface PlanProblem {
  /** JSON path in the plan file: `regionCode`, `targets[3].valueMin`, `targets[0].milestones[1].clause` */
  path: string;
  code: PlanProblemCode;
  message: string;
  /** the key of the target the problem is in, for messages that name targets by key (the seed check) */
  targetKey?: string;
}

export function planProblems(plan: PlanFileInput, ctx: PlanFileContext): PlanProblem[] {
  const problems: PlanProblem[] = [];
  if (plan.periodStart !== null && plan.periodEnd !== null && plan.periodStart > plan.periodEnd)
    problems.push({ path: 'periodStart', code: 'period_order', message: 'the period starts after it ends' });
  if (!ctx.regionExists(plan.regionCode))
    problems.push({ path: 'regionCode', code: 'unknown_region', message: `region ${plan.regionCode} does not exist` });

  const keys = new Set<string>();
  plan.targets.forEach((t, i) => {
    const at = (field: string) => `targets[${i}].${field}`;
    const add = (field: string, code: PlanProblemCode, message: string) =>
      problems.push({ path: at(field), code, message, targetKey: t.key });
    if (keys.has(t.key)) add('key', 'duplicate_key', 'key used twice');
    keys.add(t.key);
    if (!ctx.indicatorExists(t.indicator)) add('indicator', 'unknown_indicator', `indicator ${t.indicator} does not exist`);
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
  });
  return problems;
}
