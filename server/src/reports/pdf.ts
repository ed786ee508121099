// Lays a report model out as an A4 PDF with pdfkit, in the order a reader meets it: the cover
// (pdf/cover.ts); the summary, opening with the generated briefing (pdf/summary.ts); a page per
// target that has figures and a compact table of those without (pdf/target-pages.ts, its chart in
// pdf/chart.ts); the appendix of sources, method and scores (pdf/appendix.ts). The page frame
// (running header, sample-data band, page numbers; pdf/page-frame.ts) is drawn last, over the
// buffered pages, once the page count and the pages showing sample figures are known. The drawing
// helpers they share are in pdf/drawing.ts, the words in words.ts.

import type { ReportModel } from './model.js';
import { appendix } from './pdf/appendix.js';
import { cover } from './pdf/cover.js';
import { Writer } from './pdf/drawing.js';
import { decorate } from './pdf/page-frame.js';
import { summary } from './pdf/summary.js';
import { compactSection, targetSection } from './pdf/target-pages.js';

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
