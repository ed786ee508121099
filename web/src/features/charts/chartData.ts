/**
 * Chart data, shaped. Pure functions, no React and no chart library: the chart components only
 * draw what these return, and the tests check these numbers exactly.
 *
 * One encoding holds on every chart of the dashboard:
 * - the shape of a point says its vintage: ● final, ▲ preliminary (初步核算), ■ revised (a figure that
 *   replaced an earlier one: vintage "revised", or stored more than once);
 * - a hollow point is a sample figure (示例数据), never a published one;
 * - lines differ by dash as well as colour (observed solid, required path dotted, projection dashed).
 */
import {
  BAND_WIDENING,
  type BandPoint,
  type PointMark,
  projectionBand,
  pointMark as sharedPointMark,
  sampleSpans as sharedSampleSpans,
} from '../../../../server/src/reports/chartStyle.js';
import type { MilestoneStatus, TargetType, Vintage } from '../../api/types.js';

export interface YearValue {
  year: number;
  value: number;
}

/** An observation as the API sends it (CurrentObservation), reduced to what a chart needs. */
export interface SeriesObservation {
  year: number;
  value: number | null;
  /** false when printed as "—" or "x": not published, never zero */
  published?: boolean;
  vintage: Vintage;
  isSample: boolean;
  /** every stored version counts, the first included: 2 means revised once */
  revisionCount: number;
  sourceTitle?: string;
  sourceUrl?: string | null;
  /** the sentence the figure was quoted from (a bulletin's) */
  quote?: string | null;
  enteredBy?: string;
}

export type { PointMark };

/** The shape a figure is drawn with: preliminary first (it is not final, revised or not), then revised. */
export function pointMark(o: Pick<SeriesObservation, 'vintage' | 'revisionCount'>): PointMark {
  return sharedPointMark(o);
}

/** A figure on the chart, with what its tooltip and table say about it. */
export interface PlottedPoint {
  year: number;
  value: number;
  mark: PointMark;
  isSample: boolean;
  vintage: Vintage;
  revisionCount: number;
  sourceTitle: string;
  sourceUrl: string | null;
  quote?: string | null;
  /** cumulative targets: the year's own flow, of which `value` is the running total */
  flow?: number;
}

export interface ObservedSeries {
  points: PlottedPoint[];
  /** years whose figure exists but was not published ("—", "x"): shown as such, never as zero */
  unpublished: number[];
}

/**
 * The observed series as drawn: one figure per year (a later entry for the same year wins), up to the
 * as-of year when one is chosen (the chart then shows what was known, as the verdict does). For a
 * cumulative target the engine judges the running total of the yearly flows from the first year of
 * the period, so the chart draws that total (with each year's flow kept for the table); earlier
 * years do not count towards it and are left out.
 */
export function observedSeries(
  observations: readonly SeriesObservation[],
  options: { asOf?: number | null; cumulativeFrom?: number | null } = {},
): ObservedSeries {
  const { asOf = null, cumulativeFrom = null } = options;
  const byYear = new Map<number, SeriesObservation>();
  for (const o of [...observations].sort((a, b) => a.year - b.year)) {
    if (asOf !== null && o.year > asOf) continue;
    if (cumulativeFrom !== null && o.year < cumulativeFrom) continue;
    byYear.set(o.year, o);
  }
  const points: PlottedPoint[] = [];
  const unpublished: number[] = [];
  let running = 0;
  for (const o of byYear.values()) {
    if (o.published === false || o.value === null || !Number.isFinite(o.value)) {
      unpublished.push(o.year);
      continue;
    }
    const base = {
      year: o.year,
      mark: pointMark(o),
      isSample: o.isSample,
      vintage: o.vintage,
      revisionCount: o.revisionCount,
      sourceTitle: o.sourceTitle ?? '',
      sourceUrl: o.sourceUrl ?? null,
      // The seed's quotes carry its curators' notes in English ("table row: …", "(preliminary)"):
      // a quote is shown for figures entered here, each the sentence as its bulletin prints it.
      quote: o.enteredBy === 'seed' ? null : (o.quote ?? null),
    };
    if (cumulativeFrom !== null) {
      running += o.value;
      points.push({ ...base, value: round(running), flow: o.value });
    } else {
      points.push({ ...base, value: o.value });
    }
  }
  return { points, unpublished };
}

/* ---------- The projection's band ---------- */

// The band and its widening are the PDF's too: one definition in the shared chart style.
export { BAND_WIDENING, type BandPoint, projectionBand };

/* ---------- Rows by year ---------- */

export interface TargetChartRow {
  year: number;
  observed: number | null;
  observedPoint: PlottedPoint | null;
  required: number | null;
  projection: number | null;
  /** [low, high]: recharts draws an area between the two */
  band: [number, number] | null;
  benchmark: number | null;
  benchmarkPoint: PlottedPoint | null;
  /** the figure exists but was not published */
  unpublished: boolean;
}

/**
 * Every series merged into one row per year, for every year from the first to the last that any
 * series reaches (a year without a figure stays in, with nulls, so the observed line breaks there
 * instead of bridging the gap).
 */
export function buildTargetRows(input: {
  observed: ObservedSeries;
  requiredPath: readonly YearValue[];
  projection: readonly YearValue[];
  band: readonly BandPoint[];
  benchmark?: ObservedSeries;
}): TargetChartRow[] {
  const observed = new Map(input.observed.points.map((p) => [p.year, p]));
  const required = new Map(input.requiredPath.map((p) => [p.year, p.value]));
  const projection = new Map(input.projection.map((p) => [p.year, p.value]));
  const band = new Map(input.band.map((p) => [p.year, [p.low, p.high] as [number, number]]));
  const benchmark = new Map((input.benchmark?.points ?? []).map((p) => [p.year, p]));
  const unpublished = new Set(input.observed.unpublished);
  const years = [...observed.keys(), ...required.keys(), ...projection.keys(), ...benchmark.keys(), ...unpublished];
  if (years.length === 0) return [];
  const from = Math.min(...years);
  const to = Math.max(...years);
  const rows: TargetChartRow[] = [];
  for (let year = from; year <= to; year++) {
    const point = observed.get(year) ?? null;
    const bench = benchmark.get(year) ?? null;
    rows.push({
      year,
      observed: point?.value ?? null,
      observedPoint: point,
      required: required.get(year) ?? null,
      projection: projection.get(year) ?? null,
      band: band.get(year) ?? null,
      benchmark: bench?.value ?? null,
      benchmarkPoint: bench,
      unpublished: unpublished.has(year),
    });
  }
  return rows;
}

/* ---------- The target and its milestones ---------- */

export type GoalKind = 'target' | 'milestone' | 'range_low' | 'range_high';

export interface GoalMarker {
  kind: GoalKind;
  year: number;
  value: number;
  /** a milestone's own verdict, once its year has been judged */
  status: MilestoneStatus | null;
}

export interface ChartedTarget {
  type: TargetType;
  value: number | null;
  valueMin: number | null;
  valueMax: number | null;
  valueUnknown: boolean;
  targetYear: number | null;
  milestones: readonly { year: number; value: number | null }[];
}

/**
 * The points the chart marks as goals. The target's value is the level the engine judges against
 * (`inputs.targetValue`: for a growth target the level the growth reaches, for a misprint the
 * plausible reading), else the printed value. A range marks both bounds. A benchmark target has no
 * single goal: it is judged every year against the benchmark's figure of that year, and the benchmark's
 * own line is its goal (the engine gives no `targetValue`). A yes/no deliverable and a masked value
 * have none.
 */
export function goalMarkers(
  target: ChartedTarget,
  result: { inputs: { targetValue: number | null }; milestones: readonly { year: number; status: MilestoneStatus }[] } | null,
): GoalMarker[] {
  if (target.valueUnknown || target.targetYear === null) return [];
  if (target.type === 'benchmark') return [];
  if (target.type === 'milestone' && target.value === null) return [];
  const year = target.targetYear;
  const markers: GoalMarker[] = [];
  if (target.type === 'range') {
    if (target.valueMin !== null) markers.push({ kind: 'range_low', year, value: target.valueMin, status: null });
    if (target.valueMax !== null) markers.push({ kind: 'range_high', year, value: target.valueMax, status: null });
  } else {
    const value = result?.inputs.targetValue ?? (target.type === 'annual_growth' ? null : target.value);
    if (value !== null && Number.isFinite(value)) markers.push({ kind: 'target', year, value: round(value), status: null });
  }
  const verdicts = new Map((result?.milestones ?? []).map((m) => [m.year, m.status]));
  for (const m of target.milestones) {
    if (m.value === null || m.year >= year) continue;
    markers.push({ kind: 'milestone', year: m.year, value: m.value, status: verdicts.get(m.year) ?? null });
  }
  return markers.sort((a, b) => a.year - b.year || a.value - b.value);
}

/** The value the horizontal target line is drawn at: the target, or a range's lower bound. */
export function targetLineValue(markers: readonly GoalMarker[]): number | null {
  return (markers.find((m) => m.kind === 'target') ?? markers.find((m) => m.kind === 'range_low'))?.value ?? null;
}

/* ---------- Axes ---------- */

export interface Axis {
  domain: [number, number];
  ticks: number[];
  /** the axis was fitted to the data and does not start at zero: the chart must say so */
  fitted: boolean;
}

/** 1, 2, 2.5 or 5 times a power of ten: the first at or above `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normalised = raw / magnitude;
  const factor = [1, 2, 2.5, 5, 10].find((f) => normalised <= f + 1e-9) ?? 10;
  return round(factor * magnitude);
}

/**
 * Whether a chart's value axis is fitted to its data rather than started at zero: for shares (53.1%
 * against a province's 56.2% is the gap that matters, and from zero it looks flat) and for targets
 * judged against a benchmark region, whose gap is the verdict. Counts, flows and money start at zero.
 */
export function fitsAxisToData(indicatorKind: string | null | undefined, targetType?: string | null): boolean {
  return indicatorKind === 'share' || targetType === 'benchmark';
}

/**
 * The value axis: it spans every value given — the observed figures, the paths, the band, the
 * benchmark, the target and every milestone — so the target line stays on the chart however far the
 * figures are below it. By default it starts at zero whenever nothing is negative (a line that starts
 * at the lowest figure exaggerates change); with `fit` it starts a little below the lowest value, on a
 * round number, and `fitted` says so (unless that round number is zero anyway). It steps by a round
 * number (about five intervals), and keeps headroom above the highest value so a target marker is
 * never drawn on the frame.
 */
export function valueAxis(values: readonly (number | null | undefined)[], options: { fit?: boolean } = {}): Axis {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (finite.length === 0) return { domain: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], fitted: false };
  const min = Math.min(...finite);
  let lo = min;
  let hi = Math.max(...finite);
  if (options.fit && min > 0) {
    // A tenth of the span below the lowest value (a tenth of the value itself when all are equal).
    const span = hi - lo || Math.abs(hi) * 0.5;
    lo = Math.max(0, lo - span * 0.1);
  } else if (lo >= 0) {
    lo = 0;
  }
  if (hi <= 0) hi = 0;
  if (hi === lo) hi = lo + 1;
  const step = niceStep((hi - lo) / 5);
  let domainLo = round(Math.floor(lo / step + 1e-9) * step);
  if (min >= 0 && domainLo < 0) domainLo = 0;
  let domainHi = round(Math.ceil(hi / step - 1e-9) * step);
  if (hi > 0 && domainHi - hi < step * 0.15) domainHi = round(domainHi + step);
  const ticks: number[] = [];
  for (let k = 0; domainLo + k * step <= domainHi + step * 1e-6; k++) ticks.push(round(domainLo + k * step));
  return { domain: [domainLo, domainHi], ticks, fitted: min >= 0 && domainLo > 0 };
}

/** Every year up to twelve years; every second year beyond (ending on the last). */
export function yearTicks(from: number, to: number): number[] {
  if (to < from) return [];
  const step = to - from > 12 ? 2 : 1;
  const ticks: number[] = [];
  for (let year = to; year >= from; year -= step) ticks.unshift(year);
  return ticks;
}

/** The values a target chart must keep on its value axis. */
export function targetChartValues(rows: readonly TargetChartRow[], markers: readonly GoalMarker[]): number[] {
  const values: number[] = [];
  for (const row of rows) {
    for (const v of [row.observed, row.required, row.projection, row.benchmark, row.band?.[0], row.band?.[1]]) {
      if (typeof v === 'number') values.push(v);
    }
  }
  for (const m of markers) values.push(m.value);
  return values;
}

/**
 * The runs of consecutive years drawn from sample figures, so the chart can label each stretch
 * 示例数据 / Sample where it is, not only in the legend (the PDF shades the same; shared chart style).
 */
export function sampleSpans(points: readonly Pick<PlottedPoint, 'year' | 'isSample'>[]): { from: number; to: number }[] {
  return sharedSampleSpans(points);
}

/* ---------- Years without data ---------- */

/** The years from `from` to `to` (inclusive) that have no published figure. */
export function yearsWithoutData(observedYears: readonly number[], from: number, to: number): number[] {
  const have = new Set(observedYears);
  const missing: number[] = [];
  for (let year = from; year <= to; year++) if (!have.has(year)) missing.push(year);
  return missing;
}

/* ---------- Comparisons ---------- */

export interface CompareRow {
  year: number;
  /** by series key: the value drawn, or null */
  values: Record<string, number | null>;
  points: Record<string, PlottedPoint | null>;
}

/**
 * Several observed series side by side, one row per year from the first to the last figure of any
 * of them (missing years stay in as nulls, so no line bridges a gap). Keys are the series' own
 * (region codes, or target ids).
 */
export function buildCompareRows(series: readonly { key: string; points: readonly PlottedPoint[] }[]): CompareRow[] {
  const years = series.flatMap((s) => s.points.map((p) => p.year));
  if (years.length === 0) return [];
  const from = Math.min(...years);
  const to = Math.max(...years);
  const lookup = series.map((s) => ({ key: s.key, byYear: new Map(s.points.map((p) => [p.year, p])) }));
  const rows: CompareRow[] = [];
  for (let year = from; year <= to; year++) {
    const values: Record<string, number | null> = {};
    const points: Record<string, PlottedPoint | null> = {};
    for (const s of lookup) {
      const point = s.byYear.get(year) ?? null;
      values[s.key] = point?.value ?? null;
      points[s.key] = point;
    }
    rows.push({ year, values, points });
  }
  return rows;
}

/** A target drawn on a comparison of regions: a star in its region's colour, at its year and level. */
export interface CompareGoal {
  /** the series key of its region */
  key: string;
  targetId: number;
  kind: GoalKind;
  year: number;
  value: number;
}

/**
 * The compared regions' targets as points on the comparison: each target's level in its target year
 * (the level the engine judges against, `targetValue`; a range's two bounds), for the regions drawn.
 * Targets without a level (a benchmark, a masked value, a deliverable) and milestones are left out.
 */
export function compareGoals(
  targets: readonly { regionCode: string; target: ChartedTarget & { id: number }; targetValue: number | null }[],
  keyOf: (regionCode: string) => string | null,
): CompareGoal[] {
  return targets
    .flatMap(({ regionCode, target, targetValue }) => {
      const key = keyOf(regionCode);
      if (key === null) return [];
      return goalMarkers(target, { inputs: { targetValue }, milestones: [] })
        .filter((m) => m.kind !== 'milestone')
        .map((m) => ({ key, targetId: target.id, kind: m.kind, year: m.year, value: m.value }));
    })
    .sort((a, b) => a.year - b.year || a.targetId - b.targetId || a.value - b.value);
}

/** The chart's own key for a series (recharts reads values by key; region codes start with digits). */
export function seriesKey(prefix: 'region' | 'path', id: string | number): string {
  return `${prefix}_${id}`;
}

export interface PlanPathsRow {
  year: number;
  observed: number | null;
  observedPoint: PlottedPoint | null;
  /** by target id */
  paths: Record<string, number | null>;
}

/**
 * One region's figures and the required paths of several plans' targets on the same indicator, by
 * year: the years of the figures and of every path.
 */
export function buildPlanPathRows(
  observed: ObservedSeries,
  targets: readonly { id: number; requiredPath: readonly YearValue[] }[],
): PlanPathsRow[] {
  const points = new Map(observed.points.map((p) => [p.year, p]));
  const paths = targets.map((t) => ({ id: String(t.id), byYear: new Map(t.requiredPath.map((p) => [p.year, p.value])) }));
  const years = [...points.keys(), ...paths.flatMap((p) => [...p.byYear.keys()])];
  if (years.length === 0) return [];
  const rows: PlanPathsRow[] = [];
  for (let year = Math.min(...years); year <= Math.max(...years); year++) {
    const point = points.get(year) ?? null;
    const byTarget: Record<string, number | null> = {};
    for (const p of paths) byTarget[p.id] = p.byYear.get(year) ?? null;
    rows.push({ year, observed: point?.value ?? null, observedPoint: point, paths: byTarget });
  }
  return rows;
}

/** Rounds away binary noise (0.1 + 0.2) without touching any figure a bulletin prints. */
function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
