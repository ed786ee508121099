import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

export const healthRoutes: FastifyPluginAsyncTypebox<{ db: import('../db/connection.js').Db }> = async (app, { db }) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Liveness and database check',
        response: { 200: Type.Object({ status: Type.Literal('ok'), migrations: Type.Integer(), plans: Type.Integer() }) },
      },
    },
    async () => {
      const migrations = (db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n;
      const plans = (db.prepare('SELECT count(*) AS n FROM plans').get() as { n: number }).n;
      return { status: 'ok' as const, migrations, plans };
    },
  );
};
