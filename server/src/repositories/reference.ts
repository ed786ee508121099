import type { Indicator, IndicatorAlias, Region } from '../api/types.js';
import type { Db } from '../db/connection.js';

// Regions and indicators: small reference tables read whole by the dashboard.

export type RegionRow = Region;
export type IndicatorRow = Indicator;

export function createReferenceRepository(db: Db) {
  const insertRegion = db.prepare(
    'INSERT INTO regions (code, name_zh, name_en, level, parent_code) VALUES (@code, @nameZh, @nameEn, @level, @parentCode)',
  );
  const insertIndicator = db.prepare(
    `INSERT INTO indicators (code, name_zh, name_en, unit, unit_en, direction, kind, note, plausible_min, plausible_max)
     VALUES (@code, @nameZh, @nameEn, @unit, @unitEn, @direction, @kind, @note, @plausibleMin, @plausibleMax)`,
  );
  // An indicator a plan brings (migration 0019): the plan is kept, so that any export using it carries it.
  const insertDefinedIndicator = db.prepare(
    `INSERT INTO indicators (code, name_zh, name_en, unit, unit_en, direction, kind, note, plausible_min, plausible_max, defined_by_plan_id)
     VALUES (@code, @nameZh, @nameEn, @unit, @unitEn, @direction, @kind, @note, @plausibleMin, @plausibleMax, @planId)`,
  );
  const definedByPlans = db.prepare('SELECT code FROM indicators WHERE defined_by_plan_id IS NOT NULL').pluck();
  const listRegions = db.prepare(
    `SELECT code, name_zh AS nameZh, name_en AS nameEn, level, parent_code AS parentCode
       FROM regions ORDER BY code`,
  );
  const listIndicators = db.prepare(
    `SELECT code, name_zh AS nameZh, name_en AS nameEn, unit, unit_en AS unitEn, direction, kind, note,
            plausible_min AS plausibleMin, plausible_max AS plausibleMax
       FROM indicators ORDER BY code`,
  );
  const regionExists = db.prepare('SELECT 1 FROM regions WHERE code = ?').pluck();
  // A region and every region under it (GB/T 2260's tree, by parent_code), or every region.
  const WITHIN = `WITH RECURSIVE within(code) AS (
       SELECT code FROM regions WHERE @within IS NULL OR code = @within
       UNION SELECT r.code FROM regions r JOIN within w ON r.parent_code = w.code
     )`;
  const pageOfRegions = db.prepare(
    `${WITHIN}
     SELECT code, name_zh AS nameZh, name_en AS nameEn, level, parent_code AS parentCode
       FROM regions WHERE code IN (SELECT code FROM within)
      ORDER BY code != coalesce(@within, ''), code LIMIT @limit OFFSET @offset`,
  );
  // The regions plans are issued for, with how many plans and targets: what the overview offers.
  const pageWithPlans = db.prepare(
    `${WITHIN}
     SELECT r.code, r.name_zh AS nameZh, r.name_en AS nameEn, count(*) AS planCount,
            sum((SELECT count(*) FROM targets t WHERE t.plan_id = p.id)) AS targetCount
       FROM plans p JOIN regions r ON r.code = p.region_code
      WHERE p.region_code IN (SELECT code FROM within)
      GROUP BY r.code ORDER BY targetCount DESC, r.code LIMIT @limit OFFSET @offset`,
  );
  const regionByCode = db.prepare(
    'SELECT code, name_zh AS nameZh, name_en AS nameEn, level, parent_code AS parentCode FROM regions WHERE code = ?',
  );
  const ALIAS_COLUMNS = 'id, indicator_code AS indicatorCode, alias, created_at AS createdAt, created_by AS createdBy';
  const insertAlias = db.prepare(
    'INSERT INTO indicator_aliases (indicator_code, alias, created_at, created_by) VALUES (@indicatorCode, @alias, @createdAt, @createdBy)',
  );
  const listAliases = db.prepare(`SELECT ${ALIAS_COLUMNS} FROM indicator_aliases ORDER BY indicator_code, id`);
  const aliasesOf = db.prepare(`SELECT ${ALIAS_COLUMNS} FROM indicator_aliases WHERE indicator_code = ? ORDER BY id`);
  const aliasById = db.prepare(`SELECT ${ALIAS_COLUMNS} FROM indicator_aliases WHERE id = ?`);
  const deleteAlias = db.prepare('DELETE FROM indicator_aliases WHERE id = ?');
  const indicatorByCode = db.prepare(
    `SELECT code, name_zh AS nameZh, name_en AS nameEn, unit, unit_en AS unitEn, direction, kind, note,
            plausible_min AS plausibleMin, plausible_max AS plausibleMax
       FROM indicators WHERE code = ?`,
  );
  // Prepared once: a health check is called every few seconds by whatever watches the server.
  const healthCounts = db.prepare(
    'SELECT (SELECT count(*) FROM schema_migrations) AS migrations, (SELECT count(*) FROM plans) AS plans',
  );
  return {
    /** How many migrations are applied and plans stored: what /api/health reports. */
    healthCounts: () => healthCounts.get() as { migrations: number; plans: number },
    insertRegion: (r: Region) => insertRegion.run(r),
    insertIndicator: (i: Indicator) => insertIndicator.run(i),
    listRegions: () => listRegions.all() as RegionRow[],
    /** A page of regions: one region and those under it (itself first), or all, by code. */
    regionsPage: (q: { within: string | null; limit: number; offset: number }) => pageOfRegions.all(q) as RegionRow[],
    /** A page of the regions plans are issued for, most targets first. */
    regionsWithPlans: (q: { within: string | null; limit: number; offset: number }) =>
      pageWithPlans.all(q) as (Pick<RegionRow, 'code' | 'nameZh' | 'nameEn'> & { planCount: number; targetCount: number })[],
    listIndicators: () => listIndicators.all() as IndicatorRow[],
    /** Creates an indicator a plan file defines; call inside the plan's transaction. */
    insertDefinedIndicator: (i: Indicator, planId: number) => insertDefinedIndicator.run({ ...i, planId }),
    /** The codes of the indicators plans created: not in the seed's catalogue, so exports carry them. */
    indicatorsDefinedByPlans: () => new Set(definedByPlans.all() as string[]),
    regionExists: (code: string) => regionExists.get(code) !== undefined,
    region: (code: string) => regionByCode.get(code) as RegionRow | undefined,
    indicator: (code: string) => indicatorByCode.get(code) as IndicatorRow | undefined,
    /** Other names of the indicators, matched in uploads (migration 0012). */
    insertAlias: (a: { indicatorCode: string; alias: string; createdBy: string }, createdAt: string) =>
      Number(insertAlias.run({ ...a, createdAt }).lastInsertRowid),
    listAliases: () => listAliases.all() as IndicatorAlias[],
    aliasesOf: (indicatorCode: string) => aliasesOf.all(indicatorCode) as IndicatorAlias[],
    alias: (id: number) => aliasById.get(id) as IndicatorAlias | undefined,
    deleteAlias: (id: number) => deleteAlias.run(id).changes === 1,
  };
}
