import { explain } from './explain.js';
import { computeFlags } from './flags.js';
import { finite, interpolate, isGeometric, piecewisePath, round, trend } from './series.js';
import type {
  BenchmarkPoint,
  MilestoneVerdict,
  Pace,
  ProgressObservation,
  ProgressResult,
  ProgressTarget,
  Status,
  YearValue,
} from './types.js';

export interface JudgeInput {
  target: ProgressTarget;
  /** The current value of each year for the target's region and indicator. */
  observations: ProgressObservation[];
  /** The benchmark region's series, for `benchmark` targets. */
  benchmark?: BenchmarkPoint[];
  /** Judge as of this year (default: the latest year with a value). */
  asOf?: number | null;
}

/** Tolerance for shares: a published 2.595% rounds to 2.6% (the method's 0.005 points). */
const SHARE_TOLERANCE = 0.005;
/** "50名左右": within 5% of the figure counts as meeting it. */
const ABOUT_TOLERANCE = 0.05;
const WINDOW = 5;

/** +1 when more is better for this target, −1 when less is. The comparator wins over the direction. */
export function sense(target: Pick<ProgressTarget, 'comparator' | 'direction'>): 1 | -1 {
  if (target.comparator === 'at_most') return -1;
  if (target.comparator === 'at_least' || target.comparator === 'exactly') return 1;
  return target.direction === 'down' ? -1 : 1;
}

export function meets(target: ProgressTarget, value: number, goal: number): boolean {
  const s = sense(target);
  const tolerance = target.indicatorKind === 'share' ? SHARE_TOLERANCE : 1e-9 * Math.max(1, Math.abs(goal));
  if (target.comparator === 'about' && Math.abs(value - goal) <= ABOUT_TOLERANCE * Math.abs(goal)) return true;
  return s * (value - goal) >= -tolerance;
}

/** Open SDG's score for a quantitative target (thresholds 0.95 / 0.6 / 0), in −5…+5. */
export function scoreFromOutlook(p: number): number {
  const score = p >= 0.6 ? Math.min(7.1429 * p - 4.2857, 5) : Math.max(4.1667 * p - 2.5, -5);
  return round(score, 2);
}

export function statusFromOutlook(p: number): Status {
  if (p >= 0.95) return 'on_track';
  if (p >= 0.6) return 'accelerate';
  if (p >= 0) return 'limited';
  return 'moving_away';
}

/** Fixed scores for statuses that are not read off an outlook (per-year flows). */
const STATUS_SCORE: Partial<Record<Status, number>> = {
  achieved: 5,
  on_track: 2.5,
  accelerate: 0,
  limited: -2.5,
  moving_away: -5,
  missed: -5,
};

function pace(kind: ProgressTarget['indicatorKind'], from: YearValue, to: YearValue): Pace | null {
  const years = to.year - from.year;
  if (years <= 0) return null;
  let value: number | null;
  let unit: Pace['unit'];
  if (kind === 'share') {
    value = finite((to.value - from.value) / years);
    unit = 'points_per_year';
  } else if (isGeometric(kind, from.value, to.value)) {
    value = finite(((to.value / from.value) ** (1 / years) - 1) * 100);
    unit = 'percent_per_year';
  } else {
    value = finite((to.value - from.value) / years);
    unit = 'units_per_year';
  }
  return value === null ? null : { value: round(value, 2), unit, fromYear: from.year, toYear: to.year };
}

function empty(target: ProgressTarget, observations: ProgressObservation[], benchmark: BenchmarkPoint[]): ProgressResult {
  return {
    status: 'not_assessable',
    score: null,
    asOf: null,
    progressToDate: null,
    progressToDateReason: null,
    outlook: null,
    outlookReason: null,
    confidence: null,
    checkpoint: null,
    base: null,
    requiredPath: [],
    projection: [],
    projectedValue: null,
    paceAchieved: null,
    requiredAnnualPace: null,
    milestones: target.milestones.map((m) => ({ year: m.year, value: m.value, observed: null, status: 'pending' })),
    cumulative: null,
    badges: [],
    flags: [],
    inputs: {
      observations,
      base: null,
      targetValue: target.value,
      milestones: target.milestones,
      benchmark,
      method: '',
    },
    explanation: { zh: '', en: '' },
  };
}

/**
 * Judges one target by the published method: status, progress to date (A), outlook (P), the
 * required path, the projection, paces, flags, and exactly which inputs were used. Never throws and
 * never returns NaN or Infinity.
 */
export function judgeTarget(input: JudgeInput): ProgressResult {
  const { target } = input;
  const benchmarkAll = [...(input.benchmark ?? [])].sort((a, b) => a.year - b.year);
  // One current value per year, in year order; a later duplicate of a year wins (it is newer).
  const byYear = new Map<number, ProgressObservation>();
  for (const o of [...input.observations].sort((a, b) => a.year - b.year)) byYear.set(o.year, o);
  const observations = [...byYear.values()];
  const published = observations.filter((o) => o.value !== null && Number.isFinite(o.value));
  const asOf = input.asOf ?? published.at(-1)?.year ?? null;
  const usable = published.filter((o) => asOf !== null && o.year <= asOf);

  const result = empty(target, observations, benchmarkAll);
  result.asOf = asOf;
  const T = target.targetYear;
  const finish = (r: ProgressResult): ProgressResult => {
    r.flags = computeFlags(target, r, usable);
    r.explanation = explain(target, r);
    return r;
  };

  if (target.valueUnknown || T === null) {
    result.status = 'not_assessable';
    result.outlookReason = 'value_unknown';
    result.inputs.observations = usable;
    return finish(result);
  }

  if (target.type === 'milestone') {
    // A deliverable is recorded as 1 (done) or 0 (not done) in its year.
    result.inputs.method = 'milestone: recorded outcome (1 = done)';
    result.inputs.observations = usable;
    const done = usable.find((o) => (o.value ?? 0) >= 1);
    if (done && done.year <= T) result.status = 'achieved';
    else if (asOf !== null && asOf >= T && usable.some((o) => o.year <= T)) result.status = 'missed';
    else {
      result.status = 'not_assessable';
      result.outlookReason = 'no_recorded_outcome';
    }
    result.score = STATUS_SCORE[result.status] ?? null;
    return finish(result);
  }

  if (usable.length === 0 || asOf === null) {
    result.status = 'no_data';
    result.inputs.observations = [];
    return finish(result);
  }

  // Once the target year has passed, the verdict is frozen at the value of the target year.
  const frozen = asOf >= T;
  let judged = frozen ? usable.filter((o) => o.year <= T) : usable;
  if (judged.length === 0) {
    result.status = 'insufficient_data';
    result.outlookReason = 'no_value_by_target_year';
    result.inputs.observations = usable;
    return finish(result);
  }
  if (target.periodStart !== null && target.type !== 'per_year' && target.type !== 'cumulative') {
    // The year before the period starts is the natural base; older years only inform nothing here.
    const fromYear = target.baseYear ?? target.periodStart - 1;
    const inPeriod = judged.filter((o) => o.year >= fromYear);
    if (inPeriod.length > 0) judged = inPeriod;
    else judged = judged.slice(-1);
  }
  result.inputs.observations = judged;
  const kind = target.indicatorKind;
  const points: YearValue[] = judged.map((o) => ({ year: o.year, value: o.value as number }));
  const latest = points[points.length - 1] as YearValue;

  if (target.type === 'per_year') return finish(judgePerYear(target, result, points, frozen, T));
  if (target.type === 'cumulative') return finish(judgeCumulative(target, result, points, frozen, T));

  // The base: stated by the target, else the year before the period if observed, else the first
  // observed year of the period.
  const first = points[0] as YearValue;
  let base: ProgressResult['base'];
  if (target.baseYear !== null && target.baseValue !== null)
    base = { year: target.baseYear, value: target.baseValue, source: 'target' };
  else if (target.periodStart !== null && first.year === target.periodStart - 1)
    base = { ...first, source: 'observed_before_period' };
  else base = { ...first, source: 'first_observed' };
  result.base = base;
  result.inputs.base = { year: base.year, value: base.value };

  // The goal at the target year, by type.
  let goal: number | null;
  const s = sense(target);
  let benchmarkUsed: BenchmarkPoint[] = [];
  let benchmarkAtTarget: number | null = null;
  if (target.type === 'annual_growth') {
    const g = (target.value ?? 0) / 100;
    // Derived goals are kept to 4 decimals, more than any published figure has, so that floating noise
    // (57.409999999999854) stays out of the API, the tables and the report.
    const derived = base.value > 0 ? finite(base.value * (1 + g) ** (T - base.year)) : null;
    goal = derived === null ? null : round(derived, 4);
    result.inputs.method = `annual_growth: level path base·(1+${round(g * 100, 2)}%)^(t−${base.year})`;
    if (goal === null) {
      result.status = 'insufficient_data';
      result.outlookReason = 'base_not_positive';
      return finish(result);
    }
  } else if (target.type === 'range') {
    goal = s === 1 ? target.valueMin : target.valueMax;
    result.inputs.method = 'range: judged against the weaker bound';
  } else if (target.type === 'benchmark') {
    benchmarkUsed = benchmarkAll.filter((b) => b.year <= (frozen ? T : asOf));
    result.inputs.benchmark = benchmarkUsed;
    const bench = benchmarkUsed.map((b) => ({ year: b.year, value: b.value }));
    const exact = bench.find((b) => b.year === T);
    const benchTrend = trend(kind, bench.slice(-WINDOW));
    const projected = benchTrend ? finite(benchTrend.at(T)) : null;
    benchmarkAtTarget = exact?.value ?? (projected !== null ? round(projected, 4) : (bench.at(-1)?.value ?? null));
    goal = benchmarkAtTarget;
    result.inputs.method = 'benchmark: the benchmark region’s value of the same year';
    if (goal === null) {
      result.status = 'insufficient_data';
      result.outlookReason = 'no_benchmark';
      return finish(result);
    }
  } else {
    goal = target.value;
    result.inputs.method =
      kind === 'share' ? 'share: straight path in percentage points' : 'level: geometric path (straight for small counts)';
  }
  if (goal === null) {
    result.status = 'not_assessable';
    result.outlookReason = 'no_target_value';
    return finish(result);
  }
  result.inputs.targetValue = goal;

  // The required path through the milestones to the target.
  const milestones = target.type === 'annual_growth' || target.type === 'benchmark' ? [] : target.milestones;
  const checkpoints = [
    ...milestones
      .filter((m): m is { year: number; value: number } => m.value !== null && m.year < T)
      .map((m) => ({ year: m.year, value: m.value, kind: 'milestone' as const })),
    { year: T, value: goal, kind: 'target' as const },
  ].sort((a, b) => a.year - b.year);
  if (target.type === 'benchmark') {
    const benchByYear = new Map(benchmarkAll.map((b) => [b.year, b.value]));
    result.requiredPath = [];
    for (let t = Math.min(base.year, target.periodStart ?? base.year); t <= T; t++) {
      const v = benchByYear.get(t);
      if (v !== undefined) result.requiredPath.push({ year: t, value: v });
    }
  } else if (target.type === 'annual_growth') {
    const g = (target.value ?? 0) / 100;
    for (let t = base.year; t <= T; t++)
      result.requiredPath.push({ year: t, value: round(base.value * (1 + g) ** (t - base.year), 6) });
  } else {
    const pathPoints = [{ year: base.year, value: base.value }, ...checkpoints.filter((c) => c.year > base.year)];
    result.requiredPath = piecewisePath(kind, pathPoints);
  }

  // Passed milestones keep their own verdicts.
  result.milestones = target.milestones.map((m): MilestoneVerdict => {
    const observed = points.find((p) => p.year === m.year)?.value ?? null;
    if (m.value === null) return { year: m.year, value: m.value, observed, status: 'not_assessable' };
    if (m.year > asOf) return { year: m.year, value: m.value, observed, status: 'pending' };
    if (observed === null) return { year: m.year, value: m.value, observed, status: 'no_data' };
    return { year: m.year, value: m.value, observed, status: meets(target, observed, m.value) ? 'achieved' : 'missed' };
  });

  // Progress to date, A: how far along the required path the latest value is.
  const requiredNow =
    target.type === 'benchmark'
      ? (benchmarkUsed.find((b) => b.year === latest.year)?.value ?? null)
      : (result.requiredPath.find((p) => p.year === latest.year)?.value ?? null);
  if (s * (goal - base.value) <= 0) result.progressToDateReason = 'target_not_beyond_base';
  else if (requiredNow === null) result.progressToDateReason = 'no_required_value_for_latest_year';
  else if (Math.abs(requiredNow - base.value) < 1e-12) result.progressToDateReason = 'latest_year_is_base_or_target_flat';
  else result.progressToDate = round(finite((latest.value - base.value) / (requiredNow - base.value)) ?? 0, 3);

  // Range: show when the upper bound is passed, without changing the verdict.
  if (target.type === 'range' && target.valueMax !== null && target.valueMin !== null) {
    const upper = s === 1 ? target.valueMax : target.valueMin;
    if (s * (latest.value - upper) > 0) result.badges.push('upper_bound_passed');
  }

  result.paceAchieved = pace(kind, base, latest);

  // Achieved: the latest value meets the target (benchmark: the benchmark of the same year).
  const latestGoal = target.type === 'benchmark' ? (benchmarkUsed.find((b) => b.year === latest.year)?.value ?? null) : goal;
  if (latestGoal !== null && meets(target, latest.value, latestGoal)) {
    result.status = 'achieved';
    result.score = 5;
    result.checkpoint = { year: T, value: goal, kind: 'target' };
    return finish(result);
  }

  if (frozen) {
    result.status = 'missed';
    const d = goal - base.value;
    const actual = s * d > 0 ? (latest.value - base.value) / d : -1;
    result.outlook = round(finite(actual) ?? -1, 3);
    result.outlookReason = 'target_year_passed';
    result.score = scoreFromOutlook(result.outlook);
    result.checkpoint = { year: T, value: goal, kind: 'target' };
    return finish(result);
  }

  if (points.length === 1) {
    result.status = 'insufficient_data';
    result.outlookReason = 'single_observation';
    result.checkpoint = { year: T, value: goal, kind: 'target' };
    result.requiredAnnualPace = pace(kind, latest, { year: T, value: goal });
    return finish(result);
  }

  // The checkpoint judged now: the next milestone the latest value does not yet meet, else the target.
  const checkpoint = checkpoints.find((c) => c.year > asOf && !meets(target, latest.value, c.value)) ?? checkpoints.at(-1);
  if (!checkpoint) return finish(result);
  result.checkpoint = checkpoint;

  const window = points.slice(-WINDOW);
  const own = trend(kind, window);
  if (!own) {
    result.status = 'insufficient_data';
    result.outlookReason = 'no_trend';
    return finish(result);
  }
  result.confidence = window.length <= 3 ? 'low_confidence' : 'normal';
  const projected = finite(own.at(checkpoint.year));
  if (projected === null) {
    result.status = 'insufficient_data';
    result.outlookReason = 'no_trend';
    return finish(result);
  }
  result.projectedValue = round(projected, 6);
  for (let t = latest.year; t <= checkpoint.year; t++) {
    result.projection.push({ year: t, value: t === latest.year ? latest.value : round(own.at(t), 6) });
  }

  // Outlook, P: the share of the way from the base to the checkpoint the projection covers.
  const d = checkpoint.value - base.value;
  const p = s * d > 0 ? (projected - base.value) / d : meets(target, projected, checkpoint.value) ? 1 : -1;
  result.outlook = round(finite(p) ?? 0, 3);
  result.status = statusFromOutlook(result.outlook);
  result.score = scoreFromOutlook(result.outlook);
  result.requiredAnnualPace = pace(kind, latest, { year: checkpoint.year, value: checkpoint.value });
  return finish(result);
}

function judgePerYear(
  target: ProgressTarget,
  result: ProgressResult,
  points: YearValue[],
  frozen: boolean,
  T: number,
): ProgressResult {
  const goal = target.value ?? 0;
  const from = target.periodStart ?? points[0]?.year ?? T;
  const years = points.filter((p) => p.year >= from && p.year <= T);
  result.inputs.method = 'per_year: every year’s flow against the yearly figure';
  result.inputs.targetValue = goal;
  result.checkpoint = { year: T, value: goal, kind: 'target' };
  for (let t = from; t <= T; t++) result.requiredPath.push({ year: t, value: goal });
  if (years.length === 0) {
    result.status = 'no_data';
    return result;
  }
  result.inputs.observations = result.inputs.observations.filter((o) => o.year >= from && o.year <= T);
  const latest = years[years.length - 1] as YearValue;
  const previous = years[years.length - 2];
  const allMet = years.every((p) => meets(target, p.value, goal));
  const fell = previous !== undefined && sense(target) * (latest.value - previous.value) < 0;
  const rising = previous !== undefined && sense(target) * (latest.value - previous.value) > 0;
  const actual = years.reduce((sum, p) => sum + p.value, 0);
  const required = goal * (latest.year - from + 1);
  result.cumulative = { actual: round(actual, 6), required: round(required, 6) };
  result.progressToDate = required !== 0 ? round(finite(actual / required) ?? 0, 3) : null;
  if (result.progressToDate === null) result.progressToDateReason = 'zero_required';
  result.outlookReason = 'per_year_judged_year_by_year';
  result.requiredAnnualPace =
    latest.year < T ? { value: goal, unit: 'units_per_year', fromYear: latest.year + 1, toYear: T } : null;
  result.paceAchieved = {
    value: round(actual / years.length, 2),
    unit: 'units_per_year',
    fromYear: years[0]?.year ?? from,
    toYear: latest.year,
  };
  if (frozen) result.status = allMet ? 'achieved' : 'missed';
  else if (years.length === 1 && !allMet) result.status = 'insufficient_data';
  else if (allMet && !fell) result.status = 'achieved';
  else if (allMet && fell) {
    result.status = 'on_track';
    result.badges.push('per_year_fell');
  } else if (rising) result.status = 'accelerate';
  else result.status = 'moving_away';
  result.score = STATUS_SCORE[result.status] ?? null;
  return result;
}

function judgeCumulative(
  target: ProgressTarget,
  result: ProgressResult,
  points: YearValue[],
  frozen: boolean,
  T: number,
): ProgressResult {
  const goal = target.value ?? 0;
  const from = target.periodStart ?? points[0]?.year ?? T;
  const flows = points.filter((p) => p.year >= from && p.year <= T);
  result.inputs.method = 'cumulative: the sum of yearly flows over the period';
  result.inputs.targetValue = goal;
  result.checkpoint = { year: T, value: goal, kind: 'target' };
  const span = T - from + 1;
  result.base = { year: from - 1, value: 0, source: 'period_start' };
  result.inputs.base = { year: from - 1, value: 0 };
  for (let t = from - 1; t <= T; t++)
    result.requiredPath.push({ year: t, value: round(interpolate('flow', from - 1, 0, T, goal, t), 6) });
  if (flows.length === 0) {
    result.status = 'no_data';
    return result;
  }
  result.inputs.observations = result.inputs.observations.filter((o) => o.year >= from && o.year <= T);
  const latest = flows[flows.length - 1] as YearValue;
  const actual = flows.reduce((sum, p) => sum + p.value, 0);
  const requiredSoFar = (goal * (latest.year - from + 1)) / span;
  result.cumulative = { actual: round(actual, 6), required: round(requiredSoFar, 6) };
  result.progressToDate = requiredSoFar !== 0 ? round(finite(actual / requiredSoFar) ?? 0, 3) : null;
  const meanFlow = flows.slice(-WINDOW).reduce((sum, p) => sum + p.value, 0) / Math.min(flows.length, WINDOW);
  result.paceAchieved = {
    value: round(meanFlow, 2),
    unit: 'units_per_year',
    fromYear: flows[0]?.year ?? from,
    toYear: latest.year,
  };
  const remainingYears = T - latest.year;
  if (meets(target, actual, goal)) {
    result.status = 'achieved';
    result.score = 5;
    return result;
  }
  if (frozen) {
    result.status = 'missed';
    result.outlook = goal !== 0 ? round(finite(actual / goal) ?? 0, 3) : 0;
    result.score = scoreFromOutlook(result.outlook);
    return result;
  }
  result.requiredAnnualPace =
    remainingYears > 0
      ? { value: round((goal - actual) / remainingYears, 2), unit: 'units_per_year', fromYear: latest.year + 1, toYear: T }
      : null;
  if (flows.length === 1) {
    result.status = 'insufficient_data';
    result.outlookReason = 'single_observation';
    return result;
  }
  const projected = actual + meanFlow * remainingYears;
  result.projectedValue = round(projected, 6);
  result.confidence = flows.length <= 3 ? 'low_confidence' : 'normal';
  let running = actual;
  result.projection.push({ year: latest.year, value: round(actual, 6) });
  for (let t = latest.year + 1; t <= T; t++) {
    running += meanFlow;
    result.projection.push({ year: t, value: round(running, 6) });
  }
  const p = goal !== 0 ? projected / goal : projected >= 0 ? 1 : -1;
  result.outlook = round(finite(p) ?? 0, 3);
  result.status = statusFromOutlook(result.outlook);
  result.score = scoreFromOutlook(result.outlook);
  return result;
}
