import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Region } from '../../api/types.js';
import type { Db } from '../../db/connection.js';
import { prepareDatabase } from '../../db/setup.js';
import type { TargetType } from '../../domain/progress/types.js';
import { targetProblems } from '../../domain/targets.js';
import { seedDir } from '../../paths.js';
import { createRepositories, type Repositories } from '../../repositories/index.js';
import { loadSeed, readSeed } from '../../seed/load.js';
import type { SeedPlan, SeedTarget } from '../../seed/types.js';

// A national database for measurements (`npm run gen:national`): the real seed, then a country of
// synthetic provinces, prefectures and counties, each with its own plans (different indicators, types,
// periods and values, derived from the region's own series), figures with preliminary, final and
// revised vintages, missing years, unpublished ("—") figures and a few sample series. Everything is
// written through the repositories and the migrations, as the seed is, in batched transactions; the
// same seed gives the same bytes (every timestamp is derived, none is the clock's).

export interface NationalOptions {
  /** synthetic regions below the country: provinces, prefectures and counties together */
  regions: number;
  /** years of figures, ending with `lastYear` */
  years: number;
  seed: number;
  lastYear?: number;
}

export interface NationalCounts {
  regions: number;
  plans: number;
  targets: number;
  milestones: number;
  figures: number;
  revisions: number;
  unpublished: number;
  sampleSeries: number;
  gaps: number;
}

/** The clock of a generated database: the seed's rows and every derived timestamp stay fixed. */
const FIXED_NOW = '2025-06-30T00:00:00.000Z';
const ENTERED_BY = 'gen:national';
const SAMPLE_SOURCE = '示例数据 (sample, not published)';
const REGIONS_PER_TRANSACTION = 25;

/** mulberry32: small, fast, and the same numbers on every platform for the same seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (lo: number, hi: number) => lo + (hi - lo) * next(),
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    shuffle<T>(xs: readonly T[]): T[] {
      const out = [...xs];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j] as T, out[i] as T];
      }
      return out;
    },
  };
}
type Rng = ReturnType<typeof prng>;

// ---------------------------------------------------------------------------------------------
// Regions: real province prefixes, then prefectures (XXYY00) and counties (XXYYZZ) under them.

const PROVINCES: [string, string, string][] = [
  ['11', '北京市', 'Beijing'],
  ['12', '天津市', 'Tianjin'],
  ['13', '河北省', 'Hebei Province'],
  ['15', '内蒙古自治区', 'Inner Mongolia'],
  ['22', '吉林省', 'Jilin Province'],
  ['23', '黑龙江省', 'Heilongjiang Province'],
  ['31', '上海市', 'Shanghai'],
  ['32', '江苏省', 'Jiangsu Province'],
  ['34', '安徽省', 'Anhui Province'],
  ['35', '福建省', 'Fujian Province'],
  ['36', '江西省', 'Jiangxi Province'],
  ['37', '山东省', 'Shandong Province'],
  ['41', '河南省', 'Henan Province'],
  ['42', '湖北省', 'Hubei Province'],
  ['43', '湖南省', 'Hunan Province'],
  ['44', '广东省', 'Guangdong Province'],
  ['45', '广西壮族自治区', 'Guangxi'],
  ['46', '海南省', 'Hainan Province'],
  ['50', '重庆市', 'Chongqing'],
  ['51', '四川省', 'Sichuan Province'],
  ['52', '贵州省', 'Guizhou Province'],
  ['53', '云南省', 'Yunnan Province'],
  ['54', '西藏自治区', 'Tibet'],
  ['61', '陕西省', 'Shaanxi Province'],
  ['62', '甘肃省', 'Gansu Province'],
  ['63', '青海省', 'Qinghai Province'],
  ['64', '宁夏回族自治区', 'Ningxia'],
  ['65', '新疆维吾尔自治区', 'Xinjiang'],
];

const SYLLABLES: [string, string][] = [
  ['安', 'an'],
  ['宝', 'bao'],
  ['昌', 'chang'],
  ['德', 'de'],
  ['丰', 'feng'],
  ['广', 'guang'],
  ['和', 'he'],
  ['华', 'hua'],
  ['嘉', 'jia'],
  ['金', 'jin'],
  ['康', 'kang'],
  ['乐', 'le'],
  ['临', 'lin'],
  ['隆', 'long'],
  ['明', 'ming'],
  ['宁', 'ning'],
  ['平', 'ping'],
  ['庆', 'qing'],
  ['瑞', 'rui'],
  ['山', 'shan'],
  ['泰', 'tai'],
  ['通', 'tong'],
  ['武', 'wu'],
  ['西', 'xi'],
  ['兴', 'xing'],
  ['阳', 'yang'],
  ['永', 'yong'],
  ['源', 'yuan'],
  ['章', 'zhang'],
  ['州', 'zhou'],
];

interface GenRegion extends Region {
  /** figures scale with the level: a province's are many counties' */
  scale: number;
}

function placeName(rng: Rng): { zh: string; en: string } {
  const a = rng.pick(SYLLABLES);
  let b = rng.pick(SYLLABLES);
  while (b === a) b = rng.pick(SYLLABLES);
  const en = `${a[1]}${b[1]}`;
  return { zh: `${a[0]}${b[0]}`, en: en.charAt(0).toUpperCase() + en.slice(1) };
}

/** The region tree: `count` regions below the country, about 1% provinces, 12% prefectures, the rest counties. */
function regionTree(count: number, taken: ReadonlySet<string>, rng: Rng): GenRegion[] {
  const free = PROVINCES.filter(([p]) => !taken.has(`${p}0000`));
  const provinces = Math.min(free.length, Math.max(1, Math.round(count / 100)));
  const prefectures = Math.min(provinces * 99, Math.max(provinces, Math.round((count - provinces) * 0.12)));
  const counties = count - provinces - prefectures;
  if (counties < 0 || counties > prefectures * 97) throw new Error(`cannot lay out ${count} regions`);
  const out: GenRegion[] = [];
  const provinceRows = free.slice(0, provinces).map(([p, zh, en]) => {
    const row: GenRegion = { code: `${p}0000`, nameZh: zh, nameEn: en, level: 'province', parentCode: '100000', scale: 12 };
    out.push(row);
    return row;
  });
  const prefectureRows: GenRegion[] = [];
  for (let i = 0; i < prefectures; i++) {
    const province = provinceRows[i % provinces] as GenRegion;
    const n = Math.floor(i / provinces) + 1;
    const name = placeName(rng);
    const row: GenRegion = {
      code: `${province.code.slice(0, 2)}${String(n).padStart(2, '0')}00`,
      nameZh: `${name.zh}市`,
      nameEn: name.en,
      level: 'prefecture',
      parentCode: province.code,
      scale: 4,
    };
    prefectureRows.push(row);
    out.push(row);
  }
  for (let i = 0; i < counties; i++) {
    const prefecture = prefectureRows[i % prefectures] as GenRegion;
    const n = Math.floor(i / prefectures);
    // As real codes run: 01–20 districts, 21–80 counties, 81– county-level cities.
    const [suffix, zh, en] =
      n < 3 ? [2 + n, '区', ' District'] : n < 60 ? [21 + n - 3, '县', ' County'] : [81 + n - 60, '市', ''];
    const name = placeName(rng);
    out.push({
      code: `${prefecture.code.slice(0, 4)}${String(suffix).padStart(2, '0')}`,
      nameZh: `${name.zh}${zh}`,
      nameEn: `${name.en}${en}`,
      level: 'county',
      parentCode: prefecture.code,
      scale: 1,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Indicators: how a region's series of each moves, and which target types a plan sets on it.

type Shape = 'money' | 'stock' | 'flow' | 'share' | 'deliverable';
interface IndicatorShape {
  shape: Shape;
  /** a county's level in the first year (shares: the level itself, whatever the region) */
  base: [number, number];
  /** yearly growth (shares: yearly change in points) */
  growth: [number, number];
  types: TargetType[];
}

const SHAPES: Record<string, IndicatorShape> = {
  gdp: { shape: 'money', base: [40, 400], growth: [0.02, 0.1], types: ['level', 'annual_growth'] },
  rd_expenditure: { shape: 'money', base: [0.3, 8], growth: [0.03, 0.18], types: ['level', 'annual_growth'] },
  tech_contract_turnover: { shape: 'money', base: [0.2, 6], growth: [0, 0.25], types: ['level', 'annual_growth'] },
  high_tech_industry_sales: { shape: 'money', base: [5, 120], growth: [0, 0.15], types: ['level', 'annual_growth'] },
  high_tech_industry_investment: { shape: 'money', base: [1, 30], growth: [-0.05, 0.2], types: ['annual_growth', 'level'] },
  high_tech_product_value_added: { shape: 'money', base: [2, 40], growth: [0, 0.15], types: ['annual_growth', 'level'] },
  st_special_fund_budget: { shape: 'money', base: [200, 3000], growth: [0, 0.12], types: ['per_year', 'level'] },
  high_tech_firms: { shape: 'stock', base: [5, 80], growth: [0.03, 0.2], types: ['level', 'range', 'annual_growth'] },
  valid_invention_patents: { shape: 'stock', base: [20, 600], growth: [0.05, 0.2], types: ['level', 'annual_growth'] },
  tech_sme_count: { shape: 'stock', base: [10, 150], growth: [0.03, 0.2], types: ['level', 'range'] },
  industry_tech_alliances: { shape: 'stock', base: [1, 8], growth: [0, 0.12], types: ['level', 'range'] },
  academician_workstations: { shape: 'stock', base: [1, 6], growth: [0, 0.15], types: ['level', 'range'] },
  enterprise_rd_institutions: { shape: 'stock', base: [10, 120], growth: [0.02, 0.15], types: ['level'] },
  rd_platforms_municipal_plus: { shape: 'stock', base: [5, 60], growth: [0.02, 0.15], types: ['level', 'range'] },
  innovative_leading_firms: { shape: 'stock', base: [1, 10], growth: [0, 0.15], types: ['level'] },
  industry_tech_institutes: { shape: 'stock', base: [1, 4], growth: [0, 0.1], types: ['range', 'level'] },
  patent_applications: { shape: 'flow', base: [100, 3000], growth: [-0.02, 0.15], types: ['level', 'annual_growth'] },
  patent_grants: { shape: 'flow', base: [50, 1500], growth: [-0.02, 0.15], types: ['level'] },
  invention_patent_applications: { shape: 'flow', base: [20, 800], growth: [0, 0.18], types: ['annual_growth', 'level'] },
  new_high_tech_firms: { shape: 'flow', base: [2, 25], growth: [-0.05, 0.15], types: ['per_year', 'level', 'cumulative'] },
  new_tech_smes: { shape: 'flow', base: [5, 60], growth: [-0.05, 0.15], types: ['per_year', 'cumulative'] },
  key_core_technologies_tackled: { shape: 'flow', base: [2, 20], growth: [-0.05, 0.1], types: ['cumulative'] },
  core_tech_projects: { shape: 'flow', base: [3, 30], growth: [-0.05, 0.1], types: ['cumulative', 'per_year'] },
  tech_achievements_converted: { shape: 'flow', base: [5, 80], growth: [-0.05, 0.12], types: ['cumulative', 'per_year'] },
  high_level_talents_introduced: { shape: 'flow', base: [5, 60], growth: [-0.05, 0.15], types: ['cumulative', 'per_year'] },
  innovation_teams_introduced: { shape: 'flow', base: [1, 8], growth: [-0.05, 0.1], types: ['cumulative'] },
  entrepreneur_trainees: { shape: 'flow', base: [100, 1500], growth: [-0.05, 0.1], types: ['per_year'] },
  new_provincial_key_labs: { shape: 'flow', base: [1, 4], growth: [-0.05, 0.1], types: ['per_year', 'cumulative'] },
  new_municipal_key_labs: { shape: 'flow', base: [1, 8], growth: [-0.05, 0.1], types: ['per_year', 'cumulative'] },
  new_provincial_incubators: { shape: 'flow', base: [1, 3], growth: [-0.05, 0.1], types: ['per_year'] },
  tech_commissioners: { shape: 'flow', base: [20, 200], growth: [-0.05, 0.1], types: ['per_year', 'level'] },
  rd_intensity: { shape: 'share', base: [0.3, 2.6], growth: [-0.05, 0.15], types: ['share', 'benchmark'] },
  st_progress_contribution: { shape: 'share', base: [40, 60], growth: [-0.5, 1.2], types: ['share', 'benchmark'] },
  tech_conversion_rate: { shape: 'share', base: [10, 40], growth: [-0.5, 2], types: ['share'] },
  soe_rd_revenue_share: { shape: 'share', base: [0.5, 2.5], growth: [-0.05, 0.15], types: ['share'] },
  digital_4a_scenic_share: { shape: 'share', base: [5, 40], growth: [0, 5], types: ['share'] },
  national_innovative_city_status: { shape: 'deliverable', base: [0, 0], growth: [0, 0], types: ['milestone'] },
  national_high_tech_zone_status: { shape: 'deliverable', base: [0, 0], growth: [0, 0], types: ['milestone'] },
  provincial_agri_transfer_base_status: { shape: 'deliverable', base: [0, 0], growth: [0, 0], types: ['milestone'] },
  national_innovative_county_status: { shape: 'deliverable', base: [0, 0], growth: [0, 0], types: ['milestone'] },
  provincial_double_innovation_bases_status: { shape: 'deliverable', base: [0, 0], growth: [0, 0], types: ['milestone'] },
};
/** Every region follows these, so a benchmark target always finds its parent's series. */
const ALWAYS = ['gdp', 'rd_expenditure', 'rd_intensity', 'st_progress_contribution', 'patent_applications', 'high_tech_firms'];
const OTHERS = Object.keys(SHAPES).filter((c) => !ALWAYS.includes(c));

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;
const asFigure = (shape: Shape, x: number) => (shape === 'money' || shape === 'share' ? round(x, 2) : Math.round(x));

/** A region's true series of one indicator, year by year (the published figures are this, revised). */
function trueSeries(region: GenRegion, code: string, years: number[], rng: Rng): number[] {
  const s = SHAPES[code] as IndicatorShape;
  if (s.shape === 'deliverable') {
    const done = rng.int(years[0] as number, (years[years.length - 1] as number) + 4);
    return years.map((y) => (y >= done ? 1 : 0));
  }
  const bound = code === 'rd_intensity' || code === 'soe_rd_revenue_share' ? 10 : 100;
  let level = s.shape === 'share' ? rng.between(...s.base) : rng.between(...s.base) * region.scale;
  const trend = rng.between(...s.growth);
  return years.map(() => {
    const v = asFigure(s.shape, Math.max(0, Math.min(s.shape === 'share' ? bound : Number.POSITIVE_INFINITY, level)));
    const shock = rng.between(-0.04, 0.04);
    level = s.shape === 'share' ? level + trend + shock * Math.abs(trend + 0.1) * 5 : level * (1 + trend + shock);
    return v;
  });
}

// ---------------------------------------------------------------------------------------------
// Plans: which documents a region issues, over which periods.

interface PlanTemplate {
  id: string;
  kind: SeedPlan['kind'];
  /** years relative to the last year of figures */
  from: number;
  to: number;
  titleZh: string;
  titleEn: string;
  weight: number;
}
const PLAN_TEMPLATES: PlanTemplate[] = [
  {
    id: 'fyp13',
    kind: 'action_plan',
    from: -8,
    to: -4,
    titleZh: '“十三五”科技创新规划',
    titleEn: '13th Five-Year Plan for science and technology',
    weight: 3,
  },
  {
    id: 'opinion',
    kind: 'implementation_opinion',
    from: -6,
    to: -2,
    titleZh: '关于深入实施创新驱动发展战略的实施意见',
    titleEn: 'Implementation opinion on the innovation-driven development strategy',
    weight: 2,
  },
  {
    id: 'fyp14',
    kind: 'action_plan',
    from: -3,
    to: 1,
    titleZh: '“十四五”科技创新规划',
    titleEn: '14th Five-Year Plan for science and technology',
    weight: 3,
  },
  {
    id: 'work',
    kind: 'work_plan',
    from: -1,
    to: -1,
    titleZh: '年度科技工作要点',
    titleEn: 'Annual S&T work plan',
    weight: 1,
  },
];

interface Series {
  code: string;
  values: number[];
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(round(x, 2));
}

/** One target on `code` for a plan over [start, end], its value derived from the region's true series. */
function makeTarget(
  region: GenRegion,
  series: Series,
  years: number[],
  start: number,
  end: number,
  hasBenchmark: boolean,
  label: { name: string; unit: string },
  rng: Rng,
): SeedTarget {
  const s = SHAPES[series.code] as IndicatorShape;
  const at = (y: number) => series.values[Math.max(0, Math.min(years.length - 1, y - (years[0] as number)))] as number;
  const types = s.types.filter((t) => t !== 'benchmark' || hasBenchmark);
  const type = rng.pick(types);
  // Ambition: some plans ask for less than the region then did (met), some for much more (missed).
  const ambition = rng.between(0.8, 1.35);
  const baseYear = start - 1;
  const base = at(baseYear);
  const empty = {
    value: null as number | null,
    valueMin: null as number | null,
    valueMax: null as number | null,
    valueUnknown: false,
    targetYear: end as number | null,
    baseYear: null as number | null,
    baseValue: null as number | null,
    benchmarkRegion: null as string | null,
    milestones: [] as SeedTarget['milestones'],
  };
  let t = { ...empty };
  let clause = '';
  switch (type) {
    case 'level': {
      const value = asFigure(s.shape, Math.max(1, at(end) * ambition));
      t = { ...t, value };
      clause = `到${end}年，${label.name}达到${fmt(value)}${label.unit}`;
      if (rng.chance(0.15) && end - start >= 2) {
        const mid = start + Math.floor((end - start) / 2);
        const midValue = asFigure(s.shape, Math.max(1, at(mid) * ambition));
        if (midValue <= value)
          t.milestones = [{ year: mid, value: midValue, clause: `${mid}年达到${fmt(midValue)}${label.unit}，${clause}` }];
      }
      if (rng.chance(0.3)) t = { ...t, baseYear, baseValue: base };
      break;
    }
    case 'share': {
      const value = round(Math.max(0.1, at(end) * ambition), 2);
      t = { ...t, value };
      clause = `到${end}年，${label.name}达到${fmt(value)}%`;
      break;
    }
    case 'annual_growth': {
      const span = Math.max(1, end - baseYear);
      const actual = base > 0 ? ((at(end) / base) ** (1 / span) - 1) * 100 : 5;
      const value = round(Math.max(1, actual * ambition + rng.between(-2, 2)), 1);
      t = { ...t, value, ...(rng.chance(0.5) ? { baseYear, baseValue: base } : {}) };
      clause = `${label.name}年均增长${fmt(value)}%`;
      break;
    }
    case 'per_year': {
      const mean = years.filter((y) => y >= start && y <= end).reduce((sum, y) => sum + at(y), 0) / (end - start + 1);
      const value = asFigure(s.shape, Math.max(1, mean * ambition));
      t = { ...t, value };
      clause = `每年${label.name}${fmt(value)}${label.unit}`;
      break;
    }
    case 'cumulative': {
      let sum = 0;
      for (let y = start; y <= end; y++) sum += at(y);
      const value = Math.max(1, Math.round(sum * ambition));
      t = { ...t, value };
      clause = `${start}—${end}年累计${label.name}${fmt(value)}${label.unit}`;
      break;
    }
    case 'range': {
      const mid = at(end) * ambition;
      const valueMin = Math.max(1, Math.floor(mid * 0.9));
      const valueMax = Math.max(valueMin + 1, Math.ceil(mid * 1.15));
      t = { ...t, valueMin, valueMax };
      clause = `到${end}年，${label.name}达到${valueMin}-${valueMax}${label.unit}`;
      break;
    }
    case 'benchmark': {
      t = { ...t, benchmarkRegion: region.parentCode };
      clause = `${label.name}每年达到上级平均水平`;
      break;
    }
    case 'milestone': {
      const year = rng.int(start, end);
      t = { ...t, targetYear: year };
      clause = `争取到${year}年实现${label.name}`;
      break;
    }
  }
  // A few targets whose value the document masks: kept, never judged.
  if (type !== 'benchmark' && type !== 'milestone' && rng.chance(0.02)) {
    t = { ...empty, valueUnknown: true, targetYear: rng.chance(0.5) ? end : null };
    clause = `${label.name}稳步提升`;
  }
  return {
    ...t,
    key: `${series.code.replaceAll('_', '-')}-${type}-${end}`,
    valueAsPrinted: null,
    indicator: series.code,
    type,
    comparator: type === 'share' && rng.chance(0.2) ? 'about' : 'at_least',
    commitment: rng.pick(['binding', 'expected', null] as const),
    clause,
    noteZh: null,
    noteEn: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Figures: how each year's figure was published and revised.

interface RevisionPlan {
  value: number | null;
  vintage: 'preliminary' | 'final' | 'revised';
  enteredAt: string;
  sourceTitle: string;
}

/** The revisions of one figure, in the order they came in: preliminary, final, sometimes revised. */
function revisionsOf(region: GenRegion, year: number, truth: number, lastYear: number, shape: Shape, rng: Rng): RevisionPlan[] {
  const bulletin = {
    sourceTitle: `${region.nameZh}${year}年国民经济和社会发展统计公报`,
    enteredAt: `${year + 1}-03-20T00:00:00.000Z`,
  };
  const yearbook = { sourceTitle: `${region.nameZh}统计年鉴${year + 1}`, enteredAt: `${year + 1}-11-15T00:00:00.000Z` };
  const census = {
    sourceTitle: `${region.nameZh}经济普查修订数据`,
    enteredAt: `${Math.min(year + 3, lastYear + 1)}-12-30T00:00:00.000Z`,
  };
  // An early figure off the final one by up to 5%; a share never past 100% (the checks' bound).
  const off = (x: number) =>
    shape === 'deliverable'
      ? truth
      : asFigure(shape, Math.min(shape === 'share' ? 100 : Number.POSITIVE_INFINITY, x * (1 + rng.between(-0.05, 0.05))));
  // A figure printed as "—": not published, never zero.
  if (shape !== 'deliverable' && rng.chance(0.03)) return [{ value: null, vintage: 'final', ...yearbook }];
  if (year === lastYear) return [{ value: off(truth), vintage: 'preliminary', ...bulletin }];
  if (year === lastYear - 1)
    return rng.chance(0.7)
      ? [
          { value: off(truth), vintage: 'preliminary', ...bulletin },
          { value: truth, vintage: 'final', ...yearbook },
        ]
      : [{ value: off(truth), vintage: 'preliminary', ...bulletin }];
  const roll = rng.next();
  if (roll < 0.3) return [{ value: truth, vintage: 'final', ...yearbook }];
  if (roll < 0.8)
    return [
      { value: off(truth), vintage: 'preliminary', ...bulletin },
      { value: truth, vintage: 'final', ...yearbook },
    ];
  if (roll < 0.95)
    return [
      { value: off(truth), vintage: 'preliminary', ...bulletin },
      { value: off(truth), vintage: 'final', ...yearbook },
      { value: truth, vintage: 'revised', ...census },
    ];
  return [
    { value: off(truth), vintage: 'final', ...yearbook },
    { value: truth, vintage: 'revised', ...census },
  ];
}

// ---------------------------------------------------------------------------------------------

function generateRegion(
  repos: Repositories,
  region: GenRegion,
  regionIndex: number,
  years: number[],
  seed: number,
  parentSeries: ReadonlySet<string>,
  labels: ReadonlyMap<string, { name: string; unit: string }>,
  counts: NationalCounts,
): void {
  // Each region its own stream: a region's data does not depend on how many others come before it.
  const rng = prng((seed * 2654435761 + regionIndex * 40503 + 1) >>> 0);
  const lastYear = years[years.length - 1] as number;
  const universe = [...ALWAYS, ...rng.shuffle(OTHERS).slice(0, rng.int(16, 24))];
  const series: Series[] = universe.map((code) => ({ code, values: trueSeries(region, code, years, rng) }));

  // Plans: a county two or three of the four, a prefecture or province three or four; about 40 targets in all.
  const planCount = region.level === 'county' ? rng.int(2, 3) : rng.int(3, 4);
  const templates = rng
    .shuffle(PLAN_TEMPLATES)
    .slice(0, planCount)
    .sort((a, b) => a.from - b.from);
  const totalTargets = rng.int(36, 44);
  const weights = templates.reduce((sum, p) => sum + p.weight, 0);
  for (const tpl of templates) {
    const start = lastYear + tpl.from;
    const end = lastYear + tpl.to;
    const want = Math.min(series.length, Math.max(4, Math.round((totalTargets * tpl.weight) / weights)));
    const chosen = rng.shuffle(series).slice(0, want);
    const targets = chosen.map((s) =>
      makeTarget(
        region,
        s,
        years,
        start,
        end,
        region.level !== 'province' && parentSeries.has(s.code),
        labels.get(s.code) ?? { name: s.code, unit: '' },
        rng,
      ),
    );
    const slug = `${region.code}-${tpl.id}-${start}-${end}`;
    const plan: SeedPlan = {
      slug,
      sourceFile: `national-${slug}.txt`,
      kind: tpl.kind,
      titleZh: `${region.nameZh}${tpl.titleZh}（${start}—${end}年）`,
      titleEn: `${region.nameEn}: ${tpl.titleEn} (${start}–${end})`,
      docNumber: `${region.nameZh.slice(0, 1)}政发〔${start - 1}〕${rng.int(1, 60)}号`,
      issuerZh: `${region.nameZh}人民政府`,
      issuerEn: `${region.nameEn} People's Government`,
      issueDate: `${start - 1}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      periodStart: start,
      periodEnd: end,
      status: end < lastYear + 1 ? 'expired' : 'in_force',
      statusNoteZh: null,
      statusNoteEn: null,
      noteZh: '合成数据，供性能测量使用。',
      noteEn: 'Synthetic data, for measurements.',
      regionCode: region.code,
      targets,
    };
    for (const [i, t] of targets.entries()) {
      const problems = targetProblems(t, plan);
      if (problems.length > 0) throw new Error(`${slug} target ${i} (${t.key}): ${problems.map((p) => p.message).join('; ')}`);
    }
    const body = targets.map((t) => t.clause).join('。\n');
    const documentId = repos.plans.insertDocument({
      fileName: plan.sourceFile,
      title: plan.titleZh,
      sha256: createHash('sha256').update(body).digest('hex'),
      body,
    });
    const planId = repos.plans.insertPlan(plan, documentId);
    targets.forEach((t, position) => {
      repos.plans.insertTarget(planId, position, region.code, t);
      counts.milestones += t.milestones.length;
    });
    counts.plans++;
    counts.targets += targets.length;
  }

  // Figures: a series may start late or skip a year (not collected), a few are sample figures.
  for (const s of series) {
    const shape = (SHAPES[s.code] as IndicatorShape).shape;
    const sample = rng.chance(0.02);
    const startsAt = rng.chance(0.12) ? rng.int(1, Math.min(5, years.length - 1)) : 0;
    if (sample) counts.sampleSeries++;
    counts.gaps += startsAt;
    for (const [i, year] of years.entries()) {
      if (i < startsAt) continue;
      if (rng.chance(0.04)) {
        counts.gaps++;
        continue;
      }
      const truth = s.values[i] as number;
      const revisions = sample
        ? [{ value: truth, vintage: 'final' as const, sourceTitle: SAMPLE_SOURCE, enteredAt: FIXED_NOW }]
        : revisionsOf(region, year, truth, years[years.length - 1] as number, shape, rng);
      counts.figures++;
      for (const r of revisions) {
        repos.observations.append({
          regionCode: region.code,
          indicatorCode: s.code,
          year,
          value: r.value,
          vintage: r.vintage,
          isSample: sample,
          sourceTitle: r.sourceTitle,
          sourceUrl: null,
          quote: null,
          note: null,
          enteredBy: ENTERED_BY,
          enteredAt: r.enteredAt,
          origin: 'seed',
        });
        counts.revisions++;
        if (r.value === null) counts.unpublished++;
      }
    }
  }
}

/**
 * Writes a national database at `dbPath` (which must not exist): migrations, the real seed, then the
 * synthetic regions, plans and figures. `onProgress` hears after each batch of regions.
 */
export function generateNational(
  dbPath: string,
  options: NationalOptions,
  onProgress: (done: number, total: number) => void = () => {},
): NationalCounts {
  if (fs.existsSync(dbPath)) throw new Error(`${dbPath} exists; choose another --out or remove it`);
  const { regions: count, years: yearCount, seed } = options;
  const lastYear = options.lastYear ?? 2024;
  if (!Number.isInteger(count) || count < 3) throw new Error('--regions must be a whole number, at least 3');
  if (!Number.isInteger(yearCount) || yearCount < 10 || yearCount > 40) throw new Error('--years must be from 10 to 40');
  const years = Array.from({ length: yearCount }, (_, i) => lastYear - yearCount + 1 + i);

  const { db } = prepareDatabase(dbPath, { seed: false });
  try {
    loadSeed(db, readSeed(seedDir), FIXED_NOW);
    const repos = createRepositories(db);
    const labels = new Map(repos.reference.listIndicators().map((i) => [i.code, { name: i.nameZh, unit: i.unit }]));
    const taken = new Set(repos.reference.listRegions().map((r) => r.code));
    const tree = regionTree(count, taken, prng(seed));
    const counts: NationalCounts = {
      regions: tree.length,
      plans: 0,
      targets: 0,
      milestones: 0,
      figures: 0,
      revisions: 0,
      unpublished: 0,
      sampleSeries: 0,
      gaps: 0,
    };
    db.transaction(() => {
      for (const { scale: _, ...r } of tree) repos.reference.insertRegion(r);
    })();
    // Every region follows ALWAYS; the country's are the seed's own and are left alone.
    const withSeries = new Set(tree.map((r) => r.code));
    const parentSeries = (r: GenRegion) => (withSeries.has(r.parentCode ?? '') ? new Set(ALWAYS) : new Set<string>());
    for (let from = 0; from < tree.length; from += REGIONS_PER_TRANSACTION) {
      db.transaction(() => {
        for (let i = from; i < Math.min(tree.length, from + REGIONS_PER_TRANSACTION); i++) {
          const region = tree[i] as GenRegion;
          generateRegion(repos, region, i, years, seed, parentSeries(region), labels, counts);
        }
      })();
      onProgress(Math.min(tree.length, from + REGIONS_PER_TRANSACTION), tree.length);
    }
    repos.audit.record(
      {
        actor: ENTERED_BY,
        action: 'seed',
        entity: 'database',
        entityId: null,
        before: null,
        after: { ...counts, seed, years: yearCount },
        origin: 'seed',
      },
      FIXED_NOW,
    );
    db.pragma('optimize');
    return counts;
  } finally {
    db.close();
  }
}

/**
 * SHA-256 of every table's rows in rowid (or primary key) order: equal for two databases with the same data. Leaves
 * out what no seed decides: when the migrations ran (schema_migrations) and the data version's
 * random epoch (data_version; its counter is kept).
 */
export function contentHash(db: Db): string {
  const hash = createHash('sha256');
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  for (const table of tables) {
    if (table === 'schema_migrations') continue;
    // A table WITHOUT ROWID (observations_latest) in its primary key's order.
    const key = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; pk: number }[])
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => `"${c.name}"`);
    const withoutRowid = /WITHOUT\s+ROWID/i.test(
      db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(table) as string,
    );
    const order = withoutRowid ? key.join(', ') : 'rowid';
    const sql = table === 'data_version' ? 'SELECT version FROM data_version' : `SELECT * FROM "${table}" ORDER BY ${order}`;
    hash.update(`\n#${table}\n`);
    for (const row of db.prepare(sql).raw().iterate() as Iterable<unknown[]>) {
      hash.update(JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : v))));
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}
