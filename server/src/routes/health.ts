import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

export interface HealthOptions {
  db: import('../db/connection.js').Db;
  /** Demo mode: the counts are shown to anyone. Otherwise an anonymous caller learns only "ok". */
  detailsToAnyone: boolean;
}

export const healthRoutes: FastifyPluginAsyncTypebox<HealthOptions> = async (app, { db, detailsToAnyone }) => {
  // Prepared once: a health check is called every few seconds by whatever watches the server.
  const migrationCount = db.prepare('SELECT count(*) AS n FROM schema_migrations');
  const planCount = db.prepare('SELECT count(*) AS n FROM plans');
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
      const migrations = (migrationCount.get() as { n: number }).n;
      const plans = (planCount.get() as { n: number }).n;
      if (!detailsToAnyone && !request.user) return { status: 'ok' as const };
      return { status: 'ok' as const, migrations, plans };
    },
  );
};
