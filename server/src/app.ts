import fs from 'node:fs';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { hashPassword } from './auth/password.js';
import { prepareDatabase } from './db/setup.js';
import { createDocumentPool } from './documents/pool.js';
import { webDistDir } from './paths.js';
import { registerAuth } from './plugins/auth.js';
import { lazyChildLogger } from './plugins/requestLogger.js';
import { registerResponseCache } from './plugins/responseCache.js';
import { registerSecurityHeaders, SECURITY_HEADERS } from './plugins/securityHeaders.js';
import { createReportService, type ReportServiceOptions } from './reports/service.js';
import { createRepositories, type Repositories } from './repositories/index.js';
import { DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './repositories/signInAttempts.js';
import { auditRoutes } from './routes/audit.js';
import { commentRoutes } from './routes/comments.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { registerErrorHandling } from './routes/errors.js';
import { figureRoutes } from './routes/figures.js';
import { healthRoutes } from './routes/health.js';
import { importRevertRoutes } from './routes/importRevert.js';
import { importRoutes } from './routes/imports.js';
import { indicatorAliasRoutes } from './routes/indicatorAliases.js';
import { notificationRoutes } from './routes/notifications.js';
import { observationRoutes } from './routes/observations.js';
import { planEditRoutes } from './routes/planEdit.js';
import { planExtractRoutes } from './routes/planExtract.js';
import { planRoutes } from './routes/plans.js';
import { progressRoutes } from './routes/progress.js';
import { referenceRoutes } from './routes/reference.js';
import { reportRoutes } from './routes/reports.js';
import { reviewRoutes } from './routes/review.js';
import { roundRoutes } from './routes/rounds.js';
import { sessionRoutes } from './routes/session.js';
import { targetRoutes } from './routes/targets.js';
import { templateRoutes } from './routes/templates.js';
import { unitRoutes } from './routes/units.js';
import { userRoutes } from './routes/users.js';
import { webhookRoutes } from './routes/webhooks.js';
import { createDashboardService } from './services/dashboard.js';
import type { RevertHooks } from './services/importRevert.js';
import { createImportService, type ImportHooks } from './services/imports.js';
import { createImportWorker } from './services/importWorker.js';
import { createIndicatorAliasService } from './services/indicatorAliases.js';
import { createNotificationService } from './services/notifications.js';
import { createProgressService } from './services/progress.js';
import { createReviewService } from './services/review.js';
import { createRoundService, type RoundService } from './services/rounds.js';
import { createSignInService } from './services/signIn.js';
import { createUnitsService } from './services/units.js';
import { createWebhookDispatcher, type WebhookDispatcher, type WebhookOptions } from './services/webhooks.js';

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
  /** Reading without signing in (JINDU_PUBLIC_READ); default false: sign-in required. */
  publicRead?: boolean;
  /** Demo mode (`npm start`): creates the demo accounts below and says so on the sign-in page. */
  demo?: boolean;
  /**
   * Demo mode switches review before publication on when it creates its reviewer (`npm start` does;
   * default false, so the tests' demo apps publish directly as every other test app does).
   */
  demoReview?: boolean;
  /** The API documentation (/api/docs) open to anyone (JINDU_PUBLIC_DOCS); default: only in demo mode. */
  publicDocs?: boolean;
  /** Timeouts in milliseconds (defaults in DEFAULT_TIMEOUTS); tests shorten them. */
  timeouts?: Partial<Timeouts>;
  /** How long a session lasts (default 12 hours). */
  sessionHours?: number;
  /** Failed sign-ins checked before the server slows down, per scope (see repositories/signInAttempts.ts). */
  signInLimits?: Partial<SignInLimits>;
  /**
   * Which proxies to believe about the client's address and protocol (JINDU_TRUST_PROXY), as Fastify's
   * `trustProxy`: true (any peer), or the proxies' addresses/CIDRs. Default false: the peer is the client.
   */
  trustProxy?: boolean | string[];
  /** Test hook: the clock of signing in, out and unlocking (tests move it to see waits pass). */
  clock?: () => Date;
  /** Largest request body accepted, in bytes (default 256 KiB; uploads have their own limit). */
  bodyLimit?: number;
  /** Test hooks into the import commit (a failure injected half-way). */
  importHooks?: ImportHooks;
  /** Report worker threads, caps and cache size (defaults in reports/pool.ts and reports/service.ts). */
  reports?: ReportServiceOptions;
  /** Most bytes the cache of hot read answers keeps (plugins/responseCache.ts; default 16 MiB). */
  responseCacheBytes?: number;
  /** Test hooks into reverting an upload (a failure injected half-way). */
  revertHooks?: RevertHooks;
  /** Webhook retries and timeout (defaults in services/webhooks.ts); tests shorten them. */
  webhooks?: Omit<WebhookOptions, 'log'>;
  /** How often rounds are checked for a due date passed (default 10 minutes; 0: never, tests call sweep). */
  roundSweepMs?: number;
}

export interface Timeouts {
  /** A whole request, headers and body, must arrive within this (slow bodies are cut off). */
  request: number;
  /** Headers must arrive within this. */
  headers: number;
  /** A socket with no traffic at all is closed after this. */
  idle: number;
  /** An idle keep-alive connection is closed after this. */
  keepAlive: number;
}

/**
 * A request (a 10 MB upload included) gets a minute, which a slow office line still meets; a
 * connection that trickles a byte every few seconds is cut off then rather than held for ever.
 */
export const DEFAULT_TIMEOUTS: Timeouts = { request: 60_000, headers: 20_000, idle: 30_000, keepAlive: 10_000 };

declare module 'fastify' {
  interface FastifyInstance {
    /** Demo accounts found in the database when started outside demo mode (they cannot sign in). */
    demoAccountsFound: number;
    /** Collection rounds (tests call sweep) and the webhook outbox's sender (tests await settled). */
    rounds: RoundService;
    webhookDispatcher: WebhookDispatcher;
  }
}

/** The demo accounts: created only in demo mode, flagged is_demo, listed on the sign-in page. */
export const DEMO_ACCOUNTS = [
  { name: 'demo-admin', displayName: '演示管理员 Demo admin', role: 'admin' as const, password: 'jindu-demo-admin', regions: [] },
  {
    name: 'demo-statistician',
    displayName: '演示统计员(吕梁)Demo statistician (Lüliang)',
    role: 'statistician' as const,
    password: 'jindu-demo-statistician',
    regions: ['141100'],
  },
  {
    name: 'demo-viewer',
    displayName: '演示读者 Demo viewer',
    role: 'viewer' as const,
    password: 'jindu-demo-viewer',
    regions: [],
  },
  // Review before publication, shown in the demo: a reporter of Lüliang's S&T bureau (市科技局)
  // submits, Lüliang's reviewer approves or returns (the two-person rule needs two people).
  {
    name: 'demo-reporter',
    displayName: '演示填报员(科技局)Demo reporter (S&T bureau)',
    role: 'reporter' as const,
    password: 'jindu-demo-reporter',
    regions: ['141100'],
    unit: '市科技局',
  },
  {
    name: 'demo-reviewer',
    displayName: '演示审核员(吕梁)Demo reviewer (Lüliang)',
    role: 'reviewer' as const,
    password: 'jindu-demo-reviewer',
    regions: ['141100'],
  },
];

/** The unit a demo reporter belongs to: the seeded one of that name in its region, or made for the demo. */
function demoUnit(repos: Repositories, regionCode: string, asPrinted: string): number {
  const found = repos.units.resolve(regionCode, asPrinted);
  if (found) return found.id;
  const id = repos.units.create({
    regionCode,
    nameZh: '吕梁市科学技术局',
    nameEn: 'Lüliang Science and Technology Bureau',
    kind: 'department',
  });
  repos.units.addAlias(regionCode, asPrinted, id);
  return id;
}

async function ensureDemoAccounts(repos: Repositories, review: boolean): Promise<void> {
  for (const account of DEMO_ACCOUNTS) {
    if (repos.users.byName(account.name)) continue;
    const passwordHash = await hashPassword(account.password);
    const { unit, ...fields } = account as (typeof DEMO_ACCOUNTS)[number] & { unit?: string };
    const unitId = unit ? demoUnit(repos, account.regions[0] as string, unit) : null;
    repos.users.create({ ...fields, unitId, passwordHash, isDemo: true }, new Date().toISOString());
    // The demo shows 填报 → 审核 → 发布, so the start that creates its reviewer switches review on;
    // an administrator who switches it off later keeps it off.
    if (review && account.role === 'reviewer') repos.settings.set('review_required', '1');
  }
}

/** Builds the whole application: database, repositories, API routes, docs, and the web app. */
export async function buildApp(options: AppOptions) {
  const { db, seeded, migrationsApplied } = prepareDatabase(options.dbPath, {
    seed: options.seed,
    migrationsDir: options.migrationsDir,
  });
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const app = Fastify({
    logger: options.logger ?? false,
    // A request's child logger is made only when it logs something (plugins/requestLogger.ts).
    childLoggerFactory: lazyChildLogger,
    bodyLimit: options.bodyLimit ?? 256 * 1024,
    requestTimeout: timeouts.request,
    connectionTimeout: timeouts.idle,
    keepAliveTimeout: timeouts.keepAlive,
    // Node checks the request and header timeouts on this interval (30 s by default): a tenth of
    // the request timeout keeps the cut-off within 10% of what is configured.
    http: {
      headersTimeout: timeouts.headers,
      connectionsCheckingInterval: Math.max(100, Math.min(timeouts.request, timeouts.headers) / 10),
    },
    // One route, however its path is spelled: percent-encoded letters are decoded by the router, and
    // doubled slashes, a trailing slash and letter case do not make another path. Access is decided
    // from the route that matched (plugins/auth.ts), so no spelling can reach a route past its rule.
    routerOptions: { caseSensitive: false, ignoreDuplicateSlashes: true, ignoreTrailingSlash: true },
    trustProxy: options.trustProxy ?? false,
    // Fail loudly on unknown query fields instead of silently ignoring a typo'd filter.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onClose', async () => db.close());
  if (migrationsApplied.length > 0) app.log.info({ migrationsApplied }, 'migrations applied');
  if (seeded) app.log.info({ seeded }, 'empty database seeded');

  registerErrorHandling(app);
  const repos = createRepositories(db);
  const publicRead = options.publicRead ?? false;
  if (options.demo) await ensureDemoAccounts(repos, options.demoReview ?? false);
  // A database used in demo mode keeps its demo accounts; outside demo mode they cannot sign in, their
  // sessions end here, and the server says so (server.ts prints a warning; the count is exposed for it).
  const demoAccountsFound = options.demo ? 0 : repos.users.demoCount();
  if (demoAccountsFound > 0) {
    const sessionsEnded = repos.users.endDemoSessions();
    app.log.warn({ demoAccountsFound, sessionsEnded }, 'demo accounts found outside demo mode: they cannot sign in');
  }
  app.decorate('demoAccountsFound', demoAccountsFound);
  const clock = options.clock ?? (() => new Date());
  // Brotli or gzip for the web app's files and the JSON answers (a plan's judgements are ~100 KB).
  await app.register(fastifyCompress, { global: true, threshold: 1024 });
  await app.register(fastifyCookie);
  registerSecurityHeaders(app);
  const docsPublic = options.publicDocs ?? options.demo ?? false;
  registerAuth(app, { repos, publicRead, docsAccess: docsPublic ? 'public' : 'self', demo: options.demo ?? false });
  // Uploads are parsed, checked and written on a worker thread with its own connection to the file.
  const importWorker = createImportWorker({ dbPath: options.dbPath });
  app.addHook('onClose', () => importWorker.close());
  // A request that may write on this thread's connection first lets the worker's writes under way end
  // (services/importWorker.ts, writesSettled): waiting for SQLite's lock here would block the event loop.
  app.addHook('preHandler', (request, _reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD') return done();
    const settled = importWorker.writesSettled();
    if (!settled) return done();
    settled.then(() => done());
  });
  registerResponseCache(app, {
    dataVersion: repos.dataVersion.current,
    dataVersionThisTurn: repos.dataVersion.currentThisTurn,
    maxBytes: options.responseCacheBytes,
    staticHeaders: SECURITY_HEADERS,
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Jindu API', description: 'Progress of science-and-technology plan targets', version: '0.1.0' },
    },
  });
  // The docs page ships its own inline script: its routes carry their own, looser policy.
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  await app.register(healthRoutes, { counts: repos.reference.healthCounts, detailsToAnyone: options.demo ?? false });
  await app.register(sessionRoutes, {
    repos,
    publicRead,
    demoAccounts: options.demo ? DEMO_ACCOUNTS.map(({ name, role, password }) => ({ name, role, password })) : null,
    sessionHours: options.sessionHours ?? 12,
    signIn: createSignInService(repos, {
      demo: options.demo ?? false,
      limits: { ...DEFAULT_SIGN_IN_LIMITS, ...options.signInLimits },
      sessionHours: options.sessionHours ?? 12,
    }),
    clock,
  });
  await app.register(userRoutes, { repos, clock });
  await app.register(figureRoutes, { repos });
  await app.register(auditRoutes, { repos });
  await app.register(importRoutes, { imports: createImportService(repos, options.importHooks ?? {}, importWorker) });
  await app.register(importRevertRoutes, { worker: importWorker, hooks: options.revertHooks ?? {} });
  await app.register(templateRoutes, { repos });
  await app.register(commentRoutes, { repos });
  await app.register(referenceRoutes, { repos });
  await app.register(indicatorAliasRoutes, { aliases: createIndicatorAliasService(repos) });
  await app.register(planRoutes, { repos });
  await app.register(planEditRoutes, { repos });
  const documents = createDocumentPool();
  app.addHook('onClose', () => documents.close());
  await app.register(planExtractRoutes, { repos, documents });
  await app.register(targetRoutes, { repos });
  await app.register(observationRoutes, { repos });
  const progress = createProgressService(repos);
  await app.register(progressRoutes, { repos, progress });
  await app.register(unitRoutes, { repos, units: createUnitsService(repos, progress) });
  await app.register(reviewRoutes, { review: createReviewService(repos, progress) });
  const reports = createReportService({ repos, progress }, options.reports);
  app.decorate('reportService', reports);
  app.addHook('onClose', () => reports.close());
  await app.register(reportRoutes, { repos, reports });
  await app.register(dashboardRoutes, { repos, dashboard: createDashboardService(repos, progress) });
  await registerRounds(app, repos, options, clock);

  const serveWeb = options.serveWeb !== false && fs.existsSync(webDistDir);
  if (serveWeb) {
    // One wildcard route rather than a route per file: the router matches paths without regard to
    // case, and two built files whose names differ only in case would otherwise collide.
    await app.register(fastifyStatic, { root: webDistDir, wildcard: true });
  }
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes (/plans/3) get the web app; unknown API paths, however spelled, a JSON 404.
    const path = routerPath(request.url);
    if (serveWeb && request.method === 'GET' && path !== '/api' && !path.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `No route ${request.method} ${path}` });
  });

  return app;
}

/**
 * Collection rounds and their webhooks. A round's one-off events (complete, overdue) are looked for
 * after every successful write (off the request: once the answer is sent) and on a timer, for due
 * dates that pass while nobody writes.
 */
async function registerRounds(app: App, repos: Repositories, options: AppOptions, clock: () => Date): Promise<void> {
  const dispatcher = createWebhookDispatcher(repos, { ...options.webhooks, log: app.log });
  const rounds = createRoundService(repos, dispatcher, clock);
  app.decorate('rounds', rounds);
  app.decorate('webhookDispatcher', dispatcher);
  const sweep = () => {
    try {
      rounds.sweep();
    } catch (error) {
      app.log.warn({ err: error }, 'collection rounds sweep failed');
    }
  };
  // Callback style: every answer passes here, and a read needs no promise made for it.
  app.addHook('onResponse', (request, reply, done) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400 && request.url.startsWith('/api/'))
      setImmediate(sweep);
    done();
  });
  const every = options.roundSweepMs ?? 10 * 60_000;
  const timer = every > 0 ? setInterval(sweep, every).unref() : null;
  app.addHook('onReady', async () => dispatcher.kick());
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    dispatcher.close();
    await dispatcher.settled();
  });
  await app.register(roundRoutes, { repos, rounds });
  await app.register(webhookRoutes, { repos });
  await app.register(notificationRoutes, { notifications: createNotificationService(repos, rounds) });
}

/**
 * The path as the router reads it (origin of an absolute-form target and query dropped, percent
 * escapes decoded, slashes folded, lower case): only for choosing the form of a 404, never for access.
 */
export function routerPath(url: string): string {
  let path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  const query = path.indexOf('?');
  if (query >= 0) path = path.slice(0, query);
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape stays as it was: the answer is a 404 either way.
  }
  return `/${path.split('/').filter(Boolean).join('/')}`.toLowerCase();
}

export type App = Awaited<ReturnType<typeof buildApp>>;
