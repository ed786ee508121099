// The rules a target must satisfy, whoever writes it: the seed check (seed/parse.ts, checkSeed), an
// administrator's correction (PATCH /api/targets/:id) and a plan uploaded by an administrator
// (POST /api/plans). Pure: no database, no Fastify. Each problem names the field it is about (as the
// seed file and the API body spell it), a stable code the web app translates, and an English message.

import type { TargetType, TargetValues } from './progress/types.js';

/** What the checks read of a target: its type-specific values, years and milestones. */
export interface TargetCheckInput extends TargetValues {
  type: TargetType;
  benchmarkRegion: string | null;
  milestones: readonly { year: number }[];
}

/** The plan's period, which a target year may not precede. */
export interface PlanPeriod {
  periodStart: number | null;
  periodEnd: number | null;
}

export type TargetProblemCode =
  | 'value_unknown_has_value'
  | 'year_required'
  | 'year_out_of_bounds'
  | 'year_before_period'
  | 'range_order'
  | 'range_bounds_required'
  | 'benchmark_region_required'
  | 'value_required'
  | 'not_a_number'
  | 'base_pair'
  | 'base_after_target'
  | 'milestone_after_target'
  | 'milestone_repeated';

export interface TargetProblem {
  /** the offending field: `value`, `valueMin`, `targetYear`, `milestones[0].year`… */
  field: string;
  code: TargetProblemCode;
  message: string;
}

/** Years a plan may speak of: the schemas' bounds (the People's Republic to the end of the century). */
export const FIRST_YEAR = 1949;
export const LAST_YEAR = 2100;

const VALUE_FIELDS = ['value', 'valueMin', 'valueMax'] as const;
/** Types that carry no single `value`: a range has bounds, a benchmark and a deliverable none. */
const WITHOUT_VALUE: readonly TargetType[] = ['range', 'benchmark', 'milestone'];

/** Every problem of one target, in a stable order (the first is the one a form reports). */
export function targetProblems(t: TargetCheckInput, plan: PlanPeriod): TargetProblem[] {
  const problems: TargetProblem[] = [];
  const add = (field: string, code: TargetProblemCode, message: string) => problems.push({ field, code, message });

  for (const field of [...VALUE_FIELDS, 'baseValue'] as const) {
    const v = t[field];
    if (v !== null && !Number.isFinite(v)) add(field, 'not_a_number', `${field} is not a finite number`);
  }
  for (const field of ['targetYear', 'baseYear'] as const) {
    const y = t[field];
    if (y !== null && (!Number.isInteger(y) || y < FIRST_YEAR || y > LAST_YEAR))
      add(field, 'year_out_of_bounds', `${field} ${y} is not a year between ${FIRST_YEAR} and ${LAST_YEAR}`);
  }

  if (t.valueUnknown) {
    const carried = VALUE_FIELDS.find((f) => t[f] !== null);
    if (carried) add(carried, 'value_unknown_has_value', 'a value-unknown target carries no value');
  } else {
    if (t.targetYear === null) add('targetYear', 'year_required', 'target year is required unless the value is unknown');
    if (t.type === 'range') {
      if (t.valueMin === null) add('valueMin', 'range_bounds_required', 'a range needs valueMin <= valueMax');
      else if (t.valueMax === null) add('valueMax', 'range_bounds_required', 'a range needs valueMin <= valueMax');
      else if (t.valueMin > t.valueMax) add('valueMin', 'range_order', 'a range needs valueMin <= valueMax');
    }
    if (t.type === 'benchmark' && !t.benchmarkRegion)
      add('benchmarkRegion', 'benchmark_region_required', 'a benchmark target needs benchmarkRegion');
    if (!WITHOUT_VALUE.includes(t.type) && t.value === null) add('value', 'value_required', `type ${t.type} needs a value`);
  }

  if (t.targetYear !== null && plan.periodStart !== null && t.targetYear < plan.periodStart)
    add(
      'targetYear',
      'year_before_period',
      `the target year ${t.targetYear} is before the plan's period (from ${plan.periodStart})`,
    );
  if ((t.baseYear === null) !== (t.baseValue === null))
    add(t.baseYear === null ? 'baseYear' : 'baseValue', 'base_pair', 'base year and base value go together');
  if (t.baseYear !== null && t.targetYear !== null && t.baseYear >= t.targetYear)
    add('baseYear', 'base_after_target', `the base year ${t.baseYear} is not before the target year ${t.targetYear}`);
  const milestoneYears = new Set<number>();
  t.milestones.forEach((m, i) => {
    if (t.targetYear !== null && m.year >= t.targetYear)
      add(`milestones[${i}].year`, 'milestone_after_target', `milestone ${m.year} is not before the target year ${t.targetYear}`);
    // One milestone a year (the table's key): a second would be a conflicting reading of the same year.
    if (milestoneYears.has(m.year)) add(`milestones[${i}].year`, 'milestone_repeated', `a second milestone for ${m.year}`);
    milestoneYears.add(m.year);
  });
  return problems;
}
