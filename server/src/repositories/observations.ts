import type { CurrentObservation, Observation } from '../api/types.js';
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
}

const COLUMNS = `id, region_code AS regionCode, indicator_code AS indicatorCode, year, value, published,
  vintage, is_sample AS isSample, source_title AS sourceTitle, source_url AS sourceUrl, quote, note,
  entered_by AS enteredBy, entered_at AS enteredAt, origin`;

type RawRow = Omit<ObservationRow, 'published' | 'isSample'> & { published: number; isSample: number };
const toRow = (r: RawRow): ObservationRow => ({ ...r, published: r.published === 1, isSample: r.isSample === 1 });

/**
 * The last revision of each year, with how many versions the figure has had as what it now is. A
 * real figure that replaced sample ones is the figure's first publication, not a revision of it: the
 * sample versions were never published, so only the real versions count (the same for the SQL of
 * `latest`). Rows come in (year, id) order.
 */
function currentOfEachYear<R extends { year: number; isSample: number }, T>(
  rows: readonly R[],
  toPoint: (r: R) => T,
): (T & { revisionCount: number })[] {
  const out: (T & { revisionCount: number })[] = [];
  let year: number | null = null;
  let counts = { sample: 0, real: 0 };
  for (const r of rows) {
    if (r.year !== year) {
      year = r.year;
      counts = { sample: 0, real: 0 };
    }
    const kind = r.isSample === 1 ? 'sample' : 'real';
    counts[kind]++;
    const point = { ...toPoint(r), revisionCount: counts[kind] };
    if (out.length > 0 && counts.sample + counts.real > 1) out[out.length - 1] = point;
    else out.push(point);
  }
  return out;
}

export function createObservationsRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO observation_revisions (region_code, indicator_code, year, value, published, vintage, is_sample,
       source_title, source_url, quote, note, entered_by, entered_by_user_id, import_id, entered_at, origin)
     VALUES (@regionCode, @indicatorCode, @year, @value, @published, @vintage, @isSample,
       @sourceTitle, @sourceUrl, @quote, @note, @enteredBy, @enteredByUserId, @importId, @enteredAt, @origin)`,
  );
  // Every revision in (year, id) order, straight off the index; the current value of a year is its
  // last revision, picked in one pass in JS (cheaper than a window function per call).
  const revisions = db.prepare(
    `SELECT ${COLUMNS} FROM observation_revisions WHERE region_code = ? AND indicator_code = ? ORDER BY year, id`,
  );
  // Only what the progress engine reads: judging a plan should cost little more than reading it.
  const lean = db.prepare(
    `SELECT year, value, vintage, is_sample AS isSample FROM observation_revisions
      WHERE region_code = ? AND indicator_code = ? ORDER BY year, id`,
  );
  // The same with each revision's id: what an upload's preview compares with, and records it did.
  const leanWithId = db.prepare(
    `SELECT id, year, value, vintage, is_sample AS isSample FROM observation_revisions
      WHERE region_code = ? AND indicator_code = ? ORDER BY year, id`,
  );
  const byId = db.prepare(`SELECT ${COLUMNS} FROM observation_revisions WHERE id = ?`);
  const latestOfYear = db.prepare(
    `SELECT id, year, value, vintage, is_sample AS isSample FROM observation_revisions
      WHERE region_code = ? AND indicator_code = ? AND year = ? ORDER BY id DESC LIMIT 1`,
  );
  const history = db.prepare(
    `SELECT ${COLUMNS} FROM observation_revisions
      WHERE region_code = ? AND indicator_code = ? AND year = ? ORDER BY id`,
  );
  // revisionCount: the versions of the figure's own kind (see countsAsRevision).
  const latestPublished = db.prepare(
    `SELECT ${COLUMNS},
            (SELECT count(*) FROM observation_revisions c
              WHERE c.region_code = o.region_code AND c.indicator_code = o.indicator_code AND c.year = o.year
                AND c.is_sample = o.is_sample) AS revisionCount
       FROM observation_revisions o
      WHERE region_code = ? AND indicator_code = ?
        AND id = (SELECT max(id) FROM observation_revisions l
                   WHERE l.region_code = o.region_code AND l.indicator_code = o.indicator_code AND l.year = o.year)
        AND published = 1
      ORDER BY year DESC LIMIT 1`,
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
        }).lastInsertRowid,
      );
    },
    current(regionCode: string, indicatorCode: string): CurrentObservationRow[] {
      return currentOfEachYear(revisions.all(regionCode, indicatorCode) as RawRow[], toRow);
    },
    /** The current value of each year with its revision count, lean: for the progress engine. */
    series(regionCode: string, indicatorCode: string): SeriesPoint[] {
      type LeanRow = Omit<SeriesPoint, 'isSample' | 'revisionCount'> & { isSample: number };
      return currentOfEachYear(lean.all(regionCode, indicatorCode) as LeanRow[], (r) => ({
        year: r.year,
        value: r.value,
        vintage: r.vintage,
        isSample: r.isSample === 1,
      }));
    },
    /** The current revision of each year, lean and with its id: what an upload's preview compares with. */
    currentRevisions(
      regionCode: string,
      indicatorCode: string,
    ): { id: number; year: number; value: number | null; vintage: Vintage; isSample: boolean }[] {
      const out: { id: number; year: number; value: number | null; vintage: Vintage; isSample: boolean }[] = [];
      for (const r of leanWithId.all(regionCode, indicatorCode) as {
        id: number;
        year: number;
        value: number | null;
        vintage: Vintage;
        isSample: number;
      }[]) {
        const point = { ...r, isSample: r.isSample === 1 };
        if (out[out.length - 1]?.year === r.year) out[out.length - 1] = point;
        else out.push(point);
      }
      return out;
    },
    /** The current figure of one year and its revision id, straight off the index: for checks inside a write. */
    currentOfYear(
      regionCode: string,
      indicatorCode: string,
      year: number,
    ): { id: number; year: number; value: number | null; vintage: Vintage; isSample: boolean } | undefined {
      const row = latestOfYear.get(regionCode, indicatorCode, year) as
        | { id: number; year: number; value: number | null; vintage: Vintage; isSample: number }
        | undefined;
      return row ? { ...row, isSample: row.isSample === 1 } : undefined;
    },
    revision(id: number): ObservationRow | undefined {
      const row = byId.get(id) as RawRow | undefined;
      return row ? toRow(row) : undefined;
    },
    history(regionCode: string, indicatorCode: string, year: number): ObservationRow[] {
      return (history.all(regionCode, indicatorCode, year) as RawRow[]).map(toRow);
    },
    /** The current value of the most recent year that has a published figure. */
    latest(regionCode: string, indicatorCode: string): CurrentObservationRow | undefined {
      const row = latestPublished.get(regionCode, indicatorCode) as (RawRow & { revisionCount: number }) | undefined;
      return row ? { ...toRow(row), revisionCount: row.revisionCount } : undefined;
    },
  };
}
