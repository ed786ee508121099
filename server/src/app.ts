import fs from 'node:fs';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { prepareDatabase } from './db/setup.js';
import { webDistDir } from './paths.js';
import { createRepositories } from './repositories/index.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { registerErrorHandling } from './routes/errors.js';
import { healthRoutes } from './routes/health.js';
import { observationRoutes } from './routes/observations.js';
import { planRoutes } from './routes/plans.js';
import { progressRoutes } from './routes/progress.js';
import { referenceRoutes } from './routes/reference.js';
import { createDashboardService } from './services/dashboard.js';
import { createProgressService } from './services/progress.js';

export interface AppOptions {
  /** The SQLite file; created, migrated and seeded when it does not exist. */
  dbPath: string;
  /** Seed an empty database (default true). */
  seed?: boolean;
  /** Where the migration files are (default: the repository's migrations/); tests point elsewhere. */
  migrationsDir?: string;
  logger?: FastifyServerOptions['logger'];
  /** Serve the built web app from web/dist when it exists (default true). */
  serveWeb?: boolean;
}

/** Builds the whole application: database, repositories, API routes, docs, and the web app. */
export async function buildApp(options: AppOptions) {
  const { db, seeded, migrationsApplied } = prepareDatabase(options.dbPath, {
    seed: options.seed,
    migrationsDir: options.migrationsDir,
  });
  const app = Fastify({
    logger: options.logger ?? false,
    // Fail loudly on unknown query fields instead of silently ignoring a typo'd filter.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onClose', async () => db.close());
  if (migrationsApplied.length > 0) app.log.info({ migrationsApplied }, 'migrations applied');
  if (seeded) app.log.info({ seeded }, 'empty database seeded');

  registerErrorHandling(app);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Jindu API', description: 'Progress of science-and-technology plan targets', version: '0.1.0' },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const repos = createRepositories(db);
  await app.register(healthRoutes, { db });
  await app.register(referenceRoutes, { repos });
  await app.register(planRoutes, { repos });
  await app.register(observationRoutes, { repos });
  const progress = createProgressService(repos);
  await app.register(progressRoutes, { repos, progress });
  await app.register(dashboardRoutes, { repos, dashboard: createDashboardService(repos, progress) });

  const serveWeb = options.serveWeb !== false && fs.existsSync(webDistDir);
  if (serveWeb) {
    await app.register(fastifyStatic, { root: webDistDir, wildcard: false });
  }
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes (/plans/3) get the web app; unknown API paths get a JSON 404.
    if (serveWeb && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply
      .status(404)
      .send({ statusCode: 404, error: 'Not Found', message: `No route ${request.method} ${request.url.split('?')[0]}` });
  });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
