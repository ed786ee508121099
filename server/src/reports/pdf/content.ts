import { deflateSync } from 'node:zlib';

// Writing a page's content with less work than pdfkit spends on it, to the same bytes (and deflating
// the document's streams at a cheaper level than pdfkit's: deflateStreams below).
//
// A report draws a few thousand one-line texts (table cells, labels, chips). For each, pdfkit
// (0.20) makes an options object, walks the graphics state (save, a flip transform as a matrix
// product, restore), writes eight operators one by one, and turns each into a Uint8Array of its own
// (PDFReference.write); the glyphs are encoded as an array of hex strings joined per segment. In
// the profile that was a third of the report thread's time and much of its garbage. Here a line
// is written as the one string pdfkit would have written, and a page's strings are turned into
// bytes once, when the page ends.

type PdfNumber = (n: number) => number;

/** What this file uses of pdfkit's EmbeddedFont (0.20), its subset, and of the document. */
interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
interface Position {
  xAdvance: number;
  advanceWidth: number;
  xOffset?: number;
  yOffset?: number;
}
interface EmbeddedFont {
  id: string;
  ascender: number;
  scale: number;
  widths: number[];
  unicode: number[][];
  subset: { includeGlyph(gid: number): number };
  layout(text: string): { glyphs: Glyph[] | null; positions: Position[] | null };
  ref(): unknown;
}
interface ContentRef {
  write(chunk: unknown): void;
  finalize(): void;
}
export interface LineDoc {
  _font: EmbeddedFont | null;
  _fontSize: number;
  x: number;
  y: number;
  page: { height: number; fonts: Record<string, unknown>; content: ContentRef };
  addContent(data: string): unknown;
  widthOfString(text: string): number;
}

/** pdfkit's PDFObject.number, as it formats every number it writes: rounded to 6 decimals. */
const number: PdfNumber = (n) => Math.round(n * 1e6) / 1e6;

/** A glyph id of a subset as pdfkit writes it: four hex digits. */
const hex4: string[] = [];
function hex(gid: number): string {
  let h = hex4[gid];
  if (h === undefined) {
    h = `0000${gid.toString(16)}`.slice(-4);
    hex4[gid] = h;
  }
  return h;
}

/**
 * Draws `text` as one line with its top-left at (x, y) in the document's current font, size and
 * fill, writing what pdfkit's `doc.text(text, x, y, { lineBreak: false })` writes (its _fragment,
 * for left-aligned text with no spacing, link or decoration), and leaving doc.x and doc.y where it
 * leaves them. The glyphs are recorded in the document's subset in the same order, so the embedded
 * font is the same too. Returns false, having drawn nothing, for a text whose glyphs are offset
 * from their places (mark positioning), which pdfkit writes with a matrix per glyph.
 */
export function drawLine(doc: LineDoc, text: string, x: number, y: number): boolean {
  const font = doc._font;
  if (!font || text.length === 0 || text.includes('\n')) return false;
  const { glyphs, positions } = font.layout(text);
  if (!glyphs || !positions) return false;
  for (const p of positions) if (p.xOffset || p.yOffset) return false;

  const size = doc._fontSize;
  const page = doc.page;
  if (page.fonts[font.id] == null) page.fonts[font.id] = font.ref();
  const top = page.height - y - (font.ascender / 1000) * size;
  // pdfkit: save, the flip to PDF's upward y, the text object, restore (q … Q leaves the graphics
  // state, and so the fill colour, as it was).
  let out = `q\n1 0 0 -1 0 ${number(page.height)} cm\nBT\n1 0 0 1 ${number(x)} ${number(top)} Tm\n/${font.id} ${number(size)} Tf`;
  // The glyphs in segments, each ending where a glyph's advance differs from its width (kerning):
  // [<hex> adjustment …] TJ, as pdfkit's addSegment and flush write them.
  let segments = '';
  let run = '';
  for (let i = 0; i < glyphs.length; i++) {
    const glyph = glyphs[i] as Glyph;
    const gid = font.subset.includeGlyph(glyph.id);
    run += hex(gid);
    if (font.widths[gid] == null) font.widths[gid] = glyph.advanceWidth * font.scale;
    if (font.unicode[gid] == null) font.unicode[gid] = glyph.codePoints;
    const p = positions[i] as Position;
    if (p.xAdvance - p.advanceWidth !== 0 || i === glyphs.length - 1) {
      segments += `${segments === '' ? '' : ' '}<${run}> ${number(-(p.xAdvance - p.advanceWidth))}`;
      run = '';
    }
  }
  if (segments !== '') out += `\n[${segments}] TJ`;
  doc.addContent(`${out}\nET\nQ`);
  doc.x = x + doc.widthOfString(text);
  doc.y = y;
  return true;
}

/**
 * Keeps the text written to a page's content stream as strings, and makes them bytes once, when
 * the page's stream is finished (pdfkit makes a Uint8Array of every operator it writes). The bytes
 * are the same: each string followed by a line break, as PDFReference.write has them, each
 * character its low byte (pdfkit's fromBinaryString; latin1 in Node), in the order written.
 */
const flushes = new WeakMap<ContentRef, () => void>();

/** Turns the strings kept for a page's content stream into bytes now (its `buffer` then holds all written). */
export function flushContent(ref: ContentRef): void {
  flushes.get(ref)?.();
}

export function bufferContent(ref: ContentRef): void {
  const write = ref.write.bind(ref);
  const finalize = ref.finalize.bind(ref);
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    pending.push('');
    write(Buffer.from(pending.join('\n'), 'latin1'));
    pending = [];
  };
  flushes.set(ref, flush);
  ref.write = (chunk: unknown) => {
    if (chunk instanceof Uint8Array) {
      flush();
      write(chunk);
    } else pending.push(`${chunk}`);
  };
  ref.finalize = () => {
    flush();
    finalize();
  };
}

interface StreamRef {
  compress: boolean;
  buffer: Uint8Array[];
  data: { Filter?: unknown };
  finalize(): void;
}

/**
 * Compresses the document's streams (pages' content, the embedded font subsets, their ToUnicode
 * maps) at zlib level `level` instead of pdfkit's default (6): pdfkit calls zlib.deflateSync on
 * each stream as it finishes it, and that was a third of a report thread's time, half of it the
 * two font subsets (which barely compress at any level). The stream is deflated here, once, and
 * handed to pdfkit's finalize as already compressed (compress off, the FlateDecode filter its
 * write set kept), so the objects written are pdfkit's own with a different deflate of the same
 * bytes: the same pages when read.
 */
export function deflateStreams(doc: { ref(data?: unknown): unknown }, level: number): void {
  const ref = doc.ref.bind(doc);
  doc.ref = (data?: unknown) => {
    const made = ref(data) as StreamRef;
    const finalize = made.finalize.bind(made);
    made.finalize = () => {
      if (made.compress && made.buffer.length > 0) {
        made.buffer = [deflateSync(Buffer.concat(made.buffer), { level })];
        made.compress = false;
        made.data.Filter = 'FlateDecode';
      }
      finalize();
    };
    return made;
  };
}
