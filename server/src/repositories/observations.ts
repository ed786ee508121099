import type { CurrentObservation, Observation, RevisionProvenance } from '../api/types.js';
import type { Db } from '../db/connection.js';
import type { ProgressObservation, Vintage } from '../domain/progress/types.js';

/** A revision as stored: the API's Observation, with the figure it belongs to and how it came in. */
export interface ObservationRow extends Observation {
  regionCode: string;
  indicatorCode: string;
  origin: string;
}

export interface CurrentObservationRow extends ObservationRow, CurrentObservation {}

/** The current value of a year, lean: what the progress engine reads. */
export type SeriesPoint = ProgressObservation;

export interface NewObservationRevision extends Omit<ObservationRow, 'id' | 'published' | 'origin'> {
  enteredByUserId?: number | null;
  importId?: number | null;
  origin: 'seed' | 'form' | 'upload' | 'api';
  /** A withdrawal (value null): the figure is no longer current; see migrations/0011. */
  withdrawn?: boolean;
  /** The earlier revision whose figure this one restores (by hand, or by a revert). */
  restoredFromId?: number | null;
  /** The upload whose revert writes this revision. */
  revertedImportId?: number | null;
}

/** A revision with how it came in: what the figure's history shows. */
export interface RevisionRow extends ObservationRow, RevisionProvenance {}

const columns = (o = '') => `${o}id, ${o}region_code AS regionCode, ${o}indicator_code AS indicatorCode, ${o}year,
  ${o}value, ${o}published, ${o}vintage, ${o}is_sample AS isSample, ${o}source_title AS sourceTitle,
  ${o}source_url AS sourceUrl, ${o}quote, ${o}note, ${o}entered_by AS enteredBy, ${o}entered_at AS enteredAt, ${o}origin,
  ${o}submitted_by AS submittedBy, ${o}approved_by AS approvedBy`;
const COLUMNS = columns();

/** A revision, lean: what comparisons and checks read. */
export interface LeanRevision {
  id: number;
  year: number;
  value: number | null;
  vintage: Vintage;
  isSample: boolean;
  sourceTitle: string;
  sourceUrl: string | null;
}
type RawLean = Omit<LeanRevision, 'isSample'> & { isSample: number; withdrawn: number };
const toLean = (r: RawLean): LeanRevision & { withdrawn: boolean } => ({
  ...r,
  isSample: r.isSample === 1,
  withdrawn: r.withdrawn === 1,
});

/** A revision as a revert compares it: its figure, and whether it is a withdrawal. */
export interface FigureRevision extends Omit<LeanRevision, 'sourceTitle' | 'sourceUrl'> {
  published: boolean;
  withdrawn: boolean;
}

/**
 * One figure an upload wrote, as a revert reads it: the upload's last revision of the figure, the
 * revision current before the upload first wrote it (null: the upload created the figure), and the
 * revision current now, with who wrote it.
 */
export interface UploadedFigure {
  regionCode: string;
  indicatorCode: string;
  year: number;
  uploaded: FigureRevision;
  before: FigureRevision | null;
  current: FigureRevision & { importId: number | null; enteredBy: string; enteredAt: string };
}

type RawHistoryRow = RawRow & {
  withdrawn: number;
  importId: number | null;
  importFileName: string | null;
  revertedImportId: number | null;
  revertedImportFileName: string | null;
  restoredFromId: number | null;
};
/** How a revision came in, from what it records (see RevisionProvenance in api/types.ts). */
function toRevisionRow({
  importId,
  importFileName,
  revertedImportId,
  revertedImportFileName,
  restoredFromId,
  ...raw
}: RawHistoryRow): RevisionRow {
  const row = toRow(raw);
  const cameFrom: RevisionRow['cameFrom'] =
    revertedImportId !== null
      ? 'revert'
      : restoredFromId !== null
        ? 'restore'
        : importId !== null
          ? 'upload'
          : row.origin === 'seed' || row.origin === 'api'
            ? row.origin
            : 'form';
  return {
    ...row,
    cameFrom,
    withdrawn: raw.withdrawn === 1,
    import: importId !== null ? { id: importId, fileName: importFileName ?? '' } : null,
    revertedImport: revertedImportId !== null ? { id: revertedImportId, fileName: revertedImportFileName ?? '' } : null,
    restoredFromId,
  };
}

type RawRow = Omit<ObservationRow, 'published' | 'isSample'> & { published: number; isSample: number; withdrawn?: number };
const toRow = ({ withdrawn: _, ...r }: RawRow): ObservationRow => ({
  ...r,
  published: r.published === 1,
  isSample: r.isSample === 1,
});

// A year whose latest revision is a withdrawal (a revert took back the upload that created the
// figure) has no current figure: the readers of current values below leave it out, so it is never
// read as a value, as "not published" or as zero. Its revisions stay in the history.

// The revision count of a figure: how many versions it has had as what it now is. A real figure
// that replaced sample ones is the figure's first publication, not a revision of it: the sample
// versions were never published, so only the real versions count (observations_latest keeps both
// counts, migration 0017).

function isByYear(list: readonly { year: number }[]): boolean {
  for (let i = 1; i < list.length; i++)
    if ((list[i] as { year: number }).year < (list[i - 1] as { year: number }).year) return false;
  return true;
}

/** The vintages in the order leanOfMany packs them (0 final, 1 revised, 2 preliminary). */
const PACKED_VINTAGES: readonly Vintage[] = ['final', 'revised', 'preliminary'];

export function createObservationsRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO observation_revisions (region_code, indicator_code, year, value, published, vintage, is_sample,
       source_title, source_url, quote, note, entered_by, entered_by_user_id, import_id, entered_at, origin,
       withdrawn, restored_from_id, reverted_import_id)
     VALUES (@regionCode, @indicatorCode, @year, @value, @published, @vintage, @isSample,
       @sourceTitle, @sourceUrl, @quote, @note, @enteredBy, @enteredByUserId, @importId, @enteredAt, @origin,
       @withdrawn, @restoredFromId, @revertedImportId)`,
  );
  // Current values are read through observations_latest (migration 0017): one row per figure, kept
  // by a trigger, so a read costs the same however many revisions the figures have had. The
  // revision count is of the versions of the current revision's kind (see the note above).
  const CURRENT_FROM = `FROM observations_latest l JOIN observation_revisions o ON o.id = l.revision_id
      WHERE l.region_code = ? AND l.indicator_code = ?`;
  const KIND_COUNT = 'CASE WHEN o.is_sample = 1 THEN l.sample_count ELSE l.real_count END AS revisionCount';
  const currentRows = db.prepare(`SELECT ${columns('o.')}, ${KIND_COUNT} ${CURRENT_FROM} AND o.withdrawn = 0 ORDER BY l.year`);
  // Only what the progress engine reads: judging a plan should cost little more than reading it.
  // observations_latest carries copies of what it needs (migration 0020): no search of the revisions.
  const LEAN_KIND_COUNT = 'CASE WHEN l.is_sample = 1 THEN l.sample_count ELSE l.real_count END AS revisionCount';
  const lean = db.prepare(
    `SELECT l.year, l.value, l.vintage, l.is_sample AS isSample, ${LEAN_KIND_COUNT}
       FROM observations_latest l
      WHERE l.region_code = ? AND l.indicator_code = ? AND l.withdrawn = 0 ORDER BY l.year`,
  );
  // The same with each revision's id: what an upload's preview compares with, and records it did.
  const leanWithId = db.prepare(
    `SELECT o.id, o.year, o.value, o.vintage, o.is_sample AS isSample, o.source_title AS sourceTitle, o.source_url AS sourceUrl
       ${CURRENT_FROM} AND o.withdrawn = 0 ORDER BY l.year`,
  );
  // The same for many figures at once, named by a JSON list of [region, indicator] pairs: each row
  // carries its pair's place in the list rather than the two codes (making those strings for every
  // row was a third of the read). Rows come in the list's order and then by year (the scan of the
  // list drives the primary-key search of observations_latest); seriesOfMany sorts if not.
  // The vintage and the sample mark come packed in one small integer (vintage × 2 + is_sample; the
  // vintages are the three of the CHECK in 0001): a string made per row was a fifth of the read.
  const leanOfMany = db
    .prepare(
      `WITH wanted AS (SELECT key AS k, value ->> 0 AS region_code, value ->> 1 AS indicator_code FROM json_each(?))
       SELECT w.k, l.year, l.value,
              (CASE l.vintage WHEN 'final' THEN 0 WHEN 'revised' THEN 2 ELSE 4 END) + l.is_sample, ${LEAN_KIND_COUNT}
         FROM wanted w
         JOIN observations_latest l ON l.region_code = w.region_code AND l.indicator_code = w.indicator_code
        WHERE l.withdrawn = 0`,
    )
    .raw();
  // currentRevisions() of many figures at once, named as leanOfMany names them: an upload's preview
  // compares thousands of series, and a statement per series was a sixth of its time.
  const leanWithIdOfMany = db
    .prepare(
      `WITH wanted AS (SELECT key AS k, value ->> 0 AS region_code, value ->> 1 AS indicator_code FROM json_each(?))
       SELECT w.k, o.id, o.year, o.value, o.vintage, o.is_sample, o.source_title, o.source_url
         FROM wanted w
         JOIN observations_latest l ON l.region_code = w.region_code AND l.indicator_code = w.indicator_code
         JOIN observation_revisions o ON o.id = l.revision_id
        WHERE o.withdrawn = 0`,
    )
    .raw();
  const byId = db.prepare(`SELECT ${COLUMNS}, withdrawn FROM observation_revisions WHERE id = ?`);
  const latestOfYear = db.prepare(
    `SELECT o.id, o.year, o.value, o.vintage, o.is_sample AS isSample, o.source_title AS sourceTitle,
            o.source_url AS sourceUrl, o.withdrawn
       ${CURRENT_FROM} AND l.year = ?`,
  );
  // Restores by hand made before restored_from_id existed (migration 0011) are known by their audit
  // entry, which names the revision restored.
  const history = db.prepare(
    `SELECT ${columns('o.')}, o.withdrawn, o.import_id AS importId, i.file_name AS importFileName,
            o.reverted_import_id AS revertedImportId, ri.file_name AS revertedImportFileName,
            coalesce(o.restored_from_id,
              (SELECT json_extract(a.after_json, '$.restoredFrom') FROM audit_log a
                WHERE a.entity = 'observation' AND a.entity_id = CAST(o.id AS TEXT) AND a.action = 'observation.restore'
                LIMIT 1)) AS restoredFromId
       FROM observation_revisions o
       LEFT JOIN imports i ON i.id = o.import_id
       LEFT JOIN imports ri ON ri.id = o.reverted_import_id
      WHERE o.region_code = ? AND o.indicator_code = ? AND o.year = ? ORDER BY o.id`,
  );
  // Each figure an upload wrote (first and last of its revisions, should a file hold a figure twice),
  // the revision before its first one and the one current now: probes of the key index each.
  const figureColumns = (r: string) => `${r}.id, ${r}.value, ${r}.published, ${r}.vintage, ${r}.is_sample, ${r}.withdrawn`;
  const writtenByImport = db.prepare(
    `WITH written AS (
       SELECT region_code, indicator_code, year, min(id) AS first_id, max(id) AS last_id
         FROM observation_revisions WHERE import_id = ? GROUP BY region_code, indicator_code, year
     ), keyed AS (
       SELECT w.*,
              (SELECT max(b.id) FROM observation_revisions b
                WHERE b.region_code = w.region_code AND b.indicator_code = w.indicator_code AND b.year = w.year
                  AND b.id < w.first_id) AS before_id,
              (SELECT c.revision_id FROM observations_latest c
                WHERE c.region_code = w.region_code AND c.indicator_code = w.indicator_code AND c.year = w.year) AS current_id
         FROM written w
     )
     SELECT k.region_code AS regionCode, k.indicator_code AS indicatorCode, k.year,
            ${figureColumns('u')}, ${figureColumns('b')}, ${figureColumns('c')}, c.import_id, c.entered_by, c.entered_at
       FROM keyed k
       JOIN observation_revisions u ON u.id = k.last_id
       LEFT JOIN observation_revisions b ON b.id = k.before_id
       JOIN observation_revisions c ON c.id = k.current_id
      ORDER BY k.region_code, k.indicator_code, k.year`,
  );
  // revisionCount: the versions of the figure's own kind (see countsAsRevision). A withdrawal is
  // stored unpublished, so its year is passed over as a "—" is.
  const latestPublished = db.prepare(
    `SELECT ${columns('o.')}, ${KIND_COUNT} ${CURRENT_FROM} AND o.published = 1 ORDER BY l.year DESC LIMIT 1`,
  );
  return {
    append(rev: NewObservationRevision): number {
      return Number(
        insert.run({
          ...rev,
          enteredByUserId: rev.enteredByUserId ?? null,
          importId: rev.importId ?? null,
          published: rev.value === null ? 0 : 1,
          isSample: rev.isSample ? 1 : 0,
          withdrawn: rev.withdrawn ? 1 : 0,
          restoredFromId: rev.restoredFromId ?? null,
          revertedImportId: rev.revertedImportId ?? null,
        }).lastInsertRowid,
      );
    },
    current(regionCode: string, indicatorCode: string): CurrentObservationRow[] {
      return (currentRows.all(regionCode, indicatorCode) as (RawRow & { revisionCount: number })[]).map((r) => ({
        ...toRow(r),
        revisionCount: r.revisionCount,
      }));
    },
    /** The current value of each year with its revision count, lean: for the progress engine. */
    series(regionCode: string, indicatorCode: string): SeriesPoint[] {
      type LeanRow = Omit<SeriesPoint, 'isSample'> & { isSample: number };
      return (lean.all(regionCode, indicatorCode) as LeanRow[]).map((r) => ({ ...r, isSample: r.isSample === 1 }));
    },
    /**
     * series() of many figures in one statement: the series of each [region, indicator] pair, in the
     * pairs' order (an empty series for a figure without values).
     */
    seriesOfMany(pairs: readonly (readonly [regionCode: string, indicatorCode: string])[]): SeriesPoint[][] {
      const out: SeriesPoint[][] = pairs.map(() => []);
      if (pairs.length === 0) return out;
      let ordered = true;
      let lastK = -1;
      let lastYear = Number.NEGATIVE_INFINITY;
      for (const r of leanOfMany.all(JSON.stringify(pairs)) as unknown[][]) {
        const k = r[0] as number;
        const year = r[1] as number;
        if (k < lastK || (k === lastK && year < lastYear)) ordered = false;
        lastK = k;
        lastYear = year;
        const packed = r[3] as number;
        (out[k] as SeriesPoint[]).push({
          year,
          value: r[2] as number | null,
          vintage: PACKED_VINTAGES[packed >> 1] as Vintage,
          isSample: (packed & 1) === 1,
          revisionCount: r[4] as number,
        });
      }
      if (!ordered) for (const list of out) list.sort((a, b) => a.year - b.year);
      return out;
    },
    /**
     * The current revision of each year, lean and with its id: what an upload's preview compares with.
     * A withdrawn figure is no figure: the upload's row is new.
     */
    currentRevisions(regionCode: string, indicatorCode: string): LeanRevision[] {
      return (leanWithId.all(regionCode, indicatorCode) as Omit<RawLean, 'withdrawn'>[]).map((r) => ({
        ...r,
        isSample: r.isSample === 1,
      }));
    },
    /**
     * currentRevisions() of many figures in one statement: the revisions of each [region, indicator]
     * pair, in the pairs' order, each list by year (an empty list for a figure without values).
     */
    currentRevisionsOfMany(pairs: readonly (readonly [regionCode: string, indicatorCode: string])[]): LeanRevision[][] {
      const out: LeanRevision[][] = pairs.map(() => []);
      if (pairs.length === 0) return out;
      for (const r of leanWithIdOfMany.all(JSON.stringify(pairs)) as unknown[][]) {
        (out[r[0] as number] as LeanRevision[]).push({
          id: r[1] as number,
          year: r[2] as number,
          value: r[3] as number | null,
          vintage: r[4] as Vintage,
          isSample: r[5] === 1,
          sourceTitle: r[6] as string,
          sourceUrl: r[7] as string | null,
        });
      }
      for (const list of out) if (!isByYear(list)) list.sort((a, b) => a.year - b.year);
      return out;
    },
    /**
     * The current figure of one year and its revision id, straight off the index: for checks inside a
     * write. Undefined when the year has no figure, or its latest revision is a withdrawal.
     */
    currentOfYear(regionCode: string, indicatorCode: string, year: number): LeanRevision | undefined {
      const row = latestOfYear.get(regionCode, indicatorCode, year) as RawLean | undefined;
      if (!row || row.withdrawn === 1) return undefined;
      const { withdrawn: _, ...point } = toLean(row);
      return point;
    },
    revision(id: number): (ObservationRow & { withdrawn: boolean }) | undefined {
      const row = byId.get(id) as RawRow | undefined;
      return row ? { ...toRow(row), withdrawn: row.withdrawn === 1 } : undefined;
    },
    /** Every revision of one figure, oldest first, each with the upload, restore or revert it came from. */
    history(regionCode: string, indicatorCode: string, year: number): RevisionRow[] {
      return (history.all(regionCode, indicatorCode, year) as RawHistoryRow[]).map(toRevisionRow);
    },
    /** Every figure an upload wrote, with what it was before and what it is now: what a revert reads. */
    writtenByImport(importId: number): UploadedFigure[] {
      // Rows as arrays, and only the columns a revert compares: read as objects with every column named,
      // the rows of 100,000 figures took 2.6 times as long (3.9 s against 1.5 s).
      const figure = (r: unknown[], at: number, year: number): FigureRevision | null =>
        r[at] === null
          ? null
          : {
              id: r[at] as number,
              year,
              value: r[at + 1] as number | null,
              published: r[at + 2] === 1,
              vintage: r[at + 3] as Vintage,
              isSample: r[at + 4] === 1,
              withdrawn: r[at + 5] === 1,
            };
      return (writtenByImport.raw().all(importId) as unknown[][]).map((r) => {
        const year = r[2] as number;
        return {
          regionCode: r[0] as string,
          indicatorCode: r[1] as string,
          year,
          uploaded: figure(r, 3, year) as FigureRevision,
          before: figure(r, 9, year),
          current: {
            ...(figure(r, 15, year) as FigureRevision),
            importId: r[21] as number | null,
            enteredBy: r[22] as string,
            enteredAt: r[23] as string,
          },
        };
      });
    },
    /** The current value of the most recent year that has a published figure. */
    latest(regionCode: string, indicatorCode: string): CurrentObservationRow | undefined {
      // A withdrawal is stored unpublished, so the query below passes over its year as it does a "—".
      const row = latestPublished.get(regionCode, indicatorCode) as (RawRow & { revisionCount: number }) | undefined;
      return row ? { ...toRow(row), revisionCount: row.revisionCount } : undefined;
    },
  };
}
