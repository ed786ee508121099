import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Role } from '../../server/src/api/types.js';
import { type App, type AppOptions, buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { openDatabase } from '../../server/src/db/connection.js';
import { seedDir } from '../../server/src/paths.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { tempDbPath } from './db.js';

// One valid request per route of the app, and a signed-in session per principal: what the
// authorization matrix and the route-alias test send. A route added later must have a sample here.

export type Principal =
  | 'anonymous'
  | 'viewer'
  | 'statistician_other'
  | 'statistician_region'
  | 'reporter_region'
  | 'reviewer_region'
  | 'admin';
export const PRINCIPALS: Principal[] = [
  'anonymous',
  'viewer',
  'statistician_other',
  'statistician_region',
  'reporter_region',
  'reviewer_region',
  'admin',
];
const ACCOUNTS: Record<Exclude<Principal, 'anonymous'>, { role: Role; regions: string[] }> = {
  viewer: { role: 'viewer', regions: [] },
  statistician_other: { role: 'statistician', regions: ['211100'] }, // Panjin
  statistician_region: { role: 'statistician', regions: ['141100'] }, // Lüliang
  // A reporter of a Lüliang unit (its unit is found or made in useRouteMatrix), and Lüliang's reviewer.
  reporter_region: { role: 'reporter', regions: ['141100'] },
  reviewer_region: { role: 'reviewer', regions: ['141100'] },
  admin: { role: 'admin', regions: [] },
};
const PASSWORD = 'correct horse battery';

let viewerId = 0;
/** An account that is none of the principals: resetting its password ends no session the matrix uses. */
let resetTargetId = 0;
export const sessions: Partial<Record<Principal, { cookie: string; csrf: string }>> = {};

let counter = 0;
let importId = 0;
let aliasId = 0;
let addedTargetId = 0;
/** A target for the Panjin plan under a new key (its clause is the plan's second statement of it). */
const addedTarget = () => ({
  key: `matrix-${++counter}`,
  indicator: 'high_tech_firms',
  type: 'level',
  value: 140,
  targetYear: 2021,
  comparator: 'at_least',
  clause: '高新技術企業總數達到140家',
});
/** A collection round that stays open, one to close, and a webhook (made in useRouteMatrix and PREPARE). */
let roundId = 0;
let closeRoundId = 0;
let webhookId = 0;
export type Expectation = 'allowed' | 401 | 403 | 404;
export interface Sample {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** Where a principal's answer differs from what the route's rule alone says (see below). */
  expect?: Partial<Record<Principal, Expectation>>;
  /** The request itself is well formed: the region's statistician and the admin get a 2xx. */
  succeeds?: boolean;
}

const UPLOAD_BOUNDARY = 'matrixboundary';
const uploadBody = () =>
  Buffer.from(
    `--${UPLOAD_BOUNDARY}\r\nContent-Disposition: form-data; name="defaultVintage"\r\n\r\nfinal\r\n` +
      `--${UPLOAD_BOUNDARY}\r\nContent-Disposition: form-data; name="defaultSource"\r\n\r\nmatrix\r\n` +
      `--${UPLOAD_BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="m.csv"\r\n\r\n` +
      // 40–79: within 3× of each other, so no upload's figure is a jump against the last one committed
      // (a figure check's warning would make its commit need an acknowledgement).
      `地区代码,指标代码,年份,数值\r\n141100,tech_sme_count,2023,${40 + (++counter % 40)}\r\n--${UPLOAD_BOUNDARY}--\r\n`,
  );
// A statistician of another region passes the figures rule of routes whose rows are checked one by
// one (their rows come back as errors) and only sees their own uploads (others' answer 404).
const OTHER_ALLOWED = { statistician_other: 'allowed' } as const;
// The region's reporter, too, sees only their own uploads (the sample upload is the statistician's).
const OTHER_NOT_FOUND = { statistician_other: 404, reporter_region: 404 } as const;

/** One valid request per route: allowed principals must get a non-denied answer. */
export const SAMPLES: Record<string, () => Sample> = {
  'GET /api/health': () => ({ url: '/api/health' }),
  'GET /api/session': () => ({ url: '/api/session' }),
  'POST /api/session': () => ({ url: '/api/session', payload: { name: 'nobody', password: 'wrong password' } }),
  'DELETE /api/session': () => ({ url: '/api/session' }),
  'POST /api/session/password': () => ({
    url: '/api/session/password',
    payload: { currentPassword: 'not it', newPassword: 'x' },
  }),
  'GET /api/users': () => ({ url: '/api/users' }),
  'POST /api/users': () => ({
    url: '/api/users',
    payload: {
      name: `matrix-${++counter}`,
      displayName: 'Matrix',
      role: 'viewer',
      regions: [],
      password: 'a long enough password',
    },
  }),
  'PATCH /api/users/:id': () => ({ url: `/api/users/${viewerId}`, payload: { displayName: `viewer ${++counter}` } }),
  'POST /api/users/:id/password': () => ({
    url: `/api/users/${resetTargetId}/password`,
    payload: { password: `matrix reset ${++counter}` },
    succeeds: true,
  }),
  'POST /api/users/:id/unlock': () => ({ url: `/api/users/${resetTargetId}/unlock`, succeeds: true }),
  'POST /api/observations': () => ({
    url: '/api/observations',
    payload: {
      region: '141100',
      indicator: 'high_tech_firms',
      year: 2022,
      // 90–189, against the published 84 of 2021 and each other: never a jump (more than 3×), which
      // would answer 409 warnings_unacknowledged.
      value: 90 + (++counter % 100),
      vintage: 'preliminary',
      sourceTitle: 'authorization matrix',
    },
  }),
  'POST /api/observations/restore': () => ({ url: '/api/observations/restore', payload: { revisionId: 1 } }),
  'GET /api/audit': () => ({ url: '/api/audit' }),
  'GET /api/targets/:id/comments': () => ({ url: '/api/targets/1/comments' }),
  'POST /api/targets/:id/comments': () => ({
    url: '/api/targets/1/comments',
    payload: { year: 2020, body: `矩阵测试 ${++counter}` },
    succeeds: true,
  }),
  'POST /api/imports': () => ({
    succeeds: true,
    url: '/api/imports',
    payload: uploadBody(),
    headers: { 'content-type': `multipart/form-data; boundary=${UPLOAD_BOUNDARY}` },
    expect: OTHER_ALLOWED,
  }),
  'POST /api/imports/grid': () => ({
    succeeds: true,
    url: '/api/imports/grid',
    payload: {
      region: '141100',
      defaultVintage: 'final',
      defaultSource: 'matrix',
      figures: [{ indicator: 'tech_sme_count', year: 2024, value: '50' }],
    },
    expect: OTHER_ALLOWED,
  }),
  'POST /api/imports/bulletin': () => ({
    succeeds: true,
    url: '/api/imports/bulletin',
    payload: {
      region: '141100',
      year: 2024,
      sourceTitle: 'matrix bulletin',
      vintage: 'final',
      text: `年末科技型中小企业达到${40 + (++counter % 40)}家。`,
      accept: [0],
    },
  }),
  'GET /api/imports': () => ({ url: '/api/imports', expect: OTHER_ALLOWED }),
  'GET /api/imports/:id': () => ({ url: `/api/imports/${importId}`, expect: OTHER_NOT_FOUND }),
  'GET /api/imports/:id/rows': () => ({ url: `/api/imports/${importId}/rows`, expect: OTHER_NOT_FOUND }),
  'POST /api/imports/:id/commit': () => ({ url: `/api/imports/${importId}/commit`, expect: OTHER_NOT_FOUND }),
  'DELETE /api/imports/:id': () => ({ url: `/api/imports/${importId}`, expect: OTHER_NOT_FOUND }),
  'GET /api/imports/:id/revert': () => ({ url: `/api/imports/${importId}/revert`, expect: OTHER_NOT_FOUND }),
  'POST /api/imports/:id/revert': () => ({ url: `/api/imports/${importId}/revert`, payload: {}, expect: OTHER_NOT_FOUND }),
  'GET /api/plans/:id/template.xlsx': () => ({ url: '/api/plans/lvliang-2014-2020/template.xlsx', expect: OTHER_ALLOWED }),
  'GET /api/plans/:id/template.csv': () => ({ url: '/api/plans/lvliang-2014-2020/template.csv', expect: OTHER_ALLOWED }),
  'GET /api/reports/plans/:id.pdf': () => ({ url: '/api/reports/plans/panjin-2019-2021.pdf?lang=en', succeeds: true }),
  'GET /api/reports/plans/:id.xlsx': () => ({ url: '/api/reports/plans/lvliang-2014-2020.xlsx', succeeds: true }),
  'GET /api/reports/plans/:id.docx': () => ({ url: '/api/reports/plans/panjin-2019-2021.docx?lang=zh', succeeds: true }),
  'GET /api/reports/plans/:id.csv': () => ({ url: '/api/reports/plans/lvliang-2014-2020.csv?encoding=gb18030', succeeds: true }),
  'GET /api/regions': () => ({ url: '/api/regions' }),
  'GET /api/regions/with-plans': () => ({ url: '/api/regions/with-plans' }),
  'GET /api/indicators': () => ({ url: '/api/indicators' }),
  'GET /api/indicator-aliases': () => ({ url: '/api/indicator-aliases' }),
  'GET /api/indicators/:code/aliases': () => ({ url: '/api/indicators/high_tech_firms/aliases' }),
  'POST /api/indicators/:code/aliases': () => ({
    url: '/api/indicators/high_tech_firms/aliases',
    payload: { alias: `matrix alias ${++counter}` },
    succeeds: true,
  }),
  'DELETE /api/indicators/:code/aliases/:id': () => ({
    url: `/api/indicators/high_tech_firms/aliases/${aliasId}`,
    succeeds: true,
  }),
  'GET /api/plans': () => ({ url: '/api/plans' }),
  'GET /api/plans/:id': () => ({ url: '/api/plans/lvliang-2014-2020' }),
  'POST /api/plans': () => ({
    url: '/api/plans',
    // A seed plan file as it is, under a new slug (its source document is stored).
    payload: {
      ...JSON.parse(fs.readFileSync(path.join(seedDir, 'plans', 'panjin-2019-2021.json'), 'utf8')),
      slug: `matrix-${++counter}`,
    },
    succeeds: true,
  }),
  'POST /api/plans/extract': () => ({
    url: '/api/plans/extract',
    payload: { text: '到2025年,全市高新技术企业达到300家以上。' },
    succeeds: true,
  }),
  'GET /api/observations': () => ({ url: '/api/observations?region=141100&indicator=rd_intensity' }),
  'GET /api/observations/history': () => ({ url: '/api/observations/history?region=100000&indicator=rd_intensity&year=2017' }),
  'GET /api/plans/:id/progress': () => ({ url: '/api/plans/lvliang-2014-2020/progress' }),
  'GET /api/targets/:id/progress': () => ({ url: '/api/targets/1/progress' }),
  'PATCH /api/targets/:id': () => ({
    url: '/api/targets/2',
    payload: { noteEn: `matrix ${++counter}`, reason: 'authorization matrix' },
    succeeds: true,
  }),
  'GET /api/targets/:id/history': () => ({ url: '/api/targets/2/history' }),
  'GET /api/units': () => ({ url: '/api/units?region=141100' }),
  'GET /api/units/match': () => ({ url: `/api/units/match?region=141100&form=${encodeURIComponent('市科技局')}` }),
  'GET /api/units/:id': () => ({ url: '/api/units/1?asOf=2018' }),
  'PUT /api/targets/:id/units': () => ({
    url: '/api/targets/2/units',
    // Unit 1 is the seed's first, a Lüliang unit; target 2 is of the Lüliang plan.
    payload: { units: [{ unitId: 1, role: 'lead', asPrinted: `矩阵 ${++counter}` }] },
    succeeds: true,
  }),
  'GET /api/plans/:id/file': () => ({ url: '/api/plans/panjin-2019-2021/file', succeeds: true }),
  'POST /api/plans/:id/targets': () => ({ url: '/api/plans/panjin-2019-2021/targets', payload: addedTarget(), succeeds: true }),
  'POST /api/targets/:id/retire': () => ({
    // The target PREPARE added (the alias test sends the request again and again); else a seed target,
    // which only the administrator, last of the principals, retires.
    url: `/api/targets/${addedTargetId || 3}/retire`,
    payload: { reason: 'authorization matrix' },
    succeeds: true,
  }),
  'GET /api/plans/:id/progress/summary': () => ({ url: '/api/plans/lvliang-2014-2020/progress/summary' }),
  'GET /api/regions/:code/progress': () => ({ url: '/api/regions/141100/progress' }),
  'GET /api/regions/:code/overview': () => ({ url: '/api/regions/141100/overview' }),
  'GET /api/regions/:code/recurring-indicators': () => ({ url: '/api/regions/141100/recurring-indicators' }),
  'GET /api/compare/regions': () => ({ url: '/api/compare/regions?indicator=rd_intensity&regions=141100,100000' }),
  'GET /api/compare/plans': () => ({ url: '/api/compare/plans?region=141100&indicator=new_high_tech_firms' }),
  // Review before publication: the queue and decisions are for reviewers of the region and administrators.
  'GET /api/review/pending': () => ({ url: '/api/review/pending?region=141100', succeeds: true }),
  'POST /api/review/decisions': () => ({
    url: '/api/review/decisions',
    payload: { decision: 'approve', ids: [999_999] },
    expect: { reviewer_region: 404, admin: 404 },
  }),
  'GET /api/review/mine': () => ({ url: '/api/review/mine', succeeds: true }),
  'POST /api/review/submissions/:id/resubmit': () => ({
    url: '/api/review/submissions/999999/resubmit',
    payload: { value: 1 },
    expect: { statistician_other: 404, statistician_region: 404, reporter_region: 404, admin: 404 },
  }),
  'GET /api/settings/review': () => ({ url: '/api/settings/review', succeeds: true }),
  'PUT /api/settings/review': () => ({ url: '/api/settings/review', payload: { reviewRequired: false }, succeeds: true }),
  // Collection rounds: opened and closed by administrators, read by anyone who may read, to-do lists
  // and notifications for anyone signed in (each sees their own).
  'POST /api/rounds': () => ({ url: '/api/rounds', payload: matrixRound(), succeeds: true }),
  'GET /api/rounds': () => ({ url: '/api/rounds', succeeds: true }),
  'GET /api/rounds/todo': () => ({ url: '/api/rounds/todo', succeeds: true }),
  'GET /api/rounds/:id': () => ({ url: `/api/rounds/${roundId}`, succeeds: true }),
  'GET /api/rounds/:id/todo': () => ({ url: `/api/rounds/${roundId}/todo`, succeeds: true }),
  'GET /api/rounds/:id/template.csv': () => ({ url: `/api/rounds/${roundId}/template.csv`, succeeds: true }),
  'POST /api/rounds/:id/close': () => ({ url: `/api/rounds/${closeRoundId}/close`, succeeds: true }),
  'GET /api/plans/:id/completeness': () => ({ url: '/api/plans/lvliang-2014-2020/completeness', succeeds: true }),
  'GET /api/notifications/mine': () => ({ url: '/api/notifications/mine', succeeds: true }),
  'GET /api/webhooks': () => ({ url: '/api/webhooks', succeeds: true }),
  // Disabled: nothing is sent to the address during the matrix.
  'POST /api/webhooks': () => ({ url: '/api/webhooks', payload: matrixWebhook(), succeeds: true }),
  'PATCH /api/webhooks/:id': () => ({ url: `/api/webhooks/${webhookId}`, payload: { enabled: false }, succeeds: true }),
  'DELETE /api/webhooks/:id': () => ({ url: `/api/webhooks/${webhookId}`, succeeds: true }),
};

const matrixRound = () => ({
  regionCode: '141100',
  year: 2020,
  titleZh: `矩阵测试轮次 ${++counter}`,
  titleEn: `matrix round ${counter}`,
  dueDate: '2099-12-31',
  indicatorCodes: ['high_tech_firms'],
});
const matrixWebhook = () => ({ kind: 'generic', url: `http://127.0.0.1:9/matrix-${++counter}`, enabled: false });

async function adminPost(app: App, url: string, payload: object): Promise<number> {
  const admin = sessions.admin as { cookie: string; csrf: string };
  const res = await app.inject({ method: 'POST', url, payload, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: number }).id;
}
async function newRoundToClose(app: App): Promise<void> {
  closeRoundId = await adminPost(app, '/api/rounds', matrixRound());
}
async function newWebhook(app: App): Promise<void> {
  webhookId = await adminPost(app, '/api/webhooks', matrixWebhook());
}

/** Signs the principal in (again), keeping its cookie and CSRF token in `sessions`. */
export async function signIn(app: App, who: Exclude<Principal, 'anonymous'>): Promise<void> {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name: who, password: PASSWORD } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'jindu_session');
  sessions[who] = { cookie: `jindu_session=${cookie?.value}`, csrf: res.json().csrfToken };
}

/** An upload of the region's statistician, for the routes about one upload. */
async function newUpload(app: App): Promise<void> {
  const own = sessions.statistician_region as { cookie: string; csrf: string };
  const uploaded = await app.inject({
    method: 'POST',
    url: '/api/imports',
    payload: uploadBody(),
    headers: { cookie: own.cookie, 'x-csrf-token': own.csrf, 'content-type': `multipart/form-data; boundary=${UPLOAD_BOUNDARY}` },
  });
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  importId = uploaded.json().import.id;
}

/** An alias added by the administrator, for the route that removes one. */
async function newAlias(app: App): Promise<void> {
  const admin = sessions.admin as { cookie: string; csrf: string };
  const added = await app.inject({
    method: 'POST',
    url: '/api/indicators/high_tech_firms/aliases',
    payload: { alias: `matrix alias to remove ${++counter}` },
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
  });
  expect(added.statusCode, added.body).toBe(201);
  aliasId = added.json().id;
}

/** A target added by the administrator, for the route that retires one (once). */
async function newTarget(app: App): Promise<void> {
  const admin = sessions.admin as { cookie: string; csrf: string };
  const added = await app.inject({
    method: 'POST',
    url: '/api/plans/panjin-2019-2021/targets',
    payload: addedTarget(),
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
  });
  expect(added.statusCode, added.body).toBe(201);
  addedTargetId = added.json().id;
}

/** A committed upload of the region's statistician, for reverting it. */
async function newCommittedUpload(app: App): Promise<void> {
  await newUpload(app);
  const own = sessions.statistician_region as { cookie: string; csrf: string };
  const committed = await app.inject({
    method: 'POST',
    url: `/api/imports/${importId}/commit`,
    headers: { cookie: own.cookie, 'x-csrf-token': own.csrf },
  });
  expect(committed.statusCode, committed.body).toBe(200);
}

/**
 * What must be in place before a route's sample is sent, for routes whose request uses something up:
 * signing out ends the session, a commit, a discard or a revert ends the upload. The alias test sends each
 * request several times and expects the same answer every time.
 */
export const PREPARE: Record<string, (app: App, who: Principal) => Promise<void>> = {
  'DELETE /api/session': async (app, who) => {
    if (who !== 'anonymous') await signIn(app, who);
  },
  'POST /api/imports/:id/commit': (app) => newUpload(app),
  'DELETE /api/imports/:id': (app) => newUpload(app),
  'DELETE /api/indicators/:code/aliases/:id': (app) => newAlias(app),
  'POST /api/imports/:id/revert': (app) => newCommittedUpload(app),
  'POST /api/targets/:id/retire': (app) => newTarget(app),
  'POST /api/rounds/:id/close': (app) => newRoundToClose(app),
  'DELETE /api/webhooks/:id': (app) => newWebhook(app),
};

export function useRouteMatrix(options: Partial<AppOptions> = {}): () => App {
  let app: App | undefined;
  let cleanup = () => {};
  beforeAll(async () => {
    const tmp = tempDbPath();
    cleanup = tmp.cleanup;
    app = await buildApp({ dbPath: tmp.dbPath, serveWeb: false, publicRead: false, ...options });
    await app.ready();
    const built = app;
    // Accounts are created through the repository: the admin route itself is under test.
    const repos = createRepositories(openDatabase(tmp.dbPath));
    const passwordHash = await hashPassword(PASSWORD);
    // A reporter belongs to a unit: a seeded unit of Lüliang, or one made for the matrix.
    const unitId =
      repos.units.list('141100')[0]?.id ??
      repos.units.create({ regionCode: '141100', nameZh: '矩阵测试单位', nameEn: 'Matrix unit', kind: 'other' });
    for (const [name, account] of Object.entries(ACCOUNTS)) {
      const unit = account.role === 'reporter' ? { unitId } : {};
      const id = repos.users.create({ name, displayName: name, passwordHash, ...account, ...unit }, new Date().toISOString());
      if (name === 'viewer') viewerId = id;
    }
    resetTargetId = repos.users.create(
      { name: 'reset-target', displayName: 'reset target', passwordHash, role: 'viewer', regions: [] },
      new Date().toISOString(),
    );
    repos.db.close();
    for (const name of Object.keys(ACCOUNTS) as Exclude<Principal, 'anonymous'>[]) await signIn(built, name);
    await newUpload(built);
    await newAlias(built);
    roundId = await adminPost(built, '/api/rounds', matrixRound());
    await newRoundToClose(built);
    await newWebhook(built);
  });
  afterAll(async () => {
    await app?.close();
    cleanup();
  });
  return () => {
    if (!app) throw new Error('the app is built in beforeAll');
    return app;
  };
}
