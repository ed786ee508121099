import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app.js';
import { openDatabase } from '../../server/src/db/connection.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { tempDbPath } from '../helpers/db.js';

// observations_latest (migration 0017): the current revision of each figure, kept by a trigger on
// observation_revisions. Whoever writes a revision, the current values read through the table must be
// what the old definition (the latest revision of each figure, found by max(id)) says.

// The definition of observations_current before 0017 (migration 0011), kept here as the reference.
const OLD_VIEW = `SELECT r.*,
       (SELECT count(*) FROM observation_revisions c
         WHERE c.region_code = r.region_code AND c.indicator_code = r.indicator_code AND c.year = r.year) AS revision_count
  FROM observation_revisions r
 WHERE r.id = (SELECT max(l.id) FROM observation_revisions l
                WHERE l.region_code = r.region_code AND l.indicator_code = r.indicator_code AND l.year = r.year)
   AND r.withdrawn = 0`;

const { dbPath, cleanup } = tempDbPath();
afterAll(() => cleanup());

describe('observations_latest', () => {
  it('keeps the latest revision of every figure current after many more revisions, as the old view did', async () => {
    const app = await buildApp({ dbPath, serveWeb: false });
    await app.close();
    const db = openDatabase(dbPath);
    const repos = createRepositories(db);
    const figures = db
      .prepare(
        'SELECT DISTINCT region_code AS regionCode, indicator_code AS indicatorCode, year FROM observation_revisions LIMIT 40',
      )
      .all() as { regionCode: string; indicatorCode: string; year: number }[];
    expect(figures.length).toBe(40);
    // Five more revisions of each of 40 figures, by the repository, then a withdrawal and a sample
    // written by plain SQL (a writer the code does not know about): the trigger follows both.
    const now = new Date().toISOString();
    db.transaction(() => {
      for (let round = 1; round <= 5; round++) {
        for (const [i, f] of figures.entries()) {
          repos.observations.append({
            ...f,
            value: 1000 * round + i,
            vintage: 'revised',
            isSample: false,
            sourceTitle: `round ${round}`,
            sourceUrl: null,
            quote: null,
            note: null,
            enteredBy: 'test',
            enteredAt: now,
            origin: 'api',
          });
        }
      }
    })();
    const [withdrawn, sampled] = figures;
    db.prepare(
      `INSERT INTO observation_revisions (region_code, indicator_code, year, value, published, vintage, source_title,
         entered_by, entered_at, origin, withdrawn) VALUES (?, ?, ?, NULL, 0, 'final', 'withdrawn', 'sql', ?, 'api', 1)`,
    ).run(withdrawn?.regionCode, withdrawn?.indicatorCode, withdrawn?.year, now);
    db.prepare(
      `INSERT INTO observation_revisions (region_code, indicator_code, year, value, vintage, is_sample, source_title,
         entered_by, entered_at, origin) VALUES (?, ?, ?, 7.5, 'final', 1, 'sample', 'sql', ?, 'api')`,
    ).run(sampled?.regionCode, sampled?.indicatorCode, sampled?.year, now);

    // The view through the table equals the old definition, row for row.
    const order = 'ORDER BY region_code, indicator_code, year';
    expect(db.prepare(`SELECT * FROM observations_current ${order}`).all()).toEqual(
      db.prepare(`SELECT * FROM (${OLD_VIEW}) ${order}`).all(),
    );

    // The repository's readers give the last round's values, with the counts of the figure's kind.
    const third = figures[2];
    if (!third || !withdrawn || !sampled) throw new Error('three figures expected');
    const year = (code: { regionCode: string; indicatorCode: string; year: number }) =>
      repos.observations.current(code.regionCode, code.indicatorCode).find((o) => o.year === code.year);
    const before = db
      .prepare('SELECT count(*) FROM observation_revisions WHERE region_code = ? AND indicator_code = ? AND year = ?')
      .pluck();
    expect(year(third)).toMatchObject({
      value: 5002,
      sourceTitle: 'round 5',
      revisionCount: before.get(third.regionCode, third.indicatorCode, third.year),
    });
    expect(repos.observations.series(third.regionCode, third.indicatorCode).find((p) => p.year === third.year)).toMatchObject({
      value: 5002,
      vintage: 'revised',
    });
    expect(repos.observations.currentOfYear(third.regionCode, third.indicatorCode, third.year)?.value).toBe(5002);
    // A withdrawn figure is no current figure; a sample that follows real figures counts as the first sample.
    expect(year(withdrawn)).toBeUndefined();
    expect(repos.observations.currentOfYear(withdrawn.regionCode, withdrawn.indicatorCode, withdrawn.year)).toBeUndefined();
    expect(year(sampled)).toMatchObject({ value: 7.5, isSample: true, revisionCount: 1 });

    // Every figure in the database agrees with a fresh computation from the revisions.
    const fresh = db
      .prepare(
        `SELECT region_code, indicator_code, year, max(id) AS revision_id, sum(is_sample = 0) AS real_count, sum(is_sample = 1) AS sample_count
           FROM observation_revisions GROUP BY region_code, indicator_code, year ${order}`,
      )
      .all();
    // The pointer and counts (0017); the copies of the revision's columns (0020) have their own test.
    expect(
      db
        .prepare(
          `SELECT region_code, indicator_code, year, revision_id, real_count, sample_count FROM observations_latest ${order}`,
        )
        .all(),
    ).toEqual(fresh);
    db.close();
  });
});
