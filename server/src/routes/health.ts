import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

export interface HealthOptions {
  /** The database's counts (repositories/reference.ts): reading them is the check that the file answers. */
  counts: () => { migrations: number; plans: number };
  /** Demo mode: the counts are shown to anyone. Otherwise an anonymous caller learns only "ok". */
  detailsToAnyone: boolean;
}

export const healthRoutes: FastifyPluginAsyncTypebox<HealthOptions> = async (app, { counts, detailsToAnyone }) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Liveness and database check (the counts for signed-in users, or anyone in demo mode)',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            migrations: Type.Optional(Type.Integer()),
            plans: Type.Optional(Type.Integer()),
          }),
        },
      },
    },
    async (request) => {
      // The database is read either way, so "ok" still means the file answers.
      const { migrations, plans } = counts();
      if (!detailsToAnyone && !request.user) return { status: 'ok' as const };
      return { status: 'ok' as const, migrations, plans };
    },
  );
};
