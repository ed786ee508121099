import type ExcelJS from 'exceljs';
import type { Table, TableRow } from './interpret.js';
import type { CellValue, RichCell } from './numbers.js';
import { readZipDirectory, readZipEntry, type ZipEntry, ZipSizeError, ZipTooManyEntries } from './zip.js';

// XLSX: measured and searched before exceljs sees it (zip bombs, XML entity declarations, a row
// count past the limit), then read with exceljs into plain rows of cells.

/** Below this size a part's compression ratio is not judged: small XML compresses very well. */
const RATIO_GRACE_BYTES = 100 * 1024;

export type ZipCheck =
  | { ok: true; worksheetRows: Map<string, number> }
  | { ok: false; code: 'zip_bomb'; reason: 'total' | 'ratio' | 'lying' | 'entries'; part?: string; ratio?: number }
  | { ok: false; code: 'xml_entities'; part: string }
  | { ok: false; code: 'damaged_file'; detail: string }
  | { ok: false; code: 'unsupported_type'; kind?: string };

export interface ZipLimits {
  maxUncompressedBytes: number;
  maxCompressionRatio: number;
}

/** What a zip that is not a workbook is, for the message. */
function otherOffice(entries: ZipEntry[]): string | undefined {
  const names = new Set(entries.map((e) => e.name));
  if (names.has('word/document.xml')) return 'Word (.docx)';
  if (names.has('ppt/presentation.xml')) return 'PowerPoint (.pptx)';
  if (names.has('content.xml') && names.has('mimetype')) return 'OpenDocument (.ods / .odt)';
  return undefined;
}

export function checkXlsxZip(bytes: Uint8Array, limits: ZipLimits): ZipCheck {
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes);
  } catch (e) {
    if (e instanceof ZipTooManyEntries) return { ok: false, code: 'zip_bomb', reason: 'entries' };
    return { ok: false, code: 'damaged_file', detail: (e as Error).message };
  }
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
    const kind = otherOffice(entries);
    return { ok: false, code: 'unsupported_type', ...(kind ? { kind } : {}) };
  }
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    if (total > limits.maxUncompressedBytes) return { ok: false, code: 'zip_bomb', reason: 'total', part: e.name };
    if (e.uncompressedSize > RATIO_GRACE_BYTES && e.uncompressedSize > e.compressedSize * limits.maxCompressionRatio) {
      const ratio = Math.round(e.uncompressedSize / Math.max(1, e.compressedSize));
      return { ok: false, code: 'zip_bomb', reason: 'ratio', part: e.name, ratio };
    }
  }
  const worksheetRows = new Map<string, number>();
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    let data: Uint8Array;
    try {
      data = readZipEntry(bytes, e);
    } catch (err) {
      if (err instanceof ZipSizeError) return { ok: false, code: 'zip_bomb', reason: 'lying', part: e.name };
      return { ok: false, code: 'damaged_file', detail: (err as Error).message };
    }
    if (/\.(?:xml|rels|vml)$/i.test(e.name) && hasEntityDeclaration(data))
      return { ok: false, code: 'xml_entities', part: e.name };
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(e.name)) worksheetRows.set(e.name, countRows(data));
  }
  return { ok: true, worksheetRows };
}

const DECLARATIONS = ['doctype', 'entity'];
// "<!" in UTF-8, UTF-16LE and UTF-16BE; then where the letters start and how far apart they are.
const OPENERS: [Buffer, number, number][] = [
  [Buffer.from('<!', 'latin1'), 2, 1],
  [Buffer.from('<\0!\0', 'latin1'), 4, 2],
  [Buffer.from('\0<\0!', 'latin1'), 5, 2],
];

function asBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** `<!DOCTYPE` or `<!ENTITY` in any case, in UTF-8 or UTF-16 (either byte order). */
export function hasEntityDeclaration(data: Uint8Array): boolean {
  const buf = asBuffer(data);
  for (const [opener, lettersAt, stride] of OPENERS) {
    for (let i = buf.indexOf(opener); i >= 0; i = buf.indexOf(opener, i + 1)) {
      for (const word of DECLARATIONS) {
        let match = true;
        for (let k = 0; k < word.length && match; k++)
          match = ((buf[i + lettersAt + k * stride] ?? 0) | 0x20) === word.charCodeAt(k);
        if (match) return true;
      }
    }
  }
  return false;
}

const ROW_OPEN = Buffer.from('row', 'latin1');

/** `<row>` elements in a worksheet part (with or without a namespace prefix such as x:). */
export function countRows(data: Uint8Array): number {
  const buf = asBuffer(data);
  let n = 0;
  for (let i = buf.indexOf(ROW_OPEN); i >= 0; i = buf.indexOf(ROW_OPEN, i + 3)) {
    const before = buf[i - 1];
    const after = buf[i + 3];
    if (after !== 0x20 && after !== 0x3e && after !== 0x2f && after !== 0x09 && after !== 0x0a && after !== 0x0d) continue;
    if (before === 0x3c) n++;
    else if (before === 0x3a) {
      // <x:row …>: walk back over the prefix to the "<".
      let j = i - 2;
      while (j >= 0 && j > i - 18 && isNameByte(buf[j] as number)) j--;
      if (buf[j] === 0x3c && j < i - 2) n++;
    }
  }
  return n;
}

function isNameByte(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

// ---- exceljs ----------------------------------------------------------------------------------

export interface WorkbookSheet {
  name: string;
  hidden: boolean;
  table: () => Table;
}

export async function loadWorkbook(bytes: Uint8Array): Promise<WorkbookSheet[]> {
  // Loaded on first use: exceljs is 8 MB of heap (26 MB resident) that a server never reading a
  // workbook (or reading them on a worker thread) need not carry on its main thread.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook.worksheets.map((ws) => ({
    name: ws.name,
    hidden: ws.state !== 'visible',
    table: () => sheetTable(ws),
  }));
}

function sheetTable(ws: ExcelJS.Worksheet): Table {
  const rows: TableRow[] = [];
  // Many cells share a format, and a format may be as long as the file makes it: read each once.
  const percentFormats = new Map<string, boolean>();
  const isPercent = (numFmt: string | undefined): boolean => {
    if (!numFmt) return false;
    let percent = percentFormats.get(numFmt);
    if (percent === undefined) {
      percent = isPercentFormat(numFmt);
      percentFormats.set(numFmt, percent);
    }
    return percent;
  };
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: (CellValue | undefined)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const value = toCell(cell.value, isPercent(cell.numFmt));
      if (value !== undefined) cells[colNumber - 1] = value;
    });
    if (cells.length > 0) rows.push({ row: rowNumber, cells });
  });
  return { sheet: ws.name, rows };
}

/**
 * A percentage format: a % outside quoted text, escapes and [colour/condition] sections. A scan, not
 * /"[^"]*"|\\.|\[[^\]]*\]/g: that pattern looked for the "]" again from every "[" of an unclosed
 * run ("[[[[…", quadratic), and a format comes from the uploaded file's styles.
 */
export function isPercentFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  // Once a closing character is missing after some point, it is missing after every later one.
  const missing = new Set<string>();
  for (let i = 0; i < numFmt.length; i++) {
    const ch = numFmt[i];
    if (ch === '%') return true;
    if (ch === '\\') {
      i++; // the escaped character is literal
      continue;
    }
    const close = ch === '"' ? '"' : ch === '[' ? ']' : null;
    if (close === null || missing.has(close)) continue;
    const end = numFmt.indexOf(close, i + 1);
    if (end < 0) missing.add(close);
    else i = end;
  }
  return false;
}

type ExcelValue = ExcelJS.CellValue | undefined;

function richText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'richText' in value && Array.isArray((value as ExcelJS.CellRichTextValue).richText)) {
    return (value as ExcelJS.CellRichTextValue).richText.map((t) => t.text ?? '').join('');
  }
  return value === null || value === undefined ? '' : String(value);
}

/** A cell as the parser reads it; `percent`: its number format shows a percentage. */
export function toCell(value: ExcelValue, percent = false): CellValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    const cell: RichCell = { text: String(value), number: value };
    if (percent) cell.percent = true;
    return cell;
  }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', boolean: value };
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? { text: '', error: '#DATE' } : { text: value.toISOString().slice(0, 10), date: value };
  }
  if (typeof value !== 'object') return String(value);
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = 'formula' in value ? value.formula : (value as ExcelJS.CellSharedFormulaValue).sharedFormula;
    const result = (value as { result?: unknown }).result;
    if (
      result === undefined ||
      result === null ||
      (typeof result === 'object' && !(result instanceof Date) && !('error' in result))
    ) {
      return { text: '', formula, formulaWithoutValue: true };
    }
    const inner = toCell(result as ExcelValue, percent);
    if (inner === undefined) return { text: '', formula, formulaWithoutValue: true };
    return typeof inner === 'string' ? { text: inner, formula } : { ...inner, formula };
  }
  if ('error' in value) return { text: String(value.error), error: String(value.error) };
  if ('richText' in value) return richText(value);
  if ('hyperlink' in value) {
    const link = value as ExcelJS.CellHyperlinkValue;
    return { text: richText(link.text), hyperlink: String(link.hyperlink ?? '') };
  }
  if ('text' in value) return richText((value as { text: unknown }).text);
  return undefined;
}
