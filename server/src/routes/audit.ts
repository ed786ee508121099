import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Repositories } from '../repositories/index.js';
import { errorResponses, IndicatorCode, IsoDate, Nullable, Offset, RegionCode } from '../schemas/common.js';

export const auditRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories }> = async (app, { repos }) => {
  app.get(
    '/api/audit',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Search the audit log by user, region, indicator and date, newest first',
        querystring: Type.Object(
          {
            user: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            region: Type.Optional(RegionCode),
            indicator: Type.Optional(IndicatorCode),
            from: Type.Optional(IsoDate),
            to: Type.Optional(IsoDate),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
            offset: Type.Optional(Offset),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            entries: Type.Array(
              Type.Object({
                id: Type.Integer(),
                at: Type.String(),
                actor: Type.String(),
                userId: Nullable(Type.Integer()),
                action: Type.String(),
                entity: Type.String(),
                entityId: Nullable(Type.String()),
                regionCode: Nullable(Type.String()),
                indicatorCode: Nullable(Type.String()),
                before: Type.Unknown(),
                after: Type.Unknown(),
                origin: Type.String(),
                address: Nullable(Type.String({ description: 'the client address of the request that wrote it' })),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const q = request.query;
      let userId: number | undefined;
      if (q.user !== undefined) {
        // An unknown name matches nothing rather than everything.
        userId = repos.users.byName(q.user)?.id ?? -1;
      }
      // "to" is inclusive for people: entries up to the end of that day.
      const to = q.to ? new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000).toISOString() : undefined;
      return repos.audit.search({
        userId,
        regionCode: q.region,
        indicatorCode: q.indicator,
        from: q.from ? `${q.from}T00:00:00.000Z` : undefined,
        to,
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      });
    },
  );
};
