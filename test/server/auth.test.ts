import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/src/app.js';
import { hashPassword, verifyPassword } from '../../server/src/auth/password.js';
import { type Db, openDatabase } from '../../server/src/db/connection.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { tempDbPath } from '../helpers/db.js';

const PASSWORD = 'a password of some length';
let app: App;
let db: Db;
let cleanup: () => void;

beforeAll(async () => {
  const tmp = tempDbPath();
  cleanup = tmp.cleanup;
  app = await buildApp({ dbPath: tmp.dbPath, serveWeb: false, signInLimits: { perPair: 3, perAddress: 50 } });
  db = openDatabase(tmp.dbPath);
  const repos = createRepositories(db);
  const passwordHash = await hashPassword(PASSWORD);
  const now = new Date().toISOString();
  repos.users.create(
    { name: 'lv-stat', displayName: '吕梁统计员', role: 'statistician', regions: ['141100'], passwordHash },
    now,
  );
  repos.users.create(
    { name: 'pj-stat', displayName: '盘锦统计员', role: 'statistician', regions: ['211100'], passwordHash },
    now,
  );
  repos.users.create({ name: 'locked', displayName: 'Locked', role: 'viewer', regions: [], passwordHash }, now);
  repos.users.create({ name: 'admin', displayName: 'Admin', role: 'admin', regions: [], passwordHash }, now);
});
afterAll(async () => {
  db.close();
  await app.close();
  cleanup();
});

async function signIn(name: string, password = PASSWORD) {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name, password } });
  const cookie = res.cookies.find((c) => c.name === 'jindu_session');
  return {
    res,
    cookie: cookie ? `jindu_session=${cookie.value}` : '',
    csrf: res.statusCode === 200 ? (res.json().csrfToken as string) : '',
  };
}

const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const figure = (region: string) => ({
  region,
  indicator: 'high_tech_firms',
  year: 2022,
  value: 101,
  vintage: 'preliminary',
  sourceTitle: '2022年统计公报',
});

describe('passwords', () => {
  it('are hashed with scrypt, salted, and verified', async () => {
    const a = await hashPassword('same password');
    const b = await hashPassword('same password');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same passwore', a)).toBe(false);
  });
});

describe('signing in', () => {
  it('sets an httpOnly, SameSite=Strict session cookie and returns a CSRF token', async () => {
    const { res } = await signIn('lv-stat');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'jindu_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.secure).toBeFalsy(); // plain HTTP here; Secure when the request came over HTTPS
    expect(res.json().user).toMatchObject({ name: 'lv-stat', role: 'statistician', regions: ['141100'] });
    expect(res.json().csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(res.body).not.toContain('scrypt');
  });

  it('answers a wrong password with 401 and a clear message', async () => {
    const { res } = await signIn('lv-stat', 'not the password');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'wrong_credentials', message: 'Wrong name or password.' });
    expect(res.cookies).toHaveLength(0);
  });

  it('slows an account down from one address after repeated failures, even for the right password', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn('locked', 'wrong wrong wrong')).res.statusCode).toBe(401);
    const { res } = await signIn('locked');
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('60');
    expect(res.json()).toMatchObject({ code: 'account_throttled', retryAfter: 60 });
    expect(res.json().message).toBe('Too many failed sign-ins for this account from your address; try again in 1 minute.');
    // From another address the owner still gets in: the limit is of this account from that address.
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { name: 'locked', password: PASSWORD },
      remoteAddress: '192.0.2.44',
    });
    expect(elsewhere.statusCode).toBe(200);
  });

  it('requires a sign-in to read when reading is not public', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/plans' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('sign_in_required');
    const { cookie } = await signIn('lv-stat');
    expect((await app.inject({ method: 'GET', url: '/api/plans', headers: { cookie } })).statusCode).toBe(200);
  });

  it('ends an expired session with 401 and says so', async () => {
    const { cookie } = await signIn('lv-stat');
    db.prepare("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z'").run();
    const sessions = count('sessions');
    const res = await app.inject({ method: 'GET', url: '/api/plans', headers: { cookie } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('session_expired');
    expect(res.cookies.find((c) => c.name === 'jindu_session')?.value).toBe('');
    expect(count('sessions')).toBe(sessions - 1);
  });

  it('signs out: the session no longer works', async () => {
    const { cookie, csrf } = await signIn('lv-stat');
    const out = await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/plans', headers: { cookie } })).statusCode).toBe(401);
  });
});

describe('writing figures', () => {
  it('refuses a write without the CSRF token, or with a wrong one, and writes nothing', async () => {
    const { cookie, csrf } = await signIn('lv-stat');
    const before = [count('observation_revisions'), count('audit_log')];
    const missing = await app.inject({
      method: 'POST',
      url: '/api/observations',
      headers: { cookie },
      payload: figure('141100'),
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().code).toBe('csrf');
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/observations',
      headers: { cookie, 'x-csrf-token': `${csrf}x` },
      payload: figure('141100'),
    });
    expect(wrong.statusCode).toBe(403);
    expect([count('observation_revisions'), count('audit_log')]).toEqual(before);
  });

  it("refuses a statistician writing another region's figure with 403, and writes nothing", async () => {
    const { cookie, csrf } = await signIn('pj-stat');
    const before = [count('observation_revisions'), count('audit_log')];
    const res = await app.inject({
      method: 'POST',
      url: '/api/observations',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: figure('141100'),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('region_not_assigned');
    expect([count('observation_revisions'), count('audit_log')]).toEqual(before);
  });

  it('writes a statistician’s own region’s figure as a new revision with its audit entry', async () => {
    const { cookie, csrf } = await signIn('lv-stat');
    const headers = { cookie, 'x-csrf-token': csrf };
    const first = await app.inject({ method: 'POST', url: '/api/observations', headers, payload: figure('141100') });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ year: 2022, value: 101, enteredBy: 'lv-stat', revisionCount: 1 });
    const revised = await app.inject({
      method: 'POST',
      url: '/api/observations',
      headers,
      payload: { ...figure('141100'), value: 103, vintage: 'final' },
    });
    expect(revised.json()).toMatchObject({ value: 103, vintage: 'final', revisionCount: 2 });
    const history = db
      .prepare(
        "SELECT value, vintage FROM observation_revisions WHERE region_code = '141100' AND indicator_code = 'high_tech_firms' AND year = 2022 ORDER BY id",
      )
      .all();
    expect(history).toEqual([
      { value: 101, vintage: 'preliminary' },
      { value: 103, vintage: 'final' },
    ]);
    const audit = db
      .prepare(
        "SELECT action, actor, before_json, after_json, region_code FROM audit_log WHERE entity = 'observation' ORDER BY id DESC LIMIT 1",
      )
      .get() as { action: string; actor: string; before_json: string; after_json: string; region_code: string };
    expect(audit).toMatchObject({ action: 'observation.revise', actor: 'lv-stat', region_code: '141100' });
    expect(JSON.parse(audit.before_json)).toMatchObject({ value: 101 });
    expect(JSON.parse(audit.after_json)).toMatchObject({ value: 103 });

    // A figure printed as "—": null is stored as not published, never as 0; a null quote stays null.
    const masked = await app.inject({
      method: 'POST',
      url: '/api/observations',
      headers,
      payload: { ...figure('141100'), indicator: 'valid_invention_patents', value: null, quote: null },
    });
    expect(masked.statusCode).toBe(201);
    expect(masked.json()).toMatchObject({ value: null, published: false, quote: null });
    expect(
      db
        .prepare(
          "SELECT value, published, quote FROM observation_revisions WHERE region_code = '141100' AND indicator_code = 'valid_invention_patents' AND year = 2022",
        )
        .all(),
    ).toEqual([{ value: null, published: 0, quote: null }]);
  });

  it('lets an admin search the audit log by user, region, indicator and date', async () => {
    const { cookie } = await signIn('admin');
    const today = new Date().toISOString().slice(0, 10);
    const res = await app.inject({
      method: 'GET',
      url: `/api/audit?user=lv-stat&region=141100&indicator=high_tech_firms&from=${today}&to=${today}`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(2);
    expect(res.json().entries.map((e: { action: string }) => e.action)).toEqual(['observation.revise', 'observation.create']);
    const nobody = await app.inject({ method: 'GET', url: '/api/audit?user=nobody', headers: { cookie } });
    expect(nobody.json().total).toBe(0);
  });
});

describe('accounts', () => {
  it('changes a password, ends the other sessions, and refuses a short one', async () => {
    const a = await signIn('pj-stat');
    const b = await signIn('pj-stat');
    const headers = { cookie: a.cookie, 'x-csrf-token': a.csrf };
    const short = await app.inject({
      method: 'POST',
      url: '/api/session/password',
      headers,
      payload: { currentPassword: PASSWORD, newPassword: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().field).toBe('newPassword');
    const ok = await app.inject({
      method: 'POST',
      url: '/api/session/password',
      headers,
      payload: { currentPassword: PASSWORD, newPassword: 'a brand new password' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: a.cookie } })).json().user.name).toBe(
      'pj-stat',
    );
    expect((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: b.cookie } })).json().user).toBeNull();
    expect((await signIn('pj-stat', 'a brand new password')).res.statusCode).toBe(200);
  });

  it('lets an admin create and disable an account; a disabled account cannot sign in', async () => {
    const admin = await signIn('admin');
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
    const created = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers,
      payload: {
        name: 'new-viewer',
        displayName: '<b>新读者</b>',
        role: 'viewer',
        regions: [],
        password: 'another long password',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'new-viewer', displayName: '<b>新读者</b>', role: 'viewer' });
    expect(created.body).not.toContain('scrypt');
    const taken = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers,
      payload: { ...JSON.parse(created.body), password: 'x'.repeat(12) },
    });
    expect(taken.statusCode).toBe(400); // unknown fields are refused before the name is checked
    expect((await signIn('new-viewer', 'another long password')).res.statusCode).toBe(200);
    const disabled = await app.inject({
      method: 'PATCH',
      url: `/api/users/${created.json().id}`,
      headers,
      payload: { disabled: true },
    });
    expect(disabled.json().disabled).toBe(true);
    expect((await signIn('new-viewer', 'another long password')).res.statusCode).toBe(401);
  });
});

describe('protection', () => {
  it('sends security headers with a strict Content-Security-Policy', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a request body over the limit with 413', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x', password: 'y'.repeat(300 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
  });
});
