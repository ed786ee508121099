/**
 * Everything one target's chart draws, from the API's answer: the series merged by year, the goals,
 * the axes and the sample stretches. Pure; the page passes the result to the components as it is.
 */
import type { MilestoneStatus } from '../../api/types.js';
import {
  type Axis,
  type BandPoint,
  buildTargetRows,
  type ChartedTarget,
  fitsAxisToData,
  type GoalMarker,
  goalMarkers,
  type ObservedSeries,
  observedSeries,
  projectionBand,
  type SeriesObservation,
  sampleSpans,
  type TargetChartRow,
  targetChartValues,
  targetLineValue,
  valueAxis,
  type YearValue,
  yearTicks,
} from './chartData.js';

export interface TargetChartInput {
  target: ChartedTarget;
  result: {
    requiredPath: readonly YearValue[];
    projection: readonly YearValue[];
    confidence: 'normal' | 'low_confidence' | null;
    inputs: { targetValue: number | null };
    milestones: readonly { year: number; status: MilestoneStatus }[];
  };
  observations: readonly SeriesObservation[];
  benchmark: readonly SeriesObservation[];
  asOf: number | null;
  /** the indicator's kind: a share's axis is fitted to the data (fitsAxisToData) */
  indicatorKind?: string | null;
}

export interface TargetChartModel {
  observed: ObservedSeries;
  benchmark: ObservedSeries;
  band: BandPoint[];
  rows: TargetChartRow[];
  markers: GoalMarker[];
  axis: Axis;
  years: { domain: [number, number]; ticks: number[] };
  targetLine: number | null;
  sampleSpans: { from: number; to: number }[];
  /** cumulative targets: the first year whose flow counts (the chart draws running totals) */
  cumulativeFrom: number | null;
  /** nothing to draw: no figure and no path */
  empty: boolean;
}

export function targetChartModel(input: TargetChartInput): TargetChartModel {
  const { target, result, asOf } = input;
  const firstPathYear = result.requiredPath[0]?.year;
  // The engine's cumulative path starts at 0 in the year before the period.
  const cumulativeFrom = target.type === 'cumulative' && firstPathYear !== undefined ? firstPathYear + 1 : null;
  const observed = observedSeries(input.observations, { asOf, cumulativeFrom });
  const benchmark = observedSeries(input.benchmark, { asOf });
  const band = projectionBand(result.projection, result.confidence);
  const rows = buildTargetRows({
    observed,
    // A benchmark target's required path is the benchmark itself, drawn as its own line.
    requiredPath: target.type === 'benchmark' ? [] : result.requiredPath,
    projection: result.projection,
    band,
    benchmark,
  });
  const markers = goalMarkers(target, result);
  const axis = valueAxis(targetChartValues(rows, markers), { fit: fitsAxisToData(input.indicatorKind, target.type) });
  const years = [...rows.map((r) => r.year), ...markers.map((m) => m.year)];
  const from = years.length > 0 ? Math.min(...years) : (target.targetYear ?? 0);
  const to = years.length > 0 ? Math.max(...years) : (target.targetYear ?? 0);
  return {
    observed,
    benchmark,
    band,
    rows,
    markers,
    axis,
    years: { domain: [from, to], ticks: yearTicks(from, to) },
    // A benchmark's goal moves year by year (the benchmark line): one level across the period would say
    // otherwise, so only the goal's own point is marked.
    targetLine: target.type === 'benchmark' ? null : targetLineValue(markers),
    sampleSpans: sampleSpans(observed.points),
    cumulativeFrom,
    empty: observed.points.length === 0 && rows.every((r) => r.required === null && r.benchmark === null),
  };
}
