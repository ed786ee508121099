import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { numeralsApart, reportFonts, shareGlyphs } from '../../server/src/reports/fonts.js';
import { bufferContent, deflateStreams, drawLine, flushContent, type LineDoc } from '../../server/src/reports/pdf/content.js';
import { MARGIN, Writer } from '../../server/src/reports/pdf/drawing.js';

// The PDF report writes its one-line texts itself (drawLine), keeps a page's content as strings
// until the page ends (bufferContent), and copies glyphs into a document's font subset from a
// per-thread store (shareGlyphs). Each must give the bytes pdfkit and fontkit give.

const MODEL = { plan: { title: '吕梁市科技创新规划', issuer: '吕梁市人民政府' }, scope: null } as never;

type Ref = LineDoc['page']['content'] & { buffer: Uint8Array[] };
/** A page's content stream so far, exactly (no rounding). */
function content(out: Writer): string {
  const ref = (out.doc.page as unknown as { content: Ref }).content;
  flushContent(ref);
  return Buffer.concat(ref.buffer).toString('latin1');
}

interface Embedded {
  widths: number[];
  unicode: number[][];
  subset: { glyphs: number[] };
}
const embedded = (out: Writer) => (out.doc as unknown as { _font: Embedded })._font;

describe('drawLine', () => {
  const cases: [string, 'zh' | 'en', boolean][] = [
    ['依据示例数据', 'zh', false],
    ['到2021年，高新技术企业数达到140家', 'zh', true],
    ['AV To P.W', 'en', false], // kerned pairs: several segments in the TJ array
    ['Needs to accelerate: 2.6% of GDP', 'en', true],
    [' ', 'zh', false],
  ];
  for (const [text, lang, bold] of cases) {
    it(`writes "${text}" as pdfkit's text(…, { lineBreak: false }) does, to the byte, and records the same glyphs`, () => {
      const mine = new Writer(MODEL, lang);
      const theirs = new Writer(MODEL, lang);
      for (const out of [mine, theirs]) {
        out.newPage();
        out.font(bold, 8.5, '#1f2933');
        // A glyph already in the subset, so the new ones are numbered after it.
        out.doc.text('数', MARGIN.left, 100, { lineBreak: false });
      }
      expect(drawLine(mine.doc as unknown as LineDoc, text, MARGIN.left + 10.123456789, 300.5)).toBe(true);
      theirs.doc.text(text, MARGIN.left + 10.123456789, 300.5, { lineBreak: false });
      expect(content(mine)).toBe(content(theirs));
      expect(mine.doc.x).toBe(theirs.doc.x);
      expect(mine.doc.y).toBe(300.5);
      expect(embedded(mine).subset.glyphs).toEqual(embedded(theirs).subset.glyphs);
      expect(embedded(mine).widths).toEqual(embedded(theirs).widths);
      expect(embedded(mine).unicode).toEqual(embedded(theirs).unicode);
    });
  }

  it('writes the kerning of a Latin pair as an adjustment inside one TJ', () => {
    const out = new Writer(MODEL, 'en');
    out.newPage();
    out.font(false, 10);
    out.line('AV', 60, 200);
    const tj = content(out)
      .split('\n')
      .filter((l) => l.endsWith(' TJ'));
    expect(tj).toHaveLength(1);
    // A (kerned against V) ends a segment with its adjustment; V ends the last with 0.
    expect(tj[0]).toMatch(/^\[<[0-9a-f]{4}> 18 <[0-9a-f]{4}> 0\] TJ$/);
  });

  it('draws nothing and says so for a text with a line break, which pdfkit lays out itself', () => {
    const out = new Writer(MODEL, 'zh');
    out.newPage();
    out.font(false, 8);
    const before = content(out);
    expect(drawLine(out.doc as unknown as LineDoc, '一\n二', 60, 200)).toBe(false);
    expect(content(out)).toBe(before);
  });
});

describe('bufferContent', () => {
  it('gives a stream the bytes pdfkit writes: each string and a line break, bytes in their place', () => {
    const out = new Writer(MODEL, 'zh');
    out.newPage();
    const doc = out.doc as unknown as { ref(): Ref };
    // What reaches pdfkit's own write, as the bytes it keeps (a string and a line break, each
    // character its low byte).
    const reaching = (ref: Ref) => {
      const seen: Buffer[] = [];
      const write = ref.write.bind(ref);
      ref.write = (chunk: unknown) => {
        seen.push(chunk instanceof Uint8Array ? Buffer.from(chunk) : Buffer.from(`${chunk}\n`, 'latin1'));
        write(chunk);
      };
      return seen;
    };
    const plain = doc.ref();
    const kept = doc.ref();
    const plainBytes = reaching(plain);
    const keptBytes = reaching(kept);
    bufferContent(kept);
    const finish = (ref: Ref, seen: Buffer[]) => {
      ref.write('q');
      ref.write('1 0 0 1 0 0 cm');
      ref.write(new Uint8Array([0x41, 0x42]));
      ref.write('BT é'); // a character above 127: its low byte, as pdfkit writes it
      (ref as unknown as { end(): void }).end();
      return Buffer.concat(seen).toString('latin1');
    };
    const direct = finish(plain, plainBytes);
    expect(direct).toBe('q\n1 0 0 1 0 0 cm\nABBT é\n');
    expect(finish(kept, keptBytes)).toBe(direct);
    expect(keptBytes).toHaveLength(3); // the two strings as one piece, the bytes, the last string
  });
});

describe('shareGlyphs', () => {
  it('makes subsets byte for byte as fontkit makes them, on a fresh and on a warm store, in any order of use', () => {
    const face = reportFonts().regular as unknown as {
      glyphsForString(s: string): { id: number }[];
      createSubset(): Parameters<typeof shareGlyphs>[0] & { encode(): Uint8Array };
    };
    const ids = face.glyphsForString('科技创新规划目标2025年，达到3.5%ABCxyz').map((g) => g.id);
    const subset = (order: number[], shared: boolean) => {
      const s = face.createSubset();
      if (shared) shareGlyphs(s, face as never);
      for (const id of order) s.includeGlyph(id);
      return Buffer.from(s.encode());
    };
    const reversed = [...ids].reverse();
    for (const order of [ids, reversed, ids]) {
      const theirs = subset(order, false);
      expect(subset(order, true).equals(theirs)).toBe(true);
    }
    expect(subset(ids, true).equals(subset(reversed, true))).toBe(false);
  });
});

describe('figures set from their characters', () => {
  it('the report faces set no pair of figure characters differently from the two alone', () => {
    const fonts = reportFonts();
    expect(numeralsApart(fonts.regular)).toBe(true);
    expect(numeralsApart(fonts.bold)).toBe(true);
  });

  it('lays a figure out as fontkit lays the whole word out: same glyphs, same advances', () => {
    const fonts = reportFonts();
    type Run = { glyphs: { id: number }[]; positions: Record<string, number>[]; advanceWidth: number };
    const words = ['2,345.6', '+0.04 ', '1.25%', '−3.5', '12345678.90', '-7', '100%\t'];
    for (const [name, face] of [
      ['R', fonts.regular],
      ['B', fonts.bold],
    ] as const) {
      const out = new Writer(MODEL, 'zh');
      const shared = (out.doc.font(name) as unknown as { _font: { layout(t: string): Run } })._font;
      const plain = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
      plain.registerFont(name, face as unknown as Buffer);
      const own = (plain.font(name) as unknown as { _font: { layout(t: string): Run } })._font;
      for (const word of words) {
        const mine = shared.layout(word);
        const theirs = own.layout(word);
        expect(mine.glyphs.map((g) => g.id)).toEqual(theirs.glyphs.map((g) => g.id));
        expect(mine.positions).toEqual(theirs.positions);
        expect(mine.advanceWidth).toBeCloseTo(theirs.advanceWidth, 9);
      }
    }
  });
});

describe('colours normalised once per thread', () => {
  it('writes a stroke and a fill colour as pdfkit does, in a second document as in the first', () => {
    const write = (out: Writer) => {
      out.newPage();
      out.doc.strokeColor('#d5dbe1').fillColor('#1f2933').fillColor('#fff');
      return content(out).split('\n').slice(1).join('\n');
    };
    const first = write(new Writer(MODEL, 'zh'));
    // pdfkit on its own, with nothing of the report's.
    const plain = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
    plain.addPage();
    plain.strokeColor('#d5dbe1').fillColor('#1f2933').fillColor('#fff');
    const own = Buffer.concat((plain.page as unknown as { content: Ref }).content.buffer).toString('latin1');
    expect(first).toBe(own.split('\n').slice(1).join('\n'));
    expect(first).toContain('0.12156862745098039 0.1607843137254902 0.2 scn');
    expect(write(new Writer(MODEL, 'en'))).toBe(first);
  });
});

describe('deflateStreams', () => {
  /** Every stream of a PDF file: its dictionary as written, and its bytes inflated. */
  function streams(pdf: Buffer): { dict: string; raw: Buffer; bytes: Buffer }[] {
    const text = pdf.toString('latin1');
    const found: { dict: string; raw: Buffer; bytes: Buffer }[] = [];
    const re = /(\d+ 0 obj\n<<[\s\S]*?>>)\nstream\n/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index + m[0].length;
      const end = text.indexOf('\nendstream', start);
      const raw = pdf.subarray(start, end);
      found.push({ dict: (m[1] as string).replace(/\/Length \d+/, ''), raw, bytes: inflateSync(raw) });
    }
    return found;
  }
  /** A page of text in both report faces and a filled shape, made by pdfkit, maybe with deflateStreams. */
  async function made(level: number | null): Promise<Buffer> {
    const fonts = reportFonts();
    const doc = new PDFDocument({ size: 'A4', font: null as unknown as string, info: { CreationDate: new Date(0) } });
    if (level !== null) deflateStreams(doc as never, level);
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
    doc.registerFont('R', fonts.regular as unknown as Buffer);
    doc.registerFont('B', fonts.bold as unknown as Buffer);
    for (let i = 0; i < 40; i++) {
      doc
        .font(i % 2 ? 'B' : 'R')
        .fontSize(9)
        .fillColor(i % 3 ? '#1f2933' : '#8a5a00');
      doc.text(`第${i}行：到2021年，高新技术企业数达到140家（示例数据） Needs to accelerate`, 52, 60 + i * 18);
    }
    doc.rect(52, 40, 200, 10).fill('#d5dbe1');
    doc.end();
    return done;
  }

  it('writes the objects pdfkit writes, every stream the same bytes once inflated, at the lower level', async () => {
    const theirs = streams(await made(null));
    const mine = streams(await made(1));
    // Content, two font subsets, their ToUnicode maps (and CIDSets): nothing left out or added.
    expect(mine.length).toBe(theirs.length);
    expect(mine.length).toBeGreaterThanOrEqual(5);
    mine.forEach((s, i) => {
      const t = theirs[i] as (typeof theirs)[number];
      expect(s.dict).toBe(t.dict);
      expect(s.dict).toContain('/Filter /FlateDecode');
      expect(s.bytes.equals(t.bytes)).toBe(true);
    });
    // Level 1 is deflate's fast path: the streams are compressed differently (here less tightly).
    const size = (all: typeof mine) => all.reduce((sum, s) => sum + s.raw.length, 0);
    expect(size(mine)).toBeGreaterThan(size(theirs));
  });
});
