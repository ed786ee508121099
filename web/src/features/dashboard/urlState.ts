/**
 * The dashboard's state in the URL, beside `lang` and `asOf`: the region of the overview
 * (`?region=141100`), and what the compare page shows (`?indicator=rd_intensity&regions=141100,140000`
 * or `?mode=plans&region=141100&indicator=new_high_tech_firms`). A shared link reproduces the view.
 * Pure: no React, no DOM (the last-viewed region's storage takes the Storage as an argument).
 */
import type { PlanSummary } from '../../api/types.js';

export const REGION_PARAM = 'region';
export const REGIONS_PARAM = 'regions';
export const INDICATOR_PARAM = 'indicator';
export const MODE_PARAM = 'mode';
/** The API accepts up to ten regions at once. */
export const MAX_COMPARED_REGIONS = 10;

const REGION_CODE = /^\d{6}$/;
const INDICATOR_CODE = /^[a-z][a-z0-9_]{0,63}$/;

function params(search: string | URLSearchParams): URLSearchParams {
  return typeof search === 'string' ? new URLSearchParams(search) : search;
}

export function isRegionCode(value: unknown): value is string {
  return typeof value === 'string' && REGION_CODE.test(value);
}

export function regionFromSearch(search: string | URLSearchParams): string | null {
  const value = params(search).get(REGION_PARAM);
  return isRegionCode(value) ? value : null;
}

/** The compared regions, in the order given, each once, at most ten; malformed codes dropped. */
export function regionsFromSearch(search: string | URLSearchParams): string[] | null {
  const value = params(search).get(REGIONS_PARAM);
  if (value === null) return null;
  const codes = value.split(',').filter(isRegionCode);
  return [...new Set(codes)].slice(0, MAX_COMPARED_REGIONS);
}

export function indicatorFromSearch(search: string | URLSearchParams): string | null {
  const value = params(search).get(INDICATOR_PARAM);
  return value !== null && INDICATOR_CODE.test(value) ? value : null;
}

export type CompareMode = 'regions' | 'plans';

export function modeFromSearch(search: string | URLSearchParams): CompareMode {
  return params(search).get(MODE_PARAM) === 'plans' ? 'plans' : 'regions';
}

/**
 * The same query string with some parameters set (a string or a list, joined by commas) or removed
 * (null); the others, `lang` among them, kept. "" or "?…".
 */
export function searchWith(search: string, changes: Record<string, string | readonly string[] | number | null>): string {
  const next = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || (Array.isArray(value) && value.length === 0)) next.delete(key);
    else next.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const query = next.toString().replace(/%2C/g, ',');
  return query ? `?${query}` : '';
}

/* ---------- The overview's region ---------- */

export interface RegionChoice {
  code: string;
  nameZh: string;
  nameEn: string;
  targetCount: number;
  planCount: number;
}

/** The regions that have plans, the one with the most targets first (then by code, for stability). */
export function regionsWithPlans(plans: readonly Pick<PlanSummary, 'region' | 'targetCount'>[]): RegionChoice[] {
  const byCode = new Map<string, RegionChoice>();
  for (const plan of plans) {
    const entry = byCode.get(plan.region.code) ?? { ...plan.region, targetCount: 0, planCount: 0 };
    entry.targetCount += plan.targetCount;
    entry.planCount += 1;
    byCode.set(plan.region.code, entry);
  }
  return [...byCode.values()].sort((a, b) => b.targetCount - a.targetCount || a.code.localeCompare(b.code));
}

/**
 * The region the overview opens on: the one in the URL; else the one the user last viewed (known at
 * once, so the overview does not wait for the list of plans); else the region with the most targets.
 * Null while nothing is known.
 */
export function chooseRegion(fromUrl: string | null, lastViewed: string | null, regions: readonly RegionChoice[]): string | null {
  return fromUrl ?? lastViewed ?? regions[0]?.code ?? null;
}

export const LAST_REGION_KEY = 'jindu.lastRegion';

/** The part of the Web Storage interface used here (localStorage in the browser). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Storage can be missing or refuse (private mode, quotas): the overview then simply forgets. */
export function readLastRegion(storage: Pick<KeyValueStore, 'getItem'> | null | undefined): string | null {
  try {
    const value = storage?.getItem(LAST_REGION_KEY) ?? null;
    return isRegionCode(value) ? value : null;
  } catch {
    return null;
  }
}

export function writeLastRegion(storage: Pick<KeyValueStore, 'setItem'> | null | undefined, code: string): void {
  try {
    if (isRegionCode(code)) storage?.setItem(LAST_REGION_KEY, code);
  } catch {
    // not remembered; nothing else depends on it
  }
}

/* ---------- Defaults of the compare page ---------- */

export const DEFAULT_COMPARE_INDICATOR = 'rd_intensity';
export const COUNTRY_CODE = '100000';

/** A prefecture, its province and the country: the comparison a city leader asks for first. */
export function defaultComparedRegions(region: string, parentOf: (code: string) => string | null): string[] {
  const codes = [region];
  let parent = parentOf(region);
  while (parent !== null && codes.length < 4 && !codes.includes(parent)) {
    codes.push(parent);
    parent = parentOf(parent);
  }
  if (!codes.includes(COUNTRY_CODE)) codes.push(COUNTRY_CODE);
  return codes;
}

/** The as-of years an overview offers: the span of the region's plans. */
export function regionPeriod(plans: readonly Pick<PlanSummary, 'periodStart' | 'periodEnd'>[]): {
  start: number | null;
  end: number | null;
} {
  const starts = plans.map((p) => p.periodStart).filter((y): y is number => y !== null);
  const ends = plans.map((p) => p.periodEnd).filter((y): y is number => y !== null);
  return {
    start: starts.length > 0 ? Math.min(...starts) : null,
    end: ends.length > 0 ? Math.max(...ends) : null,
  };
}
