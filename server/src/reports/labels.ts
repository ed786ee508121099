// The words of the reports, in both languages, and the way numbers are written for reading. The
// exported files (XLSX, CSV) carry the exact numbers; these helpers only round what a reader sees.

import type { Flag, Pace, Status } from '../domain/progress/types.js';
import { multipliedOut, unitMultiplier } from '../domain/quantity.js';

export type Lang = 'zh' | 'en';

export const STATUS_LABELS: Record<Status, { zh: string; en: string }> = {
  achieved: { zh: '已达成', en: 'Achieved' },
  met_late: { zh: '逾期达成', en: 'Met late' },
  on_track: { zh: '按进度', en: 'On track' },
  accelerate: { zh: '需加快', en: 'Needs to accelerate' },
  limited: { zh: '进展有限', en: 'Limited progress' },
  moving_away: { zh: '倒退', en: 'Moving away' },
  missed: { zh: '未达成', en: 'Missed' },
  insufficient_data: { zh: '数据不足', en: 'Insufficient data' },
  no_data: { zh: '无数据', en: 'No data' },
  not_assessable: { zh: '不适用', en: 'Not assessable' },
};

/** Printed colours: green for met, amber to red for behind, greys for the unjudged. */
export const STATUS_COLORS: Record<Status, string> = {
  achieved: '#1b7f3b',
  met_late: '#5b7f1b',
  on_track: '#4f9d3a',
  accelerate: '#d49a00',
  limited: '#e06c00',
  moving_away: '#c62828',
  missed: '#8e1b1b',
  insufficient_data: '#8a8f98',
  no_data: '#b4b9c0',
  not_assessable: '#7b8794',
};

/** The order a summary lists statuses in: met first, then behind, then unjudged. */
export const STATUS_ORDER: readonly Status[] = [
  'achieved',
  'met_late',
  'on_track',
  'accelerate',
  'limited',
  'moving_away',
  'missed',
  'insufficient_data',
  'no_data',
  'not_assessable',
];

export const VINTAGE_LABELS: Record<string, { zh: string; en: string }> = {
  preliminary: { zh: '初步核算', en: 'preliminary' },
  final: { zh: '最终核实', en: 'final' },
  revised: { zh: '修订', en: 'revised' },
};

export const PLAN_STATUS_LABELS: Record<string, { zh: string; en: string }> = {
  in_force: { zh: '现行有效', en: 'in force' },
  expired: { zh: '已失效', en: 'expired' },
  unknown: { zh: '效力不详', en: 'status unknown' },
};

export const SAMPLE_WORD = { zh: '示例数据', en: 'Sample data' } as const;

/** A sample figure's source as a report in one language names it, in place of the seed's SEED_SAMPLE_SOURCE. */
export const SAMPLE_SOURCE_TITLE = {
  zh: '示例数据（演示用，并非公开发布）',
  en: 'Sample data (illustrative, not published)',
} as const;

export const statusLabel = (status: Status, lang: Lang): string => STATUS_LABELS[status][lang];

/** The status as a table cell prints it: a verdict resting on sample figures carries the word. */
export function statusText(status: Status, basis: 'published' | 'sample' | null, lang: Lang): string {
  const label = STATUS_LABELS[status][lang];
  if (basis !== 'sample') return label;
  return lang === 'zh' ? `${label}（依据示例数据）` : `${label} (on sample figures)`;
}

/** "判断依据含示例数据（2013–2016、2018–2020年）"; null when no sample figure was used. */
export function basisText(sample: readonly { year: number }[], lang: Lang): string | null {
  if (sample.length === 0) return null;
  const years = yearRuns(
    sample.map((f) => f.year),
    lang,
  );
  return lang === 'zh'
    ? `判断依据含示例数据（${years}年），并非公布数字`
    : `Rests on sample figures (${years}), not published ones`;
}
export const vintageLabel = (vintage: string, lang: Lang): string => VINTAGE_LABELS[vintage]?.[lang] ?? vintage;

/** The digits a number is read to: fewer as numbers grow (2.56, 51.6, 1,623), as the engine's explanations do. */
const readingDigits = (x: number): number => {
  const abs = Math.abs(x);
  return abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
};

// One Intl.NumberFormat per language and digits, made on first use: building one costs far more than
// formatting with it, and a report formats thousands of numbers.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}:${digits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
      maximumFractionDigits: digits,
      minimumFractionDigits: 0,
    });
    numberFormats.set(key, format);
  }
  return format;
}

/** Digits for reading: fewer as numbers grow (2.56, 51.6, 1,623), as the engine's explanations do. */
export function formatNumber(x: number, lang: Lang, digits?: number): string {
  const text = numberFormat(lang, digits ?? readingDigits(x)).format(x);
  // A minus sign that reads as one, not a hyphen.
  return text.replace(/^-/, '−');
}

/**
 * "80 家", "2.5%", "3.61 亿元"; in English "80 firms", "2.5%", and a unit that is itself a number
 * multiplied out: "361 million yuan", never "3.61 100 million yuan".
 */
export function withUnit(x: number, unit: string, lang: Lang, digits?: number): string {
  const n = formatNumber(x, lang, digits);
  if (unit === '%') return `${n}%`;
  if (!unit) return n;
  if (lang === 'zh') return `${n}${unit}`;
  return multipliedOut(x, unit, digits ?? readingDigits(x)) ?? `${n} ${unit}`;
}

const PACE_UNIT: Record<Pace['unit'], (unit: string, lang: Lang) => string> = {
  percent_per_year: (_u, lang) => (lang === 'zh' ? '%/年' : '% a year'),
  points_per_year: (_u, lang) => (lang === 'zh' ? '个百分点/年' : 'percentage points a year'),
  units_per_year: (unit, lang) => (lang === 'zh' ? `${unit}/年` : `${unit} a year`),
};

/** The unit of a pace for a column header or a cell next to the number. */
export function paceUnit(pace: Pick<Pace, 'unit'>, indicatorUnit: string, lang: Lang): string {
  return PACE_UNIT[pace.unit](indicatorUnit, lang);
}

/** "年均 +12.3%", "+0.35 percentage points a year". */
export function formatPace(pace: Pace, indicatorUnit: string, lang: Lang): string {
  const sign = pace.value >= 0 ? '+' : '−';
  const n = formatNumber(Math.abs(pace.value), lang);
  if (lang === 'zh') {
    if (pace.unit === 'percent_per_year') return `年均 ${sign}${n}%`;
    if (pace.unit === 'points_per_year') return `年均 ${sign}${n} 个百分点`;
    return `年均 ${sign}${n}${indicatorUnit}`;
  }
  if (pace.unit === 'percent_per_year') return `${sign}${n}% a year`;
  if (pace.unit === 'points_per_year') return `${sign}${n} pp a year`;
  return `${sign}${withUnit(Math.abs(pace.value), indicatorUnit, lang)} a year`;
}

const SYMBOL: Record<string, string> = { at_least: '≥', at_most: '≤', about: '≈', exactly: '=' };

export interface TargetTextInput {
  type: string;
  comparator: string;
  value: number | null;
  valueMin: number | null;
  valueMax: number | null;
  valueUnknown: boolean;
  targetYear: number | null;
  periodStart: number | null;
  unit: string;
  benchmarkRegionName: string | null;
}

/** The target in a few words: "2020年 ≥ 80家", "≥ 80 firms by 2020", "年均增长 ≥ 10%（至2020年）". */
export function targetText(t: TargetTextInput, lang: Lang): string {
  const zh = lang === 'zh';
  if (t.valueUnknown) return zh ? '目标值在原文中被遮蔽' : 'target value masked in the source';
  const sym = SYMBOL[t.comparator] ?? '≥';
  const by = (s: string) => (t.targetYear === null ? s : zh ? `${t.targetYear}年 ${s}` : `${s} by ${t.targetYear}`);
  const v = (x: number) => withUnit(x, t.unit, lang);
  switch (t.type) {
    case 'annual_growth':
      return zh
        ? `年均增长 ${sym} ${formatNumber(t.value ?? 0, lang)}%${t.targetYear ? `（至${t.targetYear}年）` : ''}`
        : `growth ${sym} ${formatNumber(t.value ?? 0, lang)}% a year${t.targetYear ? ` to ${t.targetYear}` : ''}`;
    case 'per_year':
      return zh ? `每年 ${sym} ${v(t.value ?? 0)}` : `${sym} ${v(t.value ?? 0)} every year`;
    case 'cumulative': {
      const span = t.periodStart !== null && t.targetYear !== null ? `${t.periodStart}–${t.targetYear}` : '';
      return zh
        ? `${span}${span ? '年' : ''}累计 ${sym} ${v(t.value ?? 0)}`
        : `${sym} ${v(t.value ?? 0)} in total${span ? ` over ${span}` : ''}`;
    }
    case 'range':
      return by(
        t.valueMin !== null && t.valueMax !== null
          ? // A multiplied-out English unit is written with each bound: "250–300 million yuan" would hide the first one's scale.
            `${zh || !unitMultiplier(t.unit) ? formatNumber(t.valueMin, lang) : v(t.valueMin)}–${v(t.valueMax)}`
          : v(t.valueMin ?? t.valueMax ?? 0),
      );
    case 'benchmark': {
      const region = t.benchmarkRegionName ?? (zh ? '基准地区' : 'the benchmark region');
      return zh ? `每年达到${region}平均水平` : `at the ${region} average every year`;
    }
    case 'milestone':
      return zh ? `${t.targetYear ?? ''}年前完成` : `delivered by ${t.targetYear ?? '—'}`;
    default:
      return t.value === null ? '—' : by(`${sym} ${v(t.value)}`);
  }
}

export interface FlagContext {
  unit: string;
  /** The figure as the source page prints it, where a damaged glyph makes it differ from the value read. */
  valueAsPrinted: number | null;
  value: number | null;
}

/** Years as runs: [2013, 2014, 2015, 2018] → "2013–2015, 2018" ("2013–2015、2018" in Chinese). */
export function yearRuns(list: number[], lang: Lang): string {
  const sorted = [...new Set(list)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    runs.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return runs.join(lang === 'zh' ? '、' : ', ');
}

const years = (f: Flag, lang: Lang) => yearRuns(f.years ?? [], lang);

/** A flag in words for a leader; the implausible target always shows the printed figure and the reading. */
export function flagText(f: Flag, ctx: FlagContext, lang: Lang): string {
  const zh = lang === 'zh';
  const v = (x: number) => withUnit(x, ctx.unit, lang, 4);
  switch (f.code) {
    case 'implausible_target': {
      const printed = ctx.valueAsPrinted ?? f.values?.at(-1) ?? null;
      const reading = f.suggestedValue ?? (ctx.valueAsPrinted !== null ? ctx.value : null);
      if (ctx.valueAsPrinted !== null && reading !== null && printed !== null)
        return zh
          ? `目标值存疑：原文印作 ${v(printed)}，合理读法为 ${v(reading)}（原文小数点处为损坏字符）；本报告按 ${v(reading)} 评估。`
          : `Implausible target: the source prints ${v(printed)}; the plausible reading is ${v(reading)} (a damaged character stands where the decimal point was). This report judges ${v(reading)}.`;
      if (f.values && f.values.length === 2 && f.years?.length === 2 && !f.detail.startsWith('target outside'))
        return zh
          ? `目标值存疑：相邻检查点 ${f.years[0]}年 ${v(f.values[0] as number)} 与 ${f.years[1]}年 ${v(f.values[1] as number)} 相差超过5倍${f.suggestedValue !== undefined ? `，合理读法可能为 ${v(f.suggestedValue)}` : ''}。`
          : `Implausible target: consecutive checkpoints ${v(f.values[0] as number)} (${f.years[0]}) and ${v(f.values[1] as number)} (${f.years[1]}) differ more than fivefold${f.suggestedValue !== undefined ? `; the plausible reading may be ${v(f.suggestedValue)}` : ''}.`;
      const shown = (f.values ?? []).map(v).join(zh ? '、' : ', ');
      return zh
        ? `目标值存疑：原文为 ${shown}，超出该指标的合理范围${f.suggestedValue !== undefined ? `，合理读法可能为 ${v(f.suggestedValue)}` : ''}。`
        : `Implausible target: the source gives ${shown}, outside the plausible range of the indicator${f.suggestedValue !== undefined ? `; the plausible reading may be ${v(f.suggestedValue)}` : ''}.`;
    }
    case 'implausible_value':
      return zh
        ? `数值存疑：${years(f, lang)}年的数值同比变化超过3倍、下降超过三分之二或超出合理范围，请核对。`
        : `Implausible value: the figure for ${years(f, lang)} jumps more than threefold, falls by more than two thirds or lies outside the plausible range; please check it.`;
    case 'data_gap':
      return zh ? `数据缺口：${years(f, lang)}年无数据。` : `Data gap: no figure for ${years(f, lang)}.`;
    case 'stale':
      return zh ? `数据陈旧：最新数据为${years(f, lang)}年。` : `Stale: the latest figure is from ${years(f, lang)}.`;
    case 'sample_data':
      return zh
        ? `示例数据：评估所用的${years(f, lang)}年数据为示例数据，并非公开发布的统计数据。`
        : `Sample data: the figures for ${years(f, lang)} used in this judgement are illustrative, not published statistics.`;
    case 'revised':
      return zh
        ? `数据修订：${years(f, lang)}年的数据在首次发布后经过修订，本报告采用最新数值。`
        : `Revised: the figures for ${years(f, lang)} were revised after first publication; the latest value is used.`;
    default:
      return f.detail;
  }
}

export const BADGE_TEXT: Record<string, { zh: string; en: string }> = {
  upper_bound_passed: { zh: '已超过区间上限', en: 'upper bound passed' },
  per_year_fell: { zh: '最近一年较上年变差', en: 'worse than the year before' },
};

export const MILESTONE_STATUS: Record<string, { zh: string; en: string }> = {
  achieved: STATUS_LABELS.achieved,
  missed: STATUS_LABELS.missed,
  pending: { zh: '未到期', en: 'pending' },
  no_data: STATUS_LABELS.no_data,
  not_assessable: STATUS_LABELS.not_assessable,
};

const TYPE_LABELS: Record<string, { zh: string; en: string }> = {
  level: { zh: '水平目标', en: 'level' },
  share: { zh: '比重目标', en: 'share' },
  annual_growth: { zh: '年均增长目标', en: 'annual growth' },
  per_year: { zh: '每年目标', en: 'every year' },
  cumulative: { zh: '累计目标', en: 'cumulative' },
  range: { zh: '区间目标', en: 'range' },
  benchmark: { zh: '对标目标', en: 'benchmark' },
  milestone: { zh: '节点任务', en: 'deliverable' },
};
export const typeLabel = (type: string, lang: Lang) => TYPE_LABELS[type]?.[lang] ?? type;

/**
 * A region named for a reader who does not know its code: a county or district with its city in
 * front ("吕梁市离石区", "Lishi District, Lüliang"), a city or province by its own name.
 */
export function fullRegionName(
  region: { nameZh: string; nameEn: string; level: string },
  parent: { nameZh: string; nameEn: string; level: string } | undefined,
  lang: Lang,
): string {
  const withParent = region.level === 'county' && parent?.level === 'prefecture';
  if (lang === 'zh') return withParent ? `${parent.nameZh}${region.nameZh}` : region.nameZh;
  return withParent ? `${region.nameEn}, ${parent.nameEn}` : region.nameEn;
}
