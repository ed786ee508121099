import { describe, expect, it } from 'vitest';
import { flushContent } from '../../server/src/reports/pdf/content.js';
import { MARGIN, Writer } from '../../server/src/reports/pdf/drawing.js';

// The PDF report's Writer draws a text that is one line without pdfkit's line wrapper (put), and
// writes the fill colour only when it changes (font). Both must leave the page as pdfkit would.

const MODEL = { plan: { title: '吕梁市科技创新规划', issuer: '吕梁市人民政府' }, scope: null } as never;

/** A page's content so far, its numbers rounded to 3 decimals (the wrapper sums 32-bit widths). */
function content(out: Writer): string {
  const page = out.doc.page as unknown as { content: { buffer: Uint8Array[] } & Parameters<typeof flushContent>[0] };
  flushContent(page.content);
  const text = Buffer.concat(page.content.buffer).toString('latin1');
  return text.replace(/-?\d+\.\d+/g, (n) => String(Math.round(Number(n) * 1000) / 1000));
}

const ops = (out: Writer, op: string) =>
  content(out)
    .split('\n')
    .filter((line) => line.endsWith(` ${op}`)).length;

describe('the PDF Writer', () => {
  const cases: [string, 'zh' | 'en', 'left' | 'right' | 'center'][] = [
    ['2,345.6', 'zh', 'right'],
    ['依据示例数据', 'zh', 'left'],
    ['到2021年，高新技术企业数达到140家', 'zh', 'left'],
    ['第 3 页，共 12 页', 'zh', 'center'],
    ['Needs to accelerate: 2.6% of GDP', 'en', 'left'],
    ['1,234 (2020, sample) ', 'en', 'right'],
  ];
  for (const [text, lang, align] of cases) {
    it(`draws "${text}" (${align}) where pdfkit's wrapper draws it, and leaves x and y where it does`, () => {
      const mine = new Writer(MODEL, lang);
      const theirs = new Writer(MODEL, lang);
      for (const out of [mine, theirs]) {
        out.newPage();
        out.font(false, 8, '#1f2933');
      }
      const opts = { width: 200, align, lineGap: 1.5 };
      mine.put(text, MARGIN.left + 10, 300, opts);
      theirs.doc.text(text, MARGIN.left + 10, 300, opts);
      expect(content(mine)).toBe(content(theirs));
      expect(content(mine)).toContain(' TJ');
      expect(mine.doc.y).toBeCloseTo(theirs.doc.y, 9);
      expect(mine.doc.x).toBe(theirs.doc.x);
      expect(mine.height(text, 200, false, 8)).toBeCloseTo(theirs.doc.heightOfString(text, { width: 200, lineGap: 1.5 }), 9);
    });
  }

  it('leaves a text wider than its column to the wrapper, which breaks it into lines', () => {
    const out = new Writer(MODEL, 'zh');
    out.newPage();
    out.font(false, 9);
    const text = '到2021年，全市高新技术企业数达到140家，规模以上工业企业研发经费支出占主营业务收入比重达到1.5%';
    out.put(text, MARGIN.left, 300, { width: 120, lineGap: 1.5 });
    const lines = ops(out, 'TJ');
    expect(lines).toBeGreaterThan(2);
    expect(out.doc.y).toBeCloseTo(300 + lines * (out.doc.currentLineHeight(true) + 1.5), 9);
  });

  it('writes the fill colour only when it changes, and again after another colour or on a new page', () => {
    const out = new Writer(MODEL, 'zh');
    out.newPage();
    const colours = () => ops(out, 'scn');
    out.font(false, 9, '#112233');
    expect(colours()).toBe(1);
    out.font(true, 10, '#112233');
    expect(colours()).toBe(1);
    // A colour set and taken back by a restore: the page's colour is the one before the save.
    out.doc.save();
    out.doc.fillColor('#445566');
    out.doc.restore();
    out.font(false, 9, '#112233');
    expect(colours()).toBe(2);
    // Another colour (a filled box), then the text colour again.
    out.doc.rect(10, 10, 5, 5).fill('#778899');
    out.font(false, 9, '#112233');
    expect(colours()).toBe(4);
    out.newPage();
    out.font(false, 9, '#112233');
    expect(colours()).toBe(1);
  });
});
