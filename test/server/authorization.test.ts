import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app.js';
import { tempDbPath } from '../helpers/db.js';
import {
  type Expectation,
  PRINCIPALS,
  type Principal,
  SAMPLES,
  type Sample,
  sessions,
  useRouteMatrix,
} from '../helpers/routeMatrix.js';

// Every registered route, taken from the app's own route table, against seven principals. A route
// added later is covered automatically: it must declare an access rule (the app refuses to start
// otherwise) and have a sample request (test/helpers/routeMatrix.ts; this test fails otherwise).

const matrixApp = useRouteMatrix();

const DENIALS = new Set(['sign_in_required', 'session_expired', 'forbidden', 'region_not_assigned', 'csrf']);

function expected(access: string | undefined, who: Principal): Expectation {
  switch (access) {
    case 'public':
      return 'allowed';
    case 'read':
    case 'self':
      return who === 'anonymous' ? 401 : 'allowed';
    case 'figures':
      if (who === 'anonymous') return 401;
      return who === 'statistician_region' || who === 'reporter_region' || who === 'admin' ? 'allowed' : 403;
    case 'review':
      if (who === 'anonymous') return 401;
      return who === 'reviewer_region' || who === 'admin' ? 'allowed' : 403;
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
    const app = matrixApp();
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
