// The look of the Word briefing, after the format of Chinese official documents (GB/T 9704-2012,
// 党政机关公文格式): A4 with 37/35/28/26 mm margins, the body in 仿宋 三号 (16 pt) on a fixed 28-point
// line, first-level headings (一、) in 黑体, second-level ones (（一）) in 楷体, the title in 宋体, tables
// in 宋体 五号, page numbers "— 1 —" in 宋体 四号. Fonts are named as Word and WPS know them on a
// Chinese system, each with its East Asian slot set (w:rFonts w:eastAsia), and Latin text in Times New
// Roman; the document's language is zh-CN for East Asian text.

import {
  AlignmentType,
  BorderStyle,
  type IRunOptions,
  type IStylesOptions,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { Lang } from '../labels.js';

/** Millimetres in twips, rounded (docx's own converter truncates: A4 would be 11905 × 16837, not Word's 11906 × 16838). */
const mm = (x: number) => Math.round((x * 1440) / 25.4);

export const PAGE = {
  width: mm(210),
  height: mm(297),
  margin: {
    top: mm(37),
    bottom: mm(35),
    left: mm(28),
    right: mm(26),
    header: mm(15),
    footer: mm(20),
  },
};
/** The width of the text, in twips (156 mm). */
export const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;

/** Font sizes in half-points, by their Chinese names. */
export const SIZE = { er: 44, san: 32, si: 28, xiaosi: 24, wu: 21, xiaowu: 18 } as const;

const LATIN = 'Times New Roman';
/** A font for Chinese text, Latin in Times New Roman; `hint` makes Word read “” and … as East Asian. */
const font = (eastAsia: string, ascii = LATIN) => ({ ascii, hAnsi: ascii, cs: ascii, eastAsia, hint: 'eastAsia' });
export const FONT = {
  fangsong: font('仿宋'),
  heiti: font('黑体', 'Arial'),
  kaiti: font('楷体'),
  songti: font('宋体'),
} as const;

export const COLOR = { red: 'C00000', sample: '8A5A00', muted: '595959', wash: 'F2F2F2', sampleWash: 'FDF1D6' } as const;

/** Fixed line spacing: 28 points for 三号 text, as official documents set it; in twips. */
const EXACT_28 = { line: 560, lineRule: 'exact' as const };

/** The paragraph styles, so that a reader editing the briefing in Word or WPS keeps its look. */
export function briefingStyles(lang: Lang): IStylesOptions {
  return {
    default: {
      document: {
        run: {
          font: FONT.fangsong,
          size: SIZE.san,
          language: { value: lang === 'zh' ? 'zh-CN' : 'en-GB', eastAsia: 'zh-CN' },
        },
        paragraph: { spacing: EXACT_28 },
      },
      title: {
        run: { font: FONT.songti, size: SIZE.er, bold: true, color: '000000' },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 240, line: 720, lineRule: 'exact' } },
      },
      heading1: {
        run: { font: FONT.heiti, size: SIZE.san, bold: false, color: '000000' },
        paragraph: { spacing: { ...EXACT_28, before: 240 }, indent: { firstLine: 640 }, keepNext: true, outlineLevel: 0 },
      },
      heading2: {
        run: { font: FONT.kaiti, size: SIZE.san, bold: false, color: '000000' },
        paragraph: { spacing: EXACT_28, indent: { firstLine: 640 }, keepNext: true, outlineLevel: 1 },
      },
      heading3: {
        run: { font: FONT.fangsong, size: SIZE.san, bold: true, color: '000000' },
        paragraph: { spacing: EXACT_28, indent: { firstLine: 640 }, keepNext: true, outlineLevel: 2 },
      },
      footnoteText: { run: { font: FONT.fangsong, size: SIZE.xiaowu }, paragraph: { spacing: { line: 280, lineRule: 'exact' } } },
    },
    paragraphStyles: [
      {
        id: 'BriefingBody',
        name: 'Briefing body',
        basedOn: 'Normal',
        next: 'BriefingBody',
        quickFormat: true,
        // First line indented by two characters of 三号.
        paragraph: { spacing: EXACT_28, indent: { firstLine: 640 }, alignment: AlignmentType.BOTH },
      },
      {
        id: 'TableText',
        name: 'Briefing table text',
        basedOn: 'Normal',
        run: { font: FONT.songti, size: SIZE.wu },
        paragraph: { spacing: { line: 300, lineRule: 'atLeast' } },
      },
      {
        id: 'BriefingNote',
        name: 'Briefing note',
        basedOn: 'Normal',
        run: { font: FONT.fangsong, size: SIZE.xiaosi, color: COLOR.muted },
        paragraph: { spacing: { line: 400, lineRule: 'exact', before: 60 }, alignment: AlignmentType.BOTH },
      },
    ],
  };
}

/** XML 1.0 refuses control characters (tab, line feed and return aside) and U+FFFE/U+FFFF. */
const xmlAllowed = (code: number) =>
  code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code !== 0xfffe && code !== 0xffff);

/** A stored text is never allowed to make the file unreadable: characters XML refuses are left out. */
export const xmlSafe = (s: string) => [...s].filter((ch) => xmlAllowed(ch.codePointAt(0) as number)).join('');

export type Run = string | (IRunOptions & { text: string });

export function runs(parts: Run[], base: IRunOptions = {}): TextRun[] {
  return parts.map((p) =>
    typeof p === 'string' ? new TextRun({ ...base, text: xmlSafe(p) }) : new TextRun({ ...base, ...p, text: xmlSafe(p.text) }),
  );
}

/** A body paragraph: 仿宋 三号, first line indented. */
export function body(parts: Run[] | string, extra: ParagraphChild[] = []): Paragraph {
  const list = typeof parts === 'string' ? [parts] : parts;
  return new Paragraph({ style: 'BriefingBody', children: [...runs(list), ...extra] });
}

export function note(text: string, color?: string): Paragraph {
  return new Paragraph({ style: 'BriefingNote', children: runs([{ text, color }]) });
}

/** A table cell's content: text, and optionally a second line (a sample mark, a note) in a colour. */
export interface DocCell {
  text: string;
  bold?: boolean;
  align?: 'left' | 'right' | 'center';
  /** A second line under the text, such as 示例数据. */
  sub?: string | null;
  subColor?: string;
  /** Runs instead of `text`, for a clause with its markers. */
  runs?: Run[];
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const ALIGN = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER } as const;

/**
 * A table of fixed column widths (in parts of the text width) with a header row that repeats on each
 * page, in 宋体 五号: the header in 黑体 on a grey wash.
 */
export function table(headers: string[], rows: DocCell[][], widths: number[]): Table {
  const sum = widths.reduce((a, b) => a + b, 0);
  const twips = widths.map((w) => Math.floor((w / sum) * TEXT_WIDTH));
  const cell = (c: DocCell, i: number, header: boolean) =>
    new TableCell({
      width: { size: twips[i] as number, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: COLOR.wash } } : {}),
      children: [
        new Paragraph({
          style: 'TableText',
          alignment: header ? AlignmentType.CENTER : ALIGN[c.align ?? 'left'],
          children: c.runs
            ? runs(c.runs)
            : runs([{ text: c.text, bold: c.bold, ...(header ? { font: FONT.heiti, bold: false } : {}) }]),
        }),
        ...(c.sub
          ? [
              new Paragraph({
                style: 'TableText',
                alignment: ALIGN[c.align ?? 'left'],
                children: runs([{ text: c.sub, size: SIZE.xiaowu, color: c.subColor ?? COLOR.sample }]),
              }),
            ]
          : []),
      ],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: twips,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h, i) => cell({ text: h }, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false)) })),
    ],
  });
}

/** A little space after a table, before the text goes on. */
export const gap = () => new Paragraph({ spacing: { line: 240, lineRule: 'exact' }, children: [] });
