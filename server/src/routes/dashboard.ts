import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Repositories } from '../repositories/index.js';
import { errorResponses, IndicatorCode, Nullable, RegionCode, Year } from '../schemas/common.js';
import { CurrentObservation } from '../schemas/observations.js';
import { PlanSummary, TargetCore } from '../schemas/plans.js';
import { ProgressResult, ProgressSummary, Rollup } from '../schemas/progress.js';
import { Indicator } from '../schemas/reference.js';
import type { DashboardService } from '../services/dashboard.js';
import { NotFoundError } from './errors.js';
import { planSummary } from './plans.js';

const TargetBrief = Type.Object({ ...TargetCore.properties, planId: Type.Integer(), planSlug: Type.String() });

export const dashboardRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories; dashboard: DashboardService }> = async (
  app,
  { repos, dashboard },
) => {
  const knownRegion = (code: string) => {
    if (!repos.reference.regionExists(code)) throw new NotFoundError(`No region with code ${code}`);
  };
  const knownIndicator = (code: string) => {
    const found = repos.reference.indicator(code);
    if (!found) throw new NotFoundError(`No indicator with code ${code}`);
    return found;
  };

  app.get(
    '/api/regions/:code/overview',
    {
      config: { access: 'read', cacheBytes: true },
      schema: {
        summary:
          "A region's plans with their roll-ups, its headline indicators with latest value, target and verdict, and the off-course targets of the plans it works to",
        params: Type.Object({ code: RegionCode }),
        querystring: Type.Object({ asOf: Type.Optional(Year) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            regionCode: Type.String(),
            asOf: Nullable(Type.Integer()),
            plans: Type.Array(Type.Object({ plan: PlanSummary, rollup: Rollup })),
            headlines: Type.Array(
              Type.Object({
                indicator: Indicator,
                latestObservation: Nullable(CurrentObservation),
                target: Nullable(TargetBrief),
                result: Nullable(ProgressSummary),
              }),
            ),
            attention: Type.Object({
              scope: Type.Union([Type.Literal('in_force'), Type.Literal('ended'), Type.Literal('none')]),
              targets: Type.Array(
                Type.Object({
                  target: TargetBrief,
                  indicator: Indicator,
                  region: Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
                  result: ProgressSummary,
                }),
              ),
            }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      knownRegion(request.params.code);
      const overview = dashboard.overview(request.params.code, request.query.asOf ?? null);
      return { ...overview, plans: overview.plans.map(({ plan, rollup }) => ({ plan: planSummary(plan), rollup })) };
    },
  );

  app.get(
    '/api/compare/regions',
    {
      config: { access: 'read', cacheBytes: true },
      schema: {
        summary: 'One indicator across regions (e.g. R&D intensity of Lüliang, Shanxi and the country)',
        querystring: Type.Object(
          {
            indicator: IndicatorCode,
            regions: Type.String({
              pattern: '^[0-9]{6}(,[0-9]{6}){0,9}$',
              description: 'up to ten region codes, comma-separated',
            }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            indicator: Indicator,
            series: Type.Array(Type.Object({ regionCode: Type.String(), observations: Type.Array(CurrentObservation) })),
            targets: Type.Array(
              Type.Object({
                regionCode: Type.String(),
                plan: PlanSummary,
                target: TargetBrief,
                targetValue: Nullable(Type.Number()),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const indicator = knownIndicator(request.query.indicator);
      const codes = [...new Set(request.query.regions.split(','))];
      for (const code of codes) knownRegion(code);
      const { series, targets } = dashboard.compareRegions(indicator.code, codes);
      return {
        indicator,
        series,
        targets: targets.map(({ regionCode, plan, target, targetValue }) => ({
          regionCode,
          plan: planSummary(plan),
          target: { ...target, planId: plan.id, planSlug: plan.slug },
          targetValue,
        })),
      };
    },
  );

  app.get(
    '/api/compare/plans',
    {
      config: { access: 'read', cacheBytes: true },
      schema: {
        summary: "One region's targets on one indicator across plans, each judged, with the observed series",
        querystring: Type.Object(
          { region: RegionCode, indicator: IndicatorCode, asOf: Type.Optional(Year) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            indicator: Indicator,
            regionCode: Type.String(),
            targets: Type.Array(Type.Object({ plan: PlanSummary, target: TargetBrief, result: ProgressResult })),
            observations: Type.Array(CurrentObservation),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { region, asOf } = request.query;
      knownRegion(region);
      const indicator = knownIndicator(request.query.indicator);
      const found = dashboard.comparePlans(region, indicator.code, asOf ?? null);
      return {
        indicator,
        regionCode: region,
        targets: found.targets.map(({ plan, target, result }) => ({
          plan: planSummary(plan),
          target: { ...target, planId: plan.id, planSlug: plan.slug },
          result,
        })),
        observations: found.observations,
      };
    },
  );

  app.get(
    '/api/regions/:code/recurring-indicators',
    {
      config: { access: 'read', cacheBytes: true },
      schema: {
        summary: 'Indicators that the region’s targets name in more than one plan',
        params: Type.Object({ code: RegionCode }),
        response: {
          200: Type.Array(Type.Object({ indicatorCode: Type.String(), planIds: Type.Array(Type.Integer()) })),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      knownRegion(request.params.code);
      return dashboard.recurringIndicators(request.params.code);
    },
  );
};
