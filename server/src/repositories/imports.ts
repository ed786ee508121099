import type { ImportAcknowledgement, ImportRecord, ImportRow, ImportSummary, RevertSummary, RowStatus } from '../api/types.js';
import type { Db } from '../db/connection.js';
import type { ImportIssue, Vintage } from '../domain/import/types.js';
import type { PreviewRow } from '../domain/preview.js';

/** An upload as stored: the API's record, with who uploaded it and the file's hash. */
export interface StoredImport extends ImportRecord {
  userId: number;
  sha256: string;
}

/** A preview row as stored: the API's row, with its place in the upload and the revision it was compared with. */
export interface StoredRow extends ImportRow {
  position: number;
  basedOn: number | null;
}

const RECORD_COLUMNS = `i.id, i.user_id AS userId, u.name AS userName, i.file_name AS fileName, i.sha256, i.size_bytes AS sizeBytes,
  i.file_type AS fileType, i.encoding, i.sheet, i.layout, i.default_vintage AS defaultVintage, i.default_source AS defaultSource,
  i.status, i.summary_json AS summaryJson, i.created_at AS createdAt, i.decided_at AS decidedAt, d.name AS decidedBy,
  i.acknowledgement_json AS acknowledgementJson,
  i.reverted_at AS revertedAt, rv.name AS revertedBy, i.revert_summary_json AS revertSummaryJson`;
// A committed upload that was reverted keeps status 'committed' in its row (migration 0011); the
// record says `reverted`.
const RECORD_FROM = `imports i JOIN users u ON u.id = i.user_id LEFT JOIN users d ON d.id = i.decided_by
  LEFT JOIN users rv ON rv.id = i.reverted_by`;

type RawRecord = Omit<StoredImport, 'summary' | 'acknowledgement' | 'revertSummary'> & {
  summaryJson: string;
  acknowledgementJson: string | null;
  revertSummaryJson: string | null;
};
const toRecord = ({ summaryJson, acknowledgementJson, revertSummaryJson, ...r }: RawRecord): StoredImport => {
  const stored = acknowledgementJson ? (JSON.parse(acknowledgementJson) as ImportAcknowledgement & { userId?: number }) : null;
  // The account id stays in the database; the API names the person.
  const acknowledgement = stored ? { by: stored.by, at: stored.at, rows: stored.rows, warnings: stored.warnings } : null;
  return {
    ...r,
    status: r.revertedAt !== null ? 'reverted' : r.status,
    summary: JSON.parse(summaryJson),
    acknowledgement,
    revertSummary: revertSummaryJson === null ? null : JSON.parse(revertSummaryJson),
  };
};

/** A row's warnings as the commit checks and records them. */
export interface WarnedRow {
  row: number;
  column: string | null;
  codes: string[];
}

export function createImportsRepository(db: Db) {
  const insertImport = db.prepare(
    `INSERT INTO imports (user_id, file_name, sha256, size_bytes, file_type, encoding, sheet, layout, default_vintage,
       default_source, status, rows_read, summary_json, created_at)
     VALUES (@userId, @fileName, @sha256, @sizeBytes, @fileType, @encoding, @sheet, @layout, @defaultVintage,
       @defaultSource, 'preview', @rowsRead, @summaryJson, @createdAt)`,
  );
  // Positional: a large upload stores 100,000 of these, and binding by name builds an object per row.
  const insertRow = db.prepare(
    `INSERT INTO import_rows (import_id, position, row, sheet, column_name, region_code, indicator_code, year, value, raw_value,
       vintage, source_title, source_url, note, conversion_json, status, old_value, old_published, old_vintage, old_sample, warnings_json,
       based_on_revision_id, old_source_title, old_source_url, quote)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertIssue = db.prepare(
    `INSERT INTO import_issues (import_id, position, row, column_name, sheet, value, severity, code, message_zh, message_en)
     VALUES (@importId, @position, @row, @column, @sheet, @value, @severity, @code, @messageZh, @messageEn)`,
  );
  const byId = db.prepare(`SELECT ${RECORD_COLUMNS} FROM ${RECORD_FROM} WHERE i.id = ?`);
  const list = db.prepare(
    `SELECT ${RECORD_COLUMNS} FROM ${RECORD_FROM} WHERE (@userId IS NULL OR i.user_id = @userId) ORDER BY i.id DESC LIMIT @limit`,
  );
  const decide = db.prepare(
    "UPDATE imports SET status = @status, decided_at = @at, decided_by = @userId WHERE id = @id AND status = 'preview'",
  );
  const acknowledge = db.prepare('UPDATE imports SET acknowledgement_json = @json WHERE id = @id');
  // The rows that would be written with a warning: unchanged rows write nothing, so need no acknowledgement.
  const warned = db.prepare(
    `SELECT row, column_name AS "column", warnings_json AS warningsJson FROM import_rows
      WHERE import_id = ? AND warnings_json IS NOT NULL AND status != 'unchanged' ORDER BY position`,
  );
  const markReverted = db.prepare(
    `UPDATE imports SET reverted_at = @at, reverted_by = @userId, revert_summary_json = @summaryJson
      WHERE id = @id AND status = 'committed' AND reverted_at IS NULL`,
  );
  const issuesOf = db.prepare(
    `SELECT row, column_name AS "column", sheet, value, severity, code, message_zh AS messageZh, message_en AS messageEn
       FROM import_issues WHERE import_id = ? ORDER BY severity = 'warning', position LIMIT ?`,
  );
  const writable = db.prepare(
    `SELECT position, row, sheet, column_name AS "column", region_code AS regionCode, indicator_code AS indicatorCode, year, value,
            raw_value AS rawValue, vintage, source_title AS sourceTitle, source_url AS sourceUrl, note,
            conversion_json AS conversionJson, status, old_value AS oldValue, old_published AS oldPublished,
            old_vintage AS oldVintage, old_sample AS oldSample, warnings_json AS warningsJson, based_on_revision_id AS basedOn,
            old_source_title AS oldSourceTitle, old_source_url AS oldSourceUrl, quote
       FROM import_rows WHERE import_id = @importId AND (@status IS NULL OR status = @status)
      ORDER BY position LIMIT @limit OFFSET @offset`,
  );

  // The commit, set-based (services/imports.ts): the staged rows are checked and written by SQL, never
  // read back into JS. Rows whose region the committer may not write: regions first (a file has few).
  const regionsOfRows = db.prepare('SELECT DISTINCT region_code FROM import_rows WHERE import_id = ?').pluck();
  const rowsOfRegion = db
    .prepare('SELECT DISTINCT row FROM import_rows WHERE import_id = ? AND region_code = ? ORDER BY position')
    .pluck();
  // Rows whose figure is no longer the revision the preview compared with (a withdrawal is no figure).
  const staleCount = db
    .prepare(
      `SELECT count(*) FROM import_rows r
         LEFT JOIN observations_latest l
                ON l.region_code = r.region_code AND l.indicator_code = r.indicator_code AND l.year = r.year
         LEFT JOIN observation_revisions o ON o.id = l.revision_id AND o.withdrawn = 0
        WHERE r.import_id = ? AND r.based_on_revision_id IS NOT o.id`,
    )
    .pluck();
  // New rows first, then changed ones, each in file order: the revisions' ids follow the file.
  const writeRevisions = db.prepare(
    `INSERT INTO observation_revisions (region_code, indicator_code, year, value, published, vintage, is_sample,
       source_title, source_url, quote, note, entered_by, entered_by_user_id, import_id, entered_at, origin)
     SELECT region_code, indicator_code, year, value, value IS NOT NULL, vintage, 0,
            source_title, source_url, quote, note, @enteredBy, @userId, import_id, @at, 'upload'
       FROM import_rows WHERE import_id = @importId AND status IN ('new', 'changed')
      ORDER BY status = 'changed', position`,
  );

  type RawRow = Omit<StoredRow, 'conversion' | 'old' | 'warnings'> & {
    conversionJson: string | null;
    oldValue: number | null;
    oldPublished: number | null;
    oldVintage: Vintage | null;
    oldSample: number | null;
    oldSourceTitle: string | null;
    oldSourceUrl: string | null;
    warningsJson: string | null;
  };
  const toRow = ({
    conversionJson,
    oldValue,
    oldPublished,
    oldVintage,
    oldSample,
    oldSourceTitle,
    oldSourceUrl,
    warningsJson,
    ...r
  }: RawRow): StoredRow => ({
    ...r,
    conversion: conversionJson ? JSON.parse(conversionJson) : null,
    old:
      oldVintage === null
        ? null
        : {
            value: oldValue,
            published: oldPublished === 1,
            vintage: oldVintage,
            isSample: oldSample === 1,
            sourceTitle: oldSourceTitle,
            sourceUrl: oldSourceUrl,
          },
    warnings: warningsJson ? JSON.parse(warningsJson) : [],
  });

  return {
    create(
      record: Omit<
        StoredImport,
        | 'id'
        | 'userName'
        | 'status'
        | 'summary'
        | 'decidedAt'
        | 'decidedBy'
        | 'acknowledgement'
        | 'revertedAt'
        | 'revertedBy'
        | 'revertSummary'
      > & {
        summary: ImportSummary;
      },
      rows: PreviewRow[],
      issues: ImportIssue[],
    ): number {
      const importId = Number(
        insertImport.run({ ...record, rowsRead: record.summary.rowsRead, summaryJson: JSON.stringify(record.summary) })
          .lastInsertRowid,
      );
      for (let position = 0; position < rows.length; position++) {
        const r = rows[position] as PreviewRow;
        const old = r.old;
        insertRow.run(
          importId,
          position,
          r.row,
          r.sheet,
          r.column,
          r.regionCode,
          r.indicatorCode,
          r.year,
          r.value,
          r.rawValue,
          r.vintage,
          r.sourceTitle,
          r.sourceUrl,
          r.note,
          r.conversion ? JSON.stringify(r.conversion) : null,
          r.status,
          old ? old.value : null,
          old ? (old.published ? 1 : 0) : null,
          old ? old.vintage : null,
          old ? (old.isSample ? 1 : 0) : null,
          r.warnings.length > 0 ? JSON.stringify(r.warnings) : null,
          r.basedOn,
          old ? (old.sourceTitle ?? null) : null,
          old ? (old.sourceUrl ?? null) : null,
          r.quote ?? null,
        );
      }
      for (const [position, i] of issues.entries()) {
        insertIssue.run({
          importId,
          position,
          row: i.row,
          column: i.column,
          sheet: i.sheet,
          value: i.value,
          severity: i.severity,
          code: i.code,
          messageZh: i.message.zh,
          messageEn: i.message.en,
        });
      }
      return importId;
    },
    find: (id: number) => {
      const raw = byId.get(id) as RawRecord | undefined;
      return raw ? toRecord(raw) : undefined;
    },
    list: (userId: number | null, limit = 100) => (list.all({ userId, limit }) as RawRecord[]).map(toRecord),
    /** Marks a preview committed or discarded; false when it was no longer a preview. */
    decide: (id: number, status: 'committed' | 'discarded', userId: number, at: string) =>
      decide.run({ id, status, userId, at }).changes === 1,
    /** Keeps, with a commit, who acknowledged which rows' warnings. */
    acknowledge: (id: number, acknowledgement: ImportAcknowledgement & { userId: number }) =>
      acknowledge.run({ id, json: JSON.stringify(acknowledgement) }),
    /** Every row that would be written with a warning, in file order, with its warnings' codes. */
    warned: (importId: number): WarnedRow[] =>
      (warned.all(importId) as { row: number; column: string | null; warningsJson: string }[]).map((r) => ({
        row: r.row,
        column: r.column,
        codes: (JSON.parse(r.warningsJson) as { code: string }[]).map((w) => w.code),
      })),
    /** Marks a committed upload reverted; false when it was not committed or was reverted already. */
    markReverted: (id: number, userId: number, at: string, summary: RevertSummary) =>
      markReverted.run({ id, userId, at, summaryJson: JSON.stringify(summary) }).changes === 1,
    issues: (id: number, limit: number) =>
      (issuesOf.all(id, limit) as (Omit<ImportIssue, 'message'> & { messageZh: string; messageEn: string })[]).map(
        ({ messageZh, messageEn, ...i }) => ({ ...i, message: { zh: messageZh, en: messageEn } }),
      ),
    /** The regions of an upload's rows. */
    regionsOf: (importId: number) => regionsOfRows.all(importId) as string[],
    /** The rows (file row numbers, in file order) of an upload in one region. */
    rowsIn: (importId: number, regionCode: string) => rowsOfRegion.all(importId, regionCode) as number[],
    /** How many of an upload's rows no longer compare with the figure now current. */
    staleRows: (importId: number) => staleCount.get(importId) as number,
    /**
     * Writes the upload's new and changed rows as revisions, in one statement; returns how many. The
     * revisions carry the upload (import_id): what a revert reads, and where the figure's history
     * names the file. What each row replaced stays in the row (old_*, based_on_revision_id).
     */
    writeRevisions: (importId: number, by: { name: string; userId: number }, at: string) =>
      writeRevisions.run({ importId, enteredBy: by.name, userId: by.userId, at }).changes,
    rows: (importId: number, status: RowStatus | null, offset: number, limit: number) =>
      (writable.all({ importId, status, offset, limit }) as RawRow[]).map(toRow),
  };
}
