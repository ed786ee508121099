// The appendix of the PDF report: every figure used, with its vintage and source (附录一 / A), and
// the method (附录二 / B), which also holds what the body leaves out for a leader's reading: each
// judged target's score, progress to date A and outlook P, and the mean score of the plan.

import { formatNumber, SAMPLE_WORD, vintageLabel, withUnit } from '../labels.js';
import { C, type Column, WIDTH, type Writer } from './drawing.js';

export function appendix(out: Writer): void {
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
  out.para(w.methodReference, { size: 7.5, color: C.muted, gap: 8 });
  scores(out);
}

/** The score, A and P of each judged target, and the plan's mean score: for statisticians to check. */
function scores(out: Writer): void {
  const { w, model, lang } = out;
  out.subheading(w.scoresTitle, 10.5);
  out.para(w.scoresIntro, { size: 8.5, color: C.muted, gap: 6 });
  const judged = model.targets.filter((t) => t.score !== null);
  if (judged.length === 0) {
    out.para(w.noScores, { size: 8.5 });
    return;
  }
  const statusWidth = out.statusColumnWidth(
    judged.map((t) => t.status),
    w.scoreCols[2] as string,
    8,
  );
  const widths = [28, 0, statusWidth, 52, 62, 90];
  widths[1] = WIDTH - widths.reduce((a, b) => a + b, 0);
  const columns: Column[] = w.scoreCols.map((header, i) => ({
    header,
    width: widths[i] as number,
    align: i >= 3 ? 'right' : 'left',
  }));
  const value = (x: number | null) => (x === null ? '—' : formatNumber(x, lang));
  out.table(
    columns,
    judged.map((t) => [
      { text: String(t.position + 1), color: C.muted },
      { text: t.indicatorName },
      { text: t.statusLabel, status: t.status },
      { text: t.score === null ? '—' : `${formatNumber(t.score, lang)} / 5`, bold: true },
      { text: value(t.progressToDate) },
      {
        text: value(t.outlook),
        ...(t.outlook !== null && t.confidence === 'low_confidence' ? { sub: w.lowConfidenceShort, subColor: C.muted } : {}),
      },
    ]),
    { size: 8 },
  );
  out.para(w.meanScore(model), { size: 8.5, gap: 5 });
}
