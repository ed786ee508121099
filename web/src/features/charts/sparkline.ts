/**
 * The small trend line of an overview tile, drawn without the chart library (the overview must not
 * load it): the figures the verdict used, and the target as a marked point. Pure geometry.
 */
import type { YearValue } from './chartData.js';

export interface Sparkline {
  width: number;
  height: number;
  /** SVG path data of the observed figures; "" with fewer than two */
  path: string;
  points: { x: number; y: number; year: number; value: number; isSample: boolean }[];
  target: { x: number; y: number } | null;
  /** the horizontal target line's height */
  targetY: number | null;
  /** the years at the left and right ends (the first figure's; the later of the last figure's and the target's), written under the line */
  years: { first: number; last: number } | null;
}

function r(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * Years run left to right from the first figure to the later of the last figure and the target
 * year; values from zero (or the lowest, if negative) to the highest of the figures and the target,
 * so the gap between the figures and the target is shown at its true size.
 */
export function sparkline(
  observations: readonly (YearValue & { isSample?: boolean })[],
  target: YearValue | null,
  width = 240,
  height = 56,
  inset = 5,
): Sparkline {
  const figures = [...observations].filter((o) => Number.isFinite(o.value)).sort((a, b) => a.year - b.year);
  const years = [...figures.map((o) => o.year), ...(target ? [target.year] : [])];
  const values = [...figures.map((o) => o.value), ...(target ? [target.value] : [])];
  if (figures.length === 0) return { width, height, path: '', points: [], target: null, targetY: null, years: null };
  const x0 = Math.min(...years);
  const x1 = Math.max(...years);
  const lo = Math.min(0, ...values);
  const hi = Math.max(...values) === lo ? lo + 1 : Math.max(...values);
  const x = (year: number) => r(x1 === x0 ? width / 2 : inset + ((year - x0) / (x1 - x0)) * (width - 2 * inset));
  const y = (value: number) => r(height - inset - ((value - lo) / (hi - lo)) * (height - 2 * inset));
  const points = figures.map((o) => ({
    x: x(o.year),
    y: y(o.value),
    year: o.year,
    value: o.value,
    isSample: o.isSample ?? false,
  }));
  const path = points.length < 2 ? '' : points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join('');
  return {
    width,
    height,
    path,
    points,
    target: target ? { x: x(target.year), y: y(target.value) } : null,
    targetY: target ? y(target.value) : null,
    years: { first: x0, last: x1 },
  };
}
