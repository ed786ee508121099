// The summary page of the PDF report. It opens with the briefing (briefing.ts: how many targets are
// met, off course and not yet judgeable, and the most urgent with the pace they need), then counts
// the targets by status, gives the headline indicators and the targets furthest behind, and, where
// the page has room, what the statuses mean. Scores are not shown here: they are in the appendix.

import { briefingOf } from '../briefing.js';
import { SAMPLE_WORD, STATUS_COLORS, vintageLabel, withUnit } from '../labels.js';
import { BOTTOM, C, MARGIN, WIDTH, type Writer, yearValue } from './drawing.js';

export function summary(out: Writer): void {
  const { doc, w, model, lang } = out;
  out.newPage();
  out.heading(w.summary);
  // The briefing first: what a leader reads if nothing else.
  const briefing = briefingOf(model);
  briefing.paragraphs.forEach((p, i) => {
    out.para(p, { size: 10.5, gap: i === briefing.paragraphs.length - 1 ? 10 : 5 });
  });
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
  // The bar's legend: the statuses that occur (the briefing above has said what does not).
  const present = model.summary.counts.filter((c) => c.count > 0);
  const colW = WIDTH / 3;
  present.forEach((c, i) => {
    const cx = MARGIN.left + (i % 3) * colW;
    const cy = out.y + Math.floor(i / 3) * 18;
    doc.rect(cx, cy + 2, 9, 9).fill(STATUS_COLORS[c.status]);
    out.font(false, 9.5, C.ink);
    out.put(c.label, cx + 14, cy, { width: colW - 50, lineBreak: false });
    out.font(true, 9.5, C.ink);
    out.put(String(c.count), cx + colW - 40, cy, { width: 28, align: 'right' });
  });
  out.y += Math.ceil(present.length / 3) * 18 + 6;
  out.para(w.totals(model), { size: 9.5, gap: 12 });

  out.subheading(w.headlines);
  // The status column as wide as its widest chip (English labels are long); the target takes the rest.
  const headlineStatus = out.statusColumnWidth(
    model.summary.headlines.flatMap((h) => (h.target ? [h.target.status] : [])),
    w.headlineCols[5] as string,
    8.5,
    model.summary.headlines.some((h) => h.target?.basis === 'sample') ? [w.onSample] : [],
  );
  const hw = [150, 62, 36, 56, 0, headlineStatus];
  hw[4] = WIDTH - hw.reduce((a, b) => a + b, 0);
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
    // The status column as wide as its widest chip, so that no chip runs over the pace needed.
    const behindStatus = out.statusColumnWidth(
      model.summary.behind.map((t) => t.status),
      w.behindCols[3] as string,
      8.5,
      model.summary.behind.some((t) => t.basis === 'sample') ? [w.onSample] : [],
    );
    const bw = lang === 'zh' ? [120, 0, 80, behindStatus, 90] : [130, 0, 80, behindStatus, 100];
    bw[1] = WIDTH - bw.reduce((a, b) => a + b, 0);
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
  const guide = w.guideRows.filter(([status]) => present.some((c) => c.status === status));
  const guideHeight = 30 + guide.length * 15;
  if (guide.length > 0 && out.y + 4 + guideHeight <= BOTTOM) {
    out.y += 4;
    out.subheading(w.guide, 10);
    for (const [status, text] of guide) {
      out.chip(status, MARGIN.left, out.y, 7.5, Number.POSITIVE_INFINITY, present.find((c) => c.status === status)?.label);
      out.font(false, 8, C.muted);
      out.put(text, MARGIN.left + 100, out.y + 2, { width: WIDTH - 100, lineBreak: false });
      out.y += 15;
    }
  }
}
