// Axis arithmetic for the report charts: pure, so the renderer only draws.

/** A step of 1, 2, 2.5 or 5 times a power of ten, close to span / count. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * A value axis that includes every value given and starts at zero when all are positive (a bar of
 * progress read from zero is not exaggerated), with about `count` round ticks.
 */
export function valueAxis(values: number[], count = 5): { min: number; max: number; ticks: number[] } {
  const finite = values.filter((v) => Number.isFinite(v));
  let lo = finite.length > 0 ? Math.min(...finite) : 0;
  let hi = finite.length > 0 ? Math.max(...finite) : 1;
  if (lo > 0) lo = 0;
  if (hi < 0) hi = 0;
  if (hi === lo) hi = lo + 1;
  const step = niceStep(hi - lo, count);
  const min = Math.floor(lo / step + 1e-9) * step;
  let max = Math.ceil(hi / step - 1e-9) * step;
  // Leave a little room above the highest point for its marker.
  if (max - hi < step * 0.08) max += step;
  const ticks: number[] = [];
  for (let v = min; v <= max + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { min, max: ticks[ticks.length - 1] ?? max, ticks };
}

/** The years shown on the time axis: every year, or every other one when there are many. */
export function yearTicks(first: number, last: number, maxTicks = 12): number[] {
  const span = last - first + 1;
  const every = Math.max(1, Math.ceil(span / maxTicks));
  const ticks: number[] = [];
  for (let y = first; y <= last; y += every) ticks.push(y);
  return ticks;
}
