import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { openDatabase } from '../../server/src/db/connection.js';
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
  repos.db.close();
  for (const name of Object.keys(ACCOUNTS) as Exclude<Principal, 'anonymous'>[]) {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name, password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'jindu_session');
    sessions[name] = { cookie: `jindu_session=${cookie?.value}`, csrf: res.json().csrfToken };
  }
});
afterAll(async () => {
  await app.close();
  cleanup();
});

let counter = 0;
/** One valid request per route: allowed principals must get a non-denied answer. */
const SAMPLES: Record<string, () => { url: string; payload?: unknown }> = {
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
  'GET /api/audit': () => ({ url: '/api/audit' }),
  'GET /api/regions': () => ({ url: '/api/regions' }),
  'GET /api/indicators': () => ({ url: '/api/indicators' }),
  'GET /api/plans': () => ({ url: '/api/plans' }),
  'GET /api/plans/:id': () => ({ url: '/api/plans/lvliang-2014-2020' }),
  'GET /api/observations': () => ({ url: '/api/observations?region=141100&indicator=rd_intensity' }),
  'GET /api/observations/history': () => ({ url: '/api/observations/history?region=100000&indicator=rd_intensity&year=2017' }),
  'GET /api/plans/:id/progress': () => ({ url: '/api/plans/lvliang-2014-2020/progress' }),
  'GET /api/targets/:id/progress': () => ({ url: '/api/targets/1/progress' }),
  'GET /api/regions/:code/progress': () => ({ url: '/api/regions/141100/progress' }),
  'GET /api/regions/:code/overview': () => ({ url: '/api/regions/141100/overview' }),
  'GET /api/regions/:code/recurring-indicators': () => ({ url: '/api/regions/141100/recurring-indicators' }),
  'GET /api/compare/regions': () => ({ url: '/api/compare/regions?indicator=rd_intensity&regions=141100,100000' }),
  'GET /api/compare/plans': () => ({ url: '/api/compare/plans?region=141100&indicator=new_high_tech_firms' }),
};

const DENIALS = new Set(['sign_in_required', 'session_expired', 'forbidden', 'region_not_assigned', 'csrf']);

function expected(access: string | undefined, who: Principal): 'allowed' | 401 | 403 {
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
    const routes = [...app.routeTable].sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    const checked: string[] = [];
    for (const route of routes) {
      if (route.method === 'HEAD' || route.method === 'OPTIONS') continue;
      const key = `${route.method} ${route.url}`;
      const docs = route.url.startsWith('/api/docs');
      const sample = SAMPLES[key];
      if (!docs && !sample) throw new Error(`No sample request for ${key}: add one to the authorization matrix`);
      for (const who of PRINCIPALS) {
        const request = docs
          ? { url: route.url.replace('*', 'index.html') }
          : (sample as () => { url: string; payload?: unknown })();
        const session = sessions[who];
        const res = await app.inject({
          method: route.method as 'GET',
          url: request.url,
          payload: request.payload as object,
          headers: session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {},
        });
        const code = String(res.headers['content-type'] ?? '').includes('json')
          ? (res.json() as { code?: string }).code
          : undefined;
        const want = expected(route.access, who);
        const label = `${key} as ${who}: ${res.statusCode} ${res.body.slice(0, 120)}`;
        if (want === 'allowed') {
          expect(res.statusCode, label).toBeLessThan(500);
          expect(DENIALS.has(code ?? ''), label).toBe(false);
        } else {
          expect(res.statusCode, label).toBe(want);
          expect(DENIALS.has(code ?? ''), label).toBe(true);
        }
      }
      checked.push(key);
    }
    expect(checked).toEqual(expect.arrayContaining(Object.keys(SAMPLES)));
  });

  it('refuses to start when a route declares no access rule', async () => {
    const tmp = tempDbPath();
    const other = await buildApp({ dbPath: tmp.dbPath, serveWeb: false });
    expect(() => other.post('/api/new-write-route', async () => ({}))).toThrow(/declares no access rule/);
    await other.close();
    tmp.cleanup();
  });
});
