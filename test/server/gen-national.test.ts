import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app.js';
import { contentHash, generateNational, type NationalCounts } from '../../server/src/bench/national/generate.js';
import { openDatabase } from '../../server/src/db/connection.js';
import { tempDir } from '../helpers/db.js';

// `npm run gen:national` at a small size: the same seed gives the same data, and the data looks like
// a country's (a region tree, plans that differ, revised figures, gaps), and the engine judges it.
// The long timeouts are for a loaded machine (three databases written; every plan judged), not limits.

const OPTIONS = { regions: 12, years: 15, seed: 1 };
const tmp = tempDir('jindu-gen-national-');
const first = path.join(tmp.dir, 'first.db');
let counts: NationalCounts;

beforeAll(() => {
  counts = generateNational(first, OPTIONS);
});
afterAll(() => tmp.cleanup());

function hashOf(file: string): string {
  const db = openDatabase(file);
  try {
    return contentHash(db);
  } finally {
    db.close();
  }
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = openDatabase(first);
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

describe('npm run gen:national', () => {
  it('writes the same data for the same seed, and other data for another seed', () => {
    const second = path.join(tmp.dir, 'second.db');
    expect(generateNational(second, OPTIONS)).toEqual(counts);
    expect(hashOf(second)).toBe(hashOf(first));
    const other = path.join(tmp.dir, 'other.db');
    generateNational(other, { ...OPTIONS, seed: 2 });
    expect(hashOf(other)).not.toBe(hashOf(first));
  }, 120_000);

  it('lays the regions out as a tree below the seed’s country, each a level below its parent', () => {
    const rows = query<{ code: string; level: string; parentLevel: string }>(
      `SELECT r.code, r.level, p.level AS parentLevel FROM regions r JOIN regions p ON p.code = r.parent_code
        WHERE r.code IN (SELECT region_code FROM plans WHERE slug NOT GLOB '[a-z]*')`,
    );
    expect(rows).toHaveLength(OPTIONS.regions);
    const above = { province: 'country', prefecture: 'province', county: 'prefecture' } as Record<string, string>;
    for (const r of rows) expect(r.parentLevel).toBe(above[r.level]);
    expect(new Set(rows.map((r) => r.level))).toEqual(new Set(['province', 'prefecture', 'county']));
    expect(counts.regions).toBe(OPTIONS.regions);
  });

  it('gives each region about 40 targets in plans that differ in indicators, types, periods and values', () => {
    const plans = query<{ id: number; regionCode: string; period: string; signature: string }>(
      `SELECT p.id, p.region_code AS regionCode, p.period_start || '-' || p.period_end AS period,
              group_concat(t.indicator_code || ':' || t.type || ':' || coalesce(t.value, t.value_min, ''), ',') AS signature
         FROM plans p JOIN targets t ON t.plan_id = p.id WHERE p.slug NOT GLOB '[a-z]*' GROUP BY p.id ORDER BY p.id`,
    );
    expect(plans.length).toBe(counts.plans);
    // No two plans alike, and more than one period among them.
    expect(new Set(plans.map((p) => p.signature)).size).toBe(plans.length);
    expect(new Set(plans.map((p) => p.period)).size).toBeGreaterThan(2);
    const perRegion = counts.targets / OPTIONS.regions;
    expect(perRegion).toBeGreaterThan(30);
    expect(perRegion).toBeLessThan(50);
    const types = query<{ type: string }>(
      "SELECT DISTINCT type FROM targets WHERE plan_id IN (SELECT id FROM plans WHERE slug NOT GLOB '[a-z]*')",
    ).map((r) => r.type);
    expect(types).toEqual(expect.arrayContaining(['level', 'share', 'annual_growth', 'per_year', 'cumulative', 'range']));
    // The same indicator's targets are not one number copied across regions.
    const gdp = query<{ value: number }>(
      "SELECT DISTINCT value FROM targets WHERE indicator_code = 'gdp' AND type = 'level' AND plan_id IN (SELECT id FROM plans WHERE slug NOT GLOB '[a-z]*')",
    );
    expect(gdp.length).toBeGreaterThan(3);
  });

  it('writes figures with several revisions and vintages, missing years, unpublished and sample figures', () => {
    const generated = "entered_by = 'gen:national'";
    const [most] = query<{ n: number }>(
      `SELECT max(n) AS n FROM (SELECT count(*) AS n FROM observation_revisions WHERE ${generated} GROUP BY region_code, indicator_code, year)`,
    );
    expect(most?.n).toBe(3);
    const revised = query<{ vintages: string }>(
      `SELECT group_concat(vintage, ',') AS vintages FROM (SELECT region_code, indicator_code, year, vintage FROM observation_revisions
        WHERE ${generated} ORDER BY id) GROUP BY region_code, indicator_code, year HAVING count(*) = 3 LIMIT 1`,
    );
    expect(revised[0]?.vintages).toBe('preliminary,final,revised');
    const [unpublished] = query<{ n: number }>(
      `SELECT count(*) AS n FROM observation_revisions WHERE ${generated} AND published = 0`,
    );
    expect(unpublished?.n).toBeGreaterThan(0);
    const [samples] = query<{ n: number }>(
      `SELECT count(*) AS n FROM observation_revisions WHERE ${generated} AND is_sample = 1`,
    );
    expect(samples?.n).toBeGreaterThan(0);
    // Series with fewer years than the 15 asked for: years not collected.
    const short = query<{ years: number }>(
      `SELECT count(DISTINCT year) AS years FROM observation_revisions WHERE ${generated} GROUP BY region_code, indicator_code HAVING years < 15`,
    );
    expect(short.length).toBeGreaterThan(0);
    expect(counts.revisions).toBeGreaterThan(counts.figures);
    // Every figure passes the figure checks' bounds: no share past 100%, no count below zero.
    const [bounds] = query<{ share: number; lowest: number }>(
      `SELECT max(CASE WHEN i.kind = 'share' THEN o.value END) AS share, min(o.value) AS lowest
         FROM observation_revisions o JOIN indicators i ON i.code = o.indicator_code WHERE ${generated}`,
    );
    expect(bounds?.share).toBeLessThanOrEqual(100);
    expect(bounds?.lowest).toBeGreaterThanOrEqual(0);
  });

  it('is judged by the progress engine: every plan answers, and the verdicts vary', async () => {
    const app = await buildApp({ dbPath: first, serveWeb: false, seed: false, publicRead: true });
    try {
      const plans = query<{ id: number; targetCount: number }>(
        "SELECT p.id, (SELECT count(*) FROM targets t WHERE t.plan_id = p.id) AS targetCount FROM plans p WHERE slug NOT GLOB '[a-z]*'",
      );
      const statuses = new Set<string>();
      for (const plan of plans) {
        const res = await app.inject({ method: 'GET', url: `/api/plans/${plan.id}/progress` });
        expect(res.statusCode).toBe(200);
        const body = res.json() as { targets: { result: { status: string } }[] };
        expect(body.targets).toHaveLength(plan.targetCount);
        for (const t of body.targets) statuses.add(t.result.status);
      }
      for (const status of ['achieved', 'missed', 'not_assessable']) expect(statuses.has(status)).toBe(true);
      // The first page of a generated prefecture.
      const [prefecture] = query<{ code: string }>(
        "SELECT code FROM regions WHERE level = 'prefecture' AND code IN (SELECT region_code FROM plans WHERE slug NOT GLOB '[a-z]*')",
      );
      const overview = await app.inject({ method: 'GET', url: `/api/regions/${prefecture?.code}/overview` });
      expect(overview.statusCode).toBe(200);
      expect((overview.json() as { plans: unknown[] }).plans.length).toBeGreaterThan(1);
    } finally {
      await app.close();
    }
  }, 120_000);
});
