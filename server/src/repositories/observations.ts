import type { Db } from '../db/connection.js';
import type { Vintage } from '../seed/types.js';

export interface ObservationRow {
  id: number;
  regionCode: string;
  indicatorCode: string;
  year: number;
  value: number | null;
  published: boolean;
  vintage: Vintage;
  isSample: boolean;
  sourceTitle: string;
  sourceUrl: string | null;
  quote: string | null;
  note: string | null;
  enteredBy: string;
  enteredAt: string;
  origin: string;
}

export interface CurrentObservationRow extends ObservationRow {
  revisionCount: number;
}

export interface NewObservationRevision {
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
  enteredBy: string;
  enteredAt: string;
  origin: 'seed' | 'form' | 'upload' | 'api';
}

const COLUMNS = `id, region_code AS regionCode, indicator_code AS indicatorCode, year, value, published,
  vintage, is_sample AS isSample, source_title AS sourceTitle, source_url AS sourceUrl, quote, note,
  entered_by AS enteredBy, entered_at AS enteredAt, origin`;

type RawRow = Omit<ObservationRow, 'published' | 'isSample'> & { published: number; isSample: number };
const toRow = <T extends RawRow>(r: T) => ({ ...r, published: r.published === 1, isSample: r.isSample === 1 });

export function createObservationsRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO observation_revisions (region_code, indicator_code, year, value, published, vintage, is_sample,
       source_title, source_url, quote, note, entered_by, entered_at, origin)
     VALUES (@regionCode, @indicatorCode, @year, @value, @published, @vintage, @isSample,
       @sourceTitle, @sourceUrl, @quote, @note, @enteredBy, @enteredAt, @origin)`,
  );
  // The current value of a year is its latest revision; the window keeps this one indexed pass.
  const current = db.prepare(
    `SELECT * FROM (
       SELECT ${COLUMNS},
              row_number() OVER (PARTITION BY year ORDER BY id DESC) AS rn,
              count(*) OVER (PARTITION BY year) AS revisionCount
         FROM observation_revisions WHERE region_code = ? AND indicator_code = ?)
      WHERE rn = 1 ORDER BY year`,
  );
  const history = db.prepare(
    `SELECT ${COLUMNS} FROM observation_revisions
      WHERE region_code = ? AND indicator_code = ? AND year = ? ORDER BY id`,
  );
  const latestPublished = db.prepare(
    `SELECT ${COLUMNS},
            (SELECT count(*) FROM observation_revisions c
              WHERE c.region_code = o.region_code AND c.indicator_code = o.indicator_code AND c.year = o.year) AS revisionCount
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
        insert.run({ ...rev, published: rev.value === null ? 0 : 1, isSample: rev.isSample ? 1 : 0 }).lastInsertRowid,
      );
    },
    current(regionCode: string, indicatorCode: string): CurrentObservationRow[] {
      return (current.all(regionCode, indicatorCode) as (RawRow & { revisionCount: number; rn?: number })[]).map(
        ({ rn: _rn, ...r }) => toRow(r),
      );
    },
    history(regionCode: string, indicatorCode: string, year: number): ObservationRow[] {
      return (history.all(regionCode, indicatorCode, year) as RawRow[]).map(toRow);
    },
    /** The current value of the most recent year that has a published figure. */
    latest(regionCode: string, indicatorCode: string): CurrentObservationRow | undefined {
      const row = latestPublished.get(regionCode, indicatorCode) as (RawRow & { revisionCount: number }) | undefined;
      return row ? toRow(row) : undefined;
    },
  };
}
