import { round } from './series.js';
import type { Flag, ProgressObservation, ProgressResult, ProgressTarget } from './types.js';

/** A year-on-year jump above this factor (or a fall below its inverse... see FALL) is implausible. */
const JUMP = 3;
/** A fall by more than two thirds. */
const FALL = 1 / 3;
/** Consecutive milestones more than this factor apart are almost surely a misprint (16 → 255). */
const MILESTONE_JUMP = 5;
/** A latest value older than this many years before the as-of year is stale. */
const STALE_YEARS = 2;

function plausibleRange(target: ProgressTarget): { min: number; max: number } {
  const shareDefault = target.indicatorKind === 'share';
  return {
    min: target.plausibleMin ?? (shareDefault ? 0 : Number.NEGATIVE_INFINITY),
    max: target.plausibleMax ?? (shareDefault ? 100 : Number.POSITIVE_INFINITY),
  };
}

/** The flags shown beside a status (never instead of it), each with the years or values that raised it. */
export function computeFlags(target: ProgressTarget, result: ProgressResult, usable: ProgressObservation[]): Flag[] {
  const flags: Flag[] = [];
  const range = plausibleRange(target);

  // implausible_target: outside the indicator's plausible range, or a > 5× jump between checkpoints.
  const checkpoints = [
    ...target.milestones.filter((m): m is { year: number; value: number } => m.value !== null),
    ...(target.targetYear !== null && target.value !== null && target.type !== 'annual_growth'
      ? [{ year: target.targetYear, value: target.value }]
      : []),
  ].sort((a, b) => a.year - b.year);
  const outOfRange = checkpoints.filter((c) => c.value > range.max || c.value < range.min);
  const printed = target.valueAsPrinted;
  if (printed !== undefined && printed !== null && target.value !== null && printed !== target.value) {
    // The page renders one figure and the engine judges another: say so, with both.
    const implausible = printed > range.max || printed < range.min;
    flags.push({
      code: 'implausible_target',
      years: target.targetYear === null ? [] : [target.targetYear],
      values: [printed],
      suggestedValue: target.value,
      detail: `the source renders ${printed}${implausible ? ', outside the plausible range of the indicator' : ''}; read as ${target.value} (a damaged glyph stands where the decimal point was)`,
    });
  } else if (outOfRange.length > 0) {
    const worst = outOfRange[outOfRange.length - 1] as { year: number; value: number };
    const tenth = worst.value / 10;
    flags.push({
      code: 'implausible_target',
      years: outOfRange.map((c) => c.year),
      values: outOfRange.map((c) => c.value),
      ...(tenth <= range.max && tenth >= range.min ? { suggestedValue: round(tenth, 4) } : {}),
      detail: `target outside the plausible range ${range.min}–${range.max} of the indicator`,
    });
  } else {
    // Running totals (cumulative targets) start near zero, so large ratios between them are expected.
    for (let i = 1; target.type !== 'cumulative' && i < checkpoints.length; i++) {
      const a = checkpoints[i - 1] as { year: number; value: number };
      const b = checkpoints[i] as { year: number; value: number };
      if (a.value > 0 && b.value > 0 && (b.value / a.value > MILESTONE_JUMP || a.value / b.value > MILESTONE_JUMP)) {
        const tenth = b.value / 10;
        flags.push({
          code: 'implausible_target',
          years: [a.year, b.year],
          values: [a.value, b.value],
          ...(tenth / a.value <= MILESTONE_JUMP && a.value / tenth <= MILESTONE_JUMP ? { suggestedValue: round(tenth, 4) } : {}),
          detail: `a jump of ${round(b.value / a.value, 1)}× between consecutive milestones`,
        });
        break;
      }
    }
  }

  // implausible_value: a year-on-year jump over 3× or a fall by more than two thirds; a value outside
  // the plausible range (a share outside 0–100%).
  const jumps: number[] = [];
  const jumpValues: number[] = [];
  for (let i = 1; i < usable.length; i++) {
    const a = usable[i - 1] as ProgressObservation;
    const b = usable[i] as ProgressObservation;
    if (a.value === null || b.value === null || b.year !== a.year + 1 || a.value <= 0 || b.value < 0) continue;
    const ratio = b.value / a.value;
    if (ratio > JUMP || ratio < FALL) {
      jumps.push(b.year);
      jumpValues.push(b.value);
    }
  }
  const outside = usable.filter((o) => o.value !== null && (o.value > range.max || o.value < range.min));
  if (jumps.length > 0 || outside.length > 0) {
    // Years and values stay paired, in year order, each year once.
    const pairs = new Map<number, number>();
    for (const [i, year] of jumps.entries()) pairs.set(year, jumpValues[i] as number);
    for (const o of outside) pairs.set(o.year, o.value as number);
    const sorted = [...pairs].sort(([a], [b]) => a - b);
    flags.push({
      code: 'implausible_value',
      years: sorted.map(([year]) => year),
      values: sorted.map(([, value]) => value),
      detail:
        jumps.length > 0
          ? 'a year-on-year jump over 3× or a fall by more than two thirds'
          : `a value outside the plausible range ${range.min}–${range.max}`,
    });
  }

  // data_gap: years of the plan period (up to the as-of year) without a value.
  if (target.periodStart !== null && result.asOf !== null && usable.length > 0) {
    const end = Math.min(result.asOf, target.periodEnd ?? result.asOf, target.targetYear ?? result.asOf);
    const have = new Set(usable.map((o) => o.year));
    const missing: number[] = [];
    for (let t = target.periodStart; t <= end; t++) if (!have.has(t)) missing.push(t);
    if (missing.length > 0)
      flags.push({ code: 'data_gap', years: missing, detail: `${missing.length} year(s) of the period have no value` });
  }

  // stale: the latest value is more than two years older than the as-of year.
  const latestYear = usable.at(-1)?.year;
  if (latestYear !== undefined && result.asOf !== null && result.asOf - latestYear > STALE_YEARS) {
    flags.push({ code: 'stale', years: [latestYear], detail: `the latest value is from ${latestYear}` });
  }

  const used = [...result.inputs.observations, ...result.inputs.benchmark];
  const sample = used.filter((o) => o.isSample);
  if (sample.length > 0) {
    flags.push({
      code: 'sample_data',
      years: [...new Set(sample.map((o) => o.year))],
      detail: 'rests on sample (illustrative) figures',
    });
  }
  const revised = used.filter((o) => o.revisionCount > 1 || o.vintage === 'revised');
  if (revised.length > 0) {
    flags.push({
      code: 'revised',
      years: [...new Set(revised.map((o) => o.year))],
      detail: 'a value used was revised after first publication',
    });
  }
  return flags;
}
