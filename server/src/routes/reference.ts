import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Repositories } from '../repositories/index.js';
import { errorResponses, Offset, RegionCode } from '../schemas/common.js';
import { Indicator, Region } from '../schemas/reference.js';

/**
 * A page of a region list. `limit` has a maximum (and is the default): a national database has
 * about 3,000 regions, and no page may ask for more than the schema allows. A page shorter than
 * `limit` is the last.
 */
const RegionPage = (max: number) =>
  Type.Object(
    {
      within: Type.Optional(RegionCode),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: max, description: `at most ${max} (the default)` })),
      offset: Type.Optional(Offset),
    },
    { additionalProperties: false },
  );

export const referenceRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories }> = async (app, { repos }) => {
  app.get(
    '/api/regions',
    {
      config: { access: 'read', cacheBytes: true },
      schema: {
        summary: 'Regions (GB/T 2260) with their parent, by code: all, or one region and those under it (itself first); paged',
        querystring: RegionPage(5000),
        response: { 200: Type.Array(Region), ...errorResponses },
      },
    },
    async (request) => {
      const { within, limit, offset } = request.query;
      return repos.reference.regionsPage({ within: within ?? null, limit: limit ?? 5000, offset: offset ?? 0 });
    },
  );
  app.get(
    '/api/regions/with-plans',
    {
      config: { access: 'read', cacheBytes: true },
      schema: {
        summary:
          'The regions plans are issued for (within a region, when given), with their plan and target counts, most targets first; paged',
        querystring: RegionPage(500),
        response: {
          200: Type.Array(
            Type.Object({
              code: Type.String(),
              nameZh: Type.String(),
              nameEn: Type.String(),
              planCount: Type.Integer(),
              targetCount: Type.Integer(),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { within, limit, offset } = request.query;
      return repos.reference.regionsWithPlans({ within: within ?? null, limit: limit ?? 500, offset: offset ?? 0 });
    },
  );
  app.get(
    '/api/indicators',
    {
      config: { access: 'read', cacheBytes: true },
      schema: {
        summary: 'Every indicator with unit, direction and kind',
        response: { 200: Type.Array(Indicator), ...errorResponses },
      },
    },
    async () => repos.reference.listIndicators(),
  );
};
