import type { ImportIssue, Message } from './types.js';

// Issues are built lazily: a file with 100,000 bad rows must answer quickly, so past the listing
// limit an issue is only counted, and its message (the costly part) is never written.

/**
 * The stable issue codes. Whole-file (fatal) codes: file_too_large, empty_file, unsupported_type,
 * damaged_file, zip_bomb, xml_entities, encoding, bad_csv, not_a_table, missing_column, ambiguous_column,
 * no_rows, too_many_rows, internal_error. Row codes (errors): unknown_region, region_mismatch, unknown_indicator,
 * indicator_mismatch, bad_year, bad_number, unit_mismatch, formula_without_value, share_out_of_range,
 * bad_vintage, duplicate_row, ragged_row, cell_too_long. Row codes (warnings): empty_value, bad_url. (implausible_jump
 * is listed for previews stored before the preview's figure checks took it over: ../figureChecks.ts.)
 */
export const IMPORT_ISSUE_CODES = [
  'file_too_large',
  'empty_file',
  'unsupported_type',
  'damaged_file',
  'zip_bomb',
  'xml_entities',
  'encoding',
  'bad_csv',
  'not_a_table',
  'missing_column',
  'ambiguous_column',
  'no_rows',
  'too_many_rows',
  'internal_error',
  'unknown_region',
  'region_mismatch',
  'unknown_indicator',
  'indicator_mismatch',
  'bad_year',
  'bad_number',
  'unit_mismatch',
  'formula_without_value',
  'share_out_of_range',
  'bad_vintage',
  'duplicate_row',
  'ragged_row',
  'cell_too_long',
  'empty_value',
  'implausible_jump',
  'bad_url',
] as const;

export type ImportIssueCode = (typeof IMPORT_ISSUE_CODES)[number];

export interface Where {
  row: number | null;
  column: string | null;
  sheet: string | null;
}

/** "A", "B", … "Z", "AA" … for a 0-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "第5行D列" / "Row 5, column D", or less when row or column is unknown. */
export function place(where: { row: number | null; column: string | null }): Message {
  if (where.row === null)
    return where.column === null ? { zh: '', en: '' } : { zh: `${where.column}列`, en: `Column ${where.column}` };
  return where.column === null
    ? { zh: `第${where.row}行`, en: `Row ${where.row}` }
    : { zh: `第${where.row}行${where.column}列`, en: `Row ${where.row}, column ${where.column}` };
}

/** Prefixes a message with its place: "第5行D列：…" / "Row 5, column D: …". */
export function placed(where: { row: number | null; column: string | null }, message: Message): Message {
  const p = place(where);
  return p.zh === '' ? message : { zh: `${p.zh}：${message.zh}`, en: `${p.en}: ${message.en}` };
}

const MAX_SHOWN = 40;
const MAX_VALUE = 200;

/** A value as quoted inside a message: “…”, cut short when long. */
export function quote(value: string): string {
  if (value.length <= MAX_SHOWN) return `“${value}”`;
  const chars = [...value];
  return `“${chars.length > MAX_SHOWN ? `${chars.slice(0, MAX_SHOWN).join('')}…` : value}”`;
}

export function clipValue(value: string | null): string | null {
  if (value === null) return null;
  return value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value;
}

export function makeIssue(
  where: Where,
  severity: 'error' | 'warning',
  code: string,
  value: string | null,
  message: Message,
): ImportIssue {
  return {
    row: where.row,
    column: where.column,
    sheet: where.sheet,
    value: clipValue(value),
    severity,
    code,
    message: placed(where, message),
  };
}

interface PendingWarning {
  row: number;
  column: number;
  seq: number;
  build: () => ImportIssue;
}

/**
 * Collects issues: errors arrive in row order (one pass over the rows) and are built while fewer
 * than the limit are listed; warnings also come from later checks, so they are kept as builders,
 * sorted by place, and only the listed ones are built.
 */
export class IssueSink {
  readonly errors: ImportIssue[] = [];
  private readonly warnings: PendingWarning[] = [];
  errorCount = 0;
  warningCount = 0;

  constructor(private readonly max: number) {}

  error(build: () => ImportIssue): void {
    this.errorCount++;
    if (this.errors.length < this.max) this.errors.push(build());
  }

  warning(row: number, column: number, build: () => ImportIssue): void {
    this.warningCount++;
    this.warnings.push({ row, column, seq: this.warnings.length, build });
  }

  list(): ImportIssue[] {
    const room = Math.max(0, this.max - this.errors.length);
    const warnings =
      room === 0 ? [] : [...this.warnings].sort((a, b) => a.row - b.row || a.column - b.column || a.seq - b.seq).slice(0, room);
    return [...this.errors, ...warnings.map((w) => w.build())];
  }
}
