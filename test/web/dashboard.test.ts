import { describe, expect, it } from 'vitest';
import {
  chooseRegion,
  defaultComparedRegions,
  indicatorFromSearch,
  LAST_REGION_KEY,
  modeFromSearch,
  readLastRegion,
  regionFromSearch,
  regionPeriod,
  regionsFromSearch,
  regionsWithPlans,
  searchWith,
  writeLastRegion,
} from '../../web/src/features/dashboard/urlState.js';
import en from '../../web/src/i18n/en.json' with { type: 'json' };
import dashboardEn from '../../web/src/i18n/features/dashboard.en.json' with { type: 'json' };
import dashboardZh from '../../web/src/i18n/features/dashboard.zh-CN.json' with { type: 'json' };
import zh from '../../web/src/i18n/zh-CN.json' with { type: 'json' };

const region = (code: string, nameZh: string, nameEn: string) => ({ code, nameZh, nameEn });
const LVLIANG = region('141100', '吕梁市', 'Lüliang');
const PANJIN = region('211100', '盘锦市', 'Panjin');
const XINZHOU = region('140900', '忻州市', 'Xinzhou');
/** The seed's plans, as far as the overview's default region depends on them. */
const PLANS = [
  { region: LVLIANG, targetCount: 59, periodStart: 2014, periodEnd: 2020 },
  { region: LVLIANG, targetCount: 13, periodStart: 2019, periodEnd: 2019 },
  { region: PANJIN, targetCount: 20, periodStart: 2019, periodEnd: 2021 },
  { region: XINZHOU, targetCount: 0, periodStart: 2023, periodEnd: 2023 },
  { region: region('330604', '上虞区', 'Shangyu District'), targetCount: 6, periodStart: null, periodEnd: null },
];

describe('state in the URL', () => {
  it('reads the region, the compared regions, the indicator and the mode, refusing malformed values', () => {
    expect(regionFromSearch('?region=141100&lang=en')).toBe('141100');
    expect(regionFromSearch('?region=14110')).toBeNull();
    expect(regionFromSearch('?region=<script>')).toBeNull();
    expect(regionFromSearch('')).toBeNull();
    expect(regionsFromSearch('?regions=141100,140000,141100,xx,100000')).toEqual(['141100', '140000', '100000']);
    expect(regionsFromSearch('?regions=')).toEqual([]);
    expect(regionsFromSearch('')).toBeNull();
    const twelve = Array.from({ length: 12 }, (_, i) => String(110000 + i)).join(',');
    expect(regionsFromSearch(`?regions=${twelve}`)).toHaveLength(10);
    expect(indicatorFromSearch('?indicator=rd_intensity')).toBe('rd_intensity');
    expect(indicatorFromSearch('?indicator=DROP%20TABLE')).toBeNull();
    expect(modeFromSearch('?mode=plans')).toBe('plans');
    expect(modeFromSearch('?mode=other')).toBe('regions');
    expect(modeFromSearch('')).toBe('regions');
  });

  it('writes parameters while keeping the others (the language among them)', () => {
    expect(searchWith('?lang=en', { region: '141100', asOf: 2017 })).toBe('?lang=en&region=141100&asOf=2017');
    expect(searchWith('?regions=141100&lang=en', { regions: ['141100', '140000', '100000'] })).toBe(
      '?regions=141100,140000,100000&lang=en',
    );
    expect(searchWith('?region=141100&asOf=2017', { asOf: null })).toBe('?region=141100');
    expect(searchWith('?regions=141100', { regions: [] })).toBe('');
    expect(searchWith('', { asOf: null })).toBe('');
  });
});

describe('the overview’s region', () => {
  it('opens on the region with the most targets: Lüliang in the seed', () => {
    const regions = regionsWithPlans(PLANS);
    expect(regions.map((r) => [r.code, r.targetCount, r.planCount])).toEqual([
      ['141100', 72, 2],
      ['211100', 20, 1],
      ['330604', 6, 1],
      ['140900', 0, 1],
    ]);
    expect(chooseRegion(null, null, regions)).toBe('141100');
  });

  it('prefers the URL, then the region last viewed', () => {
    const regions = regionsWithPlans(PLANS);
    expect(chooseRegion('211100', '140900', regions)).toBe('211100');
    expect(chooseRegion(null, '211100', regions)).toBe('211100');
    // Known at once, before the list of plans arrives.
    expect(chooseRegion(null, '211100', [])).toBe('211100');
    expect(chooseRegion(null, null, [])).toBeNull();
  });

  it('remembers the last region, and forgets quietly when storage refuses', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(readLastRegion(storage)).toBeNull();
    writeLastRegion(storage, '211100');
    expect(store.get(LAST_REGION_KEY)).toBe('211100');
    expect(readLastRegion(storage)).toBe('211100');
    writeLastRegion(storage, 'nonsense');
    expect(readLastRegion(storage)).toBe('211100');
    store.set(LAST_REGION_KEY, 'tampered');
    expect(readLastRegion(storage)).toBeNull();
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(readLastRegion(refusing)).toBeNull();
    expect(() => writeLastRegion(refusing, '141100')).not.toThrow();
    expect(readLastRegion(null)).toBeNull();
  });

  it('offers the as-of years of the region’s plans', () => {
    expect(regionPeriod(PLANS.slice(0, 2))).toEqual({ start: 2014, end: 2020 });
    expect(regionPeriod(PLANS.slice(4))).toEqual({ start: null, end: null });
  });

  it('compares a city with its province and the country by default', () => {
    const parents: Record<string, string | null> = { '141100': '140000', '140000': '100000', '100000': null, '211100': '210000' };
    const parentOf = (code: string) => parents[code] ?? null;
    expect(defaultComparedRegions('141100', parentOf)).toEqual(['141100', '140000', '100000']);
    expect(defaultComparedRegions('211100', parentOf)).toEqual(['211100', '210000', '100000']);
    expect(defaultComparedRegions('100000', parentOf)).toEqual(['100000']);
  });
});

describe('the dashboard’s strings', () => {
  // Plural forms differ by language (English has _one, Chinese only _other), so compare base keys.
  function keys(value: unknown, prefix = ''): string[] {
    if (typeof value !== 'object' || value === null) return [prefix.replace(/_(one|other)$/, '')];
    return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }
  const strings = (value: unknown): string[] =>
    typeof value === 'string' ? [value] : Object.values(value as object).flatMap(strings);

  it('has every string in both languages, none empty', () => {
    expect([...new Set(keys(dashboardEn))].sort()).toEqual([...new Set(keys(dashboardZh))].sort());
    expect(strings(dashboardEn).filter((s) => s.trim() === '')).toEqual([]);
    expect(strings(dashboardZh).filter((s) => s.trim() === '')).toEqual([]);
  });

  it('has no Chinese left in the English strings, and names the three sections in the navigation', () => {
    const cjk = /[\u3400-\u9fff]/;
    expect(strings(dashboardEn).filter((s) => cjk.test(s))).toEqual([]);
    expect([zh.nav.overview, zh.nav.plans, zh.nav.compare]).toEqual(['概览', '规划文件', '对比']);
    expect([en.nav.overview, en.nav.plans, en.nav.compare]).toEqual(['Overview', 'Plans', 'Compare']);
  });
});
