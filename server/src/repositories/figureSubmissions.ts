import type { FigureSubmission, SubmissionCheck, SubmissionState } from '../api/review.js';
import type { Db } from '../db/connection.js';
import type { Vintage } from '../domain/progress/types.js';

// Figures submitted for review (migration 0015). A submission is written once and then only moves
// on: pending → approved (with the revision it wrote), returned (with a reason) or withdrawn (a
// resubmission replaced it). Every state change is guarded by `state = 'pending'` (or 'returned' for
// a withdrawal) in its WHERE clause, so two reviewers deciding at once cannot both succeed.

const COLUMNS = `s.id, s.region_code AS regionCode, s.indicator_code AS indicatorCode, s.year, s.value, s.published,
  s.vintage, s.is_sample AS isSample, s.source_title AS sourceTitle, s.source_url AS sourceUrl, s.quote, s.note,
  s.explanation, s.checks_json AS checksJson, s.state, s.submitted_by AS submittedBy, s.submitted_by_id AS submittedById,
  s.submitted_at AS submittedAt, s.import_id AS importId, s.batch_id AS batchId, s.decided_by AS decidedBy,
  s.decided_at AS decidedAt, s.decision_reason AS decisionReason, s.revision_id AS revisionId, s.replaces_id AS replacesId`;

type RawSubmission = Omit<FigureSubmission, 'published' | 'isSample' | 'checks'> & {
  published: number;
  isSample: number;
  checksJson: string;
};
const toSubmission = ({ checksJson, ...r }: RawSubmission): FigureSubmission => ({
  ...r,
  published: r.published === 1,
  isSample: r.isSample === 1,
  checks: JSON.parse(checksJson) as SubmissionCheck[],
});

/** One figure submitted by hand (the single-figure entry), or a resubmission. */
export interface NewSubmission {
  regionCode: string;
  indicatorCode: string;
  year: number;
  value: number | null;
  vintage: Vintage;
  isSample: boolean;
  sourceTitle: string;
  sourceUrl: string | null;
  quote: string | null;
  note: string | null;
  explanation: string | null;
  checks: SubmissionCheck[];
  submittedBy: string;
  submittedById: number | null;
  submittedAt: string;
  importId: number | null;
  batchId: string;
  replacesId?: number | null;
}

/** Who decided, when, and why. */
export interface Decision {
  decidedBy: string;
  decidedById: number;
  decidedAt: string;
  reason: string | null;
}

export function createFigureSubmissionsRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO figure_submissions (region_code, indicator_code, year, value, published, vintage, is_sample, source_title,
       source_url, quote, note, explanation, checks_json, state, submitted_by, submitted_by_id, submitted_at, import_id,
       batch_id, replaces_id)
     VALUES (@regionCode, @indicatorCode, @year, @value, @published, @vintage, @isSample, @sourceTitle, @sourceUrl, @quote,
       @note, @explanation, @checksJson, 'pending', @submittedBy, @submittedById, @submittedAt, @importId, @batchId,
       @replacesId)`,
  );
  // An upload's (or a grid save's) figures, straight from its staged rows: only rows that would write
  // something (new or changed), with the preview's findings as the checks and the explanation the
  // reporter gave for the row (a JSON object keyed by row number). A preview row's warnings are kept
  // without their severity (they are all warnings: an error drops the row), so it is added here.
  const insertFromImport = db.prepare(
    `INSERT INTO figure_submissions (region_code, indicator_code, year, value, published, vintage, is_sample, source_title,
       source_url, quote, note, explanation, checks_json, state, submitted_by, submitted_by_id, submitted_at, import_id, batch_id)
     SELECT r.region_code, r.indicator_code, r.year, r.value, r.value IS NOT NULL, r.vintage, 0, r.source_title, r.source_url,
            r.quote, r.note, nullif(trim(json_extract(@explanations, '$."' || r.row || '"')), ''),
            coalesce((SELECT json_group_array(json(json_set(w.value, '$.severity', 'warning'))) FROM json_each(r.warnings_json) w), '[]'),
            'pending', @submittedBy, @submittedById, @submittedAt, r.import_id, @batchId
       FROM import_rows r
      WHERE r.import_id = @importId AND r.status IN ('new', 'changed')
      ORDER BY r.position`,
  );
  const byId = db.prepare(`SELECT ${COLUMNS} FROM figure_submissions s WHERE s.id = ?`);
  const ofIds = db.prepare(
    `SELECT ${COLUMNS} FROM figure_submissions s WHERE s.id IN (SELECT value FROM json_each(?)) ORDER BY s.id`,
  );
  const ofBatch = db.prepare(`SELECT ${COLUMNS} FROM figure_submissions s WHERE s.batch_id = ? ORDER BY s.id`);
  // Pending figures of some regions (null: all), oldest submission first.
  const pending = db.prepare(
    `SELECT ${COLUMNS} FROM figure_submissions s
      WHERE s.state = 'pending' AND (@regions IS NULL OR s.region_code IN (SELECT value FROM json_each(@regions)))
      ORDER BY s.submitted_at, s.batch_id, s.id LIMIT @limit`,
  );
  const mine = db.prepare(
    `SELECT ${COLUMNS} FROM figure_submissions s WHERE s.submitted_by_id = @userId
      ORDER BY s.state <> 'returned', s.state <> 'pending', s.id DESC LIMIT @limit`,
  );
  const ofFigure = db.prepare(
    `SELECT ${COLUMNS} FROM figure_submissions s WHERE s.region_code = ? AND s.indicator_code = ? AND s.year = ? ORDER BY s.id`,
  );
  // Approval, set-based: one revision per pending figure, in id order, with who supplied and who
  // approved it. The figures' keys are distinct (checked by the caller), so each figure's newest
  // revision afterwards is the one this statement wrote.
  const publish = db.prepare(
    `INSERT INTO observation_revisions (region_code, indicator_code, year, value, published, vintage, is_sample, source_title,
       source_url, quote, note, entered_by, entered_by_user_id, import_id, entered_at, origin, submitted_by, approved_by)
     SELECT s.region_code, s.indicator_code, s.year, s.value, s.published, s.vintage, s.is_sample, s.source_title,
            s.source_url, s.quote, s.note, s.submitted_by, s.submitted_by_id, s.import_id, @decidedAt,
            CASE WHEN s.import_id IS NULL THEN 'form' ELSE 'upload' END, s.submitted_by, @decidedBy
       FROM figure_submissions s
      WHERE s.id IN (SELECT value FROM json_each(@ids)) AND s.state = 'pending'
      ORDER BY s.id`,
  );
  const markApproved = db.prepare(
    `UPDATE figure_submissions AS s
        SET state = 'approved', decided_by = @decidedBy, decided_by_id = @decidedById, decided_at = @decidedAt,
            decision_reason = @reason,
            revision_id = (SELECT max(o.id) FROM observation_revisions o
                            WHERE o.region_code = s.region_code AND o.indicator_code = s.indicator_code AND o.year = s.year)
      WHERE s.id IN (SELECT value FROM json_each(@ids)) AND s.state = 'pending'`,
  );
  const markReturned = db.prepare(
    `UPDATE figure_submissions
        SET state = 'returned', decided_by = @decidedBy, decided_by_id = @decidedById, decided_at = @decidedAt,
            decision_reason = @reason
      WHERE id IN (SELECT value FROM json_each(@ids)) AND state = 'pending'`,
  );
  const markWithdrawn = db.prepare(
    `UPDATE figure_submissions SET state = 'withdrawn', decided_at = @at
      WHERE id = @id AND state IN ('pending', 'returned')`,
  );
  // A figure published (by an upload, by hand or another approval) after the submission was sent: the
  // submission's checks compared it with a value that is no longer current.
  const changedSince = db.prepare(
    `SELECT s.id FROM figure_submissions s
      WHERE s.id IN (SELECT value FROM json_each(?))
        AND EXISTS (SELECT 1 FROM observation_revisions o
                     WHERE o.region_code = s.region_code AND o.indicator_code = s.indicator_code AND o.year = s.year
                       AND o.entered_at > s.submitted_at)
      ORDER BY s.id`,
  );
  const openOfImport = db.prepare(
    `SELECT count(*) AS n FROM figure_submissions WHERE import_id = ? AND state IN ('pending', 'returned')`,
  );
  const withdrawOfImport = db.prepare(
    `UPDATE figure_submissions SET state = 'withdrawn', decided_at = @at
      WHERE import_id = @importId AND state IN ('pending', 'returned')`,
  );
  const counts = db.prepare(
    `SELECT state, count(*) AS n FROM figure_submissions
      WHERE (@regions IS NULL OR region_code IN (SELECT value FROM json_each(@regions))) GROUP BY state`,
  );

  const json = (list: readonly unknown[] | null) => (list === null ? null : JSON.stringify(list));
  return {
    insert(s: NewSubmission): number {
      const { checks, ...rest } = s;
      return Number(
        insert.run({
          ...rest,
          published: s.value === null ? 0 : 1,
          isSample: s.isSample ? 1 : 0,
          checksJson: JSON.stringify(checks),
          replacesId: s.replacesId ?? null,
        }).lastInsertRowid,
      );
    },
    /** Every new or changed row of an upload as a pending figure, in one statement; how many. */
    insertFromImport(
      importId: number,
      by: { submittedBy: string; submittedById: number; submittedAt: string; batchId: string },
      explanations: Record<number, string>,
    ): number {
      return insertFromImport.run({ importId, ...by, explanations: JSON.stringify(explanations) }).changes;
    },
    find: (id: number) => {
      const raw = byId.get(id) as RawSubmission | undefined;
      return raw ? toSubmission(raw) : undefined;
    },
    ofIds: (ids: readonly number[]) => (ofIds.all(JSON.stringify(ids)) as RawSubmission[]).map(toSubmission),
    ofBatch: (batchId: string) => (ofBatch.all(batchId) as RawSubmission[]).map(toSubmission),
    /** Pending figures of the given regions (null: every region), oldest submission first. */
    pending: (regions: readonly string[] | null, limit = 5000) =>
      (pending.all({ regions: json(regions), limit }) as RawSubmission[]).map(toSubmission),
    /** A reporter's submissions: returned first, then pending, then the rest, newest first. */
    mine: (userId: number, limit = 500) => (mine.all({ userId, limit }) as RawSubmission[]).map(toSubmission),
    /** Every submission of one figure, oldest first: what its history shows beside the revisions. */
    ofFigure: (regionCode: string, indicatorCode: string, year: number) =>
      (ofFigure.all(regionCode, indicatorCode, year) as RawSubmission[]).map(toSubmission),
    /**
     * Publishes pending figures (distinct figures: the caller checks) as revisions and marks them
     * approved with the revision each wrote. Returns how many were approved; fewer than asked means
     * one was decided meanwhile, and the caller rolls the transaction back.
     */
    approve(ids: readonly number[], d: Decision): number {
      publish.run({ ids: JSON.stringify(ids), decidedAt: d.decidedAt, decidedBy: d.decidedBy });
      return markApproved.run({ ids: JSON.stringify(ids), ...d }).changes;
    },
    /** Returns pending figures to their reporter with the reason; how many. */
    returnToReporter: (ids: readonly number[], d: Decision & { reason: string }) =>
      markReturned.run({ ids: JSON.stringify(ids), ...d }).changes,
    /** A pending or returned figure replaced by a resubmission; false when it was neither. */
    withdraw: (id: number, at: string) => markWithdrawn.run({ id, at }).changes === 1,
    /** Those of the submissions whose figure has a revision published after they were submitted. */
    changedSinceSubmission: (ids: readonly number[]) =>
      (changedSince.all(JSON.stringify(ids)) as { id: number }[]).map((r) => r.id),
    /** How many of an upload's figures still await a decision (pending) or a resubmission (returned). */
    openOfImport: (importId: number) => (openOfImport.get(importId) as { n: number }).n,
    /** An upload reverted: its undecided figures can no longer be approved; how many were withdrawn. */
    withdrawOfImport: (importId: number, at: string) => withdrawOfImport.run({ importId, at }).changes,
    /** How many submissions are in each state, for some regions (null: all). */
    counts(regions: readonly string[] | null): Record<SubmissionState, number> {
      const out: Record<SubmissionState, number> = { pending: 0, approved: 0, returned: 0, withdrawn: 0 };
      for (const r of counts.all({ regions: json(regions) }) as { state: SubmissionState; n: number }[]) out[r.state] = r.n;
      return out;
    },
  };
}

export type FigureSubmissionsRepository = ReturnType<typeof createFigureSubmissionsRepository>;
