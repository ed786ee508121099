// The cover of the PDF report: the kind of report, the plan's title and document number, the region
// it is narrowed to, the facts of the plan and of the report, and the sample-data notice.

import { SAMPLE_WORD } from '../labels.js';
import { reportRegion, T } from '../words.js';
import { BOTTOM, C, MARGIN, PAGE, WIDTH, type Writer } from './drawing.js';

export function cover(out: Writer): void {
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
