import { createHash } from 'node:crypto';
import type { Indicator } from '../api/types.js';
import { type PlanFileIndicator, type PlanFileTargetUnit, type PlanProblem, planProblems } from '../domain/planFile.js';
import type { NewAuditEntry } from '../repositories/audit.js';
import type { Repositories } from '../repositories/index.js';
import type { SeedPlan, SeedTarget } from '../seed/types.js';

// A plan file checked and saved (POST /api/plans): the plan, the indicators it defines, its targets
// and their units, in one transaction with their audit entries. An indicator the file defines that
// the catalogue has with the same definition is reused; one it lacks is created, marked as the
// plan's (migration 0019), and audited as `indicator.create`.

export type PlanFileToSave = Omit<SeedPlan, 'targets'> & {
  indicators?: readonly PlanFileIndicator[] | undefined;
  targets: (SeedTarget & { units?: readonly PlanFileTargetUnit[] | undefined })[];
};

export type SaveActor = Pick<NewAuditEntry, 'actor' | 'userId' | 'origin' | 'address'>;

export function createPlanFileService(repos: Repositories) {
  return {
    /** Every problem of the file against this installation's regions, catalogue and units. */
    problems(plan: PlanFileToSave, documentBody: string): PlanProblem[] {
      const indicators = repos.reference.listIndicators();
      const aliases = repos.reference.listAliases();
      const codes = new Set(indicators.map((i) => i.code));
      const catalogue = indicators.map((i) => ({
        ...i,
        aliases: aliases.filter((a) => a.indicatorCode === i.code).map((a) => a.alias),
      }));
      const forms = repos.units.printedForms();
      return planProblems(plan, {
        regionExists: (code) => repos.reference.regionExists(code),
        indicatorExists: (code) => codes.has(code),
        documentBody,
        catalogue,
        unitExists: (regions, form) => forms.find(regions, form) !== null,
      });
    },

    /** Saves a file without problems (call `problems` first); returns the plan's id. */
    save(
      plan: PlanFileToSave,
      document: { storedId: number | null; body: string },
      by: SaveActor,
      now = new Date().toISOString(),
    ) {
      const forms = repos.units.printedForms();
      return repos.transaction(() => {
        const documentId =
          document.storedId ??
          repos.plans.insertDocument({
            fileName: plan.sourceFile,
            title: plan.titleZh,
            sha256: createHash('sha256').update(document.body).digest('hex'),
            body: document.body,
          });
        const planId = repos.plans.insertPlan(plan, documentId);
        const created: string[] = [];
        for (const d of plan.indicators ?? []) {
          if (repos.reference.indicator(d.code)) continue; // the same definition (checked): reused
          const indicator: Indicator = {
            code: d.code,
            nameZh: d.nameZh,
            nameEn: d.nameEn,
            unit: d.unit,
            unitEn: d.unitEn,
            direction: d.direction as Indicator['direction'],
            kind: d.kind as Indicator['kind'],
            note: d.note ?? null,
            plausibleMin: d.plausibleMin ?? null,
            plausibleMax: d.plausibleMax ?? null,
          };
          repos.reference.insertDefinedIndicator(indicator, planId);
          created.push(d.code);
          repos.audit.record(
            {
              ...by,
              action: 'indicator.create',
              entity: 'indicator',
              entityId: d.code,
              before: null,
              after: { ...indicator, definedByPlan: plan.slug },
              regionCode: plan.regionCode,
              indicatorCode: d.code,
            },
            now,
          );
        }
        let unitCount = 0;
        plan.targets.forEach((t, position) => {
          const { units: printed, ...target } = t;
          const regionCode = t.region ?? plan.regionCode;
          const targetId = repos.plans.insertTarget(planId, position, regionCode, target);
          // The target's region first, then the plan's (checked: every form names a unit of one).
          const assignments = forms.assignments([...new Set([regionCode, plan.regionCode])], printed ?? []);
          if (assignments.length > 0) repos.units.writeTargetUnits(targetId, assignments);
          unitCount += assignments.length;
        });
        repos.audit.record(
          {
            ...by,
            action: 'plan.create',
            entity: 'plan',
            entityId: String(planId),
            before: null,
            after: {
              slug: plan.slug,
              titleZh: plan.titleZh,
              sourceFile: plan.sourceFile,
              documentStored: document.storedId === null,
              targets: plan.targets.length,
              milestones: plan.targets.reduce((n, t) => n + t.milestones.length, 0),
              ...(created.length > 0 ? { indicatorsCreated: created } : {}),
              ...(unitCount > 0 ? { targetUnits: unitCount } : {}),
            },
            regionCode: plan.regionCode,
          },
          now,
        );
        return planId;
      });
    },
  };
}
