// The report as plain data: everything the PDF, the workbook and the CSV show, assembled once from
// the repositories and the progress engine. The renderers only lay it out; every number here is the
// one the API gives (`/api/targets/:id/progress`, `/api/observations`), unrounded.

import { HEADLINE_INDICATORS, pickHeadlineTarget } from '../domain/headlines.js';
import { rollup } from '../domain/progress/rollup.js';
import type { IndicatorKind, Pace, ProgressResult, Status } from '../domain/progress/types.js';
import type { Repositories } from '../repositories/index.js';
import type { CurrentObservationRow } from '../repositories/observations.js';
import type { PlanSummaryRow, TargetRow } from '../repositories/plans.js';
import type { IndicatorRow, RegionRow } from '../repositories/reference.js';
import { SEED_SAMPLE_SOURCE } from '../seed/types.js';
import type { ProgressService } from '../services/progress.js';
import {
  BADGE_TEXT,
  basisText,
  flagText,
  formatPace,
  fullRegionName,
  type Lang,
  MILESTONE_STATUS,
  PLAN_STATUS_LABELS,
  paceUnit,
  SAMPLE_SOURCE_TITLE,
  STATUS_ORDER,
  statusLabel,
  statusText,
  targetText,
  typeLabel,
  withUnit,
} from './labels.js';

export interface ReportFigure {
  year: number;
  /** null: printed as "—" or "x", not published (never zero). */
  value: number | null;
  vintage: string;
  isSample: boolean;
  revisionCount: number;
  /** The source's title; for a sample figure the sample label in the report's language. */
  sourceTitle: string;
  sourceUrl: string | null;
}

/** One year of a target's series: the row of the PDF table, of its sheet and of the CSV. */
export interface SeriesRow {
  year: number;
  observed: number | null;
  vintage: string | null;
  /** null when the year has no figure. */
  isSample: boolean | null;
  sourceTitle: string | null;
  sourceUrl: string | null;
  /** R(t), the required path of the engine. */
  required: number | null;
  /** The engine's projection toward the checkpoint. */
  projected: number | null;
  /** The benchmark region's figure of the same year, where the target has one. */
  benchmark: number | null;
  benchmarkIsSample: boolean | null;
  /** Cumulative targets: the running total of the yearly flows from the period start. */
  runningTotal: number | null;
}

export interface ChartModel {
  unit: string;
  /** What the observed line shows: the yearly figures, or their running total for cumulative targets. */
  observedKind: 'figures' | 'running_total';
  observed: { year: number; value: number; isSample: boolean }[];
  required: { year: number; value: number }[];
  projection: { year: number; value: number }[];
  benchmark: { year: number; value: number; isSample: boolean }[];
  benchmarkRegionName: string | null;
  /** The level the target asks for at its year (for growth targets: the compounded level). */
  target: { year: number; value: number } | null;
  /** Range targets: the band between the bounds at the target year. */
  band: { year: number; min: number; max: number } | null;
  milestones: { year: number; value: number }[];
  /** A flat line every year (per-year targets) rather than a point. */
  perYear: number | null;
}

export interface ReportTarget {
  targetId: number;
  key: string;
  position: number;
  indicatorCode: string;
  indicatorName: string;
  /** stock and flow are counted (80 家), share and money measured: the workbook's number formats follow it */
  indicatorKind: IndicatorKind;
  unit: string;
  regionCode: string;
  regionName: string;
  /** Verbatim from the source document (Chinese in both languages). */
  clause: string;
  type: string;
  typeLabel: string;
  comparator: string;
  value: number | null;
  valueAsPrinted: number | null;
  targetYear: number | null;
  targetText: string;
  status: Status;
  statusLabel: string;
  /** The status as tables print it: with "（依据示例数据）" / "(on sample figures)" when it rests on them. */
  statusText: string;
  /** What the verdict rests on: published figures only, or some sample ones; null when nothing was judged. */
  basis: ProgressResult['basis'];
  /** The years of the sample figures used (own and benchmark). */
  sampleYears: number[];
  /** "判断依据含示例数据（2013–2016、2018–2020年）"; null when it rests on published figures only. */
  basisText: string | null;
  /** The verdict on the published figures alone, where the verdict rests on sample ones. */
  publishedOnly: { status: Status; label: string } | null;
  score: number | null;
  progressToDate: number | null;
  outlook: number | null;
  confidence: 'normal' | 'low_confidence' | null;
  checkpoint: ProgressResult['checkpoint'];
  requiredPace: Pace | null;
  requiredPaceText: string | null;
  requiredPaceUnit: string | null;
  paceAchieved: Pace | null;
  paceAchievedText: string | null;
  cumulative: ProgressResult['cumulative'];
  /** The latest published figure up to the as-of year. */
  latest: { year: number; value: number; vintage: string; isSample: boolean } | null;
  /** The latest figure the judgement rests on: earlier than `latest` once the target year has passed. */
  judgedLatest: { year: number; value: number; isSample: boolean } | null;
  explanation: string;
  flags: { code: string; text: string }[];
  badges: string[];
  milestones: { year: number; value: number | null; observed: number | null; status: string; statusLabel: string }[];
  comments: { year: number; body: string; author: string; date: string }[];
  /** Has figures to chart: a full section; otherwise a row of the compact table. */
  detailed: boolean;
  /** A figure shown for this target (own or benchmark) is sample data. */
  hasSample: boolean;
  rows: SeriesRow[];
  chart: ChartModel | null;
}

export interface SourceSeries {
  regionCode: string;
  regionName: string;
  indicatorCode: string;
  indicatorName: string;
  unit: string;
  figures: ReportFigure[];
}

export interface ReportModel {
  lang: Lang;
  /** The as-of year asked for (null: the latest figures). */
  asOfRequested: number | null;
  /** The year the report speaks of: the one asked for, else the latest year with a figure. */
  asOf: number | null;
  generatedOn: string;
  plan: {
    id: number;
    slug: string;
    title: string;
    titleZh: string;
    titleEn: string;
    docNumber: string | null;
    issuer: string;
    issueDate: string | null;
    periodStart: number | null;
    periodEnd: number | null;
    status: string;
    statusLabel: string;
    regionCode: string;
    regionName: string;
    sourceTitle: string;
  };
  /**
   * The region the report is narrowed to: only the plan's targets that name it, and its headline
   * indicators. null: the whole plan.
   */
  scope: { regionCode: string; regionName: string } | null;
  summary: {
    targetCount: number;
    counts: { status: Status; label: string; count: number }[];
    meanScore: number | null;
    scoredCount: number;
    /** Judged targets resting on published figures only, and on sample ones. */
    judgedOnPublished: number;
    judgedOnSample: number;
    /** The mean is a headline only where at least half the targets are judged. */
    meanScoreIsHeadline: boolean;
    headlines: {
      indicatorCode: string;
      indicatorName: string;
      unit: string;
      latest: { year: number; value: number; vintage: string; isSample: boolean } | null;
      target: { key: string; text: string; status: Status; statusLabel: string; basis: ProgressResult['basis'] } | null;
    }[];
    /** The targets furthest behind (lowest score, not achieved), with the pace they need. */
    behind: ReportTarget[];
  };
  targets: ReportTarget[];
  detailed: ReportTarget[];
  compact: ReportTarget[];
  sources: SourceSeries[];
  hasSample: boolean;
}

export interface ReportDeps {
  repos: Repositories;
  progress: ProgressService;
}

const BEHIND_LIMIT = 5;

/** The date in China, where the report is read: "2026-03-05". */
export function chinaDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

function toFigure(o: CurrentObservationRow, lang: Lang): ReportFigure {
  return {
    year: o.year,
    value: o.value,
    vintage: o.vintage,
    isSample: o.isSample,
    revisionCount: o.revisionCount,
    // The seed's sample rows carry a bilingual placeholder title: a report in one language says it in
    // that language. A title someone entered stays as entered.
    sourceTitle: o.isSample && o.sourceTitle === SEED_SAMPLE_SOURCE ? SAMPLE_SOURCE_TITLE[lang] : o.sourceTitle,
    sourceUrl: o.sourceUrl,
  };
}

const upTo = (figures: ReportFigure[], asOf: number | null) => figures.filter((f) => asOf === null || f.year <= asOf);

function latestOf(figures: ReportFigure[]) {
  const f = [...figures].reverse().find((x) => x.value !== null);
  return f ? { year: f.year, value: f.value as number, vintage: f.vintage, isSample: f.isSample } : null;
}

export function buildReportModel(
  { repos, progress }: ReportDeps,
  input: { plan: PlanSummaryRow; asOf: number | null; lang: Lang; region?: string | null; now?: Date },
): ReportModel {
  const { plan, asOf, lang } = input;
  const scopeCode = input.region ?? null;
  /** The region whose headline indicators and series come first: the scope's, else the plan's. */
  const ownRegion = scopeCode ?? plan.regionCode;
  const zh = lang === 'zh';
  const indicators = new Map<string, IndicatorRow>(repos.reference.listIndicators().map((i) => [i.code, i]));
  // Only the regions the report names, each read once (a national database has thousands).
  const regions = new Map<string, RegionRow | undefined>();
  const regionOf = (code: string) => {
    if (!regions.has(code)) regions.set(code, repos.reference.region(code));
    return regions.get(code);
  };
  const regionName = (code: string) => {
    const r = regionOf(code);
    return r ? (zh ? r.nameZh : r.nameEn) : code;
  };
  const scopeName = (code: string) => {
    const r = regionOf(code);
    return r ? fullRegionName(r, r.parentCode ? regionOf(r.parentCode) : undefined, lang) : code;
  };
  const indicatorName = (code: string) => {
    const i = indicators.get(code);
    return i ? (zh ? i.nameZh : i.nameEn) : code;
  };
  const kindOf = (code: string): IndicatorKind => indicators.get(code)?.kind ?? 'stock';
  const unitOf = (code: string) => {
    const i = indicators.get(code);
    return i ? (zh ? i.unit : i.unitEn) : '';
  };

  // One read per series, shared by the targets, the headlines and the appendix.
  const seriesCache = new Map<string, ReportFigure[]>();
  const series = (regionCode: string, indicatorCode: string) => {
    const key = `${regionCode}|${indicatorCode}`;
    let found = seriesCache.get(key);
    if (!found) {
      found = upTo(
        repos.observations.current(regionCode, indicatorCode).map((o) => toFigure(o, lang)),
        asOf,
      );
      seriesCache.set(key, found);
    }
    return found;
  };

  const judged = progress.planProgress(plan, asOf);
  const resultOf = new Map(judged.targets.map((t) => [t.targetId, t.result]));
  // A region's report: the plan's targets that name the region, judged as in the whole plan.
  const rows = repos.plans.targets(plan.id).filter((t) => scopeCode === null || t.regionCode === scopeCode);
  const commentsOf = new Map<number, ReportTarget['comments']>();
  for (const c of repos.comments.ofPlan(plan.id)) {
    if (asOf !== null && c.year > asOf) continue;
    const list = commentsOf.get(c.targetId) ?? [];
    list.push({ year: c.year, body: c.body, author: c.authorDisplayName, date: c.createdAt.slice(0, 10) });
    commentsOf.set(c.targetId, list);
  }

  const used = new Set<string>();
  const targets = rows.map((t) => {
    const result = resultOf.get(t.id);
    if (!result) throw new Error(`target ${t.id} was not judged`);
    const own = series(t.regionCode, t.indicatorCode);
    const bench = t.benchmarkRegionCode ? series(t.benchmarkRegionCode, t.indicatorCode) : [];
    const built = buildTarget(t, result, own, bench, {
      lang,
      indicatorName: indicatorName(t.indicatorCode),
      indicatorKind: kindOf(t.indicatorCode),
      unit: unitOf(t.indicatorCode),
      regionName: regionName(t.regionCode),
      benchmarkRegionName: t.benchmarkRegionCode ? regionName(t.benchmarkRegionCode) : null,
      periodStart: plan.periodStart,
      comments: commentsOf.get(t.id) ?? [],
    });
    if (built.detailed) {
      used.add(`${t.regionCode}|${t.indicatorCode}`);
      if (t.benchmarkRegionCode && bench.length > 0) used.add(`${t.benchmarkRegionCode}|${t.indicatorCode}`);
    }
    return built;
  });

  // The summary counts the targets of the report, with the engine's roll-up (for the whole plan, the
  // same figures as /api/plans/:id/progress).
  const counted = rollup(targets);

  const headlines = HEADLINE_INDICATORS.map((code) => {
    const candidates = rows
      .filter((t) => t.indicatorCode === code && t.regionCode === ownRegion)
      .map((t) => ({
        id: t.id,
        planStatus: plan.status,
        planPeriodEnd: plan.periodEnd,
        targetYear: t.targetYear,
        valueUnknown: t.valueUnknown,
      }));
    const chosen = pickHeadlineTarget(candidates);
    const target = chosen ? targets.find((t) => t.targetId === chosen.id) : undefined;
    const latest = latestOf(series(ownRegion, code));
    if (latest) used.add(`${ownRegion}|${code}`);
    return {
      indicatorCode: code,
      indicatorName: indicatorName(code),
      unit: unitOf(code),
      latest,
      target: target
        ? {
            key: target.key,
            text: target.targetText,
            status: target.status,
            statusLabel: target.statusLabel,
            basis: target.basis,
          }
        : null,
    };
  });

  const sources: SourceSeries[] = [...used]
    .map((key) => {
      const [regionCode, indicatorCode] = key.split('|') as [string, string];
      return {
        regionCode,
        regionName: regionName(regionCode),
        indicatorCode,
        indicatorName: indicatorName(indicatorCode),
        unit: unitOf(indicatorCode),
        figures: series(regionCode, indicatorCode).filter((f) => f.value !== null),
      };
    })
    .filter((s) => s.figures.length > 0)
    // The report's own region first, then benchmarks; indicators in the plan's order.
    .sort((a, b) => {
      const own = Number(b.regionCode === ownRegion) - Number(a.regionCode === ownRegion);
      if (own !== 0) return own;
      const pos = (s: SourceSeries) => {
        const i = rows.findIndex((t) => t.indicatorCode === s.indicatorCode);
        return i < 0 ? rows.length + HEADLINE_INDICATORS.indexOf(s.indicatorCode as never) : i;
      };
      return pos(a) - pos(b) || a.regionCode.localeCompare(b.regionCode);
    });

  const behindStatuses: Status[] = ['moving_away', 'missed', 'limited', 'accelerate'];
  const behind = targets
    .filter((t) => behindStatuses.includes(t.status))
    .sort(
      (a, b) =>
        (a.score ?? Number.POSITIVE_INFINITY) - (b.score ?? Number.POSITIVE_INFINITY) ||
        behindStatuses.indexOf(a.status) - behindStatuses.indexOf(b.status) ||
        a.position - b.position,
    )
    .slice(0, BEHIND_LIMIT);

  const allYears = [...seriesCache.values()].flatMap((s) => s.filter((f) => f.value !== null).map((f) => f.year));
  const detailed = targets.filter((t) => t.detailed);
  const hasSample =
    detailed.some((t) => t.hasSample) ||
    headlines.some((h) => h.latest?.isSample) ||
    sources.some((s) => s.figures.some((f) => f.isSample));

  return {
    lang,
    asOfRequested: asOf,
    asOf: asOf ?? (allYears.length > 0 ? Math.max(...allYears) : null),
    generatedOn: chinaDate(input.now ?? new Date()),
    plan: {
      id: plan.id,
      slug: plan.slug,
      title: zh ? plan.titleZh : plan.titleEn,
      titleZh: plan.titleZh,
      titleEn: plan.titleEn,
      docNumber: plan.docNumber,
      issuer: zh ? plan.issuerZh : plan.issuerEn,
      issueDate: plan.issueDate,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      status: plan.status,
      statusLabel: PLAN_STATUS_LABELS[plan.status]?.[lang] ?? plan.status,
      regionCode: plan.regionCode,
      regionName: zh ? plan.regionNameZh : plan.regionNameEn,
      sourceTitle: plan.sourceTitle,
    },
    scope: scopeCode === null ? null : { regionCode: scopeCode, regionName: scopeName(scopeCode) },
    summary: {
      targetCount: counted.targetCount,
      counts: STATUS_ORDER.map((status) => ({
        status,
        label: statusLabel(status, lang),
        count: counted.counts[status] ?? 0,
      })),
      meanScore: counted.meanScore,
      scoredCount: counted.scoredCount,
      judgedOnPublished: counted.judgedOnPublished,
      judgedOnSample: counted.judgedOnSample,
      meanScoreIsHeadline: counted.meanScoreIsHeadline,
      headlines,
      behind,
    },
    targets,
    detailed,
    compact: targets.filter((t) => !t.detailed),
    sources,
    hasSample,
  };
}

interface TargetContext {
  lang: Lang;
  indicatorName: string;
  indicatorKind: IndicatorKind;
  unit: string;
  regionName: string;
  benchmarkRegionName: string | null;
  periodStart: number | null;
  comments: ReportTarget['comments'];
}

function buildTarget(
  t: TargetRow,
  result: ProgressResult,
  own: ReportFigure[],
  bench: ReportFigure[],
  ctx: TargetContext,
): ReportTarget {
  const { lang, unit } = ctx;
  const published = own.filter((f) => f.value !== null);
  const detailed = published.length > 0;
  const rows = detailed ? seriesRows(t, result, own, bench, ctx.periodStart) : [];
  const benchShown = detailed ? bench.filter((b) => b.value !== null && rows.some((r) => r.year === b.year)) : [];
  const hasSample = published.some((f) => f.isSample) || benchShown.some((f) => f.isSample);
  return {
    targetId: t.id,
    key: t.key,
    position: t.position,
    indicatorCode: t.indicatorCode,
    indicatorName: ctx.indicatorName,
    indicatorKind: ctx.indicatorKind,
    unit,
    regionCode: t.regionCode,
    regionName: ctx.regionName,
    clause: t.clause,
    type: t.type,
    typeLabel: typeLabel(t.type, lang),
    comparator: t.comparator,
    value: t.value,
    valueAsPrinted: t.valueAsPrinted,
    targetYear: t.targetYear,
    targetText: withPrinted(
      targetText(
        {
          type: t.type,
          comparator: t.comparator,
          value: t.value,
          valueMin: t.valueMin,
          valueMax: t.valueMax,
          valueUnknown: t.valueUnknown,
          targetYear: t.targetYear,
          periodStart: ctx.periodStart,
          unit,
          benchmarkRegionName: ctx.benchmarkRegionName,
        },
        lang,
      ),
      t,
      unit,
      lang,
    ),
    status: result.status,
    statusLabel: statusLabel(result.status, lang),
    statusText: statusText(result.status, result.basis, lang),
    basis: result.basis,
    sampleYears: [...new Set(result.sampleFigures.map((f) => f.year))],
    basisText: basisText(result.sampleFigures, lang),
    publishedOnly: result.publishedOnly
      ? { status: result.publishedOnly.status, label: statusLabel(result.publishedOnly.status, lang) }
      : null,
    score: result.score,
    progressToDate: result.progressToDate,
    outlook: result.outlook,
    confidence: result.confidence,
    checkpoint: result.checkpoint,
    requiredPace: result.requiredAnnualPace,
    requiredPaceText: result.requiredAnnualPace ? formatPace(result.requiredAnnualPace, unit, lang) : null,
    requiredPaceUnit: result.requiredAnnualPace ? paceUnit(result.requiredAnnualPace, unit, lang) : null,
    paceAchieved: result.paceAchieved,
    paceAchievedText: result.paceAchieved ? formatPace(result.paceAchieved, unit, lang) : null,
    cumulative: result.cumulative,
    latest: latestOf(own),
    judgedLatest: judgedLatestOf(result),
    explanation: result.explanation[lang],
    flags: result.flags.map((f) => ({
      code: f.code,
      text: flagText(f, { unit, valueAsPrinted: t.valueAsPrinted, value: t.value }, lang),
    })),
    badges: result.badges.map((b) => BADGE_TEXT[b]?.[lang] ?? b),
    milestones: result.milestones.map((m) => ({
      ...m,
      statusLabel: MILESTONE_STATUS[m.status]?.[lang] ?? m.status,
    })),
    comments: ctx.comments,
    detailed,
    hasSample,
    rows,
    chart: detailed ? chartOf(t, result, rows, benchShown, ctx) : null,
  };
}

/** A target whose source prints another figure than the one judged says so wherever it is named. */
function withPrinted(text: string, t: TargetRow, unit: string, lang: Lang): string {
  if (t.valueAsPrinted === null || t.value === null || t.valueAsPrinted === t.value) return text;
  const printed = withUnit(t.valueAsPrinted, unit, lang, 4);
  return lang === 'zh' ? `${text}（原文印作 ${printed}）` : `${text} (printed as ${printed})`;
}

function judgedLatestOf(result: ProgressResult): ReportTarget['judgedLatest'] {
  const used = [...result.inputs.observations].reverse().find((o) => o.value !== null);
  return used ? { year: used.year, value: used.value as number, isSample: used.isSample } : null;
}

/** Every year that has a figure, a required value or a projected value, in order. */
function seriesRows(
  t: TargetRow,
  result: ProgressResult,
  own: ReportFigure[],
  bench: ReportFigure[],
  periodStart: number | null,
): SeriesRow[] {
  const byYear = new Map(own.map((f) => [f.year, f]));
  const required = new Map(result.requiredPath.map((p) => [p.year, p.value]));
  const projected = new Map(result.projection.map((p) => [p.year, p.value]));
  const benchByYear = new Map(bench.filter((b) => b.value !== null).map((b) => [b.year, b]));
  const years = new Set<number>([...byYear.keys(), ...required.keys(), ...projected.keys()]);
  const span = [...years];
  const lo = Math.min(...span);
  const hi = Math.max(...span);
  // Benchmark years inside the span of the target's own years: the chart compares like with like.
  for (const y of benchByYear.keys()) if (y >= lo && y <= hi) years.add(y);
  const cumulativeFrom = t.type === 'cumulative' ? (periodStart ?? lo) : null;
  let running = 0;
  // A year not published is unknown, never zero: from the first such year the running total is unknown.
  let runningKnown = true;
  return [...years]
    .sort((a, b) => a - b)
    .map((year) => {
      const f = byYear.get(year);
      const b = benchByYear.get(year);
      let runningTotal: number | null = null;
      if (cumulativeFrom !== null && year >= cumulativeFrom && (t.targetYear === null || year <= t.targetYear)) {
        if (f?.value === null || f?.value === undefined) runningKnown = false;
        else running += f.value;
        runningTotal = runningKnown && f?.value !== null && f?.value !== undefined ? running : null;
      }
      return {
        year,
        observed: f?.value ?? null,
        vintage: f?.vintage ?? null,
        isSample: f ? f.isSample : null,
        sourceTitle: f?.sourceTitle ?? null,
        sourceUrl: f?.sourceUrl ?? null,
        required: required.get(year) ?? null,
        projected: projected.get(year) ?? null,
        benchmark: b?.value ?? null,
        benchmarkIsSample: b ? b.isSample : null,
        runningTotal,
      };
    });
}

function chartOf(t: TargetRow, result: ProgressResult, rows: SeriesRow[], bench: ReportFigure[], ctx: TargetContext): ChartModel {
  const cumulative = t.type === 'cumulative';
  const observed = rows.flatMap((r) => {
    const v = cumulative ? r.runningTotal : r.observed;
    return v === null ? [] : [{ year: r.year, value: v, isSample: r.isSample === true }];
  });
  // The level the target asks for: the engine's target value (compounded for growth targets; for a
  // benchmark target, the benchmark region's figure for the target year or its projection).
  const goal = result.inputs.targetValue;
  const perYear = t.type === 'per_year' ? t.value : null;
  const target =
    perYear !== null || t.type === 'range' || goal === null || t.targetYear === null || t.valueUnknown
      ? null
      : { year: t.targetYear, value: goal };
  return {
    unit: ctx.unit,
    observedKind: cumulative ? 'running_total' : 'figures',
    observed,
    // A benchmark target's required path is the benchmark itself, drawn (and named) as its own line.
    required: t.type === 'per_year' || t.type === 'benchmark' ? [] : result.requiredPath,
    projection: result.projection,
    benchmark: bench.map((b) => ({ year: b.year, value: b.value as number, isSample: b.isSample })),
    benchmarkRegionName: ctx.benchmarkRegionName,
    target,
    band:
      t.type === 'range' && t.targetYear !== null && t.valueMin !== null && t.valueMax !== null
        ? { year: t.targetYear, min: t.valueMin, max: t.valueMax }
        : null,
    milestones: t.milestones
      .filter((m): m is typeof m & { value: number } => m.value !== null)
      .map((m) => ({ year: m.year, value: m.value })),
    perYear,
  };
}
