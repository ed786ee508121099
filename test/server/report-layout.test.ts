import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { reportFonts, shareLayouts } from '../../server/src/reports/fonts.js';

// The PDF report lays text out through word pieces shared by the documents of a thread
// (reports/fonts.ts: shareLayouts). Its glyphs and advances must be exactly pdfkit's own, word by
// word: the same text must draw the same glyphs at the same places.

interface Run {
  glyphs: { id: number }[];
  positions: Record<string, number>[];
  advanceWidth: number;
}
type Face = { layout(text: string): Run; layoutCache?: object };

/** A new document's embedded face ('R' regular or 'B' bold), as pdfkit makes it on first use. */
function embeddedFace(bold: boolean): Face {
  const fonts = reportFonts();
  const doc = new PDFDocument({ autoFirstPage: false });
  doc.registerFont('F', (bold ? fonts.bold : fonts.regular) as unknown as Buffer);
  return (doc.font('F') as unknown as { _font: Face })._font;
}

const TEXTS = [
  '国家4A级旅游景区',
  '4A级景区',
  '旅游4A景区 达到4.5% 以上',
  '（2014—2020年）',
  '“十三五”时期，全社会研发经费投入强度达到2.6%。',
  '到2021年，高新技术企业数达到140家，R&D经费支出占GDP比重2.6%',
  '1,234 亿元',
  'Needs to accelerate: 2.6% of GDP by 2021 (R&D)',
  "Lüliang's high-tech firms — 140 by 2020",
  '示例数据 sample 2019：12.5（亿元）',
  '市科技局、市发改委 负责',
  '× ± ° · 15.2万人',
  '指标\t数值 单位 ',
  '',
];

describe('word pieces shared between documents', () => {
  for (const bold of [false, true]) {
    it(`gives ${bold ? 'bold' : 'regular'} text the glyphs, positions and widths pdfkit gives it`, () => {
      const own = embeddedFace(bold);
      const shared = embeddedFace(bold);
      shareLayouts(shared as never, (bold ? reportFonts().bold : reportFonts().regular) as never);
      for (const text of TEXTS) {
        // Twice: laid out anew, then from the shared pieces.
        for (let round = 0; round < 2; round++) {
          const expected = own.layout(text);
          const actual = shared.layout(text);
          expect(
            actual.glyphs.map((g) => g.id),
            text,
          ).toEqual(expected.glyphs.map((g) => g.id));
          expect(actual.positions, text).toEqual(expected.positions);
          expect(actual.advanceWidth, text).toBeCloseTo(expected.advanceWidth, 9);
        }
      }
    });
  }

  it('shares the pieces with the next document of the same face, and keeps none per document', () => {
    const first = embeddedFace(false);
    const second = embeddedFace(false);
    shareLayouts(first as never, reportFonts().regular as never);
    shareLayouts(second as never, reportFonts().regular as never);
    expect(second.layoutCache).toBe(first.layoutCache);
    const bold = embeddedFace(true);
    shareLayouts(bold as never, reportFonts().bold as never);
    expect(bold.layoutCache).not.toBe(first.layoutCache);
  });
});
