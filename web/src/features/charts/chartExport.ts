/**
 * A chart as a picture that stands on its own (for a slide or a report): the drawn chart, with its
 * title, units, legend, source line and — where it applies — the sample-data label above it, as one
 * SVG document. Pure string building, so it is tested without a browser; exportImage.ts does the DOM
 * part (serialising the chart, drawing the PNG).
 */
import { type LegendItem, PALETTE, symbolMarkup } from './symbols.js';

export interface ExportSpec {
  /** the serialised chart: a complete <svg> element, and its size in CSS pixels */
  chart: { markup: string; width: number; height: number };
  title: string;
  subtitle: string;
  legend: readonly LegendItem[];
  /** "来源：…" */
  source: string;
  /** the sample-data warning, when the chart shows any sample figure */
  sampleLabel: string | null;
  /** the product's name, bottom right */
  credit: string;
}

/** Fonts that carry Chinese as well as Latin, as the page itself uses. */
export const EXPORT_FONT =
  "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Hiragino Sans GB', 'Noto Sans SC', sans-serif";

const PAD = 24;
const TITLE_SIZE = 20;
const SUBTITLE_SIZE = 13;
const LEGEND_SIZE = 12.5;
const SOURCE_SIZE = 11.5;

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A width estimate without a browser: CJK characters are one em wide, the rest a little over half. */
export function textWidth(text: string, fontSize: number): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    width += code >= 0x2e80 ? fontSize : char === ' ' ? fontSize * 0.3 : fontSize * 0.58;
  }
  return width;
}

/**
 * Greedy line breaking within `maxWidth`: Latin words stay whole (broken only when a word alone is
 * too long), Chinese may break between any two characters.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const tokens =
    text.match(/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+\s*|\s+/gu) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    if (line !== '' && textWidth((line + token).trimEnd(), fontSize) > maxWidth) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else {
      line += token;
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

interface Placed {
  markup: string;
  height: number;
}

function textLines(lines: readonly string[], x: number, y: number, size: number, attrs: string): Placed {
  const lineHeight = size * 1.45;
  const markup = lines
    .map((line, i) => `<text x="${x}" y="${y + size + i * lineHeight}" font-size="${size}" ${attrs}>${escapeXml(line)}</text>`)
    .join('');
  return { markup, height: lines.length * lineHeight };
}

function legendRows(items: readonly LegendItem[], x: number, y: number, maxWidth: number): Placed {
  const rowHeight = 22;
  const parts: string[] = [];
  let cx = x;
  let row = 0;
  for (const item of items) {
    const width = 28 + 6 + textWidth(item.label, LEGEND_SIZE) + 18;
    if (cx > x && cx + width - 18 > x + maxWidth) {
      row++;
      cx = x;
    }
    const top = y + row * rowHeight;
    parts.push(
      `<g data-legend="${escapeXml(item.id)}">${symbolMarkup(item.symbol, cx, top + 1)}<text x="${cx + 34}" y="${top + 12}" font-size="${LEGEND_SIZE}" fill="${PALETTE.text}">${escapeXml(item.label)}</text></g>`,
    );
    cx += width;
  }
  return { markup: parts.join(''), height: items.length === 0 ? 0 : (row + 1) * rowHeight };
}

/** The whole picture as an SVG document (UTF-8 text), with its size. */
export function composeExportSvg(spec: ExportSpec): { svg: string; width: number; height: number } {
  const width = Math.max(Math.round(spec.chart.width), 560);
  const inner = width - 2 * PAD;
  const parts: string[] = [];
  let y = PAD - 4;

  const title = textLines(
    wrapText(spec.title, inner, TITLE_SIZE),
    PAD,
    y,
    TITLE_SIZE,
    `font-weight="600" fill="${PALETTE.text}"`,
  );
  parts.push(`<g data-export="title">${title.markup}</g>`);
  y += title.height;
  if (spec.subtitle) {
    const subtitle = textLines(
      wrapText(spec.subtitle, inner, SUBTITLE_SIZE),
      PAD,
      y + 2,
      SUBTITLE_SIZE,
      `fill="${PALETTE.axis}"`,
    );
    parts.push(subtitle.markup);
    y += subtitle.height + 2;
  }
  if (spec.sampleLabel) {
    const lines = wrapText(spec.sampleLabel, inner - 20, 12.5);
    const boxHeight = lines.length * 12.5 * 1.45 + 10;
    const label = textLines(lines, PAD + 10, y + 13, 12.5, `font-weight="600" fill="#5e3d00"`);
    parts.push(
      `<g data-export="sample"><rect x="${PAD}" y="${y + 8}" width="${inner}" height="${boxHeight}" rx="3" fill="${PALETTE.sampleSoft}" stroke="${PALETTE.sample}" stroke-dasharray="4 3"/>${label.markup}</g>`,
    );
    y += boxHeight + 12;
  }
  y += 8;
  parts.push(`<g transform="translate(0 ${Math.round(y)})">${spec.chart.markup}</g>`);
  y += spec.chart.height + 6;

  const legend = legendRows(spec.legend, PAD, y, inner);
  parts.push(legend.markup);
  y += legend.height + (legend.height > 0 ? 8 : 0);

  if (spec.source) {
    const source = textLines(wrapText(spec.source, inner, SOURCE_SIZE), PAD, y, SOURCE_SIZE, `fill="${PALETTE.axis}"`);
    parts.push(`<g data-export="source">${source.markup}</g>`);
    y += source.height;
  }
  y += 6;
  parts.push(
    `<text x="${width - PAD}" y="${y + SOURCE_SIZE}" font-size="${SOURCE_SIZE}" text-anchor="end" fill="${PALETTE.axis}">${escapeXml(spec.credit)}</text>`,
  );
  const height = Math.round(y + SOURCE_SIZE + PAD);

  const svg = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(EXPORT_FONT)}">`,
    `<title>${escapeXml(spec.title)}</title>`,
    `<rect width="100%" height="100%" fill="${PALETTE.surface}"/>`,
    ...parts,
    '</svg>',
  ].join('');
  return { svg, width, height };
}

/** A file name from the title: letters, digits and CJK kept, the rest dashes. */
export function exportFileName(title: string, extension: 'png' | 'svg'): string {
  const stem = title
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    // One dash per run now, so one at either end at most (and no dash run to retry from each dash).
    .replace(/^-|-$/g, '')
    .slice(0, 80);
  return `${stem || 'chart'}.${extension}`;
}
