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
  return {
    insertRegion: (r: Region) => insertRegion.run(r),
    insertIndicator: (i: Indicator) => insertIndicator.run(i),
    listRegions: () => listRegions.all() as RegionRow[],
    listIndicators: () => listIndicators.all() as IndicatorRow[],
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
