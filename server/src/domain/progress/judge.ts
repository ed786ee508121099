import { explain, publishedOnlySentence } from './explain.js';
import { computeFlags } from './flags.js';
import { finite, isGeometric, piecewisePath, round, trend } from './series.js';
import type {
  BenchmarkPoint,
  MilestoneVerdict,
  Pace,
  ProgressObservation,
  ProgressResult,
  ProgressTarget,
  SampleFigure,
  Status,
  YearValue,
  YearVerdict,
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

/**
 * Open SDG's score for a quantitative target still open (thresholds 0.95 / 0.6 / 0), in −5…+5: on
 * track 2.5…5, accelerate 0…2.4, limited −2.5…0, moving away −5…−2.5.
 */
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

/**
 * Scores of the statuses not read off an outlook. A missed target scores −5, the floor of every open
 * status, so no missed target ever outranks one still open; a target met late scores 2.5, the floor of
 * on track. Targets judged year by year take the score of their status.
 */
export const STATUS_SCORE: Partial<Record<Status, number>> = {
  achieved: 5,
  met_late: 2.5,
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

function empty(
  target: ProgressTarget,
  observations: ProgressObservation[],
  benchmark: BenchmarkPoint[],
  asOf: number | null,
): ProgressResult {
  return {
    status: 'not_assessable',
    basis: null,
    sampleFigures: [],
    publishedOnly: null,
    score: null,
    asOf,
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
    // A milestone whose year has passed is never "pending": without a figure it has no data. Without
    // any figure at all (no as-of year) nothing says its year is still to come: it has no data either.
    milestones: target.milestones.map((m) => ({
      year: m.year,
      value: m.value,
      observed: null,
      status: m.value === null ? 'not_assessable' : asOf !== null && m.year > asOf ? 'pending' : 'no_data',
    })),
    cumulative: null,
    years: [],
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

/** Every number anywhere in a result, for the guarantee that none is NaN or infinite. */
function allFinite(x: unknown): boolean {
  if (typeof x === 'number') return Number.isFinite(x);
  if (x === null || typeof x !== 'object') return true;
  // Walked in place: this runs over every result, and copying each object's values to an array first
  // was a twentieth of judging a plan.
  if (Array.isArray(x)) {
    for (const v of x) if (!allFinite(v)) return false;
    return true;
  }
  for (const k in x) if (Object.hasOwn(x, k) && !allFinite((x as Record<string, unknown>)[k])) return false;
  return true;
}

/** The sample figures among those a result used, own and benchmark. */
function sampleFiguresOf(r: ProgressResult): SampleFigure[] {
  const own = r.inputs.observations
    .filter((o) => o.isSample && o.value !== null)
    .map((o) => ({ year: o.year, value: o.value as number, series: 'own' as const }));
  const bench = r.inputs.benchmark
    .filter((b) => b.isSample)
    .map((b) => ({ year: b.year, value: b.value, series: 'benchmark' as const }));
  return [...own, ...bench].sort((a, b) => a.year - b.year);
}

/**
 * Judges one target by the published method: status, progress to date (A), outlook (P), the
 * required path, the projection, paces, flags, and exactly which inputs were used. Never throws and
 * never returns NaN or Infinity: figures too large to add up give `not_assessable`.
 *
 * A verdict resting on sample figures says so (`basis`, `sampleFigures`) and carries the verdict on
 * the published figures alone (`publishedOnly`), so a leader never reads an illustration as a fact.
 */
export function judgeTarget(input: JudgeInput): ProgressResult {
  const result = judgeOnce(input);
  if (result.basis !== 'sample') return result;
  const alone = judgeOnce({
    ...input,
    observations: input.observations.filter((o) => !o.isSample),
    benchmark: (input.benchmark ?? []).filter((b) => !b.isSample),
    asOf: result.asOf,
  });
  result.publishedOnly = { status: alone.status, explanation: alone.explanation };
  const tail = publishedOnlySentence(input.target, alone);
  result.explanation = { zh: result.explanation.zh + tail.zh, en: `${result.explanation.en} ${tail.en}` };
  return result;
}

function judgeOnce(input: JudgeInput): ProgressResult {
  const { target } = input;
  const benchmarkAll = [...(input.benchmark ?? [])].filter((b) => Number.isFinite(b.value)).sort((a, b) => a.year - b.year);
  // One current value per year, in year order; a later duplicate of a year wins (it is newer).
  const byYear = new Map<number, ProgressObservation>();
  for (const o of [...input.observations].sort((a, b) => a.year - b.year)) byYear.set(o.year, o);
  const observations = [...byYear.values()];
  const published = observations.filter((o) => o.value !== null && Number.isFinite(o.value));
  const asOf = input.asOf ?? published.at(-1)?.year ?? null;
  const usable = published.filter((o) => asOf !== null && o.year <= asOf);

  const result = empty(target, observations, benchmarkAll, asOf);
  const finish = (r: ProgressResult): ProgressResult => {
    if (!allFinite(r)) return finish(outOfRange(target, usable, benchmarkAll, asOf));
    r.flags = computeFlags(target, r, usable);
    const judgedSomething = r.status !== 'not_assessable' && r.status !== 'no_data';
    r.sampleFigures = judgedSomething ? sampleFiguresOf(r) : [];
    const usedAny = r.inputs.observations.length > 0 || r.inputs.benchmark.length > 0;
    r.basis = !judgedSomething || !usedAny ? null : r.sampleFigures.length > 0 ? 'sample' : 'published';
    r.explanation = explain(target, r);
    return r;
  };
  const T = target.targetYear;

  if (target.valueUnknown || T === null) {
    result.status = 'not_assessable';
    result.outlookReason = 'value_unknown';
    result.inputs.observations = usable;
    return finish(result);
  }

  if (target.type === 'milestone') return finish(judgeDeliverable(result, usable, asOf, T));

  if (usable.length === 0 || asOf === null) {
    result.status = 'no_data';
    result.inputs.observations = [];
    result.inputs.benchmark = [];
    return finish(result);
  }

  if (target.type === 'per_year') return finish(judgePerYear(target, result, usable, asOf, T));
  if (target.type === 'benchmark') return finish(judgeBenchmark(target, result, usable, benchmarkAll, asOf, T));
  if (target.type === 'cumulative') return finish(judgeCumulative(target, result, usable, asOf, T));
  return finish(judgeLevel(target, result, usable, asOf, T));
}

/** Figures so large that sums or paths overflow: said plainly, never passed on as Infinity. */
function outOfRange(
  target: ProgressTarget,
  usable: ProgressObservation[],
  benchmark: BenchmarkPoint[],
  asOf: number | null,
): ProgressResult {
  const safe = { ...target, value: finite(target.value ?? Number.NaN), milestones: [] };
  const r = empty(safe, usable, [], asOf);
  r.inputs.milestones = target.milestones.map((m) => ({ year: m.year, value: m.value === null ? null : finite(m.value) }));
  r.milestones = r.inputs.milestones.map((m) => ({ year: m.year, value: m.value, observed: null, status: 'not_assessable' }));
  r.inputs.benchmark = benchmark.filter((b) => asOf === null || b.year <= asOf);
  r.status = 'not_assessable';
  r.outlookReason = 'figures_out_of_range';
  return r;
}

/**
 * A yes/no deliverable, recorded as 1 (done) or 0 (not done) in a year. Like a quantitative target, it
 * is judged on the record for its year, else on the first record after it: done by its year →
 * achieved; done later → met late; recorded not done at or after its year → missed.
 */
function judgeDeliverable(result: ProgressResult, usable: ProgressObservation[], asOf: number | null, T: number) {
  result.inputs.method = 'milestone: recorded outcome (1 = done)';
  result.inputs.observations = usable;
  const done = (o: ProgressObservation) => (o.value ?? 0) >= 1;
  const decisive = usable.find((o) => o.year >= T);
  if (usable.some((o) => done(o) && o.year <= T)) result.status = 'achieved';
  else if (decisive && done(decisive)) {
    result.status = 'met_late';
    result.outlookReason = 'done_after_target_year';
  } else if (decisive && asOf !== null && asOf >= T) {
    // A later record of "done" after a "not done" at the target year is a late delivery too.
    const later = usable.find((o) => o.year > decisive.year && done(o));
    result.status = later ? 'met_late' : 'missed';
    result.outlookReason = later ? 'done_after_target_year' : 'target_year_passed';
  } else {
    result.status = 'not_assessable';
    result.outlookReason = 'no_recorded_outcome';
  }
  result.score = STATUS_SCORE[result.status] ?? null;
  return result;
}

/** The figures of a series as year → value points. */
const toPoints = (list: ProgressObservation[]): YearValue[] => list.map((o) => ({ year: o.year, value: o.value as number }));

/** level, share, range, annual_growth: the value against a goal at the target year, with milestones. */
function judgeLevel(
  target: ProgressTarget,
  result: ProgressResult,
  usable: ProgressObservation[],
  asOf: number,
  T: number,
): ProgressResult {
  const kind = target.indicatorKind;
  const s = sense(target);
  // Once the target year has passed the verdict is frozen: it rests on the figure for the target year,
  // else on the first figure after it (said so), else on nothing: never on a figure years older.
  const frozen = asOf >= T;
  const upToT = usable.filter((o) => o.year <= T);
  const atT = frozen ? (upToT.find((o) => o.year === T) ?? null) : null;
  const afterT = frozen && !atT ? (usable.find((o) => o.year > T) ?? null) : null;
  const used = frozen ? (afterT ? [...upToT, afterT] : upToT) : usable;
  if (used.length === 0) {
    result.status = 'insufficient_data';
    result.outlookReason = 'no_value_by_target_year';
    result.inputs.observations = [];
    return result;
  }

  // The base comes from the plan period: the year before it starts (or the target's own base year)
  // onwards; older figures describe an earlier policy. The trend takes the last five figures, older
  // ones included when the period has fewer: a trend of two points is worse than one of five.
  const fromYear = target.periodStart !== null ? (target.baseYear ?? target.periodStart - 1) : null;
  const inPeriod = fromYear === null ? used : used.filter((o) => o.year >= fromYear);
  const basePoints = inPeriod.length > 0 ? inPeriod : used.slice(-1);
  const windowObs = used.slice(-WINDOW);
  const usedYears = new Set([...basePoints, ...windowObs].map((o) => o.year));
  result.inputs.observations = used.filter((o) => usedYears.has(o.year));
  const latestObs = used[used.length - 1] as ProgressObservation;
  const latest: YearValue = { year: latestObs.year, value: latestObs.value as number };

  const first = basePoints[0] as ProgressObservation;
  let base: NonNullable<ProgressResult['base']>;
  if (target.baseYear !== null && target.baseValue !== null)
    base = { year: target.baseYear, value: target.baseValue, source: 'target' };
  else if (target.periodStart !== null && first.year === target.periodStart - 1)
    base = { year: first.year, value: first.value as number, source: 'observed_before_period' };
  else base = { year: first.year, value: first.value as number, source: 'first_observed' };
  result.base = base;
  result.inputs.base = { year: base.year, value: base.value };

  // The goal at the target year, by type.
  let goal: number | null;
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
      return result;
    }
  } else if (target.type === 'range') {
    goal = s === 1 ? target.valueMin : target.valueMax;
    result.inputs.method = 'range: judged against the weaker bound';
  } else {
    goal = target.value;
    result.inputs.method =
      kind === 'share' ? 'share: straight path in percentage points' : 'level: geometric path (straight for small counts)';
  }
  if (goal === null) {
    result.status = 'not_assessable';
    result.outlookReason = 'no_target_value';
    return result;
  }
  result.inputs.targetValue = goal;

  // The required path through the milestones to the target.
  const milestones = target.type === 'annual_growth' ? [] : target.milestones;
  const checkpoints = [
    ...milestones
      .filter((m): m is { year: number; value: number } => m.value !== null && m.year < T)
      .map((m) => ({ year: m.year, value: m.value, kind: 'milestone' as const })),
    { year: T, value: goal, kind: 'target' as const },
  ].sort((a, b) => a.year - b.year);
  if (target.type === 'annual_growth') {
    const g = (target.value ?? 0) / 100;
    for (let t = base.year; t <= T; t++)
      result.requiredPath.push({ year: t, value: round(base.value * (1 + g) ** (t - base.year), 6) });
  } else {
    const pathPoints = [{ year: base.year, value: base.value }, ...checkpoints.filter((c) => c.year > base.year)];
    result.requiredPath = piecewisePath(kind, pathPoints);
  }

  // Passed milestones keep their own verdicts.
  result.milestones = target.milestones.map((m): MilestoneVerdict => {
    const observed = usable.find((o) => o.year === m.year)?.value ?? null;
    if (m.value === null) return { year: m.year, value: m.value, observed, status: 'not_assessable' };
    if (m.year > asOf) return { year: m.year, value: m.value, observed, status: 'pending' };
    if (observed === null) return { year: m.year, value: m.value, observed, status: 'no_data' };
    return { year: m.year, value: m.value, observed, status: meets(target, observed, m.value) ? 'achieved' : 'missed' };
  });

  // Progress to date, A: how far along the required path the latest value is.
  const requiredNow = result.requiredPath.find((p) => p.year === latest.year)?.value ?? null;
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
  const targetCheckpoint = { year: T, value: goal, kind: 'target' as const };

  if (frozen) {
    result.checkpoint = targetCheckpoint;
    const decisive = atT ?? afterT;
    const before = upToT.filter((o) => o.year < T).at(-1);
    const metBefore = before !== undefined && meets(target, before.value as number, goal);
    if (!decisive) {
      // Nothing for the target year or after it: met before it stands; otherwise no guess.
      if (meets(target, latest.value, goal)) {
        result.status = 'achieved';
        result.outlookReason = 'met_before_target_year';
      } else {
        result.status = 'insufficient_data';
        result.outlookReason = 'no_value_for_target_year';
      }
      result.score = STATUS_SCORE[result.status] ?? null;
      return result;
    }
    result.outlookReason = decisive === atT ? 'target_year_passed' : 'judged_on_later_figure';
    if (meets(target, decisive.value as number, goal)) {
      result.status = decisive === atT || metBefore ? 'achieved' : 'met_late';
    } else {
      result.status = 'missed';
      // The share of the way from the base that the decisive figure covers, for the record.
      const d = goal - base.value;
      result.outlook = round(finite(s * d > 0 ? ((decisive.value as number) - base.value) / d : -1) ?? -1, 3);
    }
    result.score = STATUS_SCORE[result.status] ?? null;
    return result;
  }

  if (meets(target, latest.value, goal)) {
    result.status = 'achieved';
    result.score = 5;
    result.checkpoint = targetCheckpoint;
    return result;
  }

  const window = toPoints(windowObs);
  if (window.length < 2) {
    result.status = 'insufficient_data';
    result.outlookReason = 'single_observation';
    result.checkpoint = targetCheckpoint;
    result.requiredAnnualPace = pace(kind, latest, { year: T, value: goal });
    return result;
  }
  const own = trend(kind, window);
  if (!own) {
    result.status = 'insufficient_data';
    result.outlookReason = 'no_trend';
    result.checkpoint = targetCheckpoint;
    return result;
  }
  result.confidence = window.length <= 3 ? 'low_confidence' : 'normal';

  // The verdict is the worse of the outlooks toward each checkpoint still ahead that the latest value
  // does not yet meet: the next milestones and the target. Judging toward the next milestone alone
  // would let a figure that just passes a milestone read worse than one just short of it.
  const outlookToward = (c: { year: number; value: number }) => {
    const projected = finite(own.at(c.year));
    if (projected === null) return null;
    const d = c.value - base.value;
    const p = s * d > 0 ? (projected - base.value) / d : meets(target, projected, c.value) ? 1 : -1;
    return { projected, p: round(finite(p) ?? 0, 3) };
  };
  let chosen: { checkpoint: (typeof checkpoints)[number]; projected: number; p: number } | null = null;
  for (const c of checkpoints) {
    if (c.year <= asOf || (c.kind === 'milestone' && meets(target, latest.value, c.value))) continue;
    const o = outlookToward(c);
    if (o === null) continue;
    if (chosen === null || o.p < chosen.p) chosen = { checkpoint: c, ...o };
  }
  if (chosen === null) {
    result.status = 'insufficient_data';
    result.outlookReason = 'no_trend';
    result.checkpoint = targetCheckpoint;
    return result;
  }
  result.checkpoint = chosen.checkpoint;
  result.projectedValue = round(chosen.projected, 6);
  for (let t = latest.year; t <= chosen.checkpoint.year; t++) {
    result.projection.push({ year: t, value: t === latest.year ? latest.value : round(own.at(t), 6) });
  }
  result.outlook = chosen.p;
  result.status = statusFromOutlook(chosen.p);
  result.score = scoreFromOutlook(chosen.p);
  result.requiredAnnualPace = pace(kind, latest, { year: chosen.checkpoint.year, value: chosen.checkpoint.value });
  return result;
}

/**
 * Targets met (or not) every year: each year's figure against that year's goal, and a status from
 * the years judged. Once the target year has passed: achieved only if every year judged met it. Before:
 * met every year and the margin not shrinking → achieved to date; met but the margin shrank → on
 * track (badge `per_year_fell`); not met but the margin growing → accelerate; otherwise moving away.
 */
function judgeYearByYear(target: ProgressTarget, result: ProgressResult, years: YearVerdict[], frozen: boolean) {
  result.years = years;
  result.outlookReason = 'judged_year_by_year';
  const s = sense(target);
  const last = years[years.length - 1] as YearVerdict;
  const previous = years[years.length - 2];
  const margin = (y: YearVerdict) => s * (y.value - y.goal);
  const allMet = years.every((y) => y.met);
  const fell = previous !== undefined && margin(last) < margin(previous);
  const rising = previous !== undefined && margin(last) > margin(previous);
  if (frozen) result.status = allMet ? 'achieved' : 'missed';
  else if (years.length === 1 && !allMet) {
    result.status = 'insufficient_data';
    result.outlookReason = 'single_observation';
  } else if (allMet && !fell) result.status = 'achieved';
  else if (allMet) {
    result.status = 'on_track';
    result.badges.push('per_year_fell');
  } else if (rising) result.status = 'accelerate';
  else result.status = 'moving_away';
  result.score = STATUS_SCORE[result.status] ?? null;
}

function judgePerYear(
  target: ProgressTarget,
  result: ProgressResult,
  usable: ProgressObservation[],
  asOf: number,
  T: number,
): ProgressResult {
  const goal = target.value ?? 0;
  const from = target.periodStart ?? usable[0]?.year ?? T;
  const frozen = asOf >= T;
  const inYears = usable.filter((o) => o.year >= from && o.year <= T);
  result.inputs.method = 'per_year: every year’s flow against the yearly figure';
  result.inputs.targetValue = goal;
  result.inputs.observations = inYears;
  result.checkpoint = { year: T, value: goal, kind: 'target' };
  for (let t = from; t <= T; t++) result.requiredPath.push({ year: t, value: goal });
  if (inYears.length === 0) {
    result.status = 'no_data';
    return result;
  }
  const years = inYears.map((o) => ({
    year: o.year,
    value: o.value as number,
    goal,
    met: meets(target, o.value as number, goal),
    isSample: o.isSample,
  }));
  const latest = years[years.length - 1] as YearVerdict;
  const actual = years.reduce((sum, p) => sum + p.value, 0);
  // The sum required of the years that have a figure: a year not published is unknown, not a shortfall.
  const required = goal * years.length;
  result.cumulative = { actual: round(actual, 6), required: round(required, 6), missingYears: [] };
  result.progressToDate = required !== 0 ? round(finite(actual / required) ?? 0, 3) : null;
  if (result.progressToDate === null) result.progressToDateReason = 'zero_required';
  result.requiredAnnualPace =
    latest.year < T ? { value: goal, unit: 'units_per_year', fromYear: latest.year + 1, toYear: T } : null;
  result.paceAchieved = {
    value: round(actual / years.length, 2),
    unit: 'units_per_year',
    fromYear: years[0]?.year ?? from,
    toYear: latest.year,
  };
  judgeYearByYear(target, result, years, frozen);
  return result;
}

/**
 * "每年达到全省平均水平": every year against the benchmark region's figure of the same year. A year
 * without a benchmark figure is not judged (and not a failure); no benchmark figure after the as-of
 * year is used or drawn.
 */
function judgeBenchmark(
  target: ProgressTarget,
  result: ProgressResult,
  usable: ProgressObservation[],
  benchmarkAll: BenchmarkPoint[],
  asOf: number,
  T: number,
): ProgressResult {
  const frozen = asOf >= T;
  const last = Math.min(asOf, T);
  const from = target.periodStart ?? usable[0]?.year ?? T;
  const own = usable.filter((o) => o.year >= from && o.year <= last);
  const benchInWindow = benchmarkAll.filter((b) => b.year >= from && b.year <= last);
  const benchByYear = new Map(benchInWindow.map((b) => [b.year, b]));
  result.inputs.method = 'benchmark: every year against the benchmark region’s figure of the same year';
  result.requiredPath = benchInWindow.map((b) => ({ year: b.year, value: b.value }));
  const paired = own.filter((o) => benchByYear.has(o.year));
  result.inputs.observations = own;
  result.inputs.benchmark = paired.map((o) => benchByYear.get(o.year) as BenchmarkPoint);
  // No single goal: each year's is that year's benchmark figure (in `years` and `requiredPath`).
  result.inputs.targetValue = null;
  if (own.length === 0) {
    result.status = 'insufficient_data';
    result.outlookReason = 'no_value_in_period';
    return result;
  }
  if (paired.length === 0) {
    result.status = 'insufficient_data';
    result.outlookReason = 'no_benchmark';
    return result;
  }
  const years = paired.map((o) => {
    const b = benchByYear.get(o.year) as BenchmarkPoint;
    return {
      year: o.year,
      value: o.value as number,
      goal: b.value,
      met: meets(target, o.value as number, b.value),
      isSample: o.isSample || b.isSample,
    };
  });
  result.progressToDateReason = 'judged_year_by_year';
  judgeYearByYear(target, result, years, frozen);
  return result;
}

/**
 * The sum of yearly flows over the period. An elapsed year without a published figure is unknown,
 * never zero: it is projected like the years still to come (the mean of the last five published
 * flows), and named. Once the target year has passed, a total that misses only with unknown years in
 * it is not a verdict (`insufficient_data`, `years_missing`).
 */
function judgeCumulative(
  target: ProgressTarget,
  result: ProgressResult,
  usable: ProgressObservation[],
  asOf: number,
  T: number,
): ProgressResult {
  const goal = target.value ?? 0;
  const s = sense(target);
  const from = target.periodStart ?? usable[0]?.year ?? T;
  const frozen = asOf >= T;
  const lastElapsed = Math.min(asOf, T);
  const flows = usable.filter((o) => o.year >= from && o.year <= T);
  const known = new Set(flows.map((o) => o.year));
  const missingYears: number[] = [];
  for (let t = from; t <= lastElapsed; t++) if (!known.has(t)) missingYears.push(t);
  const remaining = Math.max(0, T - lastElapsed);
  result.inputs.method = 'cumulative: the sum of yearly flows over the period';
  result.inputs.targetValue = goal;
  result.inputs.observations = flows;
  result.checkpoint = { year: T, value: goal, kind: 'target' };
  result.base = { year: from - 1, value: 0, source: 'period_start' };
  result.inputs.base = { year: from - 1, value: 0 };
  // The required running total: straight from zero through the interim totals to the target.
  const interim = target.milestones
    .filter((m): m is { year: number; value: number } => m.value !== null && m.year >= from && m.year < T)
    .sort((a, b) => a.year - b.year);
  result.requiredPath = piecewisePath('flow', [{ year: from - 1, value: 0 }, ...interim, { year: T, value: goal }]).map((p) => ({
    year: p.year,
    value: round(p.value, 6),
  }));

  const sumTo = (year: number) => flows.filter((o) => o.year <= year).reduce((sum, o) => sum + (o.value as number), 0);
  // Interim totals are judged once their year has passed: on the full sum, or on a partial sum that
  // already reaches the total (more years can only add, for a total to reach).
  result.milestones = target.milestones.map((m): MilestoneVerdict => {
    if (m.value === null) return { year: m.year, value: m.value, observed: null, status: 'not_assessable' };
    if (m.year > asOf) return { year: m.year, value: m.value, observed: null, status: 'pending' };
    const sum = finite(sumTo(m.year));
    let complete = true;
    for (let t = from; t <= m.year; t++) if (!known.has(t)) complete = false;
    if (sum === null) return { year: m.year, value: m.value, observed: null, status: 'no_data' };
    const metPartial = s === 1 && meets(target, sum, m.value);
    if (complete)
      return {
        year: m.year,
        value: m.value,
        observed: round(sum, 6),
        status: meets(target, sum, m.value) ? 'achieved' : 'missed',
      };
    return {
      year: m.year,
      value: m.value,
      observed: metPartial ? round(sum, 6) : null,
      status: metPartial ? 'achieved' : 'no_data',
    };
  });

  if (flows.length === 0) {
    result.status = 'no_data';
    return result;
  }
  const latest = flows[flows.length - 1] as ProgressObservation;
  const actual = flows.reduce((sum, o) => sum + (o.value as number), 0);
  const span = T - from + 1;
  const requiredSoFar = (goal * flows.length) / span;
  result.cumulative = { actual: round(actual, 6), required: round(requiredSoFar, 6), missingYears };
  result.progressToDate = requiredSoFar !== 0 ? round(finite(actual / requiredSoFar) ?? 0, 3) : null;
  const recent = flows.slice(-WINDOW);
  const meanFlow = recent.reduce((sum, o) => sum + (o.value as number), 0) / recent.length;
  result.paceAchieved = {
    value: round(meanFlow, 2),
    unit: 'units_per_year',
    fromYear: recent[0]?.year ?? from,
    toYear: latest.year,
  };
  const complete = missingYears.length === 0;
  // A total to reach is reached once the published years reach it; a ceiling only once every year is in.
  if (meets(target, actual, goal) && (s === 1 || (frozen && complete))) {
    result.status = 'achieved';
    result.score = 5;
    return result;
  }
  if (frozen && complete) {
    result.status = 'missed';
    result.outlookReason = 'target_year_passed';
    result.outlook = goal !== 0 ? round(finite(s === 1 ? actual / goal : 2 - actual / goal) ?? 0, 3) : 0;
    result.score = STATUS_SCORE.missed ?? null;
    return result;
  }
  const unknownYears = missingYears.length + remaining;
  result.requiredAnnualPace =
    unknownYears > 0
      ? {
          value: round((goal - actual) / unknownYears, 2),
          unit: 'units_per_year',
          fromYear: missingYears[0] ?? lastElapsed + 1,
          toYear: T,
        }
      : null;
  if (flows.length === 1 && !frozen) {
    result.status = 'insufficient_data';
    result.outlookReason = 'single_observation';
    return result;
  }
  const projected = actual + meanFlow * unknownYears;
  result.projectedValue = round(projected, 6);
  result.confidence = flows.length <= 3 ? 'low_confidence' : 'normal';
  // The projected running total, year by year from the last published year (missing years included).
  // Years missing before the last published one count at the mean flow from the start.
  let running = actual + meanFlow * missingYears.filter((t) => t < latest.year).length;
  result.projection.push({ year: latest.year, value: round(running, 6) });
  for (let t = latest.year + 1; t <= T; t++) {
    if (!known.has(t)) running += meanFlow;
    result.projection.push({ year: t, value: round(running, 6) });
  }
  // A ceiling: 1 at the ceiling, 0 at twice it, below 0 beyond.
  const p = goal > 0 ? (s === 1 ? projected / goal : 2 - projected / goal) : meets(target, projected, goal) ? 1 : -1;
  result.outlook = round(finite(p) ?? 0, 3);
  if (frozen) {
    // The period is over but some of its years are unknown: the projection is shown, not a verdict.
    result.status = 'insufficient_data';
    result.outlookReason = 'years_missing';
    return result;
  }
  result.status = statusFromOutlook(result.outlook);
  result.score = scoreFromOutlook(result.outlook);
  if (missingYears.length > 0) result.outlookReason = 'years_missing';
  return result;
}
