/**
 * The words on and under the charts: gaps in the data, tooltips, legends, source lines. Pure, like
 * the other formatters; the phrases live in the dashboard's resource files under "format".
 */

import { legendItems } from '../../../server/src/reports/chartStyle.js';
import type { Vintage } from '../api/types.js';
import {
  type Axis,
  BAND_WIDENING,
  type CompareRow,
  type GoalMarker,
  type PlanPathsRow,
  type PlottedPoint,
  type TargetChartRow,
  yearsWithoutData,
} from '../features/charts/chartData.js';
import type { LegendItem } from '../features/charts/symbols.js';
import en from '../i18n/en.json' with { type: 'json' };
import dashboardEn from '../i18n/features/dashboard.en.json' with { type: 'json' };
import dashboardZh from '../i18n/features/dashboard.zh-CN.json' with { type: 'json' };
import type { Lang } from '../i18n/lang.js';
import zh from '../i18n/zh-CN.json' with { type: 'json' };
import { formatNumber, formatQuantity } from './numbers.js';
import { fill } from './phrases.js';
import { formatYears } from './progress.js';

type ChartPhrases = typeof dashboardZh.format;
// Typed against the Chinese file: a phrase missing from the English one fails to compile.
const PHRASES: Record<Lang, ChartPhrases> = { 'zh-CN': dashboardZh.format, en: dashboardEn.format };
const VINTAGES: Record<Lang, Record<Vintage, string>> = { 'zh-CN': zh.vintage, en: en.vintage };
const YEAR: Record<Lang, string> = { 'zh-CN': zh.format.year, en: en.format.year };

export function chartPhrases(lang: Lang): ChartPhrases {
  return PHRASES[lang];
}

/* ---------- Years without data ---------- */

/**
 * What is missing, in words: "2019年起无数据" when the figures stop before the last year expected,
 * "缺2015、2016年数据" for holes, both joined when both happen; "2014–2020年无数据" when there is
 * nothing at all. Null when nothing is missing. `missing` comes from yearsWithoutData.
 */
export function describeMissingYears(missing: readonly number[], from: number, to: number, lang: Lang): string | null {
  const p = PHRASES[lang].missing;
  const years = [...new Set(missing)].filter((y) => y >= from && y <= to).sort((a, b) => a - b);
  if (years.length === 0) return null;
  if (years.length === to - from + 1) return from === to ? fill(p.allSingle, { year: from }) : fill(p.all, { from, to });
  // The run that reaches the last year: the figures stop there.
  let start = to;
  const set = new Set(years);
  if (set.has(to)) while (set.has(start - 1)) start--;
  const trailing = set.has(to) ? fill(p.since, { year: start }) : null;
  const holes = years.filter((y) => !set.has(to) || y < start);
  const parts = [holes.length > 0 ? fill(p.gaps, { years: formatYears(holes, lang) }) : null, trailing].filter(
    (s): s is string => s !== null,
  );
  // English starts only the first clause with a capital ("No figures for 2015; no figures from 2017 onwards").
  return parts.map((part, i) => (i > 0 && lang === 'en' ? part.charAt(0).toLowerCase() + part.slice(1) : part)).join(p.join);
}

/** The same, straight from the years that have figures. */
export function describeDataGaps(observedYears: readonly number[], from: number, to: number, lang: Lang): string | null {
  if (to < from) return null;
  return describeMissingYears(yearsWithoutData(observedYears, from, to), from, to, lang);
}

/* ---------- Values ---------- */

/**
 * A derived value (a required path, a projection) rounded to what it is worth: the engine computes
 * 1.6985714…, a reader needs 1.7. Two decimals below 10 (as bulletins print shares), one below 100,
 * whole numbers from 100 up.
 */
export function roundDerived(value: number): number {
  if (!Number.isFinite(value)) return value;
  const magnitude = Math.abs(value);
  const digits = magnitude < 10 ? 2 : magnitude < 100 ? 1 : 0;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor + 0;
}

/** A figure as published, with its unit: "0.74%", "1.75万 件", "84 firms". */
export function formatFigure(value: number, unit: string, lang: Lang): string {
  return formatQuantity(value, unit, lang);
}

/** A derived value, rounded, with its unit. */
export function formatDerived(value: number, unit: string, lang: Lang): string {
  return formatQuantity(roundDerived(value), unit, lang);
}

/** What a point's shape and fill say, in words: ["示例数据", "初步核算", "已修订 1 次"]. */
export function pointNotes(point: Pick<PlottedPoint, 'isSample' | 'vintage' | 'revisionCount'>, lang: Lang): string[] {
  const p = PHRASES[lang];
  const notes: string[] = [];
  if (point.isSample) notes.push(p.sampleLabel);
  notes.push(VINTAGES[lang][point.vintage]);
  if (point.revisionCount > 1) notes.push(fill(p.tooltip.revisions, { count: point.revisionCount - 1 }));
  return notes;
}

/* ---------- Tooltips ---------- */

export interface TooltipLine {
  key:
    | 'observed'
    | 'required'
    | 'projection'
    | 'benchmark'
    | 'target'
    | 'milestone'
    | 'range_low'
    | 'range_high'
    | 'series'
    | 'path';
  label: string;
  value: string;
  /** vintage, sample, revisions; the band of a projection */
  notes: string[];
  source: string | null;
}

/**
 * Everything a year of the target chart holds, in words, for its tooltip: the figure (value, unit,
 * vintage, sample, source), the required path, the projection and its range, the benchmark, and any
 * goal set for that year.
 */
export function describeChartRow(
  row: TargetChartRow,
  markers: readonly GoalMarker[],
  unit: string,
  lang: Lang,
  benchmarkName: string | null,
): { title: string; lines: TooltipLine[] } {
  const p = PHRASES[lang].tooltip;
  const lines: TooltipLine[] = [];
  if (row.observedPoint) {
    const point = row.observedPoint;
    const notes = pointNotes(point, lang);
    if (point.flow !== undefined) notes.unshift(fill(p.flow, { value: formatFigure(point.flow, unit, lang) }));
    lines.push({
      key: 'observed',
      label: p.observed,
      value: formatFigure(point.value, unit, lang),
      notes,
      source: pointSource(point, lang),
    });
  } else if (row.unpublished) {
    lines.push({ key: 'observed', label: p.observed, value: p.unpublished, notes: [], source: null });
  }
  if (row.required !== null)
    lines.push({ key: 'required', label: p.required, value: formatDerived(row.required, unit, lang), notes: [], source: null });
  if (row.projection !== null && !row.observedPoint) {
    const notes =
      row.band && row.band[0] !== row.band[1]
        ? [fill(p.band, { low: formatDerived(row.band[0], unit, lang), high: formatDerived(row.band[1], unit, lang) })]
        : [];
    lines.push({ key: 'projection', label: p.projection, value: formatDerived(row.projection, unit, lang), notes, source: null });
  }
  if (row.benchmarkPoint && benchmarkName) {
    lines.push({
      key: 'benchmark',
      label: benchmarkName,
      value: formatFigure(row.benchmarkPoint.value, unit, lang),
      notes: pointNotes(row.benchmarkPoint, lang),
      source: pointSource(row.benchmarkPoint, lang),
    });
  }
  for (const marker of markers.filter((m) => m.year === row.year)) {
    const label =
      marker.kind === 'target'
        ? p.target
        : marker.kind === 'milestone'
          ? p.milestone
          : p[marker.kind === 'range_low' ? 'rangeLow' : 'rangeHigh'];
    lines.push({ key: marker.kind, label, value: formatDerived(marker.value, unit, lang), notes: [], source: null });
  }
  return { title: fill(YEAR[lang], { year: row.year }), lines };
}

/**
 * A year of a comparison across regions: each region's figure with its vintage, sample and source,
 * or "—" where it has none that year.
 */
export function describeCompareRow(
  row: CompareRow,
  series: readonly { key: string; label: string }[],
  unit: string,
  lang: Lang,
): { title: string; lines: TooltipLine[] } {
  const lines: TooltipLine[] = series.map((s) => {
    const point = row.points[s.key] ?? null;
    return point
      ? {
          key: 'series',
          label: s.label,
          value: formatFigure(point.value, unit, lang),
          notes: pointNotes(point, lang),
          source: pointSource(point, lang),
        }
      : { key: 'series', label: s.label, value: '—', notes: [], source: null };
  });
  return { title: fill(YEAR[lang], { year: row.year }), lines };
}

/** A year of one region's figures beside several plans' required paths and targets. */
export function describePlanPathsRow(
  row: PlanPathsRow,
  targets: readonly { id: number; label: string; goal: GoalMarker | null; targetLabel: string }[],
  unit: string,
  lang: Lang,
): { title: string; lines: TooltipLine[] } {
  const p = PHRASES[lang].tooltip;
  const lines: TooltipLine[] = [];
  if (row.observedPoint) {
    lines.push({
      key: 'observed',
      label: p.observed,
      value: formatFigure(row.observedPoint.value, unit, lang),
      notes: pointNotes(row.observedPoint, lang),
      source: pointSource(row.observedPoint, lang),
    });
  }
  for (const target of targets) {
    const value = row.paths[String(target.id)];
    if (value !== null && value !== undefined)
      lines.push({ key: 'path', label: target.label, value: formatDerived(value, unit, lang), notes: [], source: null });
    if (target.goal && target.goal.year === row.year)
      lines.push({
        key: 'target',
        label: target.targetLabel,
        value: formatDerived(target.goal.value, unit, lang),
        notes: [],
        source: null,
      });
  }
  return { title: fill(YEAR[lang], { year: row.year }), lines };
}

/* ---------- Sources and titles ---------- */

/** The source title of the seed's sample rows (seed/observations/sample.tsv): one title in two languages. */
export const SEED_SAMPLE_SOURCE = '示例数据 (sample, not published)';

/**
 * A figure's source as a page names it: the seed's sample rows, whose stored title is a bilingual
 * placeholder, in the page's language; any other title as entered.
 */
export function pointSource(point: Pick<PlottedPoint, 'isSample' | 'sourceTitle'>, lang: Lang): string | null {
  if (point.isSample && point.sourceTitle === SEED_SAMPLE_SOURCE) return PHRASES[lang].source.sample;
  return point.sourceTitle || null;
}

/**
 * The source line under a chart (and in its exported image): the published sources, each once, in
 * the order first used; sample figures named as such; more than three sources shortened.
 */
export function sourceLine(points: readonly Pick<PlottedPoint, 'isSample' | 'sourceTitle'>[], lang: Lang): string {
  const p = PHRASES[lang].source;
  const titles: string[] = [];
  for (const point of points) {
    if (point.isSample || !point.sourceTitle) continue;
    if (!titles.includes(point.sourceTitle)) titles.push(point.sourceTitle);
  }
  const shown = titles.slice(0, 3);
  if (titles.length > 3) shown.push(fill(p.more, { count: titles.length - 3 }));
  if (points.some((point) => point.isSample)) shown.push(p.sample);
  return shown.length === 0 ? '' : `${p.prefix}${shown.join(p.separator)}`;
}

/** "单位：% · 数据截至2017年" / "Unit: % · Figures up to 2017". */
export function chartSubtitle(unit: string, asOf: number | null, lang: Lang, extra: readonly string[] = []): string {
  const p = PHRASES[lang];
  const parts = [unit ? fill(p.subtitle.unit, { unit }) : null, ...extra, asOf === null ? null : fill(p.asOf, { year: asOf })];
  return parts.filter((s): s is string => !!s).join(p.subtitle.separator);
}

/**
 * What a chart must say when its value axis was fitted to the data (chartData.valueAxis): "纵轴从 46 起，
 * 未从 0 开始，以便看清差距". Null for an axis from zero.
 */
export function describeAxis(axis: Pick<Axis, 'domain' | 'fitted'>, lang: Lang): string | null {
  if (!axis.fitted) return null;
  return fill(PHRASES[lang].axisFitted, { from: formatNumber(axis.domain[0], lang) });
}

/* ---------- Legends ---------- */

export interface TargetLegendPresence {
  observed: boolean;
  preliminary: boolean;
  revised: boolean;
  sample: boolean;
  required: boolean;
  projection: boolean;
  target: boolean;
  range: boolean;
  milestone: boolean;
  benchmarkName: string | null;
}

/** What is on a target chart, and only that, in the order it matters. */
export function targetLegend(
  rows: readonly TargetChartRow[],
  markers: readonly GoalMarker[],
  benchmarkName: string | null,
): TargetLegendPresence {
  const points = rows.flatMap((r) => (r.observedPoint ? [r.observedPoint] : []));
  const bench = rows.flatMap((r) => (r.benchmarkPoint ? [r.benchmarkPoint] : []));
  const all = [...points, ...bench];
  return {
    observed: points.length > 0,
    preliminary: all.some((p) => p.mark === 'preliminary'),
    revised: all.some((p) => p.mark === 'revised'),
    sample: all.some((p) => p.isSample),
    required: rows.some((r) => r.required !== null),
    projection: rows.some((r) => r.projection !== null),
    target: markers.some((m) => m.kind === 'target'),
    range: markers.some((m) => m.kind === 'range_low' || m.kind === 'range_high'),
    milestone: markers.some((m) => m.kind === 'milestone'),
    benchmarkName: bench.length > 0 ? benchmarkName : null,
  };
}

/** The legend's entries: the symbols of the shared chart style (the PDF's legend takes the same). */
export function targetLegendItems(presence: TargetLegendPresence, lang: Lang): LegendItem[] {
  const p = PHRASES[lang].legend;
  return legendItems({ ...presence, benchmark: presence.benchmarkName !== null }, (id) =>
    id === 'benchmark' ? fill(p.benchmark, { region: presence.benchmarkName ?? '' }) : p[id],
  );
}

/** The band's widening rates in percent, for the note that explains it. */
export function bandRates(): { normal: number; low: number } {
  return { normal: BAND_WIDENING.normal * 100, low: BAND_WIDENING.low_confidence * 100 };
}
