/**
 * The as-of year lives in the URL (`?asOf=2017`), beside `lang` and `kind`, so a shared link shows
 * the verdicts as they were seen. No parameter means the latest figures. Pure: no React, no DOM.
 */

export const AS_OF_PARAM = 'asOf';
/** The years the API accepts (server/src/schemas/common.ts). */
export const MIN_AS_OF = 1949;
export const MAX_AS_OF = 2100;

/** The year a query string asks for; null (the latest figures) for anything else. */
export function asOfFromSearch(search: string | URLSearchParams): number | null {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const value = params.get(AS_OF_PARAM);
  if (value === null || !/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= MIN_AS_OF && year <= MAX_AS_OF ? year : null;
}

/** The same query string with the year set, or removed for the latest figures; "" or "?…". */
export function searchWithAsOf(search: string, asOf: number | null): string {
  const params = new URLSearchParams(search);
  if (asOf === null) params.delete(AS_OF_PARAM);
  else params.set(AS_OF_PARAM, String(asOf));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/**
 * The years offered: every year of the plan period, then the later years up to the current one
 * (a plan's results are published after it ends). A year chosen through a shared link is kept even
 * outside that list, so the selector always shows what is on screen. None when the period is masked
 * (then there is no selector).
 */
export function asOfYearOptions(
  periodStart: number | null,
  periodEnd: number | null,
  currentYear: number,
  selected: number | null = null,
): number[] {
  if (periodStart === null || periodEnd === null) return [];
  const last = Math.max(periodEnd, Math.min(currentYear, MAX_AS_OF));
  const years: number[] = [];
  for (let year = Math.max(periodStart, MIN_AS_OF); year <= last; year++) years.push(year);
  if (selected !== null && !years.includes(selected)) years.push(selected);
  return years.sort((a, b) => a - b);
}
