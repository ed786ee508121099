// The drawing helpers of the PDF report: the page geometry and colours, and the Writer that lays out
// paragraphs, headings, status chips, tables that break across pages, and quoted clauses. The
// report's parts (cover.ts, summary.ts, target-pages.ts, appendix.ts, page-frame.ts) draw with these.

import PDFDocument from 'pdfkit';
import type { Status } from '../../domain/progress/types.js';
import { clauseParts, damagedNote } from '../clause.js';
import { reportFonts, shareGlyphs, shareLayouts } from '../fonts.js';
import { formatNumber, type Lang, SAMPLE_WORD, STATUS_COLORS, STATUS_LABELS, withUnit } from '../labels.js';
import type { ReportModel } from '../model.js';
import { T, type Words } from '../words.js';
import { bufferContent, deflateStreams, drawLine, type LineDoc } from './content.js';

export type Doc = PDFKit.PDFDocument;

export const PAGE = { width: 595.28, height: 841.89 };
/** A target's chart: as tall as the page allows, within these bounds. */
export const CHART = { min: 130, max: 200 };
export const MARGIN = { top: 66, bottom: 60, left: 52, right: 52 };
export const WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const BOTTOM = PAGE.height - MARGIN.bottom;

export const C = {
  ink: '#1f2933',
  muted: '#5f6b7a',
  faint: '#9aa5b1',
  rule: '#d5dbe1',
  wash: '#f3f5f7',
  accent: '#1d3c6e',
  observed: '#1f5fbf',
  required: '#d07a1f',
  projection: '#1f5fbf',
  benchmark: '#2f855a',
  target: '#b42318',
  sampleInk: '#8a5a00',
  sampleWash: '#fdf1d6',
};

/** Cell of a table: plain text, or text with a colour, a status chip, a link, or the sample marker. */
export interface Cell {
  text: string;
  bold?: boolean;
  color?: string;
  status?: Status;
  link?: string | null;
  sub?: string | null;
  /** The colour of `sub` (default: the sample colour for a sample cell, else the link colour). */
  subColor?: string;
  sample?: boolean;
}
export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

/**
 * Noto Sans SC draws ’ “ ” as full-width CJK punctuation, which looks broken in English prose. In
 * text without Chinese characters they become ASCII quotes; Chinese text (clauses are quoted
 * verbatim) is left as it is.
 */
const latinQuotes = (text: string) => (CJK.test(text) ? text : text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"'));

function latinPunctuation(doc: Doc): void {
  const fix = (text: unknown) => (typeof text === 'string' ? latinQuotes(text) : text);
  const text = doc.text.bind(doc) as (...args: unknown[]) => Doc;
  const width = doc.widthOfString.bind(doc) as (...args: unknown[]) => number;
  const height = doc.heightOfString.bind(doc) as (...args: unknown[]) => number;
  doc.text = ((t: unknown, ...rest: unknown[]) => text(fix(t), ...rest)) as Doc['text'];
  doc.widthOfString = ((t: unknown, ...rest: unknown[]) => width(fix(t), ...rest)) as Doc['widthOfString'];
  doc.heightOfString = ((t: unknown, ...rest: unknown[]) => height(fix(t), ...rest)) as Doc['heightOfString'];
}

/**
 * Heights of text as pdfkit wraps it, shared by the documents of this thread. A table measures every
 * row before it draws it (to break pages), and again for its height as a whole; labels, headers and
 * clauses recur across reports. A height depends only on the face, size, width, line gap, language
 * (English text has its quotes replaced) and text, all in the key. Cleared when full.
 */
const measuredHeights = new Map<string, number>();

/**
 * Colours as pdfkit normalises them ('#1f2933' → [0.12, 0.16, 0.2]), shared by the documents of this
 * thread: pdfkit parses the string for every fill and stroke (each table row's rule), and only reads
 * the array it gets (to pick the colour space and write its components). The report uses a few dozen.
 */
const normalizedColors = new Map<string, unknown>();
const MEASURED_HEIGHTS = 20_000;

/**
 * zlib's level for the PDF's streams (content.ts, deflateStreams): level 1 took 5.7 ms of a report
 * where pdfkit's 6 took 9.0, for a file about 6% larger (the Lüliang report: 220 → 234 KB).
 */
const DEFLATE_LEVEL = 1;

export class Writer {
  readonly doc: Doc;
  readonly w: Words;
  y = MARGIN.top;
  /** Pages (0-based) that show at least one sample figure: they carry the sample band. */
  readonly samplePages = new Set<number>();
  /** While a section shows sample figures, every page it runs onto is marked. */
  sectionSample = false;

  constructor(
    readonly model: ReportModel,
    readonly lang: Lang,
  ) {
    const fonts = reportFonts();
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      autoFirstPage: false,
      // No default face: pdfkit would read and parse Helvetica's metrics for every document, and
      // every text here is set in the report's own faces (font() below).
      font: null as unknown as string,
      lang: lang === 'zh' ? 'zh-CN' : 'en-GB',
      displayTitle: true,
      info: {
        Title: `${model.plan.title}${model.scope ? ` — ${model.scope.regionName}` : ''} — ${T[lang].kind}`,
        Author: model.plan.issuer,
        Subject: T[lang].kindLine,
        Creator: 'Jindu',
        Producer: 'Jindu (pdfkit)',
      },
    });
    deflateStreams(this.doc as unknown as Parameters<typeof deflateStreams>[0], DEFLATE_LEVEL);
    if (lang === 'en') latinPunctuation(this.doc);
    // Parsed fonts (reports/fonts.ts): @types/pdfkit knows only files and buffers, pdfkit takes both.
    this.doc.registerFont('R', fonts.regular as unknown as Buffer);
    this.doc.registerFont('B', fonts.bold as unknown as Buffer);
    // Each face's words laid out once per thread, not once per document (fonts.ts). pdfkit makes a
    // face's EmbeddedFont when the face is first selected.
    for (const [name, face] of [
      ['R', fonts.regular],
      ['B', fonts.bold],
    ] as const) {
      const embedded = (
        this.doc.font(name) as unknown as {
          _font: Parameters<typeof shareLayouts>[0] & { subset: Parameters<typeof shareGlyphs>[0] };
        }
      )._font;
      shareLayouts(embedded, face);
      // Each glyph's bytes and metrics read once per thread, not once per document (fonts.ts).
      shareGlyphs(embedded.subset, face);
    }
    this.w = T[lang] as Words;
    this.trackFill();
    this.doc.on('pageAdded', () => {
      bufferContent((this.doc.page as unknown as LineDoc['page']).content);
      this.y = MARGIN.top;
      if (this.sectionSample) this.markSample();
    });
  }

  get pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = MARGIN.top;
  }

  markSample(): void {
    this.samplePages.add(this.pageIndex);
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensure(height: number): void {
    if (this.y + height > BOTTOM) this.newPage();
  }

  /** The fill colour the page's content has now, as far as it is known (null: unknown). */
  private fill: { color: unknown; page: unknown } | null = null;

  /**
   * Follows the fill colour through the document's own calls, so that font() writes a colour only
   * when it changes: pdfkit writes the colour operators for every call, and font() is called before
   * every text (a tenth of a report's time went to parsing the same colours). A save/restore pair
   * (pdfkit's around each text, the chart's) brings the colour back as PDF's graphics state does; a
   * colour set on another page, or with an opacity, is not known to hold.
   */
  private trackFill(): void {
    const doc = this.doc;
    const inner = doc as unknown as { _normalizeColor(color: unknown): unknown };
    const normalize = inner._normalizeColor.bind(doc);
    inner._normalizeColor = (color: unknown) => {
      if (typeof color !== 'string' || !color.startsWith('#')) return normalize(color);
      let known = normalizedColors.get(color);
      if (known === undefined) {
        known = normalize(color);
        normalizedColors.set(color, known);
      }
      return known;
    };
    const fillColor = doc.fillColor.bind(doc);
    const save = doc.save.bind(doc);
    const restore = doc.restore.bind(doc);
    const saved: ({ color: unknown; page: unknown } | null)[] = [];
    doc.fillColor = ((color: unknown, opacity?: unknown) => {
      this.fill = opacity === undefined && typeof color === 'string' ? { color, page: doc.page } : null;
      return fillColor(color as string, opacity as number);
    }) as Doc['fillColor'];
    doc.save = () => {
      saved.push(this.fill);
      return save();
    };
    doc.restore = () => {
      this.fill = saved.pop() ?? null;
      return restore();
    };
  }

  font(bold: boolean, size: number, color = C.ink): Doc {
    const doc = this.doc.font(bold ? 'B' : 'R').fontSize(size);
    if (this.fill && this.fill.color === color && this.fill.page === doc.page) return doc;
    return doc.fillColor(color);
  }

  /**
   * Whether `text` is one line in the current font at `width`, as pdfkit's line wrapper would set it:
   * no line break in it, and narrower than the width by a margin (the wrapper sums the words' widths
   * rounded to 32-bit floats, so a text within a hair of the width is left to the wrapper to decide).
   */
  private oneLine(text: string, width: number): number | null {
    if (text === '' || text.includes('\n') || text.includes('\u00ad')) return null;
    const w = this.doc.widthOfString(text);
    return w <= width - 0.01 ? w : null;
  }

  /**
   * Text at (x, y) in the current font, as `doc.text(text, x, y, opts)` sets it. A text that is one
   * line (most table cells, labels and headings) is drawn at the position the line wrapper would give
   * it, without the wrapper: pdfkit's wrapper runs the Unicode line breaker over the text and measures
   * every piece between break opportunities (each Chinese character is one), and that was a third of
   * a report's time. The rest, and a line that would not fit above the page's bottom margin (the
   * wrapper would carry it to a new page), go through pdfkit as before. Leaves doc.x and doc.y where
   * pdfkit leaves them.
   */
  put(
    text: string,
    x: number,
    y: number,
    opts: {
      width: number;
      align?: 'left' | 'right' | 'center';
      lineGap?: number;
      link?: string;
      underline?: boolean;
      lineBreak?: boolean;
      ellipsis?: boolean;
      height?: number;
    },
  ): Doc {
    const { doc } = this;
    const lineHeight = doc.currentLineHeight(true) + (opts.lineGap ?? 0);
    const w = y + doc.currentLineHeight(true) <= doc.page.maxY() ? this.oneLine(text, opts.width) : null;
    if (w === null) return doc.text(text, x, y, opts);
    let at = x;
    if (opts.align === 'right') at += opts.width - doc.widthOfString(text.trimEnd());
    else if (opts.align === 'center') at += opts.width / 2 - w / 2;
    if (opts.link) doc.text(text, at, y, { lineBreak: false, link: opts.link, underline: opts.underline ?? false });
    else this.line(text, at, y);
    doc.x = x;
    doc.y = y + lineHeight;
    return doc;
  }

  /** `doc.text(text, x, y, { lineBreak: false })`: one line, in the current font, to the same bytes (content.ts). */
  line(text: string, x: number, y: number): Doc {
    const t = this.lang === 'en' ? latinQuotes(text) : text;
    if (!drawLine(this.doc as unknown as LineDoc, t, x, y)) this.doc.text(text, x, y, { lineBreak: false });
    return this.doc;
  }

  height(text: string, width: number, bold: boolean, size: number, lineGap = 1.5): number {
    this.font(bold, size);
    // One line: its height is the face's line height and the gap, as pdfkit counts it.
    if (this.oneLine(text, width) !== null) return this.doc.currentLineHeight(true) + lineGap;
    const key = `${this.lang}|${bold ? 'B' : 'R'}|${size}|${width}|${lineGap}|${text}`;
    let h = measuredHeights.get(key);
    if (h === undefined) {
      h = this.doc.heightOfString(text, { width, lineGap });
      if (measuredHeights.size >= MEASURED_HEIGHTS) measuredHeights.clear();
      measuredHeights.set(key, h);
    }
    return h;
  }

  /** A paragraph at the current position, moved to a new page first when it does not fit. */
  para(text: string, opts: { size?: number; bold?: boolean; color?: string; gap?: number; indent?: number } = {}): void {
    const size = opts.size ?? 9.5;
    const indent = opts.indent ?? 0;
    const h = this.height(text, WIDTH - indent, opts.bold ?? false, size);
    if (h < BOTTOM - MARGIN.top) this.ensure(h);
    this.font(opts.bold ?? false, size, opts.color);
    this.put(text, MARGIN.left + indent, this.y, { width: WIDTH - indent, lineGap: 1.5 });
    this.y = this.doc.y + (opts.gap ?? 4);
  }

  /** The height `para` takes with the same options. */
  paraHeight(text: string, opts: { size?: number; bold?: boolean; gap?: number; indent?: number } = {}): number {
    return this.height(text, WIDTH - (opts.indent ?? 0), opts.bold ?? false, opts.size ?? 9.5) + (opts.gap ?? 4);
  }

  subheadingHeight(text: string, size = 11): number {
    return this.height(text, WIDTH, true, size) + 4;
  }

  heading(text: string, size = 15): void {
    this.ensure(size + 30);
    this.font(true, size, C.accent);
    this.put(text, MARGIN.left, this.y, { width: WIDTH });
    this.y = this.doc.y + 2;
    this.doc
      .moveTo(MARGIN.left, this.y)
      .lineTo(MARGIN.left + WIDTH, this.y)
      .lineWidth(1)
      .strokeColor(C.accent)
      .stroke();
    this.y += 8;
  }

  subheading(text: string, size = 11): void {
    this.ensure(size + 40);
    this.font(true, size, C.ink);
    this.put(text, MARGIN.left, this.y, { width: WIDTH });
    this.y = this.doc.y + 4;
  }

  /** The width of a status chip at a size: its label and 6 points either side. */
  chipWidth(status: Status, size = 8.5, label: string = STATUS_LABELS[status][this.lang]): number {
    this.font(true, size);
    return this.doc.widthOfString(label) + 12;
  }

  /**
   * A status chip. Given `maxWidth` (a table column), the label is set smaller until it fits: a chip
   * never runs into the next column ("Needs to accelerate" over the pace needed, as it once did).
   */
  chip(
    status: Status,
    x: number,
    y: number,
    size = 8.5,
    maxWidth = Number.POSITIVE_INFINITY,
    // A target's own label (未录入 for a deliverable with nothing recorded), else the status's.
    label: string = STATUS_LABELS[status][this.lang],
  ): number {
    let fit = size;
    while (fit > 5.5 && this.chipWidth(status, fit, label) > maxWidth) fit -= 0.25;
    const w = Math.min(this.chipWidth(status, fit, label), maxWidth);
    const h = size + 7;
    this.doc.roundedRect(x, y, w, h, 3).fill(STATUS_COLORS[status]);
    this.font(true, fit, '#ffffff');
    this.line(label, x + 6, y + 2.2 + (size - fit) / 2);
    return w;
  }

  /**
   * A table column wide enough for the widest of these statuses' chips at a table's `size`, for its
   * header, and for the notes set under a chip (`subs`, such as "依据示例数据").
   */
  statusColumnWidth(statuses: Status[], header: string, size: number, subs: string[] = [], pad = 3): number {
    const chips = statuses.map((s) => this.chipWidth(s, size - 0.5));
    this.font(false, size - 1.5);
    const notes = subs.map((s) => this.doc.widthOfString(s));
    this.font(true, size);
    return Math.ceil(Math.max(this.doc.widthOfString(header), ...chips, ...notes) + 2 * pad + 1);
  }

  /**
   * A clause quoted verbatim in a washed box. A character of the source no font can draw (a private-use
   * glyph where a decimal point was lost) is drawn as a marker in the accent colour, and the box ends
   * with a note saying in words what the marker stands for and how it is read.
   */
  clauseBox(label: string, clause: string): void {
    const { doc } = this;
    const parts = clauseParts(clause);
    const text = parts.map((p) => p.text).join('');
    const note = damagedNote(clause, this.lang);
    const inner = WIDTH - 20;
    const noteHeight = note ? this.height(note, inner, false, 7.5) + 3 : 0;
    const h = this.height(text, inner, false, 9) + 22 + noteHeight;
    doc.rect(MARGIN.left, this.y, WIDTH, h).fill(C.wash);
    doc.rect(MARGIN.left, this.y, 2.5, h).fill(C.accent);
    this.font(true, 7.5, C.muted);
    this.put(label, MARGIN.left + 10, this.y + 5, { width: inner });
    const top = doc.y + 1;
    // One paragraph in runs: the markers bold and coloured, the rest as printed.
    parts.forEach((part, i) => {
      const options = { width: inner, lineGap: 1.5, continued: i < parts.length - 1 };
      this.font(part.damaged !== undefined, 9, part.damaged ? C.target : C.ink);
      if (i === 0) doc.text(part.text, MARGIN.left + 10, top, options);
      else doc.text(part.text, options);
    });
    if (note) this.font(false, 7.5, C.target).text(note, MARGIN.left + 10, doc.y + 3, { width: inner, lineGap: 1 });
    this.y += h + 8;
  }

  /** A table that breaks across pages, repeating its header. */
  private headerHeight(columns: Column[], size: number, pad: number): number {
    return Math.max(...columns.map((c) => this.height(c.header, c.width - 2 * pad, true, size))) + 2 * pad;
  }

  private rowHeight(columns: Column[], row: Cell[], size: number, pad: number): number {
    const cellHeight = (cell: Cell, c: Column) => {
      const inner = c.width - 2 * pad;
      if (cell.status) return size + 7 + (cell.sub ? this.height(cell.sub, inner, false, size - 1.5) + 1 : 0);
      let h = this.height(cell.text || ' ', inner, cell.bold ?? false, size);
      if (cell.sub) h += this.height(cell.sub, inner, false, size - 1.5) + 1;
      return h;
    };
    return Math.max(...row.map((cell, i) => cellHeight(cell, columns[i] as Column))) + 2 * pad;
  }

  /** The height `table` will take when it does not break across pages. */
  tableHeight(columns: Column[], rows: Cell[][], opts: { size?: number; pad?: number } = {}): number {
    const size = opts.size ?? 8;
    const pad = opts.pad ?? 3;
    return (
      this.headerHeight(columns, size, pad) + rows.reduce((sum, row) => sum + this.rowHeight(columns, row, size, pad), 0) + 6
    );
  }

  table(columns: Column[], rows: Cell[][], opts: { size?: number; pad?: number } = {}): void {
    const size = opts.size ?? 8;
    const pad = opts.pad ?? 3;
    const drawHeader = () => {
      const h = this.headerHeight(columns, size, pad);
      this.doc.rect(MARGIN.left, this.y, WIDTH, h).fill(C.wash);
      let x = MARGIN.left;
      for (const c of columns) {
        this.font(true, size, C.muted);
        this.put(c.header, x + pad, this.y + pad, {
          width: c.width - 2 * pad,
          align: c.align ?? 'left',
          lineGap: 1.5,
        });
        x += c.width;
      }
      this.y += h;
    };
    this.ensure(40);
    drawHeader();
    for (const row of rows) {
      const h = this.rowHeight(columns, row, size, pad);
      if (this.y + h > BOTTOM) {
        this.newPage();
        drawHeader();
      }
      if (row.some((c) => c.sample)) this.markSample();
      let x = MARGIN.left;
      row.forEach((cell, i) => {
        const c = columns[i] as Column;
        const inner = c.width - 2 * pad;
        if (cell.status) {
          this.chip(cell.status, x + pad, this.y + pad, size - 0.5, inner, cell.text || undefined);
          // A verdict resting on sample figures: the word under its chip.
          if (cell.sub) {
            this.font(false, size - 1.5, cell.sample ? C.sampleInk : C.muted);
            this.put(cell.sub, x + pad, this.y + pad + size + 7.5, { width: inner, lineGap: 1 });
          }
        } else {
          this.font(cell.bold ?? false, size, cell.color ?? C.ink);
          this.put(cell.text, x + pad, this.y + pad, {
            width: inner,
            align: c.align ?? 'left',
            lineGap: 1.5,
          });
          if (cell.sub) {
            this.font(false, size - 1.5, cell.subColor ?? (cell.sample ? C.sampleInk : C.observed));
            this.put(cell.sub, x + pad, this.doc.y + 1, {
              width: inner,
              align: c.align ?? 'left',
              lineGap: 1,
              ...(cell.link ? { link: cell.link, underline: false } : {}),
            });
          }
        }
        x += c.width;
      });
      this.y += h;
      this.doc
        .moveTo(MARGIN.left, this.y)
        .lineTo(MARGIN.left + WIDTH, this.y)
        .lineWidth(0.4)
        .strokeColor(C.rule)
        .stroke();
    }
    this.y += 6;
  }
}

export const num = (x: number | null, lang: Lang) => (x === null ? '—' : formatNumber(x, lang));

/** "0.74%（2021）", "0.74% (2021)". */
export function yearValue(v: { year: number; value: number }, unit: string, lang: Lang): string {
  return withUnit(v.value, unit, lang) + T[lang].paren(String(v.year));
}

/** A figure in running text, where no cell beneath can carry the label: "62家（2020，示例数据）". */
export function yearValueInText(v: { year: number; value: number; isSample: boolean }, unit: string, lang: Lang): string {
  if (!v.isSample) return yearValue(v, unit, lang);
  const label = lang === 'zh' ? `${v.year}，${SAMPLE_WORD.zh}` : `${v.year}, ${SAMPLE_WORD.en.toLowerCase()}`;
  return withUnit(v.value, unit, lang) + T[lang].paren(label);
}
