import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { openDatabase } from '../../server/src/db/connection.js';
import { seedDir } from '../../server/src/paths.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { tempDbPath } from '../helpers/db.js';

// Every registered route, taken from the app's own route table, against five principals. A route
// added later is covered automatically: it must declare an access rule (the app refuses to start
// otherwise) and have a sample request below (this test fails otherwise).

type Principal = 'anonymous' | 'viewer' | 'statistician_other' | 'statistician_region' | 'admin';
const PRINCIPALS: Principal[] = ['anonymous', 'viewer', 'statistician_other', 'statistician_region', 'admin'];
const ACCOUNTS: Record<Exclude<Principal, 'anonymous'>, { role: 'viewer' | 'statistician' | 'admin'; regions: string[] }> = {
  viewer: { role: 'viewer', regions: [] },
  statistician_other: { role: 'statistician', regions: ['211100'] }, // Panjin
  statistician_region: { role: 'statistician', regions: ['141100'] }, // Lüliang
  admin: { role: 'admin', regions: [] },
};
const PASSWORD = 'correct horse battery';

let app: App;
let cleanup: () => void;
let viewerId = 0;
/** An account that is none of the principals: resetting its password ends no session the matrix uses. */
let resetTargetId = 0;
const sessions: Partial<Record<Principal, { cookie: string; csrf: string }>> = {};

beforeAll(async () => {
  const tmp = tempDbPath();
  cleanup = tmp.cleanup;
  app = await buildApp({ dbPath: tmp.dbPath, serveWeb: false, publicRead: false });
  await app.ready();
  // Accounts are created through the repository: the admin route itself is under test.
  const repos = createRepositories(openDatabase(tmp.dbPath));
  const passwordHash = await hashPassword(PASSWORD);
  for (const [name, account] of Object.entries(ACCOUNTS)) {
    const id = repos.users.create({ name, displayName: name, passwordHash, ...account }, new Date().toISOString());
    if (name === 'viewer') viewerId = id;
  }
  resetTargetId = repos.users.create(
    { name: 'reset-target', displayName: 'reset target', passwordHash, role: 'viewer', regions: [] },
    new Date().toISOString(),
  );
  repos.db.close();
  for (const name of Object.keys(ACCOUNTS) as Exclude<Principal, 'anonymous'>[]) {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name, password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'jindu_session');
    sessions[name] = { cookie: `jindu_session=${cookie?.value}`, csrf: res.json().csrfToken };
  }
  // An upload of the region's statistician, for the routes about one upload.
  const own = sessions.statistician_region as { cookie: string; csrf: string };
  const uploaded = await app.inject({
    method: 'POST',
    url: '/api/imports',
    payload: uploadBody(),
    headers: { cookie: own.cookie, 'x-csrf-token': own.csrf, 'content-type': `multipart/form-data; boundary=${UPLOAD_BOUNDARY}` },
  });
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  importId = uploaded.json().import.id;
});
afterAll(async () => {
  await app.close();
  cleanup();
});

let counter = 0;
let importId = 0;
type Expectation = 'allowed' | 401 | 403 | 404;
interface Sample {
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
      `地区代码,指标代码,年份,数值\r\n141100,tech_sme_count,2023,${40 + ++counter}\r\n--${UPLOAD_BOUNDARY}--\r\n`,
  );
// A statistician of another region passes the figures rule of routes whose rows are checked one by
// one (their rows come back as errors) and only sees their own uploads (others' answer 404).
const OTHER_ALLOWED = { statistician_other: 'allowed' } as const;
const OTHER_NOT_FOUND = { statistician_other: 404 } as const;

/** One valid request per route: allowed principals must get a non-denied answer. */
const SAMPLES: Record<string, () => Sample> = {
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
      value: 90 + ++counter,
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
  'GET /api/imports': () => ({ url: '/api/imports', expect: OTHER_ALLOWED }),
  'GET /api/imports/:id': () => ({ url: `/api/imports/${importId}`, expect: OTHER_NOT_FOUND }),
  'GET /api/imports/:id/rows': () => ({ url: `/api/imports/${importId}/rows`, expect: OTHER_NOT_FOUND }),
  'POST /api/imports/:id/commit': () => ({ url: `/api/imports/${importId}/commit`, expect: OTHER_NOT_FOUND }),
  'DELETE /api/imports/:id': () => ({ url: `/api/imports/${importId}`, expect: OTHER_NOT_FOUND }),
  'GET /api/plans/:id/template.xlsx': () => ({ url: '/api/plans/lvliang-2014-2020/template.xlsx', expect: OTHER_ALLOWED }),
  'GET /api/plans/:id/template.csv': () => ({ url: '/api/plans/lvliang-2014-2020/template.csv', expect: OTHER_ALLOWED }),
  'GET /api/reports/plans/:id.pdf': () => ({ url: '/api/reports/plans/panjin-2019-2021.pdf?lang=en', succeeds: true }),
  'GET /api/reports/plans/:id.xlsx': () => ({ url: '/api/reports/plans/lvliang-2014-2020.xlsx', succeeds: true }),
  'GET /api/reports/plans/:id.csv': () => ({ url: '/api/reports/plans/lvliang-2014-2020.csv?encoding=gb18030', succeeds: true }),
  'GET /api/regions': () => ({ url: '/api/regions' }),
  'GET /api/indicators': () => ({ url: '/api/indicators' }),
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
  'GET /api/observations': () => ({ url: '/api/observations?region=141100&indicator=rd_intensity' }),
  'GET /api/observations/history': () => ({ url: '/api/observations/history?region=100000&indicator=rd_intensity&year=2017' }),
  'GET /api/plans/:id/progress': () => ({ url: '/api/plans/lvliang-2014-2020/progress' }),
  'GET /api/targets/:id/progress': () => ({ url: '/api/targets/1/progress' }),
  'PATCH /api/targets/:id': () => ({
    url: '/api/targets/2',
    payload: { note: `matrix ${++counter}`, reason: 'authorization matrix' },
    succeeds: true,
  }),
  'GET /api/targets/:id/history': () => ({ url: '/api/targets/2/history' }),
  'GET /api/regions/:code/progress': () => ({ url: '/api/regions/141100/progress' }),
  'GET /api/regions/:code/overview': () => ({ url: '/api/regions/141100/overview' }),
  'GET /api/regions/:code/recurring-indicators': () => ({ url: '/api/regions/141100/recurring-indicators' }),
  'GET /api/compare/regions': () => ({ url: '/api/compare/regions?indicator=rd_intensity&regions=141100,100000' }),
  'GET /api/compare/plans': () => ({ url: '/api/compare/plans?region=141100&indicator=new_high_tech_firms' }),
};

const DENIALS = new Set(['sign_in_required', 'session_expired', 'forbidden', 'region_not_assigned', 'csrf']);

function expected(access: string | undefined, who: Principal): Expectation {
  switch (access) {
    case undefined: // API docs, registered by the swagger plugin: open to all
    case 'public':
      return 'allowed';
    case 'read':
    case 'self':
      return who === 'anonymous' ? 401 : 'allowed';
    case 'figures':
      if (who === 'anonymous') return 401;
      return who === 'statistician_region' || who === 'admin' ? 'allowed' : 403;
    case 'admin':
      if (who === 'anonymous') return 401;
      return who === 'admin' ? 'allowed' : 403;
    default:
      throw new Error(`unknown access rule ${access}`);
  }
}

describe('authorization matrix', () => {
  it('answers every registered route as its rule says, for every principal', async () => {
    // Signing out goes last, so that it does not end the sessions the other rows use.
    const signOut = (r: { method: string; url: string }) => Number(r.method === 'DELETE' && r.url === '/api/session');
    const routes = [...app.routeTable].sort((a, b) => signOut(a) - signOut(b));
    const checked: string[] = [];
    for (const route of routes) {
      if (route.method === 'HEAD' || route.method === 'OPTIONS') continue;
      const key = `${route.method} ${route.url}`;
      const docs = route.url.startsWith('/api/docs');
      const sample = SAMPLES[key];
      if (!docs && !sample) throw new Error(`No sample request for ${key}: add one to the authorization matrix`);
      for (const who of PRINCIPALS) {
        const request: Sample = docs ? { url: route.url.replace('*', 'index.html') } : (sample as () => Sample)();
        const session = sessions[who];
        const res = await app.inject({
          method: route.method as 'GET',
          url: request.url,
          payload: request.payload as object,
          headers: { ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}), ...request.headers },
        });
        const code = String(res.headers['content-type'] ?? '').includes('json')
          ? (res.json() as { code?: string }).code
          : undefined;
        const want = request.expect?.[who] ?? expected(route.access, who);
        const label = `${key} as ${who}: ${res.statusCode} ${res.body.slice(0, 120)}`;
        if (want === 'allowed') {
          expect(res.statusCode, label).toBeLessThan(
            request.succeeds && (who === 'statistician_region' || who === 'admin') ? 300 : 500,
          );
          expect(DENIALS.has(code ?? ''), label).toBe(false);
        } else if (want === 404) {
          expect(res.statusCode, label).toBe(404);
        } else {
          expect(res.statusCode, label).toBe(want);
          expect(DENIALS.has(code ?? ''), label).toBe(true);
        }
      }
      checked.push(key);
    }
    expect(checked).toEqual(expect.arrayContaining(Object.keys(SAMPLES)));
    // Every route five times over, the report routes rendering whole PDFs and workbooks: about 20 s on
    // a busy two-core machine, so more than the default 30 s is allowed.
  }, 120_000);

  it('refuses to start when a route declares no access rule', async () => {
    const tmp = tempDbPath();
    const other = await buildApp({ dbPath: tmp.dbPath, serveWeb: false });
    expect(() => other.post('/api/new-write-route', async () => ({}))).toThrow(/declares no access rule/);
    await other.close();
    tmp.cleanup();
  });
});
