import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type * as Api from '../api/types.js';
import type { Repositories } from '../repositories/index.js';
import type { PlanSummaryRow } from '../repositories/plans.js';
import { errorResponses } from '../schemas/common.js';
import { PlanDetail, PlanParams, PlanSummary } from '../schemas/plans.js';
import { NotFoundError } from './errors.js';

/** A plan row in the API's shape: region and source as nested objects. */
export function planSummary(p: PlanSummaryRow): Api.PlanSummary {
  const { regionCode, regionNameZh, regionNameEn, sourceFileName, sourceTitle, ...rest } = p;
  return {
    ...rest,
    region: { code: regionCode, nameZh: regionNameZh, nameEn: regionNameEn },
    source: { fileName: sourceFileName, title: sourceTitle },
  };
}

export const planRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories }> = async (app, { repos }) => {
  app.get(
    '/api/plans',
    {
      config: { access: 'read' },
      schema: {
        summary: 'Every plan with region, period, status and target count',
        response: { 200: Type.Array(PlanSummary), ...errorResponses },
      },
    },
    async () => repos.plans.list().map(planSummary),
  );

  app.get(
    '/api/plans/:id',
    {
      config: { access: 'read' },
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
      const targets = repos.plans.targets(plan.id).map((t) => {
        const { regionCode, regionNameZh, regionNameEn, indicatorCode, position: _position, ...rest } = t;
        const indicator = indicators.get(indicatorCode);
        if (!indicator) throw new Error(`target ${t.id} refers to a missing indicator ${indicatorCode}`);
        return {
          ...rest,
          region: { code: regionCode, nameZh: regionNameZh, nameEn: regionNameEn },
          indicator,
          latestObservation: repos.observations.latest(regionCode, indicatorCode) ?? null,
        };
      });
      return { ...planSummary(plan), targets };
    },
  );
};
