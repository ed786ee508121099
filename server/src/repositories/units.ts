import type { TargetUnit, TargetUnitRole, Unit } from '../api/types.js';
import type { Db } from '../db/connection.js';
import { matchUnit } from '../domain/unitMatch.js';
import type { NewAuditEntry } from './audit.js';
import { createAuditRepository } from './audit.js';

const UNIT_COLUMNS = 'u.id, u.region_code AS regionCode, u.name_zh AS nameZh, u.name_en AS nameEn, u.kind';

/** What PUT /api/targets/:id/units and the seed write: one unit of a target, in printed order. */
export interface TargetUnitAssignment {
  unitId: number;
  role: TargetUnitRole;
  asPrinted: string;
}

/** A target a unit leads or is responsible for (GET /api/units/:id lists them). */
export interface UnitTargetRow {
  targetId: number;
  role: TargetUnitRole;
  asPrinted: string;
}

/** A target's unit as a plan file names it: the form printed and the role (domain/planFile.ts). */
export interface PrintedTargetUnit {
  role: TargetUnitRole;
  unit: string;
}

/** Who changes a target's units: what the audit entry records besides the before and after. */
export type UnitsChangeActor = Pick<NewAuditEntry, 'actor' | 'userId' | 'origin' | 'address'>;

export function createUnitsRepository(db: Db) {
  const audit = createAuditRepository(db);
  const byRegion = db.prepare(`SELECT ${UNIT_COLUMNS} FROM units u WHERE u.region_code = ? ORDER BY u.id`);
  const all = db.prepare(`SELECT ${UNIT_COLUMNS} FROM units u ORDER BY u.region_code, u.id`);
  const byId = db.prepare(`SELECT ${UNIT_COLUMNS} FROM units u WHERE u.id = ?`);
  const byName = db.prepare(`SELECT ${UNIT_COLUMNS} FROM units u WHERE u.region_code = ? AND u.name_zh = ?`);
  const byAlias = db.prepare(
    `SELECT ${UNIT_COLUMNS} FROM unit_aliases a JOIN units u ON u.id = a.unit_id WHERE a.region_code = ? AND a.alias = ?`,
  );
  const aliasesOf = db.prepare('SELECT alias FROM unit_aliases WHERE unit_id = ? ORDER BY alias').pluck();
  const aliasesInRegion = db.prepare('SELECT unit_id AS unitId, alias FROM unit_aliases WHERE region_code = ? ORDER BY alias');
  const insertUnit = db.prepare(
    'INSERT INTO units (region_code, name_zh, name_en, kind) VALUES (@regionCode, @nameZh, @nameEn, @kind)',
  );
  const insertAlias = db.prepare('INSERT INTO unit_aliases (alias, region_code, unit_id) VALUES (?, ?, ?)');
  const unitsOfTarget = db.prepare(
    `SELECT u.id, u.name_zh AS nameZh, u.name_en AS nameEn, tu.role, tu.as_printed AS asPrinted
       FROM target_units tu JOIN units u ON u.id = tu.unit_id
      WHERE tu.target_id = ?
      ORDER BY tu.role = 'responsible', tu.position`,
  );
  const unitsOfPlan = db.prepare(
    `SELECT tu.target_id AS targetId, u.id, u.name_zh AS nameZh, u.name_en AS nameEn, tu.role, tu.as_printed AS asPrinted
       FROM target_units tu JOIN units u ON u.id = tu.unit_id JOIN targets t ON t.id = tu.target_id
      WHERE t.plan_id = ?
      ORDER BY tu.target_id, tu.role = 'responsible', tu.position`,
  );
  const targetsOfUnit = db.prepare(
    `SELECT target_id AS targetId, role, as_printed AS asPrinted FROM target_units
      WHERE unit_id = ? ORDER BY target_id, role = 'responsible'`,
  );
  const clearTarget = db.prepare('DELETE FROM target_units WHERE target_id = ?');
  const insertTargetUnit = db.prepare(
    `INSERT INTO target_units (target_id, unit_id, role, as_printed, position)
     VALUES (@targetId, @unitId, @role, @asPrinted, @position)`,
  );

  const byRegionWithAliases = (regionCode: string): (Unit & { aliases: string[] })[] => {
    const units = (byRegion.all(regionCode) as Unit[]).map((u) => ({ ...u, aliases: [] as string[] }));
    const byUnit = new Map(units.map((u) => [u.id, u]));
    for (const a of aliasesInRegion.all(regionCode) as { unitId: number; alias: string }[])
      byUnit.get(a.unitId)?.aliases.push(a.alias);
    return units;
  };

  const writeTargetUnits = (targetId: number, units: readonly TargetUnitAssignment[]) => {
    clearTarget.run(targetId);
    // Positions count within each role, in the order given (the order printed).
    const next: Record<TargetUnitRole, number> = { lead: 0, responsible: 0 };
    for (const u of units) insertTargetUnit.run({ targetId, ...u, position: next[u.role]++ });
  };

  return {
    /** The units of a region, or of every region. */
    list: (regionCode?: string): Unit[] => (regionCode ? byRegion.all(regionCode) : all.all()) as Unit[],
    byId: (id: number): Unit | undefined => byId.get(id) as Unit | undefined,
    aliasesOf: (id: number): string[] => aliasesOf.all(id) as string[],
    /** The units of a region, each with the forms listed for it there: what domain/unitMatch.ts reads. */
    withAliases: (regionCode: string): (Unit & { aliases: string[] })[] => byRegionWithAliases(regionCode),
    /**
     * The unit a document's form names in a region: an alias (the forms as printed, traditional
     * included), else the unit's own Chinese name. Undefined when neither matches.
     */
    resolve(regionCode: string, asPrinted: string): Unit | undefined {
      const form = asPrinted.trim();
      return (byAlias.get(regionCode, form) ?? byName.get(regionCode, form)) as Unit | undefined;
    },
    create(unit: Omit<Unit, 'id'>): number {
      return Number(insertUnit.run(unit).lastInsertRowid);
    },
    addAlias(regionCode: string, alias: string, unitId: number): void {
      insertAlias.run(alias, regionCode, unitId);
    },
    /** A target's units: lead units first, each role in the order printed. */
    ofTarget: (targetId: number): TargetUnit[] => unitsOfTarget.all(targetId) as TargetUnit[],
    /** The units of every target of a plan, by target id (targets without units are absent). */
    ofPlan(planId: number): Map<number, TargetUnit[]> {
      const byTarget = new Map<number, TargetUnit[]>();
      for (const row of unitsOfPlan.all(planId) as (TargetUnit & { targetId: number })[]) {
        const { targetId, ...unit } = row;
        const list = byTarget.get(targetId) ?? [];
        list.push(unit);
        byTarget.set(targetId, list);
      }
      return byTarget;
    },
    /** The targets a unit leads or is responsible for. */
    targetsOf: (unitId: number): UnitTargetRow[] => targetsOfUnit.all(unitId) as UnitTargetRow[],
    /**
     * The units the forms a plan file prints name (domain/unitMatch.ts: a name or alias, exactly or
     * read alike), for a plan upload and the seed alike, so that both give a target the same rows.
     * Reads each region's units once; make one per file, after its units exist.
     */
    printedForms() {
      const cache = new Map<string, ReturnType<typeof byRegionWithAliases>>();
      const unitsIn = (region: string) => {
        let list = cache.get(region);
        if (!list) {
          list = byRegionWithAliases(region);
          cache.set(region, list);
        }
        return list;
      };
      /** The unit a form names in the first of the regions that has it. */
      const find = (regions: readonly string[], form: string): Unit | null => {
        for (const r of regions) {
          const found = matchUnit(form, unitsIn(r));
          if (found) return found;
        }
        return null;
      };
      return {
        find,
        /**
         * A target's assignments in the order printed; throws on a form that names no unit (check
         * first). Two forms of one unit in one role (simplified and traditional) are one assignment.
         */
        assignments(regions: readonly string[], printed: readonly PrintedTargetUnit[]): TargetUnitAssignment[] {
          return printed
            .map((u) => {
              const unit = find(regions, u.unit);
              if (!unit) throw new Error(`"${u.unit}" names no unit of region ${regions.join(' or ')}`);
              return { unitId: unit.id, role: u.role, asPrinted: u.unit.trim() };
            })
            .filter((a, i, all) => all.findIndex((b) => b.unitId === a.unitId && b.role === a.role) === i);
        },
      };
    },
    /** The seed's write: no audit entry (the seed records its own). Call inside the seed's transaction. */
    writeTargetUnits,
    /**
     * Replaces a target's units, in one transaction with its audit entry (before and after, as
     * printed). Returns the units as they now are.
     */
    setTargetUnits(
      target: { id: number; regionCode: string; indicatorCode: string },
      units: readonly TargetUnitAssignment[],
      by: UnitsChangeActor,
      now = new Date().toISOString(),
    ): TargetUnit[] {
      return db.transaction(() => {
        const before = unitsOfTarget.all(target.id) as TargetUnit[];
        writeTargetUnits(target.id, units);
        const after = unitsOfTarget.all(target.id) as TargetUnit[];
        audit.record(
          {
            ...by,
            action: 'target.units',
            entity: 'target',
            entityId: String(target.id),
            regionCode: target.regionCode,
            indicatorCode: target.indicatorCode,
            before,
            after,
          },
          now,
        );
        return after;
      })();
    },
  };
}

export type UnitsRepository = ReturnType<typeof createUnitsRepository>;
