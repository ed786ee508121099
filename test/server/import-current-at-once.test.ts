import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/connection.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { useApp } from '../helpers/app.js';

// An upload's preview reads the current figures of every series in its file in one statement
// (currentRevisionsOfMany). It must read exactly what reading each series on its own reads
// (currentRevisions): the current revision of each year with its id and source, by year, a
// withdrawn figure left out, and an empty list for a series without figures.

const { dbPath } = useApp();
let db: ReturnType<typeof openDatabase> | undefined;
afterAll(() => db?.close());
function repositories() {
  db ??= openDatabase(dbPath());
  return { db, repos: createRepositories(db) };
}

describe('the current figures of many series at once', () => {
  it('equal each series read on its own, in the pairs’ order, a withdrawal left out', () => {
    const { db, repos } = repositories();
    const pairs = db
      .prepare('SELECT DISTINCT region_code, indicator_code FROM observations_latest ORDER BY indicator_code DESC, region_code')
      .raw()
      .all() as [string, string][];
    expect(pairs.length).toBeGreaterThan(10);
    const [region, indicator] = pairs[0] as [string, string];
    const before = repos.observations.currentRevisions(region, indicator);
    const year = (before[0] as { year: number }).year;
    // A revert's withdrawal of one year: that year has no current figure any more.
    db.prepare(
      `INSERT INTO observation_revisions (region_code, indicator_code, year, value, published, vintage, is_sample, source_title,
         entered_by, entered_at, origin, withdrawn) VALUES (?, ?, ?, NULL, 0, 'final', 0, 'withdrawn', 'test', ?, 'upload', 1)`,
    ).run(region, indicator, year, new Date().toISOString());
    pairs.push(['999999', 'no_such_indicator'], [region, indicator]);

    const many = repos.observations.currentRevisionsOfMany(pairs);
    expect(many).toHaveLength(pairs.length);
    expect(many.at(-2)).toEqual([]);
    expect(many[0]?.map((r) => r.year)).toEqual(before.slice(1).map((r) => r.year));
    expect(many.at(-1)).toEqual(many[0]);
    pairs.forEach(([r, i], k) => {
      const one = repos.observations.currentRevisions(r, i);
      expect(many[k]).toEqual(one);
      expect(one.map((x) => x.year)).toEqual([...one.map((x) => x.year)].sort((a, b) => a - b));
    });
    expect(repos.observations.currentRevisionsOfMany([])).toEqual([]);
  });
});
