import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Repositories } from '../repositories/index.js';
import { errorResponses } from '../schemas/common.js';
import { Indicator, Region } from '../schemas/reference.js';

export const referenceRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories }> = async (app, { repos }) => {
  app.get(
    '/api/regions',
    {
      config: { access: 'read', cacheBytes: true },
      schema: { summary: 'Every region (GB/T 2260), with its parent', response: { 200: Type.Array(Region), ...errorResponses } },
    },
    async () => repos.reference.listRegions(),
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
