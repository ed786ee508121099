import type { TargetUnit, UnitDetail, UnitTarget } from '../api/types.js';
import { rollup } from '../domain/progress/rollup.js';
import type { Repositories } from '../repositories/index.js';
import type { TargetUnitAssignment, UnitsChangeActor } from '../repositories/units.js';
import type { ProgressService } from './progress.js';

/** Why a target's new units were refused: the field and what is wrong with it. */
export class TargetUnitsRefused extends Error {
  override name = 'TargetUnitsRefused';
  constructor(
    readonly field: string,
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** What a form or request names as one unit of a target. */
export interface TargetUnitChoice {
  unitId: number;
  role: 'lead' | 'responsible';
  asPrinted?: string | undefined;
}

/**
 * A target's units as they will be written, checked: each an existing unit of one of the given
 * regions (the plan's, and the target's own for a county's target in a city's plan), once per role;
 * a form not given is the unit's own name. Throws TargetUnitsRefused naming `units[i].unitId`.
 * Shared by PUT /api/targets/:id/units and a target added to a saved plan with its units.
 */
export function targetUnitAssignments(
  repos: Pick<Repositories, 'units'>,
  units: readonly TargetUnitChoice[],
  regionCodes: readonly string[],
): TargetUnitAssignment[] {
  const seen = new Set<string>();
  return units.map((u, i) => {
    const unit = repos.units.byId(u.unitId);
    if (!unit) throw new TargetUnitsRefused(`units[${i}].unitId`, `No unit with id ${u.unitId}`, 'unit_not_found');
    if (!regionCodes.includes(unit.regionCode))
      throw new TargetUnitsRefused(
        `units[${i}].unitId`,
        `${unit.nameZh} is a unit of region ${unit.regionCode}, not of the target's region`,
        'unit_other_region',
      );
    const key = `${u.unitId}/${u.role}`;
    if (seen.has(key)) throw new TargetUnitsRefused(`units[${i}]`, `${unit.nameZh} is given twice as ${u.role}`, 'unit_repeated');
    seen.add(key);
    const asPrinted = u.asPrinted?.trim() || unit.nameZh;
    return { unitId: u.unitId, role: u.role, asPrinted };
  });
}

/**
 * A unit's page (its targets judged, as the plan page judges them: the same memoised plan progress)
 * and an administrator's change of a target's units.
 */
export function createUnitsService(repos: Repositories, progress: ProgressService) {
  return {
    detail(unitId: number, asOf: number | null): UnitDetail | undefined {
      const unit = repos.units.byId(unitId);
      if (!unit) return undefined;
      const region = repos.reference.listRegions().find((r) => r.code === unit.regionCode);
      const indicators = new Map(repos.reference.listIndicators().map((i) => [i.code, i]));
      const targets: UnitTarget[] = [];
      for (const row of repos.units.targetsOf(unitId)) {
        const found = repos.plans.targetById(row.targetId);
        const plan = found ? repos.plans.find(String(found.planId)) : undefined;
        if (!found || !plan) continue;
        const judged = progress.planProgress(plan, asOf).targets.find((t) => t.targetId === row.targetId);
        const indicator = indicators.get(found.target.indicatorCode);
        if (!judged || !indicator) continue;
        const { requiredPath: _path, projection: _projection, ...result } = judged.result;
        targets.push({
          targetId: row.targetId,
          key: found.target.key,
          clause: found.target.clause,
          targetYear: found.target.targetYear,
          regionCode: found.target.regionCode,
          role: row.role,
          asPrinted: row.asPrinted,
          indicator: { code: indicator.code, nameZh: indicator.nameZh, nameEn: indicator.nameEn },
          plan: { id: plan.id, slug: plan.slug, titleZh: plan.titleZh, titleEn: plan.titleEn },
          result,
        });
      }
      return {
        ...unit,
        region: { code: unit.regionCode, nameZh: region?.nameZh ?? unit.regionCode, nameEn: region?.nameEn ?? unit.regionCode },
        aliases: repos.units.aliasesOf(unitId),
        asOf,
        leadRollup: rollup(targets.filter((t) => t.role === 'lead').map((t) => t.result)),
        targets,
      };
    },

    /** Replaces a target's units, checked by targetUnitAssignments. */
    setTargetUnits(targetId: number, units: readonly TargetUnitChoice[], by: UnitsChangeActor): TargetUnit[] | undefined {
      const found = repos.plans.targetById(targetId);
      const plan = found ? repos.plans.find(String(found.planId)) : undefined;
      if (!found || !plan) return undefined;
      const assignments = targetUnitAssignments(repos, units, [plan.regionCode, found.target.regionCode]);
      return repos.units.setTargetUnits(
        { id: found.target.id, regionCode: found.target.regionCode, indicatorCode: found.target.indicatorCode },
        assignments,
        by,
      );
    },
  };
}

export type UnitsService = ReturnType<typeof createUnitsService>;
