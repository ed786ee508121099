// A quantity's unit against an indicator's: which may stand for which, and the factor between them.
// Plans count the same things in different counters (高新技术企业 in 户, 家 or 个: the catalogue note
// says so), so counters are one family; money, area, volume, power and mass are their own; 万 and 亿
// are multipliers (2000万元 is 0.2亿元). Counters of people (人, 名, 人次) are a family apart: 三个基地 is
// not a number of jobs.

const FAMILIES: Record<string, string> = {
  家: 'count',
  户: 'count',
  个: 'count',
  项: 'count',
  件: 'count',
  人: 'persons',
  名: 'persons',
  只: 'count',
  颗: 'count',
  台: 'count',
  台架: 'count',
  所: 'count',
  座: 'count',
  套: 'count',
  篇: 'count',
  人次: 'persons',
  元: 'money',
  平方米: 'area',
  m2: 'area',
  平方公里: 'area_km',
  立方米: 'volume',
  方: 'volume',
  m3: 'volume',
  千瓦: 'power',
  kw: 'power',
  千瓦时: 'energy',
  吨: 'mass',
  公里: 'length',
  '%': 'percent',
  '‰': 'permille',
};

export interface ParsedUnit {
  multiplier: number;
  base: string;
  family: string | null;
}

/** 亿元 → 1e8 × 元; 万方/日 → 1e4 × 方 (per day); 个/县 → 个 (per county); 是/否 → no family. */
export function parseUnit(unit: string): ParsedUnit {
  const main = unit.split('/')[0] ?? unit;
  let multiplier = 1;
  let base = main;
  if (main.length > 1 && (main[0] === '万' || main[0] === '亿')) {
    multiplier = main[0] === '万' ? 1e4 : 1e8;
    base = main.slice(1);
  }
  return { multiplier, base, family: FAMILIES[base] ?? null };
}

/** The factor from the printed unit to the indicator's, or null when they measure different things. */
export function conversionFactor(printed: { multiplier: number; base: string }, indicatorUnit: string): number | null {
  const target = parseUnit(indicatorUnit);
  const family = FAMILIES[printed.base] ?? null;
  if (family === null || target.family === null || family !== target.family) return null;
  return printed.multiplier / target.multiplier;
}

export const unitFamily = (base: string): string | null => FAMILIES[base] ?? null;
