import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from 'typebox';
import { planFile } from '../domain/planExport.js';
import { planProblems } from '../domain/planFile.js';
import type { Repositories } from '../repositories/index.js';
import type { TargetUnitAssignment } from '../repositories/units.js';
import { errorResponses } from '../schemas/common.js';
import { PlanFile, PlanFileTarget } from '../schemas/planFile.js';
import { PlanParams, TargetCore } from '../schemas/plans.js';
import { TargetUnitsBody } from '../schemas/units.js';
import { normalizeTarget } from '../seed/parse.js';
import type { SeedTarget } from '../seed/types.js';
import { TargetUnitsRefused, targetUnitAssignments } from '../services/units.js';
import { NotFoundError } from './errors.js';

// A plan edited after it is saved: a target added (checked as a plan file's target is), a target
// retired (out of the judged set, still readable), and the plan written out as its plan file, for
// another installation to import with POST /api/plans. Corrections are PATCH /api/targets/:id.

const badRequest = (message: string, field: string | undefined, code: string) => ({
  statusCode: 400,
  error: 'Bad Request',
  message,
  ...(field ? { field } : {}),
  code,
});

/**
 * A new target: a plan file's target, with its lead and responsible units beside it (units of the
 * plan's region, or of the target's own), so that a form adds the target and its units at once.
 */
const NewTarget = Type.Object(
  { ...PlanFileTarget.properties, units: Type.Optional(TargetUnitsBody.properties.units) },
  { additionalProperties: false },
);

const TargetRetirement = Type.Object(
  {
    reason: Type.String({
      minLength: 1,
      maxLength: 500,
      description: 'why the target leaves the plan, e.g. 2023年修订版删除此项',
    }),
  },
  { additionalProperties: false },
);

export const planEditRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories }> = async (app, { repos }) => {
  const findPlan = (idOrSlug: string) => {
    const plan = repos.plans.find(idOrSlug);
    if (!plan) throw new NotFoundError(`No plan with id or slug "${idOrSlug}"`);
    return plan;
  };

  app.get(
    '/api/plans/:id/file',
    {
      config: { access: 'admin' },
      schema: {
        summary:
          'The plan as its plan file (the seed format POST /api/plans imports), with its targets in force and its source document as sourceText',
        params: PlanParams,
        response: { 200: PlanFile, ...errorResponses },
      },
    },
    async (request, reply) => {
      const plan = findPlan(request.params.id);
      const document = repos.plans.documentByFileName(plan.sourceFileName);
      if (!document) throw new Error(`plan ${plan.id} refers to a missing source document ${plan.sourceFileName}`);
      const defined = repos.reference.indicatorsDefinedByPlans();
      const indicators = repos.reference.listIndicators().filter((i) => defined.has(i.code));
      const units = repos.units.ofPlan(plan.id);
      const file = planFile(plan, repos.plans.targets(plan.id), document.body, indicators, units) as Static<typeof PlanFile>;
      // Indented as the seed files are, so that two exports compare as text in a diff.
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${plan.slug}.json"`)
        .serializer((payload) => `${JSON.stringify(payload, null, 2)}\n`)
        .send(file);
    },
  );

  app.post(
    '/api/plans/:id/targets',
    {
      config: { access: 'admin' },
      schema: {
        summary: "Add a target to a saved plan, checked as a plan file's target is (its clause verbatim in the plan's document)",
        params: PlanParams,
        body: NewTarget,
        response: { 201: TargetCore, ...errorResponses },
      },
    },
    async (request, reply) => {
      const plan = findPlan(request.params.id);
      const { units: chosenUnits = [], ...body } = request.body;
      const target: SeedTarget = normalizeTarget(body as unknown as SeedTarget, `plan ${plan.slug} new target`);
      if (repos.plans.keyTaken(plan.id, target.key))
        return reply
          .status(400)
          .send(badRequest(`field "key": the plan has a target with key "${target.key}"`, 'key', 'duplicate_key'));
      const document = repos.plans.documentByFileName(plan.sourceFileName);
      const indicators = new Set(repos.reference.listIndicators().map((i) => i.code));
      // The plan file's own checks on a file of this one target: a form and a file say the same.
      const problem = planProblems(
        {
          periodStart: plan.periodStart,
          periodEnd: plan.periodEnd,
          regionCode: plan.regionCode,
          sourceFile: plan.sourceFileName,
          targets: [target],
        },
        {
          regionExists: (code) => repos.reference.regionExists(code),
          indicatorExists: (code) => indicators.has(code),
          documentBody: document?.body ?? null,
        },
      )[0];
      if (problem) {
        const field = problem.path.replace(/^targets\[0\]\./, '');
        return reply.status(400).send(badRequest(`field "${field}": ${problem.message}`, field, problem.code));
      }

      const regionCode = target.region ?? plan.regionCode;
      let units: TargetUnitAssignment[];
      try {
        units = targetUnitAssignments(repos, chosenUnits, [plan.regionCode, regionCode]);
      } catch (error) {
        if (!(error instanceof TargetUnitsRefused)) throw error;
        return reply.status(400).send(badRequest(`field "${error.field}": ${error.message}`, error.field, error.code));
      }

      const actor = request.user;
      const id = repos.transaction(() => {
        const targetId = repos.plans.insertTarget(plan.id, repos.plans.nextPosition(plan.id), regionCode, target);
        repos.units.writeTargetUnits(targetId, units);
        repos.audit.record({
          actor: actor?.name ?? 'unknown',
          userId: actor?.id ?? null,
          action: 'target.create',
          entity: 'target',
          entityId: String(targetId),
          before: null,
          after: {
            slug: plan.slug,
            key: target.key,
            indicator: target.indicator,
            type: target.type,
            comparator: target.comparator,
            value: target.value,
            valueMin: target.valueMin,
            valueMax: target.valueMax,
            valueUnknown: target.valueUnknown,
            targetYear: target.targetYear,
            baseYear: target.baseYear,
            baseValue: target.baseValue,
            benchmarkRegion: target.benchmarkRegion,
            commitment: target.commitment,
            milestones: target.milestones,
            clause: target.clause,
            units,
          },
          origin: 'form',
          address: request.ip,
          regionCode,
          indicatorCode: target.indicator,
        });
        return targetId;
      });
      const created = repos.plans.targetById(id);
      if (!created) throw new Error('the target just added cannot be read back');
      return reply.status(201).send(created.target);
    },
  );

  app.post(
    '/api/targets/:id/retire',
    {
      config: { access: 'admin' },
      schema: {
        summary:
          "Retire a target with a reason: it leaves the plan's judged set and counts, and stays readable with its history and figures",
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: TargetRetirement,
        response: { 200: TargetCore, 409: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) => {
      const found = repos.plans.targetById(request.params.id);
      if (!found) throw new NotFoundError(`No target with id ${request.params.id}`);
      const { target } = found;
      const reason = request.body.reason.trim();
      if (!reason)
        return reply
          .status(400)
          .send(badRequest('field "reason" is empty: say why the target is retired', 'reason', 'reason_required'));
      if (target.retired)
        return reply.status(409).send({
          statusCode: 409,
          error: 'Conflict',
          message: `The target was retired on ${target.retired.at.slice(0, 10)} by ${target.retired.by}.`,
          code: 'already_retired',
        });
      const actor = request.user;
      const at = new Date().toISOString();
      repos.transaction(() => {
        repos.plans.retireTarget(target.id, { at, by: actor?.name ?? 'unknown', reason });
        repos.audit.record(
          {
            actor: actor?.name ?? 'unknown',
            userId: actor?.id ?? null,
            action: 'target.retire',
            entity: 'target',
            entityId: String(target.id),
            before: null,
            after: { key: target.key, reason },
            origin: 'form',
            address: request.ip,
            regionCode: target.regionCode,
            indicatorCode: target.indicatorCode,
          },
          at,
        );
      });
      const retired = repos.plans.targetById(target.id);
      if (!retired) throw new Error('the target just retired cannot be read back');
      return retired.target;
    },
  );
};
