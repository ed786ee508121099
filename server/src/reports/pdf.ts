// Lays a report model out as an A4 PDF with pdfkit: cover, one-page summary, a page per target that
// has figures (chart, table, explanation, flags, commentary), a compact table of the targets without
// figures, and the appendix of sources and method. Page numbers and the sample-data band are drawn
// last, over the buffered pages, once the page count and the pages showing sample figures are known.

import PDFDocument from 'pdfkit';
import type { Status } from '../domain/progress/types.js';
import { reportFonts } from './fonts.js';
import { formatNumber, type Lang, SAMPLE_WORD, STATUS_COLORS, STATUS_LABELS, vintageLabel, withUnit } from './labels.js';
import type { ChartModel, ReportModel, ReportTarget } from './model.js';
import { valueAxis, yearTicks } from './scale.js';

type Doc = PDFKit.PDFDocument;

const PAGE = { width: 595.28, height: 841.89 };
/** A target's chart: as tall as the page allows, within these bounds. */
const CHART = { min: 130, max: 200 };
const MARGIN = { top: 66, bottom: 60, left: 52, right: 52 };
const WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;

const C = {
  ink: '#1f2933',
  muted: '#5f6b7a',
  faint: '#9aa5b1',
  rule: '#d5dbe1',
  wash: '#f3f5f7',
  accent: '#1d3c6e',
  observed: '#1f5fbf',
  required: '#d07a1f',
  projection: '#1f5fbf',
  benchmark: '#2f855a',
  target: '#b42318',
  sampleInk: '#8a5a00',
  sampleWash: '#fdf1d6',
};

/** The region a report speaks of: the one it is narrowed to, else the plan's. */
const reportRegion = (model: ReportModel): string => model.scope?.regionName ?? model.plan.regionName;

const T = {
  zh: {
    kind: '进展报告',
    kindLine: '科技创新规划目标进展评估',
    docNumber: '文号',
    region: '地区',
    planRegion: '计划地区',
    /** A note in brackets after a word: full-width, without a space, in Chinese. */
    paren: (s: string) => `（${s}）`,
    scopeLine: (r: string, n: number) => `报告范围：本计划中${r}的 ${n} 项目标`,
    period: '规划期',
    issuer: '发文机关',
    issueDate: '发布日期',
    planStatus: '文件状态',
    asOf: '数据截至',
    asOfYear: (y: number | null) => (y === null ? '暂无数据' : `${y}年`),
    generated: '生成日期',
    targetCount: '目标数',
    targets: (n: number) => `${n} 项`,
    coverNote: '本报告由 Jindu（进度）根据已录入的统计数据和规划原文自动生成；评估方法见附录二。',
    sampleNotice:
      '本报告含示例数据：部分年份的数值是为演示而设的说明性数值，并非公开发布的统计数据。凡含示例数据的页面均在页眉下方标注“示例数据”，图中以空心点表示。',
    sampleBand: '示例数据 · 本页含示例数据（非公开发布的说明性数值），不得作为统计数据引用',
    page: (n: number, total: number) => `第 ${n} 页 / 共 ${total} 页`,
    header: (model: ReportModel) =>
      `${reportRegion(model)} · ${model.asOf === null ? '暂无数据' : `数据截至${T.zh.asOfYear(model.asOf)}`}`,
    madeBy: (d: string) => `Jindu 进度 · 生成于 ${d}`,
    summary: '一、总体情况',
    statusCounts: '目标状态分布',
    totals: (m: ReportModel) =>
      `共 ${m.summary.targetCount} 项目标，已评估 ${m.summary.scoredCount} 项（依据公布数据 ${m.summary.judgedOnPublished} 项，依据示例数据 ${m.summary.judgedOnSample} 项）；已评估目标平均得分 ${m.summary.meanScore === null ? '—' : formatNumber(m.summary.meanScore, 'zh')}（−5 至 +5，5 为已达成）${m.summary.meanScoreIsHeadline || m.summary.scoredCount === 0 ? '' : '；已评估目标不足半数，平均得分不作为总体结论'}。`,
    headlines: '核心指标',
    headlineCols: ['指标', '最新值', '年份', '数据版本', '本计划目标', '状态'],
    noTarget: '本计划未设目标',
    headlineNote:
      '最新值为截至评估年份的最新数据；目标年已过的目标按目标年的数值评估，目标年无数据时按其后最早的数值评估并注明；状态旁注“示例数据”的，其判断依据含示例数据。',
    guide: '状态说明',
    guideRows: [
      ['achieved', '最新数值已达到目标（目标年已过时：目标年数值达到目标）。'],
      ['met_late', '目标年无数据，其后最早的数值达到目标；或定性任务在目标年之后完成。'],
      ['on_track', '按近五年趋势外推，到目标年可完成 95% 以上。'],
      ['accelerate', '按趋势可完成 60%–95%，需加快进度。'],
      ['limited', '按趋势只能完成 0–60%。'],
      ['moving_away', '数值朝目标相反方向变化。'],
      ['missed', '目标年已过，目标年（或其后最早一年）的数值未达到目标。'],
      ['insufficient_data', '只有一个数据点，或目标年已过而其后无数据，尚不能判断。'],
      ['no_data', '评估年份前没有数据。'],
      ['not_assessable', '定性任务尚无完成记录，或目标值被遮蔽。'],
    ] as [Status, string][],
    noFigure: '暂无数据',
    behind: '进展最慢的目标及所需速度',
    behindCols: ['指标', '目标', '评估所用数值', '状态', '所需年均速度'],
    behindNone: '没有落后于进度的已评估目标。',
    targetYearPassed: '目标年已过',
    detailedTitle: '二、分项目标',
    sectionOf: (i: number, n: number) => `二、分项目标 · ${i} / ${n}`,
    clause: '原文',
    target: '目标',
    status: '状态',
    score: '得分',
    latest: '最新值',
    paceNeeded: '所需年均速度',
    paceAchieved: '已实现年均速度',
    outlook: '展望 P',
    progress: '进度 A',
    lowConfidence: '（数据点少，置信度低）',
    judgedOn: (v: string, late: boolean) =>
      late ? `目标年无数据，按其后最早的数值 ${v} 评估` : `按目标年数值 ${v} 评估，其后的数据不改变结论`,
    onSample: '依据示例数据',
    chartTitle: (unit: string) => `图：观测值、要求路径与预测（单位：${unit || '—'}）`,
    year: '年份',
    legendObserved: '观测值',
    legendRunning: '累计实际',
    legendSample: '示例数据',
    legendRequired: '要求路径',
    legendProjection: '预测',
    legendBenchmark: (r: string | null) => `${r ?? '基准'}水平`,
    legendTarget: '目标',
    legendMilestone: '阶段目标',
    legendPerYear: '每年目标',
    tableCols: (unit: string) => ['年份', `观测值（${unit}）`, '数据版本', '数据性质', `要求路径（${unit}）`, `预测（${unit}）`],
    benchCol: (unit: string) => `基准（${unit}）`,
    runningCol: (unit: string) => `累计（${unit}）`,
    published: '公开发布',
    notPublished: '未公布',
    explanation: '评估说明',
    flags: '提示',
    milestones: '阶段目标',
    milestoneLine: (y: number, v: string, o: string, s: string) => `${y}年：目标 ${v}，实际 ${o} — ${s}`,
    cumulativeLine: (a: string, r: string) => `累计实际 ${a}，按进度应达 ${r}。`,
    commentary: '说明与评注',
    commentLine: (c: ReportTarget['comments'][number]) => `${c.year}年 · ${c.author} · ${c.date}`,
    compactTitle: '三、暂无数据或不适用的目标',
    compactIntro: (n: number) =>
      `以下 ${n} 项目标在评估年份前没有录入数据，或为定性/目标值被遮蔽的任务，无法作出判断；列出原文条款与状态，待数据录入后自动评估。`,
    compactCols: ['序号', '指标', '原文条款', '目标', '状态'],
    compactComments: '相关评注',
    sourcesTitle: '附录一 数据来源与版本',
    sourcesIntro:
      '本报告图表所用的每一个数值：地区、指标、年份、数值、数据版本（初步核算/最终核实/修订）、修订次数、来源标题与网址。示例数据为说明性数值，并非公开发布。',
    sourceCols: ['年份', '数值', '数据版本', '来源'],
    revisions: (n: number) => `修订 ${n} 次`,
    noSources: '本报告未使用任何数值。',
    methodTitle: '附录二 评估方法说明',
    method: [
      // The Chinese appendix names the method in words; file names and code are in the English one.
      '评估方法详见系统文档《Jindu 如何应用进展评估方法》及其所依据的进展评估规范。方法借鉴加拿大统计局与 Open SDG 的进展测度、德国可持续发展战略的“天气”规则、联合国统计司进展图及亚太经社会的预期进展指数。',
      '要求路径 R(t)：从基期值到目标值，数量和金额按几何路径（小于 10 的数量按直线），比重按百分点直线；年均增长目标按复合增长的水平路径评估；有阶段目标时分段计算。对标目标逐年与基准地区同年数值比较（“k 年中 m 年达到”），基准无数据的年份不计为未达到。',
      '进度 A =（最新值 − 基期值）/（R(t) − 基期值），1 表示恰在路径上；展望 P 以最近五个数据的趋势把最新值外推（数量和金额用复合增长率，小于 10 的数量用直线，比重用最小二乘直线），取下一阶段目标与最终目标中较差者：P ≥ 0.95 为按进度，0.60–0.95 为需加快，0–0.60 为进展有限，小于 0 为倒退。只有 2–3 个数据点时标注低置信度。',
      '目标年已过：按目标年数值判断已达成或未达成；目标年无数据时按其后最早的数值判断（达到为逾期达成，未达到为未达成，并注明）；其后也无数据则为数据不足，不作推测。累计目标中未公布的年份视为未知，按其余年份均值推算并注明缺几年；目标年已过而仍缺年份时不下结论。',
      '每个年份只采用最新一次修订的数值；未公布（“—”“x”）的年份按缺失处理，绝不视为零。判断依据含示例数据的，状态旁注明，并给出仅按公布数据的判断。得分按 Open SDG 方法计为 −5 至 +5（未达成计 −5，逾期达成计 2.5），计划得分为已评估目标的平均值，已评估不足半数时不作为总体结论。提示（数据缺口、数据陈旧、目标值存疑、数值存疑、示例数据、数据修订）与状态并列显示，不替代状态。',
    ],
  },
  en: {
    kind: 'Progress report',
    kindLine: 'Progress toward the targets of a science-and-technology plan',
    docNumber: 'Document No.',
    region: 'Region',
    planRegion: 'Plan issued for',
    paren: (s: string) => ` (${s})`,
    scopeLine: (r: string, n: number) => `Scope: the plan's ${n === 1 ? 'target' : `${n} targets`} for ${r}`,
    period: 'Plan period',
    issuer: 'Issued by',
    issueDate: 'Issued on',
    planStatus: 'Document status',
    asOf: 'Figures as of',
    asOfYear: (y: number | null) => (y === null ? 'no figures yet' : String(y)),
    generated: 'Made on',
    targetCount: 'Targets',
    targets: (n: number) => String(n),
    coverNote:
      'Made by Jindu from the figures entered and the text of the plan; Appendix B describes how progress is judged. Target clauses are quoted verbatim in Chinese.',
    sampleNotice:
      'This report contains sample data: some yearly figures are illustrative values set for demonstration, not published statistics. Every page that shows one is marked “Sample data” below its header, and charts draw them as hollow points.',
    sampleBand: 'Sample data · this page shows illustrative figures that were not published; do not cite them as statistics',
    page: (n: number, total: number) => `Page ${n} of ${total}`,
    header: (model: ReportModel) =>
      `${reportRegion(model)} · ${model.asOf === null ? 'no figures yet' : `figures as of ${model.asOf}`}`,
    madeBy: (d: string) => `Jindu · made on ${d}`,
    summary: '1. Summary',
    statusCounts: 'Targets by status',
    totals: (m: ReportModel) =>
      `${m.summary.targetCount} targets, ${m.summary.scoredCount} judged (${m.summary.judgedOnPublished} on published figures, ${m.summary.judgedOnSample} on sample figures); mean score of the judged targets ${m.summary.meanScore === null ? '—' : formatNumber(m.summary.meanScore, 'en')} (−5 to +5; 5 is achieved)${m.summary.meanScoreIsHeadline || m.summary.scoredCount === 0 ? '' : '; fewer than half the targets are judged, so the mean is not a verdict on the plan'}.`,
    headlines: 'Headline indicators',
    headlineCols: ['Indicator', 'Latest', 'Year', 'Vintage', 'Target in this plan', 'Status'],
    noTarget: 'no target in this plan',
    headlineNote:
      'Latest is the latest figure up to the as-of year. A target whose year has passed is judged on the figure of its target year, or, without one, on the first figure after it (said so). A status marked “Sample data” rests on sample figures.',
    guide: 'Reading the status',
    guideRows: [
      ['achieved', 'The latest figure meets the target (once the target year has passed: its figure does).'],
      ['met_late', 'No figure for the target year; the first one after it meets the target (or a deliverable done late).'],
      ['on_track', 'The five-year trend reaches 95% or more of the way by the target year.'],
      ['accelerate', 'The trend reaches 60–95% of the way: the pace must rise.'],
      ['limited', 'The trend reaches less than 60% of the way.'],
      ['moving_away', 'The figures move away from the target.'],
      ['missed', 'The target year has passed and its figure (or the first one after it) fell short.'],
      ['insufficient_data', 'A single figure, or no figure for the target year or after it: no verdict yet.'],
      ['no_data', 'No figure up to the as-of year.'],
      ['not_assessable', 'A qualitative deliverable without a recorded outcome, or a masked target value.'],
    ] as [Status, string][],
    noFigure: 'no figures',
    behind: 'Targets furthest behind, and the pace they need',
    behindCols: ['Indicator', 'Target', 'Figure judged', 'Status', 'Pace needed'],
    behindNone: 'No judged target is behind its path.',
    targetYearPassed: 'target year passed',
    detailedTitle: '2. Targets',
    sectionOf: (i: number, n: number) => `2. Targets · ${i} of ${n}`,
    clause: 'Clause (source text)',
    target: 'Target',
    status: 'Status',
    score: 'Score',
    latest: 'Latest',
    paceNeeded: 'Pace needed',
    paceAchieved: 'Pace achieved',
    outlook: 'Outlook P',
    progress: 'Progress A',
    lowConfidence: ' (few points: low confidence)',
    judgedOn: (v: string, late: boolean) =>
      late
        ? `no figure for the target year: judged on the first later figure, ${v}`
        : `judged on the target-year figure ${v}; later figures do not change the verdict`,
    onSample: 'on sample figures',
    chartTitle: (unit: string) => `Chart: observed figures, required path and projection (unit: ${unit || '—'})`,
    year: 'Year',
    legendObserved: 'Observed',
    legendRunning: 'Running total',
    legendSample: 'Sample data',
    legendRequired: 'Required path',
    legendProjection: 'Projection',
    legendBenchmark: (r: string | null) => `${r ?? 'Benchmark'} level`,
    legendTarget: 'Target',
    legendMilestone: 'Milestone',
    legendPerYear: 'Yearly target',
    tableCols: (unit: string) => ['Year', `Observed (${unit})`, 'Vintage', 'Nature', `Required (${unit})`, `Projected (${unit})`],
    benchCol: (unit: string) => `Benchmark (${unit})`,
    runningCol: (unit: string) => `Running total (${unit})`,
    published: 'published',
    notPublished: 'not published',
    explanation: 'Assessment',
    flags: 'Flags',
    milestones: 'Milestones',
    milestoneLine: (y: number, v: string, o: string, s: string) => `${y}: target ${v}, actual ${o} — ${s}`,
    cumulativeLine: (a: string, r: string) => `Running total ${a}; ${r} was due by now.`,
    commentary: 'Commentary',
    commentLine: (c: ReportTarget['comments'][number]) => `${c.year} · ${c.author} · ${c.date}`,
    compactTitle: '3. Targets without figures or not assessable',
    compactIntro: (n: number) =>
      `These ${n} targets have no figure up to the as-of year, or are qualitative or masked deliverables that cannot be judged. Their clauses and status are listed; they are judged as soon as figures are entered.`,
    compactCols: ['#', 'Indicator', 'Clause (source text)', 'Target', 'Status'],
    compactComments: 'Commentary',
    sourcesTitle: 'Appendix A. Sources and vintages',
    sourcesIntro:
      'Every figure used in this report: region, indicator, year, value, vintage (preliminary, final or revised), number of revisions, source title and address. Sample figures are illustrative and were not published.',
    sourceCols: ['Year', 'Value', 'Vintage', 'Source'],
    revisions: (n: number) => `${n} revisions`,
    noSources: 'This report uses no figures.',
    methodTitle: 'Appendix B. Method',
    method: [
      'The method is documented in the project’s docs/progress-method.md (“How Jindu applies the progress method”), which follows the specification in shared/progress-method.md. It borrows from Statistics Canada’s progress measure as used by Open SDG (sdg-build ProgressMeasure), the “weather” rules of Germany’s sustainability strategy, the UN Statistics Division Progress Chart and ESCAP’s anticipated-progress index.',
      'The required path R(t) runs from the base value to the target: geometric for counts and money (straight for counts below 10), a straight line in percentage points for shares; growth targets are judged on the compounded level; interim milestones split the path. Benchmark targets are judged every year against the benchmark region’s figure of the same year (“met in k of n years”); a year without a benchmark figure is not a failure.',
      'Progress to date A = (latest − base) / (R(t) − base): 1 is exactly on the path. The outlook P projects the latest value from the trend of the last five figures (compound rate for counts and money, a straight line for counts below 10, least squares for shares), toward the next milestone and the target, the worse of the two deciding: P ≥ 0.95 is on track, 0.60–0.95 needs to accelerate, 0–0.60 is limited progress, below 0 is moving away. Two or three points mark the outlook as low confidence.',
      'Once the target year has passed, its figure decides: achieved or missed. Without one, the first later figure decides (met late, or missed, said so); without any, the verdict is insufficient data, never a guess. In cumulative targets an unpublished year is unknown: it is projected like the remaining years and the number of missing years is given; after the target year, a total with unknown years gets no verdict.',
      'Each year uses its latest revision; a figure printed as “—” or “x” is missing, never zero. A verdict resting on sample figures says so beside its status and gives the verdict on the published figures alone. Scores follow Open SDG (−5 to +5; missed −5, met late 2.5) and a plan’s score is the mean over its judged targets, not a verdict on the plan when fewer than half are judged. Flags (data gap, stale, implausible target or value, sample data, revised) are shown beside the status, never instead of it.',
    ],
  },
};

type Words = (typeof T)['zh'];

/** Cell of a table: plain text, or text with a colour, a status chip, a link, or the sample marker. */
interface Cell {
  text: string;
  bold?: boolean;
  color?: string;
  status?: Status;
  link?: string | null;
  sub?: string | null;
  sample?: boolean;
}
interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

/**
 * Noto Sans SC draws ’ “ ” as full-width CJK punctuation, which looks broken in English prose. In
 * text without Chinese characters they become ASCII quotes; Chinese text (clauses are quoted
 * verbatim) is left as it is.
 */
function latinPunctuation(doc: Doc): void {
  const fix = (text: unknown) =>
    typeof text === 'string' && !CJK.test(text) ? text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"') : text;
  const text = doc.text.bind(doc) as (...args: unknown[]) => Doc;
  const width = doc.widthOfString.bind(doc) as (...args: unknown[]) => number;
  const height = doc.heightOfString.bind(doc) as (...args: unknown[]) => number;
  doc.text = ((t: unknown, ...rest: unknown[]) => text(fix(t), ...rest)) as Doc['text'];
  doc.widthOfString = ((t: unknown, ...rest: unknown[]) => width(fix(t), ...rest)) as Doc['widthOfString'];
  doc.heightOfString = ((t: unknown, ...rest: unknown[]) => height(fix(t), ...rest)) as Doc['heightOfString'];
}

class Writer {
  readonly doc: Doc;
  readonly w: Words;
  y = MARGIN.top;
  /** Pages (0-based) that show at least one sample figure: they carry the sample band. */
  readonly samplePages = new Set<number>();
  /** While a section shows sample figures, every page it runs onto is marked. */
  sectionSample = false;

  constructor(
    readonly model: ReportModel,
    readonly lang: Lang,
  ) {
    const fonts = reportFonts();
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      autoFirstPage: false,
      lang: lang === 'zh' ? 'zh-CN' : 'en-GB',
      displayTitle: true,
      info: {
        Title: `${model.plan.title}${model.scope ? ` — ${model.scope.regionName}` : ''} — ${T[lang].kind}`,
        Author: model.plan.issuer,
        Subject: T[lang].kindLine,
        Creator: 'Jindu',
        Producer: 'Jindu (pdfkit)',
      },
    });
    if (lang === 'en') latinPunctuation(this.doc);
    this.doc.registerFont('R', fonts.regular);
    this.doc.registerFont('B', fonts.bold);
    this.w = T[lang] as Words;
    this.doc.on('pageAdded', () => {
      this.y = MARGIN.top;
      if (this.sectionSample) this.markSample();
    });
  }

  get pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = MARGIN.top;
  }

  markSample(): void {
    this.samplePages.add(this.pageIndex);
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensure(height: number): void {
    if (this.y + height > BOTTOM) this.newPage();
  }

  font(bold: boolean, size: number, color = C.ink): Doc {
    return this.doc
      .font(bold ? 'B' : 'R')
      .fontSize(size)
      .fillColor(color);
  }

  height(text: string, width: number, bold: boolean, size: number, lineGap = 1.5): number {
    this.font(bold, size);
    return this.doc.heightOfString(text, { width, lineGap });
  }

  /** A paragraph at the current position, moved to a new page first when it does not fit. */
  para(text: string, opts: { size?: number; bold?: boolean; color?: string; gap?: number; indent?: number } = {}): void {
    const size = opts.size ?? 9.5;
    const indent = opts.indent ?? 0;
    const h = this.height(text, WIDTH - indent, opts.bold ?? false, size);
    if (h < BOTTOM - MARGIN.top) this.ensure(h);
    this.font(opts.bold ?? false, size, opts.color);
    this.doc.text(text, MARGIN.left + indent, this.y, { width: WIDTH - indent, lineGap: 1.5 });
    this.y = this.doc.y + (opts.gap ?? 4);
  }

  /** The height `para` takes with the same options. */
  paraHeight(text: string, opts: { size?: number; bold?: boolean; gap?: number; indent?: number } = {}): number {
    return this.height(text, WIDTH - (opts.indent ?? 0), opts.bold ?? false, opts.size ?? 9.5) + (opts.gap ?? 4);
  }

  subheadingHeight(text: string, size = 11): number {
    return this.height(text, WIDTH, true, size) + 4;
  }

  heading(text: string, size = 15): void {
    this.ensure(size + 30);
    this.font(true, size, C.accent).text(text, MARGIN.left, this.y, { width: WIDTH });
    this.y = this.doc.y + 2;
    this.doc
      .moveTo(MARGIN.left, this.y)
      .lineTo(MARGIN.left + WIDTH, this.y)
      .lineWidth(1)
      .strokeColor(C.accent)
      .stroke();
    this.y += 8;
  }

  subheading(text: string, size = 11): void {
    this.ensure(size + 40);
    this.font(true, size, C.ink).text(text, MARGIN.left, this.y, { width: WIDTH });
    this.y = this.doc.y + 4;
  }

  chip(status: Status, x: number, y: number, size = 8.5): number {
    const label = STATUS_LABELS[status][this.lang];
    this.font(true, size);
    const w = this.doc.widthOfString(label) + 12;
    const h = size + 7;
    this.doc.roundedRect(x, y, w, h, 3).fill(STATUS_COLORS[status]);
    this.font(true, size, '#ffffff').text(label, x + 6, y + 2.2, { lineBreak: false });
    return w;
  }

  /** A table that breaks across pages, repeating its header. */
  private headerHeight(columns: Column[], size: number, pad: number): number {
    return Math.max(...columns.map((c) => this.height(c.header, c.width - 2 * pad, true, size))) + 2 * pad;
  }

  private rowHeight(columns: Column[], row: Cell[], size: number, pad: number): number {
    const cellHeight = (cell: Cell, c: Column) => {
      const inner = c.width - 2 * pad;
      if (cell.status) return size + 7 + (cell.sub ? this.height(cell.sub, inner, false, size - 1.5) + 1 : 0);
      let h = this.height(cell.text || ' ', inner, cell.bold ?? false, size);
      if (cell.sub) h += this.height(cell.sub, inner, false, size - 1.5) + 1;
      return h;
    };
    return Math.max(...row.map((cell, i) => cellHeight(cell, columns[i] as Column))) + 2 * pad;
  }

  /** The height `table` will take when it does not break across pages. */
  tableHeight(columns: Column[], rows: Cell[][], opts: { size?: number; pad?: number } = {}): number {
    const size = opts.size ?? 8;
    const pad = opts.pad ?? 3;
    return (
      this.headerHeight(columns, size, pad) + rows.reduce((sum, row) => sum + this.rowHeight(columns, row, size, pad), 0) + 6
    );
  }

  table(columns: Column[], rows: Cell[][], opts: { size?: number; pad?: number } = {}): void {
    const size = opts.size ?? 8;
    const pad = opts.pad ?? 3;
    const drawHeader = () => {
      const h = this.headerHeight(columns, size, pad);
      this.doc.rect(MARGIN.left, this.y, WIDTH, h).fill(C.wash);
      let x = MARGIN.left;
      for (const c of columns) {
        this.font(true, size, C.muted).text(c.header, x + pad, this.y + pad, {
          width: c.width - 2 * pad,
          align: c.align ?? 'left',
          lineGap: 1.5,
        });
        x += c.width;
      }
      this.y += h;
    };
    this.ensure(40);
    drawHeader();
    for (const row of rows) {
      const h = this.rowHeight(columns, row, size, pad);
      if (this.y + h > BOTTOM) {
        this.newPage();
        drawHeader();
      }
      if (row.some((c) => c.sample)) this.markSample();
      let x = MARGIN.left;
      row.forEach((cell, i) => {
        const c = columns[i] as Column;
        const inner = c.width - 2 * pad;
        if (cell.status) {
          this.chip(cell.status, x + pad, this.y + pad, size - 0.5);
          // A verdict resting on sample figures: the word under its chip.
          if (cell.sub)
            this.font(false, size - 1.5, cell.sample ? C.sampleInk : C.muted).text(cell.sub, x + pad, this.y + pad + size + 7.5, {
              width: inner,
              lineGap: 1,
            });
        } else {
          this.font(cell.bold ?? false, size, cell.color ?? C.ink).text(cell.text, x + pad, this.y + pad, {
            width: inner,
            align: c.align ?? 'left',
            lineGap: 1.5,
          });
          if (cell.sub) {
            this.font(false, size - 1.5, cell.sample ? C.sampleInk : C.observed).text(cell.sub, x + pad, this.doc.y + 1, {
              width: inner,
              align: c.align ?? 'left',
              lineGap: 1,
              ...(cell.link ? { link: cell.link, underline: false } : {}),
            });
          }
        }
        x += c.width;
      });
      this.y += h;
      this.doc
        .moveTo(MARGIN.left, this.y)
        .lineTo(MARGIN.left + WIDTH, this.y)
        .lineWidth(0.4)
        .strokeColor(C.rule)
        .stroke();
    }
    this.y += 6;
  }
}

const num = (x: number | null, lang: Lang) => (x === null ? '—' : formatNumber(x, lang));

/**
 * A clause as printed, with private-use characters (the Lüliang page's damaged decimal points, U+E010)
 * drawn as a visible □ instead of a font's blank box: the flag beside it explains the reading.
 */
const shown = (clause: string) => clause.replace(/[\uE000-\uF8FF]/g, '□');

/** Renders the model to a PDF; resolves with the file and its page count. */
export async function renderReportPdf(model: ReportModel): Promise<{ pdf: Buffer; pages: number }> {
  const out = new Writer(model, model.lang);
  const chunks: Buffer[] = [];
  out.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    out.doc.on('end', () => resolve(Buffer.concat(chunks)));
    out.doc.on('error', reject);
  });

  cover(out);
  summary(out);
  model.detailed.forEach((t, i) => {
    targetSection(out, t, i + 1, model.detailed.length);
  });
  if (model.compact.length > 0) compactSection(out);
  appendix(out);
  const pages = decorate(out);
  out.doc.end();
  return { pdf: await done, pages };
}

/** "0.74%（2021）", "0.74% (2021)". */
function yearValue(v: { year: number; value: number }, unit: string, lang: Lang): string {
  return withUnit(v.value, unit, lang) + T[lang].paren(String(v.year));
}

/** A figure in running text, where no cell beneath can carry the label: "62家（2020，示例数据）". */
function yearValueInText(v: { year: number; value: number; isSample: boolean }, unit: string, lang: Lang): string {
  if (!v.isSample) return yearValue(v, unit, lang);
  const label = lang === 'zh' ? `${v.year}，${SAMPLE_WORD.zh}` : `${v.year}, ${SAMPLE_WORD.en.toLowerCase()}`;
  return withUnit(v.value, unit, lang) + T[lang].paren(label);
}

function cover(out: Writer): void {
  const { doc, w, model } = out;
  out.newPage();
  doc.rect(0, 0, PAGE.width, 10).fill(C.accent);
  let y = 150;
  out.font(true, 12, C.accent).text(w.kind, MARGIN.left, y, { width: WIDTH, characterSpacing: 1 });
  y = doc.y + 4;
  out.font(false, 10, C.muted).text(w.kindLine, MARGIN.left, y, { width: WIDTH });
  y = doc.y + 18;
  // One line when the title fits at a readable size, else two at the full size.
  let titleSize = 22;
  for (let size = 22; size >= 18; size -= 0.5) {
    out.font(true, size);
    if (doc.widthOfString(model.plan.title) <= WIDTH) {
      titleSize = size;
      break;
    }
  }
  out.font(true, titleSize, C.ink).text(model.plan.title, MARGIN.left, y, { width: WIDTH, lineGap: 4 });
  y = doc.y + 6;
  if (model.lang === 'en') {
    out.font(false, 12, C.muted).text(model.plan.titleZh, MARGIN.left, y, { width: WIDTH, lineGap: 2 });
    y = doc.y + 6;
  }
  if (model.plan.docNumber) {
    out.font(false, 12, C.ink).text(model.plan.docNumber, MARGIN.left, y, { width: WIDTH });
    y = doc.y + 6;
  }
  // A region's report says so under the title: a reader must not take it for the whole plan.
  if (model.scope) {
    y += 8;
    out.font(true, 16, C.accent).text(model.scope.regionName, MARGIN.left, y, { width: WIDTH });
    y = doc.y + 4;
    out.font(false, 10.5, C.ink).text(w.scopeLine(model.scope.regionName, model.summary.targetCount), MARGIN.left, y, {
      width: WIDTH,
    });
    y = doc.y + 6;
  }
  y += 22;
  doc
    .moveTo(MARGIN.left, y)
    .lineTo(MARGIN.left + WIDTH, y)
    .lineWidth(0.8)
    .strokeColor(C.rule)
    .stroke();
  y += 14;
  const { periodStart, periodEnd } = model.plan;
  const notStated = model.lang === 'zh' ? '未注明' : 'not stated';
  const period =
    periodStart === null
      ? notStated
      : periodEnd === null || periodEnd === periodStart
        ? String(periodStart)
        : `${periodStart}–${periodEnd}`;
  const facts: [string, string][] = [
    [w.region, reportRegion(model) + w.paren(model.scope?.regionCode ?? model.plan.regionCode)],
    ...(model.scope ? ([[w.planRegion, model.plan.regionName + w.paren(model.plan.regionCode)]] as [string, string][]) : []),
    [w.docNumber, model.plan.docNumber ?? '—'],
    [w.issuer, model.plan.issuer],
    [w.issueDate, model.plan.issueDate ?? '—'],
    [w.period, period],
    [w.planStatus, model.plan.statusLabel],
    [w.targetCount, w.targets(model.summary.targetCount)],
    [w.asOf, w.asOfYear(model.asOf)],
    [w.generated, model.generatedOn],
  ];
  for (const [label, value] of facts) {
    out.font(false, 10, C.muted).text(label, MARGIN.left, y, { width: 110 });
    out.font(true, 10.5, C.ink).text(value, MARGIN.left + 115, y, { width: WIDTH - 115 });
    y = Math.max(doc.y, y + 14) + 7;
  }
  y += 16;
  if (model.hasSample) {
    const h = out.height(model.lang === 'zh' ? T.zh.sampleNotice : T.en.sampleNotice, WIDTH - 24, false, 9.5) + 34;
    doc.rect(MARGIN.left, y, WIDTH, h).fill(C.sampleWash);
    doc.rect(MARGIN.left, y, 3, h).fill(C.sampleInk);
    out.font(true, 10, C.sampleInk).text(SAMPLE_WORD[model.lang], MARGIN.left + 12, y + 9, { width: WIDTH - 24 });
    out.font(false, 9.5, C.ink).text(w.sampleNotice, MARGIN.left + 12, doc.y + 3, { width: WIDTH - 24, lineGap: 1.5 });
    y += h + 14;
  }
  out.font(false, 9, C.muted).text(w.coverNote, MARGIN.left, Math.max(y, BOTTOM - 40), { width: WIDTH, lineGap: 1.5 });
}

function summary(out: Writer): void {
  const { doc, w, model, lang } = out;
  out.newPage();
  out.heading(w.summary);
  out.subheading(w.statusCounts);
  // The plan as one bar: each status's share of the targets.
  const total = Math.max(1, model.summary.targetCount);
  let x = MARGIN.left;
  for (const c of model.summary.counts) {
    if (c.count === 0) continue;
    const width = (WIDTH * c.count) / total;
    doc.rect(x, out.y, width, 14).fill(STATUS_COLORS[c.status]);
    x += width;
  }
  out.y += 22;
  const colW = WIDTH / 3;
  model.summary.counts.forEach((c, i) => {
    const cx = MARGIN.left + (i % 3) * colW;
    const cy = out.y + Math.floor(i / 3) * 18;
    doc.rect(cx, cy + 2, 9, 9).fill(STATUS_COLORS[c.status]);
    out.font(false, 9.5, c.count > 0 ? C.ink : C.faint).text(c.label, cx + 14, cy, { width: colW - 50, lineBreak: false });
    out.font(true, 9.5, c.count > 0 ? C.ink : C.faint).text(String(c.count), cx + colW - 40, cy, { width: 28, align: 'right' });
  });
  out.y += Math.ceil(model.summary.counts.length / 3) * 18 + 6;
  out.para(w.totals(model), { size: 9.5, gap: 12 });

  out.subheading(w.headlines);
  // Chinese targets with a note in full-width brackets (“年均增长 ≥ 10%（至2020年）”) need a wider column
  // than English ones, and Chinese status chips a narrower one.
  const hw = lang === 'zh' ? [150, 62, 36, 56, 136, 55] : [150, 62, 36, 56, 122, 69];
  out.table(
    w.headlineCols.map((header, i) => ({ header, width: hw[i] as number, align: i === 1 || i === 2 ? 'right' : 'left' })),
    model.summary.headlines.map((h) => {
      const sample = h.latest?.isSample ?? false;
      return [
        { text: h.indicatorName },
        {
          text: h.latest ? withUnit(h.latest.value, h.unit, lang) : w.noFigure,
          bold: h.latest !== null,
          ...(sample ? { sub: SAMPLE_WORD[lang], sample: true } : {}),
        },
        { text: h.latest ? String(h.latest.year) : '—' },
        { text: h.latest ? vintageLabel(h.latest.vintage, lang) : '—' },
        { text: h.target ? h.target.text : w.noTarget, color: h.target ? C.ink : C.faint },
        h.target
          ? {
              text: h.target.statusLabel,
              status: h.target.status,
              ...(h.target.basis === 'sample' ? { sub: w.onSample, sample: true } : {}),
            }
          : { text: '—', color: C.faint },
      ];
    }),
    { size: 8.5 },
  );
  out.para(w.headlineNote, { size: 7.5, color: C.muted, gap: 10 });

  out.subheading(w.behind);
  if (model.summary.behind.length === 0) {
    out.para(w.behindNone, { color: C.muted });
  } else {
    const bw = lang === 'zh' ? [130, 140, 80, 60, 85] : [150, 105, 80, 75, 85];
    out.table(
      w.behindCols.map((header, i) => ({ header, width: bw[i] as number })),
      model.summary.behind.map((t) => [
        { text: t.indicatorName },
        { text: t.targetText },
        {
          text: t.judgedLatest ? yearValue(t.judgedLatest, t.unit, lang) : '—',
          ...(t.judgedLatest?.isSample ? { sub: SAMPLE_WORD[lang], sample: true } : {}),
        },
        { text: t.statusLabel, status: t.status, ...(t.basis === 'sample' ? { sub: w.onSample, sample: true } : {}) },
        t.requiredPaceText
          ? { text: t.requiredPaceText, bold: true }
          : { text: t.status === 'missed' ? w.targetYearPassed : '—', color: C.muted },
      ]),
      { size: 8.5 },
    );
  }

  // What the statuses of this report mean, for a reader who meets it without the dashboard. The
  // summary stays one page: the guide is left out when the page has no room for it.
  const present = w.guideRows.filter(([status]) => model.summary.counts.some((c) => c.status === status && c.count > 0));
  const guideHeight = 30 + present.length * 15;
  if (present.length > 0 && out.y + 4 + guideHeight <= BOTTOM) {
    out.y += 4;
    out.subheading(w.guide, 10);
    for (const [status, text] of present) {
      out.chip(status, MARGIN.left, out.y, 7.5);
      out.font(false, 8, C.muted).text(text, MARGIN.left + 100, out.y + 2, { width: WIDTH - 100, lineBreak: false });
      out.y += 15;
    }
  }
}

function targetSection(out: Writer, t: ReportTarget, index: number, count: number): void {
  const { doc, w, lang } = out;
  out.sectionSample = t.hasSample;
  out.newPage();
  if (t.hasSample) out.markSample();
  out.font(false, 8, C.muted).text(w.sectionOf(index, count), MARGIN.left, out.y, { width: WIDTH });
  out.y = doc.y + 2;
  // Title, with the status chip on the right.
  out.font(true, 15, C.accent).text(t.indicatorName, MARGIN.left, out.y, { width: WIDTH - 120 });
  const titleBottom = doc.y;
  out.font(true, 9);
  const chipWidth = doc.widthOfString(t.statusLabel) + 12;
  out.chip(t.status, MARGIN.left + WIDTH - chipWidth, out.y + 2, 9);
  if (t.basis === 'sample') {
    // The verdict rests on sample figures: said under its chip, where it is read.
    out.font(true, 7.5, C.sampleInk).text(w.onSample, MARGIN.left + WIDTH - 110, out.y + 19, { width: 110, align: 'right' });
  }
  out.y = Math.max(titleBottom + 2, t.basis === 'sample' ? out.y + 30 : 0);
  const colon = lang === 'zh' ? '：' : ': ';
  out.font(false, 9.5, C.ink).text(`${w.target}${colon}${t.targetText} · ${t.typeLabel} · ${t.regionName}`, MARGIN.left, out.y, {
    width: WIDTH,
  });
  out.y = doc.y + 6;

  // The clause, verbatim.
  const clause = shown(t.clause);
  const clauseH = out.height(clause, WIDTH - 20, false, 9) + 22;
  doc.rect(MARGIN.left, out.y, WIDTH, clauseH).fill(C.wash);
  doc.rect(MARGIN.left, out.y, 2.5, clauseH).fill(C.accent);
  out.font(true, 7.5, C.muted).text(w.clause, MARGIN.left + 10, out.y + 5, { width: WIDTH - 20 });
  out.font(false, 9, C.ink).text(clause, MARGIN.left + 10, doc.y + 1, { width: WIDTH - 20, lineGap: 1.5 });
  out.y += clauseH + 8;

  // Key figures in a row of four.
  const facts: [string, string, boolean][] = [
    [w.score, t.score === null ? '—' : `${formatNumber(t.score, lang)} / 5`, false],
    [w.latest, t.latest ? yearValue(t.latest, t.unit, lang) : '—', t.latest?.isSample ?? false],
    [w.paceNeeded, t.requiredPaceText ?? (t.status === 'missed' ? w.targetYearPassed : '—'), false],
    [w.paceAchieved, t.paceAchievedText ?? '—', false],
  ];
  const fw = WIDTH / 4;
  facts.forEach(([label, value, sample], i) => {
    const fx = MARGIN.left + i * fw;
    out.font(false, 7.5, C.muted).text(label, fx, out.y, { width: fw - 8 });
    out.font(true, 10.5, C.ink).text(value, fx, doc.y + 1, { width: fw - 8 });
    if (sample) out.font(false, 7, C.sampleInk).text(SAMPLE_WORD[lang], fx, doc.y, { width: fw - 8 });
  });
  out.y += 40;
  const extra: string[] = [];
  if (t.progressToDate !== null) extra.push(`${w.progress} = ${formatNumber(t.progressToDate, lang)}`);
  if (t.outlook !== null)
    extra.push(`${w.outlook} = ${formatNumber(t.outlook, lang)}${t.confidence === 'low_confidence' ? w.lowConfidence : ''}`);
  if (t.badges.length > 0) extra.push(...t.badges);
  if (t.judgedLatest && t.latest && t.judgedLatest.year !== t.latest.year)
    extra.push(
      w.judgedOn(yearValueInText(t.judgedLatest, t.unit, lang), t.targetYear !== null && t.judgedLatest.year > t.targetYear),
    );
  if (extra.length > 0) {
    out.font(false, 8, C.muted).text(extra.join(' · '), MARGIN.left, out.y, { width: WIDTH });
    out.y = doc.y + 6;
  }

  // The numbers behind the chart.
  const hasBench = t.rows.some((r) => r.benchmark !== null);
  const hasRunning = t.rows.some((r) => r.runningTotal !== null);
  const headers = w.tableCols(t.unit);
  if (hasBench) headers.push(w.benchCol(t.unit));
  if (hasRunning) headers.push(w.runningCol(t.unit));
  const widths = [44, 0, 62, 62, 0, 0, ...(hasBench ? [0] : []), ...(hasRunning ? [0] : [])];
  const flexible = widths.filter((x) => x === 0).length;
  const flexWidth = (WIDTH - widths.reduce((a, b) => a + b, 0)) / flexible;
  const columns: Column[] = headers.map((header, i) => ({
    header,
    width: widths[i] || flexWidth,
    align: i === 2 || i === 3 ? 'left' : 'right',
  }));
  const rows = t.rows.map((r) => {
    const cells: Cell[] = [
      { text: String(r.year) },
      { text: num(r.observed, lang), bold: r.observed !== null },
      { text: r.vintage ? vintageLabel(r.vintage, lang) : '—', color: r.vintage ? C.ink : C.faint },
      r.isSample === null
        ? { text: '—', color: C.faint }
        : r.isSample
          ? { text: SAMPLE_WORD[lang], color: C.sampleInk, bold: true, sample: true }
          : { text: r.observed === null ? w.notPublished : w.published, color: C.muted },
      { text: num(r.required, lang) },
      { text: num(r.projected, lang) },
    ];
    if (hasBench)
      cells.push({
        text: num(r.benchmark, lang) + (r.benchmarkIsSample ? w.paren(SAMPLE_WORD[lang]) : ''),
        sample: r.benchmarkIsSample === true,
      });
    if (hasRunning) cells.push({ text: num(r.runningTotal, lang) });
    return cells;
  });
  const tableOptions = { size: 8, pad: 2.5 };

  // The words under the table: explanation, milestones, flags, commentary.
  type Block = { sub: string } | { text: string; size: number; color?: string; gap?: number; indent?: number };
  const blocks: Block[] = [{ sub: w.explanation }, { text: t.explanation, size: 9.5, gap: 6 }];
  if (t.cumulative && (t.type === 'cumulative' || t.type === 'per_year'))
    blocks.push({
      text: w.cumulativeLine(withUnit(t.cumulative.actual, t.unit, lang), withUnit(t.cumulative.required, t.unit, lang)),
      size: 9,
      color: C.muted,
    });
  if (t.milestones.length > 0) {
    blocks.push({ sub: w.milestones });
    for (const m of t.milestones)
      blocks.push({
        text: `• ${w.milestoneLine(m.year, m.value === null ? '—' : withUnit(m.value, t.unit, lang), m.observed === null ? '—' : withUnit(m.observed, t.unit, lang), m.statusLabel)}`,
        size: 9,
      });
  }
  if (t.flags.length > 0) {
    blocks.push({ sub: w.flags });
    for (const f of t.flags)
      blocks.push({
        text: `• ${f.text}`,
        size: 9,
        color: f.code === 'sample_data' ? C.sampleInk : f.code.startsWith('implausible') ? C.target : C.ink,
      });
  }
  if (t.comments.length > 0) {
    blocks.push({ sub: w.commentary });
    for (const c of t.comments) {
      blocks.push({ text: w.commentLine(c), size: 8, color: C.muted, gap: 1 });
      blocks.push({ text: c.body, size: 9.5, gap: 6, indent: 8 });
    }
  }

  if (t.chart) {
    // The chart gives way (down to a minimum) so that a section with many words still fits its page.
    const below =
      out.tableHeight(columns, rows, tableOptions) +
      blocks.reduce((sum, b) => sum + ('sub' in b ? out.subheadingHeight(b.sub, 10) : out.paraHeight(b.text, b)), 0);
    const titleHeight = out.height(w.chartTitle(t.unit), WIDTH, true, 8.5) + 4;
    const legendHeight = 24;
    const room = BOTTOM - out.y - titleHeight - legendHeight - 8 - below;
    const chartHeight = Math.max(CHART.min, Math.min(CHART.max, room));
    out.font(true, 8.5, C.muted).text(w.chartTitle(t.unit), MARGIN.left, out.y, { width: WIDTH });
    out.y = doc.y + 4;
    drawChart(out, t.chart, MARGIN.left, out.y, WIDTH, chartHeight);
    out.y += chartHeight + 4;
    out.y = legend(out, t.chart, out.y) + 8;
  }
  out.table(columns, rows, tableOptions);
  for (const b of blocks) {
    if ('sub' in b) out.subheading(b.sub, 10);
    else out.para(b.text, b);
  }
  out.sectionSample = false;
}

/** Chart of one target in vector graphics: axes with units, observed, required path, projection, benchmark, target. */
function drawChart(out: Writer, chart: ChartModel, x0: number, y0: number, width: number, height: number): void {
  const { doc, w, lang } = out;
  const left = x0 + 46;
  const right = x0 + width - 10;
  const top = y0 + 14;
  const bottom = y0 + height - 26;
  const values = [
    ...chart.observed.map((p) => p.value),
    ...chart.required.map((p) => p.value),
    ...chart.projection.map((p) => p.value),
    ...chart.benchmark.map((p) => p.value),
    ...chart.milestones.map((p) => p.value),
    ...(chart.target ? [chart.target.value] : []),
    ...(chart.band ? [chart.band.min, chart.band.max] : []),
    ...(chart.perYear !== null ? [chart.perYear] : []),
  ];
  const axis = valueAxis(values);
  const years = [
    ...chart.observed.map((p) => p.year),
    ...chart.required.map((p) => p.year),
    ...chart.projection.map((p) => p.year),
    ...chart.benchmark.map((p) => p.year),
    ...chart.milestones.map((p) => p.year),
    ...(chart.target ? [chart.target.year] : []),
    ...(chart.band ? [chart.band.year] : []),
  ];
  const first = Math.min(...years);
  const last = Math.max(...years);
  const sx = (year: number) => left + ((year - first + 0.5) / (last - first + 1)) * (right - left);
  const sy = (v: number) => bottom - ((v - axis.min) / (axis.max - axis.min)) * (bottom - top);

  doc.save();
  // Grid and value labels.
  for (const tick of axis.ticks) {
    const y = sy(tick);
    doc
      .moveTo(left, y)
      .lineTo(right, y)
      .lineWidth(tick === 0 ? 0.8 : 0.4)
      .strokeColor(tick === 0 ? C.faint : C.rule)
      .stroke();
    out.font(false, 7, C.muted).text(formatNumber(tick, lang, 2), x0, y - 4, { width: 40, align: 'right', lineBreak: false });
  }
  out.font(false, 7.5, C.muted).text(chart.unit || '', x0, y0, { width: 120, lineBreak: false });
  for (const year of yearTicks(first, last)) {
    const x = sx(year);
    doc
      .moveTo(x, bottom)
      .lineTo(x, bottom + 3)
      .lineWidth(0.5)
      .strokeColor(C.faint)
      .stroke();
    out.font(false, 7, C.muted).text(String(year), x - 15, bottom + 5, { width: 30, align: 'center', lineBreak: false });
  }
  out.font(false, 7.5, C.muted).text(w.year, right - 60, bottom + 15, { width: 60, align: 'right', lineBreak: false });

  const line = (points: { year: number; value: number }[]) => {
    points.forEach((p, i) => {
      if (i === 0) doc.moveTo(sx(p.year), sy(p.value));
      else doc.lineTo(sx(p.year), sy(p.value));
    });
  };

  if (chart.band) {
    const bx = sx(chart.band.year);
    doc
      .rect(bx - 7, sy(chart.band.max), 14, sy(chart.band.min) - sy(chart.band.max))
      .fillOpacity(0.18)
      .fill(C.target);
    doc.fillOpacity(1);
    doc
      .rect(bx - 7, sy(chart.band.max), 14, sy(chart.band.min) - sy(chart.band.max))
      .lineWidth(0.8)
      .strokeColor(C.target)
      .stroke();
  }
  if (chart.perYear !== null) {
    doc
      .moveTo(left, sy(chart.perYear))
      .lineTo(right, sy(chart.perYear))
      .lineWidth(1.2)
      .dash(2, { space: 2 })
      .strokeColor(C.target)
      .stroke();
    doc.undash();
  }
  if (chart.required.length > 1) {
    line(chart.required);
    doc.lineWidth(1.6).strokeColor(C.required).stroke();
  }
  if (chart.benchmark.length > 0) {
    if (chart.benchmark.length > 1) {
      line(chart.benchmark);
      doc.lineWidth(1.2).strokeColor(C.benchmark).stroke();
    }
    for (const p of chart.benchmark) {
      doc.rect(sx(p.year) - 2, sy(p.value) - 2, 4, 4);
      if (p.isSample) doc.lineWidth(0.8).fillAndStroke('#ffffff', C.benchmark);
      else doc.fill(C.benchmark);
    }
  }
  if (chart.projection.length > 1) {
    line(chart.projection);
    doc.lineWidth(1.4).dash(4, { space: 3 }).strokeColor(C.projection).stroke();
    doc.undash();
  }
  if (chart.observed.length > 1) {
    line(chart.observed);
    doc.lineWidth(2).strokeColor(C.observed).stroke();
  }
  for (const p of chart.observed) {
    doc.circle(sx(p.year), sy(p.value), 2.8);
    // Sample figures hollow, published ones filled: the difference survives black-and-white printing.
    if (p.isSample) doc.lineWidth(1.2).fillAndStroke('#ffffff', C.observed);
    else doc.fill(C.observed);
  }
  const diamond = (x: number, y: number, r: number, filled: boolean) => {
    doc.polygon([x, y - r], [x + r, y], [x, y + r], [x - r, y]);
    if (filled) doc.fill(C.target);
    else doc.lineWidth(1.2).fillAndStroke('#ffffff', C.target);
  };
  for (const m of chart.milestones) {
    diamond(sx(m.year), sy(m.value), 4, false);
    out.font(false, 7, C.target).text(withUnit(m.value, chart.unit, lang), sx(m.year) + 6, sy(m.value) - 4, { lineBreak: false });
  }
  if (chart.target) {
    const tx = sx(chart.target.year);
    const ty = sy(chart.target.value);
    diamond(tx, ty, 5, true);
    const label = `${w.legendTarget} ${withUnit(chart.target.value, chart.unit, lang)}`;
    out.font(true, 7.5, C.target);
    const lw = doc.widthOfString(label);
    // Left of the marker when later years are drawn to its right (or the label would leave the chart).
    const targetYear = chart.target.year;
    const later = [...chart.observed, ...chart.projection].some((p) => p.year > targetYear);
    const lx = later || tx + 8 + lw > right ? tx - 8 - lw : tx + 8;
    doc.text(label, lx, ty - 12, { lineBreak: false });
  }
  doc.restore();
  // Frame.
  doc.moveTo(left, top).lineTo(left, bottom).lineWidth(0.6).strokeColor(C.faint).stroke();
}

function legend(out: Writer, chart: ChartModel, y: number): number {
  const { doc, w } = out;
  let x = MARGIN.left + 46;
  const item = (draw: (x: number, y: number) => void, label: string) => {
    out.font(false, 7.5, C.muted);
    const lw = doc.widthOfString(label);
    if (x + 22 + lw > MARGIN.left + WIDTH) {
      x = MARGIN.left + 46;
      y += 12;
    }
    draw(x, y + 4.5);
    out.font(false, 7.5, C.muted).text(label, x + 20, y, { lineBreak: false });
    x += 20 + lw + 14;
  };
  // A legend's line sample: 14 points long, solid or dashed ([dash, space]).
  const legendLine = (lx: number, ly: number, width: number, color: string, dash?: [number, number]) => {
    if (dash) doc.dash(dash[0], { space: dash[1] });
    doc
      .moveTo(lx, ly)
      .lineTo(lx + 14, ly)
      .lineWidth(width)
      .strokeColor(color)
      .stroke();
    if (dash) doc.undash();
  };
  const hasSample = chart.observed.some((p) => p.isSample);
  const hasPublished = chart.observed.some((p) => !p.isSample);
  if (hasPublished || chart.observed.length === 0)
    item(
      (lx, ly) => {
        doc
          .moveTo(lx, ly)
          .lineTo(lx + 14, ly)
          .lineWidth(2)
          .strokeColor(C.observed)
          .stroke();
        doc.circle(lx + 7, ly, 2.6).fill(C.observed);
      },
      chart.observedKind === 'running_total' ? w.legendRunning : w.legendObserved,
    );
  if (hasSample)
    item(
      (lx, ly) => {
        doc
          .moveTo(lx, ly)
          .lineTo(lx + 14, ly)
          .lineWidth(2)
          .strokeColor(C.observed)
          .stroke();
        doc
          .circle(lx + 7, ly, 2.6)
          .lineWidth(1.2)
          .fillAndStroke('#ffffff', C.observed);
      },
      (chart.observedKind === 'running_total' ? w.legendRunning : w.legendObserved) + w.paren(w.legendSample),
    );
  if (chart.required.length > 1) item((lx, ly) => legendLine(lx, ly, 1.6, C.required), w.legendRequired);
  if (chart.projection.length > 1) item((lx, ly) => legendLine(lx, ly, 1.4, C.projection, [4, 3]), w.legendProjection);
  if (chart.benchmark.length > 0)
    item((lx, ly) => {
      legendLine(lx, ly, 1.2, C.benchmark);
      doc.rect(lx + 5, ly - 2, 4, 4).fill(C.benchmark);
    }, w.legendBenchmark(chart.benchmarkRegionName));
  if (chart.target)
    item((lx, ly) => {
      doc.polygon([lx + 7, ly - 4.5], [lx + 11.5, ly], [lx + 7, ly + 4.5], [lx + 2.5, ly]).fill(C.target);
    }, w.legendTarget);
  if (chart.milestones.length > 0)
    item((lx, ly) => {
      doc
        .polygon([lx + 7, ly - 4], [lx + 11, ly], [lx + 7, ly + 4], [lx + 3, ly])
        .lineWidth(1.2)
        .fillAndStroke('#ffffff', C.target);
    }, w.legendMilestone);
  if (chart.perYear !== null) item((lx, ly) => legendLine(lx, ly, 1.2, C.target, [2, 2]), w.legendPerYear);
  if (chart.band)
    item((lx, ly) => {
      doc
        .rect(lx + 3, ly - 4, 8, 8)
        .lineWidth(0.8)
        .strokeColor(C.target)
        .stroke();
    }, w.legendTarget);
  return y + 12;
}

function compactSection(out: Writer): void {
  const { w, model } = out;
  out.newPage();
  out.heading(w.compactTitle);
  out.para(w.compactIntro(model.compact.length), { size: 9, color: C.muted, gap: 8 });
  // The status column is as wide as the widest chip it shows.
  out.font(true, 7);
  const statusWidth = Math.max(...model.compact.map((t) => out.doc.widthOfString(t.statusLabel) + 12)) + 8;
  const widths = [24, 118, 0, 80, statusWidth];
  widths[2] = WIDTH - widths.reduce((a, b) => a + b, 0);
  out.table(
    w.compactCols.map((header, i) => ({ header, width: widths[i] as number })),
    model.compact.map((t) => [
      { text: String(t.position + 1), color: C.muted },
      { text: t.indicatorName, bold: true },
      { text: shown(t.clause) },
      { text: t.targetText },
      { text: t.statusLabel, status: t.status },
    ]),
    { size: 7.5 },
  );
  const commented = model.compact.filter((t) => t.comments.length > 0);
  if (commented.length > 0) {
    out.subheading(w.compactComments, 10);
    for (const t of commented)
      for (const c of t.comments) {
        out.para(`${t.indicatorName} · ${w.commentLine(c)}`, { size: 8, color: C.muted, gap: 1 });
        out.para(c.body, { size: 9.5, gap: 6, indent: 8 });
      }
  }
}

function appendix(out: Writer): void {
  const { w, model, lang } = out;
  out.newPage();
  out.heading(w.sourcesTitle);
  out.para(w.sourcesIntro, { size: 9, color: C.muted, gap: 8 });
  if (model.sources.length === 0) out.para(w.noSources);
  const widths = lang === 'zh' ? [40, 70, 80, WIDTH - 190] : [36, 104, 74, WIDTH - 214];
  for (const s of model.sources) {
    out.ensure(70);
    out.subheading(`${s.regionName} · ${s.indicatorName}${w.paren(s.unit || '—')}`, 9.5);
    out.table(
      w.sourceCols.map((header, i) => ({ header, width: widths[i] as number, align: i === 1 ? 'right' : 'left' })),
      s.figures.map((f) => [
        { text: String(f.year) },
        { text: f.value === null ? '—' : withUnit(f.value, s.unit, lang, 4), bold: true },
        f.isSample
          ? { text: SAMPLE_WORD[lang], color: C.sampleInk, bold: true, sample: true }
          : {
              text: vintageLabel(f.vintage, lang) + (f.revisionCount > 1 ? ` · ${w.revisions(f.revisionCount - 1)}` : ''),
            },
        { text: f.sourceTitle, sub: f.sourceUrl, link: f.sourceUrl },
      ]),
      { size: 7.5, pad: 1.6 },
    );
  }
  out.y += 6;
  out.heading(w.methodTitle);
  for (const p of w.method) out.para(p, { size: 8.5, gap: 5 });
}

/** Header, sample band and page numbers on every page, once the page count is known. */
function decorate(out: Writer): number {
  const { doc, w, model } = out;
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let i = range.start; i < range.start + total; i++) {
    doc.switchToPage(i);
    // Writing in the margins must not start new pages.
    const saved = { ...doc.page.margins };
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    if (i > range.start) {
      out.font(false, 7.5, C.muted).text(`${model.plan.title} · ${w.kind}`, MARGIN.left, 30, {
        width: WIDTH * 0.62,
        lineBreak: false,
        ellipsis: true,
        height: 10,
      });
      out.font(false, 7.5, C.muted).text(w.header(model), MARGIN.left + WIDTH * 0.62, 30, {
        width: WIDTH * 0.38,
        align: 'right',
        lineBreak: false,
      });
      doc
        .moveTo(MARGIN.left, 43)
        .lineTo(MARGIN.left + WIDTH, 43)
        .lineWidth(0.5)
        .strokeColor(C.rule)
        .stroke();
      if (out.samplePages.has(i)) {
        doc.rect(MARGIN.left, 46, WIDTH, 13).fill(C.sampleWash);
        out.font(true, 7.5, C.sampleInk).text(w.sampleBand, MARGIN.left + 6, 48.5, { width: WIDTH - 12, lineBreak: false });
      }
    }
    const fy = PAGE.height - 40;
    doc
      .moveTo(MARGIN.left, fy - 6)
      .lineTo(MARGIN.left + WIDTH, fy - 6)
      .lineWidth(0.5)
      .strokeColor(C.rule)
      .stroke();
    out.font(false, 7.5, C.muted).text(w.madeBy(model.generatedOn), MARGIN.left, fy, { width: WIDTH / 3, lineBreak: false });
    out.font(true, 8, C.ink).text(w.page(i - range.start + 1, total), MARGIN.left + WIDTH / 3, fy, {
      width: WIDTH / 3,
      align: 'center',
      lineBreak: false,
    });
    out.font(false, 7.5, C.muted).text(model.plan.docNumber ?? model.plan.slug, MARGIN.left + (2 * WIDTH) / 3, fy, {
      width: WIDTH / 3,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins = saved;
  }
  return total;
}
