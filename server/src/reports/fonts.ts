/// <reference path="../types/fontkit.d.ts" />
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { create as parseFont } from 'fontkit';

// Noto Sans SC ships with the app as an npm dependency: the PDF needs no system font at run time.
// pdfkit embeds a subset of the glyphs used, with a ToUnicode map, so the text stays searchable.

const require = createRequire(import.meta.url);

export const FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
};

/** A font as fontkit parsed it; pdfkit's registerFont takes it in place of a file or buffer. */
export type ParsedFont = ReturnType<typeof parseFont>;

let cached: { regular: ParsedFont; bold: ParsedFont } | null = null;

/**
 * The two faces, read and parsed once per process (worker thread). Given a buffer, pdfkit has
 * fontkit parse the 10 MB face again for every document: measured on a one-page Chinese PDF, 93 ms
 * a document with the buffer against 32 ms with the font parsed once (0.20.2 accepts a parsed font,
 * anything with `layout`). Each document still makes its own subset (EmbeddedFont.createSubset), so
 * nothing of one document leaks into another; what is shared is fontkit's read-only tables and its
 * glyph caches, and a worker renders one document at a time.
 */
export function reportFonts(): { regular: ParsedFont; bold: ParsedFont } {
  cached ??= {
    regular: parseFont(fs.readFileSync(FONT_FILES.regular)),
    bold: parseFont(fs.readFileSync(FONT_FILES.bold)),
  };
  return cached;
}

/** Words kept per face before the cache is started afresh: a few MB, the words of many reports. */
const LAYOUT_CACHE_WORDS = 40_000;
const layoutCaches = new WeakMap<ParsedFont, Record<string, GlyphRun>>();
/** Whole texts kept per face (their runs share the pieces' glyphs) before the map is started afresh. */
const LAYOUT_CACHE_TEXTS = 20_000;
const textRuns = new WeakMap<ParsedFont, Map<string, GlyphRun>>();

/** What pdfkit's EmbeddedFont (0.20) has that this file uses: its per-document cache and layout. */
interface EmbeddedFont {
  layoutCache?: Record<string, GlyphRun>;
  layoutCached(text: string): GlyphRun;
  layoutRun(text: string, features: unknown): GlyphRun;
  layout(text: string, features?: unknown, onlyWidth?: boolean): GlyphRun;
}
interface GlyphRun {
  glyphs: unknown[] | null;
  positions: unknown[] | null;
  advanceWidth: number;
}

/** Han ideographs, and the CJK and full-width punctuation and digits: each is a piece of its own. */
const CJK_PIECE = /[\u3400-\u4dbf\u4e00-\u9fff\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff20\uff3b-\uff40\uff5b-\uff65]/;
/** Characters of no script of their own (fontkit's "Common"), as in these reports. */
const COMMON = /[\u0020-\u0040\u005b-\u0060\u007b-\u007f\u00b0\u00b1\u00b7\u00d7\u2010-\u2027\u2030-\u205e]/;
const LATIN = /[A-Za-z\uff21-\uff3a\uff41-\uff5a]/;
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/;

/**
 * The script fontkit gives a word (its first character with a script of its own), which chooses the
 * face's features: digits in a Latin word take other glyphs than in a Chinese one. null: a character
 * outside those sorted above; such a word is laid out whole, as pdfkit does.
 */
function scriptOf(word: string): string | null {
  let script: string | null = null;
  for (const c of word) {
    if (CJK_PIECE.test(c) && !HAN.test(c)) continue; // CJK punctuation: Common
    if (HAN.test(c)) script ??= 'hani';
    else if (LATIN.test(c)) script ??= 'latn';
    else if (!COMMON.test(c)) return null;
  }
  return script ?? 'zzzz';
}

/**
 * Makes a document's face lay text out through a cache of pieces shared by the documents of this
 * thread, cut finer than pdfkit cuts them.
 *
 * pdfkit lays text out word by word (cut after each space or tab) and keeps the words per document,
 * so every report shaped its labels and numbers again; and Chinese has no spaces, so each line of
 * Chinese drawn was one new "word", shaped whole and never met again: fontkit's shaping was 40% of a
 * render. Here a word with Chinese in it is cut into its Chinese characters and the runs between
 * them, each shaped with the script fontkit gives the whole word (scriptOf), so the few thousand
 * characters in use are shaped once per thread. The glyphs and advances are those of the whole word:
 * the face joins no Chinese character to its neighbour (the report tests compare reports made on a
 * fresh and on a warm thread). A piece depends on the face and script only, and pdfkit reads it
 * without changing it (its own cache relies on that); each document still records the glyphs it
 * draws in its own subset. The cache starts afresh past LAYOUT_CACHE_WORDS pieces.
 */
export function shareLayouts(embedded: EmbeddedFont, face: ParsedFont): void {
  if (!embedded.layoutCache) return; // the document was made with fontLayoutCache: false
  let cache = layoutCaches.get(face);
  if (!cache || Object.keys(cache).length > LAYOUT_CACHE_WORDS) {
    cache = Object.create(null) as Record<string, GlyphRun>;
    layoutCaches.set(face, cache);
  }
  const shared = cache;
  embedded.layoutCache = shared;
  const scale = 1000 / (face as unknown as { unitsPerEm: number }).unitsPerEm;
  /** A piece of a word shaped as part of it: pdfkit's layoutRun, with the word's script. */
  const piece = (text: string, script: string): GlyphRun => {
    const key = `${script}\u0000${text}`;
    let run = shared[key];
    if (!run) {
      run = (face as unknown as { layout(t: string, f: undefined, s: string): FontkitRun }).layout(text, undefined, script);
      const { glyphs, positions } = run as FontkitRun;
      for (let i = 0; i < positions.length; i++) {
        const position = positions[i] as Record<string, number>;
        for (const k in position) position[k] = (position[k] as number) * scale;
        position.advanceWidth = (glyphs[i] as { advanceWidth: number }).advanceWidth * scale;
      }
      shared[key] = run;
    }
    return run;
  };
  let runs = textRuns.get(face);
  if (!runs) {
    runs = new Map<string, GlyphRun>();
    textRuns.set(face, runs);
  }
  const texts = runs;
  embedded.layout = function layout(text: string, features?: unknown): GlyphRun {
    if (features) return this.layoutRun(text, features);
    // Whole texts first: a table measures a cell (its width, then its height), measures the table,
    // then draws the cell, and the labels recur in every report. A run is read, never changed, by
    // pdfkit (its encode and width), so the same one serves a width and a drawing.
    let whole = texts.get(text);
    if (whole) return whole;
    whole = layoutPieces(text);
    if (texts.size >= LAYOUT_CACHE_TEXTS) texts.clear();
    texts.set(text, whole);
    return whole;
  };
  /** A text cut into pdfkit's words, and a word with Chinese in it into pieces, each shaped once per thread. */
  function layoutPieces(text: string): GlyphRun {
    const glyphs: unknown[] = [];
    const positions: unknown[] = [];
    let advanceWidth = 0;
    const add = (run: GlyphRun) => {
      if (run.glyphs && run.positions) {
        for (const g of run.glyphs) glyphs.push(g);
        for (const p of run.positions) positions.push(p);
      }
      advanceWidth += run.advanceWidth;
    };
    // pdfkit's words: each ends after a space or tab.
    let start = 0;
    for (let i = 0; i <= text.length; i++) {
      if (i < text.length && text[i] !== ' ' && text[i] !== '\t') continue;
      const word = text.slice(start, Math.min(i + 1, text.length));
      start = i + 1;
      if (word === '') continue;
      const script = CJK_PIECE.test(word) ? scriptOf(word) : null;
      if (script === null) {
        if (NUMERIC_WORD.test(word) && numeralsApart(face)) for (const c of word) add(embedded.layoutCached(c));
        else add(embedded.layoutCached(word));
        continue;
      }
      let from = 0;
      for (let j = 0; j < word.length; j++) {
        if (!CJK_PIECE.test(word[j] as string)) continue;
        if (j > from) add(piece(word.slice(from, j), script));
        // A space after the character stays with it, as pdfkit keeps it with the word before.
        const end = j + 1 === word.length - 1 && (word[j + 1] === ' ' || word[j + 1] === '\t') ? j + 2 : j + 1;
        add(piece(word.slice(j, end), script));
        from = end;
        j = end - 1;
      }
      if (from < word.length) add(piece(word.slice(from), script));
    }
    return { glyphs, positions, advanceWidth };
  }
}

/** A word of figures as the reports write them: "2,345.6", "+0.04", "1.25% " (pdfkit keeps the space). */
const NUMERIC_WORD = /^[0-9.,%+\-−]+[ \t]?$/;
/** The characters of such words. */
const NUMERALS = '0123456789.,%+-− \t';
const numeralsChecked = new WeakMap<ParsedFont, boolean>();

/**
 * Whether the face sets every pair of the characters of figures as it sets each alone: the same
 * glyphs, advances and offsets (no kerning, ligature or contextual form between them). Then a
 * figure is the sum of its characters, and shaping each character once per thread serves every
 * number: figures differ between reports, and fontkit's shaping of each new one was most of what
 * it still did on a warm thread. Checked once per face and thread (some 300 pairs).
 */
export function numeralsApart(face: ParsedFont): boolean {
  let apart = numeralsChecked.get(face);
  if (apart === undefined) {
    const f = face as unknown as { layout(t: string): FontkitRun };
    const shape = (t: string) => {
      const run = f.layout(t);
      return run.glyphs.map((g, i) => [(g as { id: number }).id, JSON.stringify(run.positions[i])]);
    };
    const alone = new Map([...NUMERALS].map((c) => [c, shape(c)]));
    apart = true;
    for (const a of NUMERALS)
      for (const b of NUMERALS)
        if (JSON.stringify(shape(a + b)) !== JSON.stringify([...(alone.get(a) ?? []), ...(alone.get(b) ?? [])])) apart = false;
    numeralsChecked.set(face, apart);
  }
  return apart;
}

interface FontkitRun extends GlyphRun {
  glyphs: unknown[];
  positions: unknown[];
}

/** What fontkit's TrueType subset (2.0, TTFSubset) has that shareGlyphs uses. */
interface TrueTypeSubset {
  font: unknown;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  includeGlyph(gid: number): number;
  _addGlyph(gid: number): number;
}
/** A glyph of a face as a subset copies it: its bytes in `glyf`, its components, its metrics. */
interface GlyphData {
  bytes: Uint8Array;
  /** A compound glyph's components: the glyph each names, and where in `bytes` its id is written. */
  components: { glyphID: number; pos: number }[] | null;
  advance: number;
  bearing: number;
}
interface FontkitFace {
  getGlyph(gid: number): {
    _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null;
    advanceWidth: number;
    _getMetrics(): { leftBearing: number };
  };
  loca: { offsets: number[] };
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
  _variationProcessor?: unknown;
}
const glyphData = new WeakMap<ParsedFont, Map<number, GlyphData>>();

/**
 * Makes a document's font subset copy each glyph from what this thread has already read of it.
 * fontkit's subset (TTFSubset._addGlyph) decodes a glyph's whole outline to learn whether it is
 * made of others, and reads its bytes from the face, for every glyph of every document: some 600
 * glyphs a report, a tenth of a render. A glyph's bytes, components and metrics depend on the face
 * only, so they are read once per thread; what depends on the document (the glyph's number in the
 * subset, which follows the order of first use, and its components' numbers) is done here as fontkit
 * does it, so the embedded font is byte for byte the same. A variable face is left to fontkit.
 */
export function shareGlyphs(subset: TrueTypeSubset, face: ParsedFont): void {
  const f = face as unknown as FontkitFace;
  // A CFF face's subset (CFFSubset) copies charstrings, not glyf entries: left to fontkit.
  if (typeof subset._addGlyph !== 'function' || f._variationProcessor) return;
  let known = glyphData.get(face);
  if (!known) {
    known = new Map();
    glyphData.set(face, known);
  }
  const cache = known;
  subset._addGlyph = function addGlyph(this: TrueTypeSubset, gid: number): number {
    let data = cache.get(gid);
    if (!data) {
      const glyph = f.getGlyph(gid);
      const glyf = glyph._decode();
      const from = f.loca.offsets[gid] as number;
      const to = f.loca.offsets[gid + 1] as number;
      const stream = f._getTableStream('glyf');
      stream.pos += from;
      const bytes = new Uint8Array(stream.readBuffer(to - from));
      data = {
        bytes,
        components:
          glyf && glyf.numberOfContours < 0 ? (glyf.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos })) : null,
        advance: glyph.advanceWidth,
        bearing: glyph._getMetrics().leftBearing,
      };
      cache.set(gid, data);
    }
    let bytes = data.bytes;
    if (data.components) {
      bytes = new Uint8Array(bytes);
      const view = new DataView(bytes.buffer);
      for (const c of data.components) view.setUint16(c.pos, this.includeGlyph(c.glyphID));
    }
    this.glyf.push(bytes);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: data.advance, bearing: data.bearing });
    this.offset += bytes.length;
    return this.glyf.length - 1;
  };
}
