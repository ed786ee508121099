// The target pages of the PDF report (section 二 / 2): a page for each target with figures (title and
// status, the clause as the source prints it, the key figures, chart, table of years, the engine's
// explanation, flags and commentary), then one compact table of the targets without figures
// (section 三 / 3). Scores and the progress measures A and P are in the appendix, not here.

import { clauseText, damagedNote } from '../clause.js';
import { SAMPLE_WORD, vintageLabel, withUnit } from '../labels.js';
import type { ReportTarget } from '../model.js';
import { drawChart, legend, legendHeight } from './chart.js';
import {
  BOTTOM,
  C,
  type Cell,
  CHART,
  type Column,
  MARGIN,
  num,
  WIDTH,
  type Writer,
  yearValue,
  yearValueInText,
} from './drawing.js';

export function targetSection(out: Writer, t: ReportTarget, index: number, count: number): void {
  const { doc, w, lang } = out;
  out.sectionSample = t.hasSample;
  out.newPage();
  if (t.hasSample) out.markSample();
  out.font(false, 8, C.muted);
  out.put(w.sectionOf(index, count), MARGIN.left, out.y, { width: WIDTH });
  out.y = doc.y + 2;
  // Title, with the status chip on the right.
  out.font(true, 15, C.accent);
  out.put(t.indicatorName, MARGIN.left, out.y, { width: WIDTH - 120 });
  const titleBottom = doc.y;
  out.font(true, 9);
  const chipWidth = doc.widthOfString(t.statusLabel) + 12;
  out.chip(t.status, MARGIN.left + WIDTH - chipWidth, out.y + 2, 9, Number.POSITIVE_INFINITY, t.statusLabel);
  if (t.basis === 'sample') {
    // The verdict rests on sample figures: said under its chip, where it is read.
    out.font(true, 7.5, C.sampleInk);
    out.put(w.onSample, MARGIN.left + WIDTH - 110, out.y + 19, { width: 110, align: 'right' });
  }
  out.y = Math.max(titleBottom + 2, t.basis === 'sample' ? out.y + 30 : 0);
  const colon = lang === 'zh' ? '：' : ': ';
  out.font(false, 9.5, C.ink);
  out.put(`${w.target}${colon}${t.targetText} · ${t.typeLabel} · ${t.regionName}`, MARGIN.left, out.y, {
    width: WIDTH,
  });
  out.y = doc.y + 6;

  // The clause, verbatim, with a marker and a note where the source lost a decimal point.
  out.clauseBox(w.clause, t.clause);

  // Key figures in a row: each as tall as its wrapped value (a long English pace takes two lines),
  // so that the line beneath never runs over them.
  const facts: [string, string, boolean][] = [
    [w.latest, t.latest ? yearValue(t.latest, t.unit, lang) : '—', t.latest?.isSample ?? false],
    [w.paceNeeded, t.requiredPaceText ?? (t.status === 'missed' ? w.targetYearPassed : '—'), false],
    [w.paceAchieved, t.paceAchievedText ?? '—', false],
  ];
  const fw = WIDTH / facts.length;
  let factsBottom = out.y;
  facts.forEach(([label, value, sample], i) => {
    const fx = MARGIN.left + i * fw;
    out.font(false, 7.5, C.muted);
    out.put(label, fx, out.y, { width: fw - 10 });
    out.font(true, 10.5, C.ink);
    out.put(value, fx, doc.y + 1, { width: fw - 10 });
    if (sample) {
      out.font(false, 7, C.sampleInk);
      out.put(SAMPLE_WORD[lang], fx, doc.y, { width: fw - 10 });
    }
    factsBottom = Math.max(factsBottom, doc.y);
  });
  out.y = factsBottom + 8;
  const extra: string[] = [...t.badges];
  if (t.judgedLatest && t.latest && t.judgedLatest.year !== t.latest.year)
    extra.push(
      w.judgedOn(yearValueInText(t.judgedLatest, t.unit, lang), t.targetYear !== null && t.judgedLatest.year > t.targetYear),
    );
  // A latest year after the target year is never shown without saying why (the web's words).
  else if (t.judgedYearNote) extra.push(t.judgedYearNote);
  if (extra.length > 0) {
    out.font(false, 8, C.muted);
    out.put(extra.join(' · '), MARGIN.left, out.y, { width: WIDTH });
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
    const titleHeight = out.height(w.chartTitle(t.unit, t.chart.observedKind === 'running_total'), WIDTH, true, 8.5) + 4;
    const room = BOTTOM - out.y - titleHeight - legendHeight(out, t.chart) - 12 - below;
    const chartHeight = Math.max(CHART.min, Math.min(CHART.max, room));
    out.font(true, 8.5, C.muted);
    out.put(w.chartTitle(t.unit, t.chart.observedKind === 'running_total'), MARGIN.left, out.y, { width: WIDTH });
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

export function compactSection(out: Writer): void {
  const { w, model } = out;
  out.newPage();
  out.heading(w.compactTitle);
  out.para(w.compactIntro(model.compact.length), { size: 9, color: C.muted, gap: 8 });
  // The status column is as wide as the widest chip it shows.
  const statusWidth = out.statusColumnWidth(
    model.compact.map((t) => t.status),
    w.compactCols[4] as string,
    7.5,
  );
  const widths = [24, 118, 0, 80, statusWidth];
  widths[2] = WIDTH - widths.reduce((a, b) => a + b, 0);
  out.table(
    w.compactCols.map((header, i) => ({ header, width: widths[i] as number })),
    model.compact.map((t) => [
      { text: String(t.position + 1), color: C.muted },
      { text: t.indicatorName, bold: true },
      { text: clauseText(t.clause), sub: damagedNote(t.clause, out.lang), subColor: C.target },
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
