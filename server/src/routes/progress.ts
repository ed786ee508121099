import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type * as Api from '../api/types.js';
import type { Repositories } from '../repositories/index.js';
import { errorResponses, RegionCode } from '../schemas/common.js';
import { CurrentObservation } from '../schemas/observations.js';
import { PlanParams } from '../schemas/plans.js';
import { AsOfQuery, PlanProgress, PlanProgressSummary, ProgressResult, Rollup } from '../schemas/progress.js';
import { forSerialising } from '../schemas/serialised.js';
import { TargetUnit } from '../schemas/units.js';
import type { ProgressService } from '../services/progress.js';
import { NotFoundError } from './errors.js';

/** The figures a verdict used, in brief: the latest with a value, and how many have one. */
export function judgedFigures(used: readonly { year: number; value: number | null; isSample: boolean }[]): Api.JudgedFigures {
  let latest: Api.JudgedFigures['latest'] = null;
  let figureCount = 0;
  for (const o of used) {
    if (o.value === null || !Number.isFinite(o.value)) continue;
    figureCount++;
    latest = { year: o.year, value: o.value, isSample: o.isSample };
  }
  return { latest, figureCount };
}

export const progressRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories; progress: ProgressService }> = async (
  app,
  { repos, progress },
) => {
  app.get(
    '/api/plans/:id/progress',
    {
      config: { access: 'read', cacheBytes: true },
      schema: {
        summary: 'Every target of a plan judged as of a year, with the plan roll-up and the worst status per indicator',
        params: PlanParams,
        querystring: AsOfQuery,
        response: { 200: forSerialising(PlanProgress), ...errorResponses },
      },
    },
    async (request) => {
      const plan = repos.plans.findToJudge(request.params.id);
      if (!plan) throw new NotFoundError(`No plan with id or slug "${request.params.id}"`);
      return progress.planProgress(plan, request.query.asOf ?? null);
    },
  );

  // The plan page's list: each verdict without its inputs (the series it read), which only the target
  // page charts. A third of the bytes of the full answer at 40 targets; the full one stays for
  // scripts and the compare views.
  app.get(
    '/api/plans/:id/progress/summary',
    {
      config: { access: 'read', cacheBytes: true },
      schema: {
        summary: 'Every target of a plan judged as of a year, in brief (the figures used counted, not listed), with the roll-up',
        params: PlanParams,
        querystring: AsOfQuery,
        response: { 200: forSerialising(PlanProgressSummary), ...errorResponses },
      },
    },
    async (request): Promise<Api.PlanProgressSummary> => {
      const plan = repos.plans.findToJudge(request.params.id);
      if (!plan) throw new NotFoundError(`No plan with id or slug "${request.params.id}"`);
      const full = progress.planProgress(plan, request.query.asOf ?? null);
      return {
        ...full,
        targets: full.targets.map(({ result: { inputs, requiredPath: _path, projection: _projection, ...rest }, ...t }) => ({
          ...t,
          result: { ...rest, judged: judgedFigures(inputs.observations) },
        })),
      };
    },
  );

  app.get(
    '/api/targets/:id/progress',
    {
      config: { access: 'read', cacheBytes: true },
      schema: {
        summary: 'One target judged as of a year, with its full required path, projection and series for charting',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        querystring: AsOfQuery,
        response: {
          200: forSerialising(
            Type.Object({
              targetId: Type.Integer(),
              planId: Type.Integer(),
              indicatorCode: Type.String(),
              regionCode: Type.String(),
              benchmarkRegionCode: Type.Union([Type.String(), Type.Null()]),
              result: ProgressResult,
              observations: Type.Array(CurrentObservation),
              units: Type.Array(TargetUnit),
              benchmark: Type.Array(CurrentObservation),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const found = progress.targetProgress(request.params.id, request.query.asOf ?? null);
      if (!found) throw new NotFoundError(`No target with id ${request.params.id}`);
      const { target, judged, plan } = found;
      const detail: Api.TargetProgressDetail = {
        targetId: target.id,
        planId: plan.id,
        indicatorCode: target.indicatorCode,
        regionCode: target.regionCode,
        benchmarkRegionCode: target.benchmarkRegionCode,
        result: judged.result,
        observations: repos.observations.current(target.regionCode, target.indicatorCode),
        units: repos.units.ofTarget(target.id),
        benchmark: target.benchmarkRegionCode ? repos.observations.current(target.benchmarkRegionCode, target.indicatorCode) : [],
      };
      return detail;
    },
  );

  app.get(
    '/api/regions/:code/progress',
    {
      config: { access: 'read', cacheBytes: true },
      schema: {
        summary: 'Counts by status and the mean score of every target for a region, across plans',
        params: Type.Object({ code: RegionCode }),
        querystring: AsOfQuery,
        response: {
          200: Type.Object({ regionCode: Type.String(), asOf: Type.Union([Type.Integer(), Type.Null()]), rollup: Rollup }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      if (!repos.reference.regionExists(request.params.code))
        throw new NotFoundError(`No region with code ${request.params.code}`);
      return progress.regionProgress(request.params.code, request.query.asOf ?? null);
    },
  );
};
