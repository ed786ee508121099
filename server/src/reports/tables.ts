// The report's figures as tables for the workbook and the CSV: one row per target for the summary,
// and one row per target and year in long form. Numbers stay numbers. The workbook keeps them
// unrounded, exactly as the API gives them, so anyone can recompute, and shows them with a number
// format to the precision the figures are published with. The CSV has no formats: it writes its
// numbers as published (0.71, never 0.7100000000000001), and the derived ones (required path,
// projection) to the same precision.

import { SAMPLE_WORD, vintageLabel, yearRuns } from './labels.js';
import type { ReportModel, ReportTarget, SeriesRow } from './model.js';

export type CellValue = string | number | null;

/** The most decimals a report prints: beyond four, a statistical figure has none that mean anything. */
const MAX_DECIMALS = 4;

/** A number as published: the float noise of arithmetic taken off (0.7100000000000001 → 0.71). */
export function asPublished(x: number | null): number | null {
  return x === null ? null : Number.parseFloat(x.toPrecision(12));
}

/** The decimals a number is written with (0.71 → 2, 80 → 0), at most four. */
export function decimalsOf(x: number): number {
  const text = String(asPublished(x));
  if (/e/i.test(text)) return MAX_DECIMALS;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : Math.min(MAX_DECIMALS, text.length - dot - 1);
}

/**
 * The decimals a target's figures are published with: the most any of its figures (own and
 * benchmark) has. Without a figure, by the indicator's kind: counts (stock, flow) are whole, shares
 * and money amounts have two.
 */
export function publishedDecimals(t: Pick<ReportTarget, 'indicatorKind' | 'rows'>): number {
  const figures = t.rows.flatMap((r) => [r.observed, r.benchmark]).filter((x): x is number => x !== null);
  if (figures.length === 0) return t.indicatorKind === 'stock' || t.indicatorKind === 'flow' ? 0 : 2;
  return Math.max(...figures.map(decimalsOf));
}

/** A derived number (a required path, a projection) rounded to the precision of the figures it is read with. */
export function roundTo(x: number | null, decimals: number): number | null {
  if (x === null) return null;
  const text = String(asPublished(x));
  // Shifted in decimal, not by multiplying: 1.005 × 100 is 100.49999… in binary, and would round down.
  const rounded = /e/i.test(text)
    ? Math.round(x * 10 ** decimals) / 10 ** decimals
    : Number(`${Math.round(Number(`${text}e${decimals}`))}e-${decimals}`);
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** The Excel number format that shows a number to `decimals` places: "#,##0" for counts, "#,##0.00" for 0.71. */
export function numberFormat(decimals: number): string {
  return decimals <= 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}`;
}

const yesNo = (b: boolean | null, lang: 'zh' | 'en'): CellValue =>
  b === null ? null : lang === 'zh' ? (b ? '是' : '否') : b ? 'yes' : 'no';

/** The unit the target value is stated in: a growth rate is in % a year whatever the indicator. */
export function targetValueUnit(t: ReportTarget, lang: 'zh' | 'en'): string {
  if (t.type === 'annual_growth') return lang === 'zh' ? '%/年' : '% a year';
  return t.unit;
}

export function summaryTable(model: ReportModel): { header: string[]; rows: CellValue[][] } {
  const zh = model.lang === 'zh';
  const header = zh
    ? [
        '序号',
        '目标键',
        '指标',
        '地区',
        '原文条款',
        '目标',
        '目标值',
        '目标值单位',
        '目标年',
        '状态',
        '得分（−5至5）',
        '所需年均速度',
        '所需速度单位',
        '最新值',
        '最新值单位',
        '最新年份',
        '数据版本',
        SAMPLE_WORD.zh,
        '判断依据',
        '仅按公布数据',
        '最新年份说明',
      ]
    : [
        '#',
        'Target key',
        'Indicator',
        'Region',
        'Clause (source text)',
        'Target',
        'Target value',
        'Target value unit',
        'Target year',
        'Status',
        'Score (−5 to 5)',
        'Pace needed',
        'Pace unit',
        'Latest value',
        'Latest value unit',
        'Latest year',
        'Vintage',
        SAMPLE_WORD.en,
        'Verdict rests on',
        'On published figures alone',
        'Why the latest year',
      ];
  const rows = model.targets.map((t) => [
    t.position + 1,
    t.key,
    t.indicatorName,
    t.regionName,
    t.clause,
    t.targetText,
    t.value,
    t.value === null ? null : targetValueUnit(t, model.lang),
    t.targetYear,
    t.statusText,
    t.score,
    t.requiredPace?.value ?? null,
    t.requiredPaceUnit,
    t.latest?.value ?? null,
    t.latest ? t.unit : null,
    t.latest?.year ?? null,
    t.latest ? vintageLabel(t.latest.vintage, model.lang) : null,
    t.latest ? yesNo(t.latest.isSample, model.lang) : null,
    basisCell(t, model.lang),
    t.publishedOnly?.label ?? null,
    // A latest year after the target year, never without saying why.
    t.judgedYearNote,
  ]);
  return { header, rows };
}

/** What a verdict rests on, for a cell: "公布数据" / "示例数据（2013–2016、2018–2020年）"; empty when nothing was judged. */
export function basisCell(t: Pick<ReportTarget, 'basis' | 'sampleYears'>, lang: 'zh' | 'en'): CellValue {
  if (t.basis === null) return null;
  if (t.basis === 'published') return lang === 'zh' ? '公布数据' : 'published figures';
  const years = yearRuns(t.sampleYears, lang);
  return lang === 'zh' ? `示例数据（${years}年）` : `sample figures (${years})`;
}

/** The columns of a target's sheet, with its unit in the headers; benchmark and running total where they apply. */
export function targetSheetColumns(t: ReportTarget, lang: 'zh' | 'en') {
  const u = t.unit ? (lang === 'zh' ? `（${t.unit}）` : ` (${t.unit})`) : '';
  const hasBench = t.rows.some((r) => r.benchmark !== null);
  const hasRunning = t.rows.some((r) => r.runningTotal !== null);
  const zh = lang === 'zh';
  const columns: { header: string; width: number; value: (r: SeriesRow) => CellValue; numeric?: boolean }[] = [
    { header: zh ? '年份' : 'Year', width: 8, value: (r) => r.year },
    { header: `${zh ? '观测值' : 'Observed'}${u}`, width: 16, value: (r) => r.observed, numeric: true },
    { header: zh ? '数据版本' : 'Vintage', width: 12, value: (r) => (r.vintage ? vintageLabel(r.vintage, lang) : null) },
    { header: SAMPLE_WORD[lang], width: 11, value: (r) => yesNo(r.isSample, lang) },
    { header: zh ? '来源' : 'Source', width: 44, value: (r) => r.sourceTitle },
    { header: zh ? '来源链接' : 'Source URL', width: 40, value: (r) => r.sourceUrl },
    { header: `${zh ? '要求路径' : 'Required path'}${u}`, width: 16, value: (r) => r.required, numeric: true },
    { header: `${zh ? '预测值' : 'Projection'}${u}`, width: 16, value: (r) => r.projected, numeric: true },
  ];
  if (hasBench)
    columns.push({ header: `${zh ? '基准值' : 'Benchmark'}${u}`, width: 16, value: (r) => r.benchmark, numeric: true });
  if (hasRunning)
    columns.push({ header: `${zh ? '累计' : 'Running total'}${u}`, width: 16, value: (r) => r.runningTotal, numeric: true });
  columns.push({ header: zh ? '状态' : 'Status', width: 22, value: () => t.statusText });
  return columns;
}

/** Every target with figures, year by year, in long form: the CSV export. */
export function longTable(model: ReportModel): { header: string[]; rows: CellValue[][] } {
  const zh = model.lang === 'zh';
  const header = zh
    ? [
        '目标键',
        '指标代码',
        '指标',
        '单位',
        '年份',
        '观测值',
        '数据版本',
        SAMPLE_WORD.zh,
        '来源',
        '来源链接',
        '要求路径',
        '预测值',
        '基准值',
        '状态',
        '判断依据',
      ]
    : [
        'Target key',
        'Indicator code',
        'Indicator',
        'Unit',
        'Year',
        'Observed',
        'Vintage',
        SAMPLE_WORD.en,
        'Source',
        'Source URL',
        'Required path',
        'Projection',
        'Benchmark',
        'Status',
        'Verdict rests on',
      ];
  const rows = model.detailed.flatMap((t) => {
    const decimals = publishedDecimals(t);
    return t.rows.map((r) => [
      t.key,
      t.indicatorCode,
      t.indicatorName,
      t.unit,
      r.year,
      asPublished(r.observed),
      r.vintage ? vintageLabel(r.vintage, model.lang) : null,
      yesNo(r.isSample, model.lang),
      r.sourceTitle,
      r.sourceUrl,
      roundTo(r.required, decimals),
      roundTo(r.projected, decimals),
      asPublished(r.benchmark),
      t.statusText,
      basisCell(t, model.lang),
    ]);
  });
  return { header, rows };
}

/** Sheet names: at most 31 characters, none of []:*?/\, no apostrophe at either end, unique (Excel ignores case). */
export function sheetName(wanted: string, taken: Set<string>): string {
  // (?<!'): a run of apostrophes is tried from its first one only, not again from each (quadratic).
  const clean =
    wanted
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^'+|(?<!')'+$/g, '') || 'sheet';
  let name = [...clean].slice(0, 31).join('').trim();
  for (let n = 2; [...taken].some((t) => t.toLowerCase() === name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name =
      [...clean]
        .slice(0, 31 - suffix.length)
        .join('')
        .trim() + suffix;
  }
  taken.add(name);
  return name;
}
