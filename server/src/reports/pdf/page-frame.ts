// The frame of every page of the PDF report, drawn last over the buffered pages once their count is
// known: the running header, the sample-data band on the pages that show a sample figure, and the
// footer with the page number and the document number.

import { C, MARGIN, PAGE, WIDTH, type Writer } from './drawing.js';

/** Header, sample band and page numbers on every page, once the page count is known. */
export function decorate(out: Writer): number {
  const { doc, w, model } = out;
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let i = range.start; i < range.start + total; i++) {
    doc.switchToPage(i);
    // Writing in the margins must not start new pages.
    const saved = { ...doc.page.margins };
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    if (i > range.start) {
      out.font(false, 7.5, C.muted);
      out.put(`${model.plan.title} · ${w.kind}`, MARGIN.left, 30, {
        width: WIDTH * 0.62,
        lineBreak: false,
        ellipsis: true,
        height: 10,
      });
      out.font(false, 7.5, C.muted);
      out.put(w.header(model), MARGIN.left + WIDTH * 0.62, 30, {
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
        out.font(true, 7.5, C.sampleInk);
        out.put(w.sampleBand, MARGIN.left + 6, 48.5, { width: WIDTH - 12, lineBreak: false });
      }
    }
    const fy = PAGE.height - 40;
    doc
      .moveTo(MARGIN.left, fy - 6)
      .lineTo(MARGIN.left + WIDTH, fy - 6)
      .lineWidth(0.5)
      .strokeColor(C.rule)
      .stroke();
    out.font(false, 7.5, C.muted);
    out.put(w.madeBy(model.generatedOn), MARGIN.left, fy, { width: WIDTH / 3, lineBreak: false });
    out.font(true, 8, C.ink);
    out.put(w.page(i - range.start + 1, total), MARGIN.left + WIDTH / 3, fy, {
      width: WIDTH / 3,
      align: 'center',
      lineBreak: false,
    });
    out.font(false, 7.5, C.muted);
    out.put(model.plan.docNumber ?? model.plan.slug, MARGIN.left + (2 * WIDTH) / 3, fy, {
      width: WIDTH / 3,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins = saved;
  }
  return total;
}
