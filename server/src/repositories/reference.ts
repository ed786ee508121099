import type { Indicator, Region } from '../api/types.js';
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
    indicator: (code: string) => indicatorByCode.get(code) as IndicatorRow | undefined,
  };
}
