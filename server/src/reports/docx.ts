// Lays a report model out as a Word briefing (.docx) with the `docx` library: the format bureaus edit
// and forward. Same content as the PDF (the generated briefing, counts, the targets behind with the
// pace they need, every target, sources, method and scores), in the conventions of a government
// document (docx/style.ts), its parts in docx/sections.ts. `docx` is pinned at 9.7.1: later releases
// depend on nanoid 6, which supports Node 22 and later only, and this server runs on Node 20.

import { AlignmentType, Document, Footer, Header, Packer, PageNumber, PageOrientation, Paragraph, TextRun } from 'docx';
import { briefingOf } from './briefing.js';
import { behind, context, masthead, overview, sourcesAndMethod, targets } from './docx/sections.js';
import { briefingStyles, COLOR, FONT, PAGE, runs, SIZE } from './docx/style.js';
import type { ReportModel } from './model.js';

export async function renderReportDocx(model: ReportModel): Promise<Buffer> {
  const ctx = context(model, briefingOf(model));
  // The body first: its clauses gather the footnotes the document is made with.
  const children = [...masthead(ctx), ...overview(ctx), ...behind(ctx), ...targets(ctx), ...sourcesAndMethod(ctx)];
  const title = `${ctx.d.title(model.plan.title)}${model.scope ? ctx.d.scopeTitle(model.scope.regionName) : ''}`;
  const doc = new Document({
    creator: 'Jindu',
    lastModifiedBy: 'Jindu',
    title,
    subject: ctx.d.masthead,
    description: ctx.d.number(model.generatedOn.slice(0, 4), model.plan.id),
    styles: briefingStyles(model.lang),
    footnotes: ctx.footnotes.notes,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            margin: PAGE.margin,
          },
        },
        headers: {
          default: new Header({
            children: model.hasSample
              ? [
                  new Paragraph({
                    alignment: AlignmentType.CENTER,
                    children: runs([{ text: ctx.d.headerSample, color: COLOR.sample, size: SIZE.xiaowu, font: FONT.fangsong }]),
                  }),
                ]
              : [],
          }),
        },
        footers: {
          // "— 1 —" in 宋体 四号, as official documents number their pages.
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ font: FONT.songti, size: SIZE.si, children: ['— ', PageNumber.CURRENT, ' —'] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
