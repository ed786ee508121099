import type { IndicatorKind, YearValue } from './types.js';

// Small numeric building blocks of the method. Every function returns a finite number or null:
// NaN and Infinity never leave this file.

export const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Counts below this are "small": growth rates of 3 → 5 labs say nothing, so paths are straight. */
export const SMALL_COUNT = 10;

/** Whether a segment from a to b may be geometric (compound) rather than a straight line. */
export function isGeometric(kind: IndicatorKind, a: number, b: number): boolean {
  if (kind === 'share') return false;
  if (kind === 'money') return a > 0 && b > 0;
  return a > 0 && b > 0 && a >= SMALL_COUNT && b >= SMALL_COUNT;
}

/** The value at year t on the segment (t0, y0) → (t1, y1), geometric or straight. */
export function interpolate(kind: IndicatorKind, t0: number, y0: number, t1: number, y1: number, t: number): number {
  if (t1 === t0) return y1;
  const f = (t - t0) / (t1 - t0);
  const v = isGeometric(kind, y0, y1) ? y0 * (y1 / y0) ** f : y0 + (y1 - y0) * f;
  return finite(v) ?? y1;
}

/** A piecewise path through the points (sorted by year), evaluated at every whole year in between. */
export function piecewisePath(kind: IndicatorKind, points: YearValue[]): YearValue[] {
  const path: YearValue[] = [];
  const first = points[0];
  if (!first) return path;
  path.push({ year: first.year, value: first.value });
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as YearValue;
    const b = points[i] as YearValue;
    for (let t = a.year + 1; t <= b.year; t++)
      path.push({ year: t, value: interpolate(kind, a.year, a.value, b.year, b.value, t) });
  }
  return path;
}

/** Least-squares line through the points; null with fewer than two distinct years. */
export function leastSquares(points: YearValue[]): { slope: number; intercept: number } | null {
  const n = points.length;
  if (n < 2) return null;
  const mx = points.reduce((s, p) => s + p.year, 0) / n;
  const my = points.reduce((s, p) => s + p.value, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.year - mx) ** 2;
    sxy += (p.year - mx) * (p.value - my);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  return finite(slope) === null || finite(intercept) === null ? null : { slope, intercept };
}

export interface Trend {
  /** The value the trend gives at year t. */
  at: (t: number) => number;
  method: 'compound' | 'linear_endpoints' | 'least_squares';
  /** The annual rate (compound, as a fraction) or slope (linear), for the pace achieved. */
  rate: number;
}

/**
 * The trend of the last (up to five) observed points, as the method asks: a compound rate between
 * the window's first and last values for counts and money, and a least-squares line for shares. A
 * straight line between the window's ends where either is not positive, and for counts where either is
 * a small count (< 10): growth rates of 1 → 3 firms say nothing. Each is increasing in the latest
 * value, and the compound projection lies above the straight one through the same ends (a convex
 * curve lies above its chord beyond it), so crossing 10 upward never projects lower either.
 */
export function trend(kind: IndicatorKind, window: YearValue[]): Trend | null {
  if (window.length < 2) return null;
  const first = window[0] as YearValue;
  const last = window[window.length - 1] as YearValue;
  if (last.year === first.year) return null;
  if (kind === 'share') {
    const line = leastSquares(window);
    if (!line) return null;
    return { at: (t) => line.intercept + line.slope * t, method: 'least_squares', rate: line.slope };
  }
  const span = last.year - first.year;
  if (isGeometric(kind, first.value, last.value)) {
    const rate = (last.value / first.value) ** (1 / span) - 1;
    if (finite(rate) === null) return null;
    return { at: (t) => finite(last.value * (1 + rate) ** (t - last.year)) ?? last.value, method: 'compound', rate };
  }
  const slope = (last.value - first.value) / span;
  return { at: (t) => last.value + slope * (t - last.year), method: 'linear_endpoints', rate: slope };
}

/** Rounds for display and for stable comparisons in sentences; never returns -0. */
export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  // Past 1e300 the scaled value overflows; such a number has no decimals worth rounding.
  const r = Number.isFinite(x * f) ? Math.round(x * f) / f : x;
  return r === 0 ? 0 : r;
}
