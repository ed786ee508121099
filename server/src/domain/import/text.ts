import { parse } from 'csv-parse/sync';
import type { Table, TableRow } from './interpret.js';

// Text files: the encoding (UTF-8 with or without BOM, else GB18030 — what Excel's Chinese "Save as
// CSV" writes; Big5, Latin-1 and a UTF-8 mark over GBK are recognised and refused, never read as
// mojibake), the delimiter, and the records with the line each starts on.

export type Sniffed =
  | { kind: 'empty' }
  | { kind: 'zip' }
  | { kind: 'ole' }
  | { kind: 'utf16' }
  | { kind: 'binary'; what: string | null }
  | { kind: 'text' };

const MAGIC: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'PNG'],
  [[0xff, 0xd8, 0xff], 'JPEG'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF'],
  [[0x25, 0x50, 0x44, 0x46], 'PDF'],
  [[0x1f, 0x8b], 'gzip'],
  [[0x52, 0x61, 0x72, 0x21], 'RAR'],
  [[0x37, 0x7a, 0xbc, 0xaf], '7z'],
  [[0x42, 0x4d], 'BMP'],
  [[0x7b, 0x5c, 0x72, 0x74, 0x66], 'RTF'],
  [[0x50, 0x4b, 0x05, 0x06], 'ZIP'],
];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** The file's type by its first bytes, never by its name. */
export function sniff(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return { kind: 'empty' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'zip' };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { kind: 'ole' };
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return { kind: 'utf16' };
  for (const [magic, what] of MAGIC) if (startsWith(bytes, magic)) return { kind: 'binary', what };
  // Text has no NUL bytes in its first 8 KiB (UTF-16 without a BOM would, and is not accepted).
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { kind: 'binary', what: null };
  return { kind: 'text' };
}

/**
 * Why a text file cannot be read: `unknown` (neither UTF-8 nor GBK, with the line where it breaks),
 * or a legacy encoding recognised by its bytes: `big5` (traditional Chinese, Taiwan and Hong Kong),
 * `latin1` (Latin-1 / Windows-1252, a Western European "ANSI" file), `bom_gbk` (a UTF-8 mark in
 * front of a GBK body: a file saved by one program and edited by another). Each would otherwise
 * decode, as GB18030, into mojibake: a header never found, or garbled names stored.
 */
export type Undecodable = 'unknown' | 'big5' | 'latin1' | 'bom_gbk';

export type Decoded =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' }
  | { ok: false; line: number; reason: Undecodable };

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function decode(bytes: Uint8Array): Decoded {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const body = bytes.subarray(3);
    const text = strictUtf8(body);
    if (text !== null) return { ok: true, text, encoding: 'utf-8-bom' };
    // Never read leniently: U+FFFD in place of each bad byte would be stored as the figure's text.
    const asGbk = new TextDecoder('gb18030').decode(body);
    if (!asGbk.includes('\uFFFD') && legacyGuess(body) === 'gbk') return { ok: false, line: 1, reason: 'bom_gbk' };
    return { ok: false, line: badLine(body), reason: 'unknown' };
  }
  const utf8 = strictUtf8(bytes);
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'utf-8' };
  const guess = legacyGuess(bytes);
  if (guess === 'latin1') return { ok: false, line: firstHighLine(bytes), reason: 'latin1' };
  const text = new TextDecoder('gb18030').decode(bytes);
  const bad = text.indexOf('\uFFFD');
  if (guess === 'gbk' && bad < 0) return { ok: true, text, encoding: 'gb18030' };
  // Big5 decodes as GB18030 too, into other characters: known by its byte pairs, and a clean Big5 decode.
  if (guess === 'big5' && !new TextDecoder('big5').decode(bytes).includes('\uFFFD')) {
    return { ok: false, line: firstHighLine(bytes), reason: 'big5' };
  }
  if (bad < 0) return { ok: true, text, encoding: 'gb18030' };
  return { ok: false, line: badLine(bytes), reason: 'unknown' };
}

/**
 * Neither: a UTF-8 file with a stray byte fails as UTF-8 where the byte is (and as GBK early), a
 * GBK file with one fails as GBK where it is (and as UTF-8 early). The later line is the one.
 */
function badLine(bytes: Uint8Array): number {
  const asGbk = new TextDecoder('gb18030').decode(bytes);
  const asUtf8 = new TextDecoder('utf-8').decode(bytes);
  return Math.max(lineOf(asGbk, asGbk.indexOf('\uFFFD')), lineOf(asUtf8, asUtf8.indexOf('\uFFFD')));
}

/** The line of the first byte above ASCII: where a legacy encoding first shows. */
function firstHighLine(bytes: Uint8Array): number {
  let line = 1;
  for (const b of bytes) {
    if (b >= 0x80) return line;
    if (b === 0x0a) line++;
  }
  return line;
}

/** Share of GB2312 pairs (both bytes A1–FE) among a file's double-byte characters, above which it is GBK. */
const GBK_COMMON_SHARE = 0.8;
/** Share of high bytes standing alone between ASCII bytes, above which the file is Latin-1. */
const LATIN1_ISOLATED_SHARE = 0.5;

/**
 * Which legacy encoding a non-UTF-8 file's bytes look like, in one pass. Simplified Chinese text in
 * GBK is almost all GB2312 characters, whose two bytes are both A1–FE; Big5 puts half of its common
 * characters on a second byte of 40–7E, which GBK reads as rare characters of its extension; Latin-1
 * writes an accented letter as one high byte between ASCII letters ("Région").
 */
export function legacyGuess(bytes: Uint8Array): 'gbk' | 'big5' | 'latin1' {
  let high = 0;
  let isolated = 0;
  let common = 0;
  let other = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) continue;
    high++;
    const before = i === 0 ? 0 : (bytes[i - 1] as number);
    const after = i + 1 < bytes.length ? (bytes[i + 1] as number) : 0;
    if (before < 0x80 && after < 0x80) isolated++;
  }
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) continue;
    const next = i + 1 < bytes.length ? (bytes[i + 1] as number) : -1;
    if (b >= 0xa1 && b <= 0xf7 && next >= 0xa1 && next <= 0xfe) common++;
    else other++;
    // A lead byte and its trail: GB18030's four-byte forms (trail 30–39) count as two "other" pairs.
    if (b >= 0x81 && b <= 0xfe && next >= 0x30 && next !== 0x7f && next !== 0xff) i++;
  }
  if (high > 0 && isolated / high > LATIN1_ISOLATED_SHARE) return 'latin1';
  if (common + other === 0 || common / (common + other) >= GBK_COMMON_SHARE) return 'gbk';
  return 'big5';
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Delimiters worth trying, best first: tab when the first lines have tabs, the comma, and the
 * full-width comma only for a file whose first lines have neither (a header typed in a Chinese
 * input method) — never when ASCII commas are present, where "，" is text.
 */
export function candidateDelimiters(text: string): string[] {
  const head = text.split('\n', 40).filter((l) => l.trim() !== '');
  const tabs = head.some((l) => l.includes('\t'));
  const commas = head.some((l) => l.includes(','));
  const wide = head.some((l) => l.includes('，'));
  const out: string[] = [];
  if (tabs) out.push('\t');
  out.push(',');
  if (!tabs && !commas && wide) out.unshift('，');
  // A European Excel's "CSV" uses semicolons; tried last, and only when there is nothing else.
  if (!tabs && !commas && !wide && head.some((l) => l.includes(';'))) out.push(';');
  return out;
}

export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
  constructor(
    readonly line: number,
    readonly reason: 'quote' | 'other',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Records as rows, each numbered by the line it starts on (a field with a line break spans lines).
 * Blank lines are kept as empty records so the count stays right without the parser's per-record
 * info, which doubles its time. `maxRecords` stops the parser early; `truncated` says it did.
 */
export function parseDelimited(text: string, delimiter: string, maxRecords: number): { table: Table; truncated: boolean } {
  return splitPlain(text, delimiter, maxRecords) ?? parseQuoted(text, delimiter, maxRecords);
}

/** parseDelimited() by csv-parse, for any text (exported for the test that holds splitPlain to it). */
export function parseQuoted(text: string, delimiter: string, maxRecords: number): { table: Table; truncated: boolean } {
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      to: maxRecords,
    });
  } catch (e) {
    const err = e as { code?: string; lines?: number; message?: string };
    throw new CsvSyntaxError(err.lines ?? 1, err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'quote' : 'other', err.message ?? String(e));
  }
  const rows: TableRow[] = [];
  let line = 1;
  for (const record of records) {
    let inner = 0;
    let empty = true;
    const cells: (string | undefined)[] = new Array(record.length);
    for (let i = 0; i < record.length; i++) {
      const field = record[i] as string;
      if (field === '') continue;
      empty = false;
      cells[i] = field;
      for (let at = field.indexOf('\n'); at >= 0; at = field.indexOf('\n', at + 1)) inner++;
    }
    if (!empty) rows.push({ row: line, cells, fields: record.length });
    line += 1 + inner;
  }
  return { table: { sheet: null, rows }, truncated: records.length >= maxRecords };
}

/**
 * parseDelimited() of a text without a double quote, whose lines all end alike (all "\n" or all
 * "\r\n"): no field can hold a delimiter or a line break, so a record is a line and a field what lies
 * between delimiters, exactly as csv-parse reads it. Most files are such (Excel quotes only the fields
 * that need it), and splitting them is several times quicker than the general parser, which reads
 * every other text. Null when the text is not such.
 */
function splitPlain(text: string, delimiter: string, maxRecords: number): { table: Table; truncated: boolean } | null {
  if (text.includes('"')) return null;
  let lineEnd = '\n';
  const cr = text.indexOf('\r');
  if (cr >= 0) {
    // Every "\r" must begin a "\r\n" and every "\n" end one; else csv-parse's reading decides.
    let crs = 0;
    for (let i = cr; i >= 0; i = text.indexOf('\r', i + 1)) {
      if (text.charCodeAt(i + 1) !== 10) return null;
      crs++;
    }
    let lfs = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lfs++;
    if (crs !== lfs) return null;
    lineEnd = '\r\n';
  }
  const rows: TableRow[] = [];
  let records = 0;
  let start = 0;
  // A line break at the very end closes the last record rather than open an empty one.
  const end = text.endsWith(lineEnd) ? text.length - lineEnd.length : text.length;
  if (text.length === 0) return { table: { sheet: null, rows }, truncated: false };
  while (start <= end && records < maxRecords) {
    let stop = text.indexOf(lineEnd, start);
    if (stop < 0 || stop > end) stop = end;
    records++;
    const fields = text.slice(start, stop).split(delimiter);
    let empty = true;
    const cells: (string | undefined)[] = new Array(fields.length);
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i] as string;
      if (field === '') continue;
      empty = false;
      cells[i] = field;
    }
    if (!empty) rows.push({ row: records, cells, fields: fields.length });
    start = stop + lineEnd.length;
  }
  return { table: { sheet: null, rows }, truncated: records >= maxRecords };
}
