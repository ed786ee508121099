import type { CommitRefusal, ImportIssue, ImportPreview, PreviewRow } from './types.js';

/**
 * The preview as one table: every figure read (new, changed, unchanged) and every error, in the
 * file's order, each line with its row, column and the value found. Pure, so the filters are tested.
 *
 * A row with an error gives no figure, so errors come from the issues; warnings travel with their
 * figure, and a warning about no figure of the preview (a whole file's remark) gets its own line.
 */

export type LineKind = 'new' | 'changed' | 'unchanged' | 'error' | 'warning';

export interface PreviewLine {
  key: string;
  kind: LineKind;
  row: number | null;
  column: string | null;
  sheet: string | null;
  /** the text as found in the file */
  value: string | null;
  figure: PreviewRow | null;
  /** the errors or warnings of this line */
  issues: ImportIssue[];
}

export const FILTERS = ['all', 'new', 'changed', 'sample', 'unchanged', 'errors', 'warnings'] as const;
export type PreviewFilter = (typeof FILTERS)[number];

export function filterFromParam(value: string | null): PreviewFilter {
  return (FILTERS as readonly string[]).includes(value ?? '') ? (value as PreviewFilter) : 'all';
}

const rowKey = (sheet: string | null, row: number | null, column: string | null) => `${sheet ?? ''}|${row ?? ''}|${column ?? ''}`;

export function lineKindOf(status: string): LineKind {
  return status === 'changed' ? 'changed' : status === 'unchanged' ? 'unchanged' : 'new';
}

export function previewLines(preview: Pick<ImportPreview, 'issues' | 'rows'>): PreviewLine[] {
  const lines: PreviewLine[] = [];
  const figureKeys = new Set<string>();
  for (const [index, figure] of preview.rows.entries()) {
    figureKeys.add(rowKey(figure.sheet, figure.row, figure.column));
    lines.push({
      key: `f${index}`,
      kind: lineKindOf(figure.status),
      row: figure.row,
      column: figure.column,
      sheet: figure.sheet,
      value: figure.rawValue,
      figure,
      issues: figure.warnings.map((w) => ({
        row: figure.row,
        column: figure.column,
        sheet: figure.sheet,
        value: figure.rawValue,
        severity: 'warning',
        code: w.code,
        message: w.message,
      })),
    });
  }
  for (const [index, issue] of preview.issues.entries()) {
    const isError = issue.severity === 'error';
    // A figure's own warnings are already on its line.
    if (!isError && figureKeys.has(rowKey(issue.sheet, issue.row, issue.column))) continue;
    lines.push({
      key: `i${index}`,
      kind: isError ? 'error' : 'warning',
      row: issue.row,
      column: issue.column,
      sheet: issue.sheet,
      value: issue.value,
      figure: null,
      issues: [issue],
    });
  }
  // File order: sheet, row, then column ("B" before "AA"); whole-file remarks (no row) first.
  return lines.sort(
    (a, b) =>
      (a.sheet ?? '').localeCompare(b.sheet ?? '') ||
      (a.row ?? -1) - (b.row ?? -1) ||
      columnRank(a.column) - columnRank(b.column) ||
      Number(b.kind === 'error') - Number(a.kind === 'error'),
  );
}

/** A spreadsheet column's number: A → 1, Z → 26, AA → 27; -1 for none. */
export function columnRank(column: string | null): number {
  if (column === null) return -1;
  let n = 0;
  for (const char of column.toUpperCase()) {
    const code = char.charCodeAt(0);
    if (code < 65 || code > 90) return Number.MAX_SAFE_INTEGER;
    n = n * 26 + (code - 64);
  }
  return n;
}

/**
 * Whether a line's figure would replace a sample figure (示例数据). The server counts an upload over
 * a sample figure as a change even when the number is the same (sample → real), so such a row is
 * always `changed`; an `unchanged` one can only come from a preview stored before that rule.
 */
export function replacesSample(line: Pick<PreviewLine, 'kind' | 'figure'>): boolean {
  return line.kind === 'changed' && line.figure?.old?.isSample === true;
}

/**
 * Whether a changed figure keeps its value and changes only its source or vintage: a correction the
 * server writes as a new revision (same value, new source), which the preview says in words, since
 * old and new values look alike.
 */
export function sameValueCorrection(figure: Pick<PreviewRow, 'status' | 'value' | 'old'> | null): boolean {
  if (figure?.status !== 'changed' || !figure.old || figure.old.isSample) return false;
  return (figure.old.published ? figure.old.value : null) === figure.value;
}

/** The source a changed figure had, when the upload gives another one (null otherwise). */
export function previousSource(figure: Pick<PreviewRow, 'status' | 'sourceTitle' | 'old'> | null): string | null {
  const old = figure?.status === 'changed' ? figure.old?.sourceTitle : null;
  return old && old.trim() !== figure?.sourceTitle.trim() ? old : null;
}

export function matchesFilter(line: PreviewLine, filter: PreviewFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'new':
    case 'changed':
    case 'unchanged':
      return line.kind === filter;
    case 'sample':
      return replacesSample(line);
    case 'errors':
      return line.kind === 'error';
    case 'warnings':
      return line.kind === 'warning' || (line.figure !== null && line.issues.length > 0);
  }
}

/** How many lines each filter shows, for the counts on the filter buttons. */
export function filterCounts(lines: readonly PreviewLine[]): Record<PreviewFilter, number> {
  const counts = Object.fromEntries(FILTERS.map((f) => [f, 0])) as Record<PreviewFilter, number>;
  for (const line of lines) for (const f of FILTERS) if (matchesFilter(line, f)) counts[f]++;
  return counts;
}

/** Whether a preview may be committed: still a preview, and no errors anywhere in the file. */
export function canCommit(preview: Pick<ImportPreview, 'import'>): boolean {
  return preview.import.status === 'preview' && preview.import.summary.errors === 0;
}

/**
 * Whether a line's figure carries warnings the committer must acknowledge (the server's figure
 * checks): a figure that would be written, with at least one warning. An unchanged row writes nothing.
 */
export function needsAcknowledgement(line: Pick<PreviewLine, 'figure'>): boolean {
  return line.figure !== null && line.figure.status !== 'unchanged' && line.figure.warnings.length > 0;
}

/** The warned rows (all of them, not only the rows loaded) not yet acknowledged, in file order. */
export function unacknowledgedRows(preview: Pick<ImportPreview, 'warnedRows'>, acknowledged: ReadonlySet<number>): number[] {
  return (preview.warnedRows ?? []).filter((row) => !acknowledged.has(row));
}

/** The rows to send with a commit: the warned rows acknowledged, in file order. */
export function acknowledgedRows(preview: Pick<ImportPreview, 'warnedRows'>, acknowledged: ReadonlySet<number>): number[] {
  return (preview.warnedRows ?? []).filter((row) => acknowledged.has(row));
}

/**
 * With review on: the flagged (warned) rows whose explanation (情况说明) is still empty, in file order;
 * the server refuses (400 explanation_required) a commit that leaves one out.
 */
export function unexplainedRows(
  preview: Pick<ImportPreview, 'warnedRows'>,
  explanations: Readonly<Record<number, string>>,
): number[] {
  return (preview.warnedRows ?? []).filter((row) => !explanations[row]?.trim());
}

/** The explanations to send with a commit, by row number, of the flagged rows only, trimmed. */
export function explanationsToSend(
  preview: Pick<ImportPreview, 'warnedRows'>,
  explanations: Readonly<Record<number, string>>,
): Record<string, string> {
  const sent: Record<string, string> = {};
  for (const row of preview.warnedRows ?? []) {
    const text = explanations[row]?.trim();
    if (text) sent[String(row)] = text;
  }
  return sent;
}

/** Rows acknowledged or not: a new set, the one given left as it is (React state). */
export function withAcknowledged(acknowledged: ReadonlySet<number>, rows: readonly number[], on: boolean): Set<number> {
  const next = new Set(acknowledged);
  for (const row of rows) {
    if (on) next.add(row);
    else next.delete(row);
  }
  return next;
}

/**
 * Why the server refused a commit that the preview allowed, when the reason is one of the checks it
 * makes again at commit (server/src/services/imports.ts): the preview's age, the committer's regions
 * now, the figures it compared with, or warned rows not acknowledged. Read from the refusal's code and fields, so the page says it in
 * the user's language with names from the reference data. null for any other failure.
 */
export type CommitRefused =
  | { reason: 'expired'; hours: number }
  | { reason: 'stale'; changedRows: number }
  | { reason: 'regions'; refused: { regionCode: string; rows: number[] }[] }
  | { reason: 'warnings'; rows: number[]; count: number }
  | { reason: 'explanations'; rows: number[]; count: number };

export function commitRefused(error: { code?: string | undefined; body?: unknown } | null | undefined): CommitRefused | null {
  if (!error || typeof error.body !== 'object' || error.body === null) return null;
  const body = error.body as Partial<CommitRefusal>;
  switch (error.code) {
    case 'preview_expired':
      return typeof body.expiredAfterHours === 'number' ? { reason: 'expired', hours: body.expiredAfterHours } : null;
    case 'preview_stale':
      return typeof body.changedRows === 'number' ? { reason: 'stale', changedRows: body.changedRows } : null;
    case 'region_not_assigned':
      return Array.isArray(body.refused) && body.refused.length > 0 ? { reason: 'regions', refused: body.refused } : null;
    case 'warnings_unacknowledged':
      return Array.isArray(body.unacknowledgedRows) && body.unacknowledgedRows.length > 0
        ? { reason: 'warnings', rows: body.unacknowledgedRows, count: body.unacknowledgedCount ?? body.unacknowledgedRows.length }
        : null;
    case 'explanation_required':
      return Array.isArray(body.unexplainedRows) && body.unexplainedRows.length > 0
        ? { reason: 'explanations', rows: body.unexplainedRows, count: body.unexplainedRows.length }
        : null;
    default:
      return null;
  }
}

/** Files named like the entry grid's are shown as "typed in", not as a file. */
export const GRID_FILE_NAME = 'grid-entry.csv';

/** A message without its "第3行D列：" / "Row 3, column D: " opening, for when it sits beside its input. */
export function withoutPosition(message: string): string {
  return message.replace(/^第\s*\d+\s*行(?:\s*[A-Z]+\s*列)?\s*[:：,，]\s*/, '').replace(/^Row \d+(?:, column [A-Z]+)?:\s*/, '');
}
