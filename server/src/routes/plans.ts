import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifySchemaValidationError } from 'fastify';
import { Type } from 'typebox';
import type * as Api from '../api/types.js';
import type { Repositories } from '../repositories/index.js';
import type { PlanSummaryRow, TargetRow } from '../repositories/plans.js';
import { ErrorResponse, errorResponses, Offset, RegionCode } from '../schemas/common.js';
import { PlanFile, PlanFileError } from '../schemas/planFile.js';
import { PlanDetail, PlanParams, PlanSummary } from '../schemas/plans.js';
import { normalizePlan } from '../seed/parse.js';
import type { SeedPlan } from '../seed/types.js';
import { createPlanFileService, type PlanFileToSave } from '../services/planFiles.js';
import { NotFoundError } from './errors.js';

/** "/targets/3/valueMin" (+ a missing or unknown property) → "targets[3].valueMin". */
export function jsonPath(error: FastifySchemaValidationError): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string } | undefined;
  const parts = [...error.instancePath.split('/').filter(Boolean), params?.missingProperty ?? params?.additionalProperty]
    .filter((p): p is string => p !== undefined && p !== '')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function refused(status: 400 | 409, problems: Api.PlanFileProblem[]) {
  const first = problems[0];
  return {
    statusCode: status,
    error: status === 400 ? 'Bad Request' : 'Conflict',
    message: first
      ? `${first.path}${first.targetKey === undefined ? '' : ` (target ${first.targetKey})`}: ${first.message}`
      : 'The plan file is not valid.',
    ...(first ? { field: first.path, code: first.code } : {}),
    problems,
  };
}

/** A plan row in the API's shape: region and source as nested objects. */
export function planSummary(p: PlanSummaryRow): Api.PlanSummary {
  const { regionCode, regionNameZh, regionNameEn, sourceFileName, sourceTitle, ...rest } = p;
  return {
    ...rest,
    region: { code: regionCode, nameZh: regionNameZh, nameEn: regionNameEn },
    source: { fileName: sourceFileName, title: sourceTitle },
  };
}

/** The most plans one page of the list carries (and the default): a national database has thousands. */
export const PLAN_PAGE_MAX = 500;

export const planRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories }> = async (app, { repos }) => {
  const planFiles = createPlanFileService(repos);
  app.get(
    '/api/plans',
    {
      config: { access: 'read', cacheBytes: true },
      schema: {
        summary:
          'Plans with region, period, status and target count, by period: all, or those issued for a region and the regions under it; paged (a page shorter than limit is the last)',
        querystring: Type.Object(
          {
            region: Type.Optional(RegionCode),
            limit: Type.Optional(
              Type.Integer({ minimum: 1, maximum: PLAN_PAGE_MAX, description: `at most ${PLAN_PAGE_MAX} (the default)` }),
            ),
            offset: Type.Optional(Offset),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(PlanSummary), ...errorResponses },
      },
    },
    async (request) => {
      const { region, limit, offset } = request.query;
      return repos.plans.page({ region: region ?? null, limit: limit ?? PLAN_PAGE_MAX, offset: offset ?? 0 }).map(planSummary);
    },
  );

  // A plan uploaded by an administrator, in the seed file format (seed/README.md), checked by the
  // seed's own rules (domain/planFile.ts, domain/targets.ts).
  //
  // The source document. Every target's clause must be a verbatim quote of the plan's source
  // document, and that can only be checked against the document's text. Decision: the plan file's
  // `sourceFile` names the document. If a document of that file name is stored (seed/sources, or one
  // uploaded earlier), that is the document, and an optional `sourceText` must equal it (409
  // otherwise: a file name never silently points at a different text). If none is stored, the body
  // must carry the document as found in `sourceText` (400 `document_required` otherwise); it is
  // stored beside the plan, with its SHA-256, in the same transaction.
  app.post(
    '/api/plans',
    {
      config: { access: 'admin' },
      bodyLimit: 2 * 1024 * 1024,
      attachValidation: true,
      schema: {
        summary: 'Add a plan from a plan file in the seed format (with its source document when not stored yet)',
        body: PlanFile,
        response: { 201: PlanSummary, 400: PlanFileError, 409: PlanFileError, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request, reply) => {
      if (request.validationError) {
        const first = request.validationError.validation[0];
        const path = first ? jsonPath(first) : '';
        const params = first?.params as { additionalProperty?: string } | undefined;
        // A file in the format before notes came in two languages says "note": point to the fields that replaced it.
        const renamed = params?.additionalProperty === 'note' || params?.additionalProperty === 'statusNote';
        const message = renamed
          ? `is not a field of a plan file: write ${params?.additionalProperty}Zh (Chinese) and ${params?.additionalProperty}En (English)`
          : params?.additionalProperty
            ? 'is not a field of a plan file'
            : (first?.message ?? 'is invalid');
        return reply.status(400).send(refused(400, [{ path, code: 'invalid', message }]));
      }
      const { sourceText, ...file } = request.body;
      const plan = normalizePlan(file as unknown as SeedPlan, 'upload') as PlanFileToSave;

      if (repos.plans.slugTaken(plan.slug))
        return reply
          .status(409)
          .send(refused(409, [{ path: 'slug', code: 'slug_taken', message: `a plan with slug "${plan.slug}" exists` }]));
      const stored = repos.plans.documentByFileName(plan.sourceFile);
      if (stored && sourceText !== undefined && sourceText !== stored.body)
        return reply.status(409).send(
          refused(409, [
            {
              path: 'sourceText',
              code: 'document_differs',
              message: `a different document named ${plan.sourceFile} is stored; give the new text another file name`,
            },
          ]),
        );
      if (!stored && sourceText === undefined)
        return reply.status(400).send(
          refused(400, [
            {
              path: 'sourceText',
              code: 'document_required',
              message: `no document named ${plan.sourceFile} is stored: send its text as sourceText`,
            },
          ]),
        );
      const documentBody = stored?.body ?? (sourceText as string);
      const problems = planFiles.problems(plan, documentBody).map(({ path, code, message, targetKey, unit }) => ({
        path,
        code,
        message,
        ...(targetKey === undefined ? {} : { targetKey }),
        ...(unit === undefined ? {} : { unit }),
      }));
      if (problems.length > 0) return reply.status(400).send(refused(400, problems));

      const actor = request.user;
      const id = planFiles.save(
        plan,
        { storedId: stored?.id ?? null, body: documentBody },
        { actor: actor?.name ?? 'unknown', userId: actor?.id ?? null, origin: 'form', address: request.ip },
      );
      const created = repos.plans.find(String(id));
      if (!created) throw new Error('the plan just added cannot be read back');
      return reply.status(201).send(planSummary(created));
    },
  );

  app.get(
    '/api/plans/:id',
    {
      config: { access: 'read', cacheBytes: true },
      schema: {
        summary: 'One plan with its targets, their verbatim clauses and latest observations',
        params: PlanParams,
        response: { 200: PlanDetail, ...errorResponses },
      },
    },
    async (request) => {
      const plan = repos.plans.find(request.params.id);
      if (!plan) throw new NotFoundError(`No plan with id or slug "${request.params.id}"`);
      const indicators = new Map(repos.reference.listIndicators().map((i) => [i.code, i]));
      const units = repos.units.ofPlan(plan.id);
      const shown = (t: TargetRow) => {
        const { regionCode, regionNameZh, regionNameEn, indicatorCode, position: _position, ...rest } = t;
        const indicator = indicators.get(indicatorCode);
        if (!indicator) throw new Error(`target ${t.id} refers to a missing indicator ${indicatorCode}`);
        return {
          ...rest,
          region: { code: regionCode, nameZh: regionNameZh, nameEn: regionNameEn },
          indicator,
          latestObservation: repos.observations.latest(regionCode, indicatorCode) ?? null,
          units: units.get(t.id) ?? [],
        };
      };
      const retiredTargets = repos.plans
        .retiredTargets(plan.id)
        .flatMap((t) => (t.retired ? [{ ...shown(t), retired: t.retired }] : []));
      return { ...planSummary(plan), targets: repos.plans.targets(plan.id).map(shown), retiredTargets };
    },
  );
};
