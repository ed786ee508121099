import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../server/src/auth/password.js';
import { type Db, openDatabase } from '../../server/src/db/connection.js';
import { useApp } from '../helpers/app.js';

// An administrator resets a user's password: POST /api/users/:id/password, through the real app in
// demo mode (its three demo accounts sign in; the account reset is opened through the API).

const { app, dbPath } = useApp({ demo: true, publicRead: false });

const OLD = 'the forgotten password';
const NEW = 'a fresh password from the admin';
let db: Db;
let admin: { cookie: string; csrf: string };
let forgetfulId = 0;

async function signIn(name: string, password: string) {
  const res = await app().inject({ method: 'POST', url: '/api/session', payload: { name, password } });
  const cookie = res.cookies.find((c) => c.name === 'jindu_session');
  return {
    status: res.statusCode,
    code: res.statusCode === 200 ? undefined : (res.json().code as string),
    cookie: cookie ? `jindu_session=${cookie.value}` : '',
    csrf: res.statusCode === 200 ? (res.json().csrfToken as string) : '',
  };
}

const reset = (
  id: number,
  payload: unknown,
  headers: Record<string, string> = { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
) => app().inject({ method: 'POST', url: `/api/users/${id}/password`, headers, payload: payload as object });

const hashOf = (id: number) => db.prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(id) as string;
const sessionsOf = (id: number) => db.prepare('SELECT count(*) FROM sessions WHERE user_id = ?').pluck().get(id) as number;
// Writes other than signing in and out, which the refusals below do on their way.
const auditCount = () => db.prepare("SELECT count(*) FROM audit_log WHERE action NOT LIKE 'session.%'").pluck().get() as number;

beforeAll(async () => {
  db = openDatabase(dbPath());
  const signedIn = await signIn('demo-admin', 'jindu-demo-admin');
  expect(signedIn.status).toBe(200);
  admin = signedIn;
  const created = await app().inject({
    method: 'POST',
    url: '/api/users',
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    payload: { name: 'forgetful', displayName: '健忘的统计员', role: 'statistician', regions: ['141100'], password: OLD },
  });
  expect(created.statusCode, created.body).toBe(201);
  forgetfulId = created.json().id;
});
afterAll(() => {
  db?.close();
});

describe('refusals: nothing is changed', () => {
  it('answers a short password with 400 naming "password", a long or missing one too', async () => {
    const hash = hashOf(forgetfulId);
    const audits = auditCount();
    const short = await reset(forgetfulId, { password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'The password needs at least 10 characters.',
      field: 'password',
      code: 'password_too_short',
    });
    const nine = await reset(forgetfulId, { password: '123456789' });
    expect(nine.json()).toMatchObject({ field: 'password', code: 'password_too_short' });
    const long = await reset(forgetfulId, { password: 'x'.repeat(201) });
    expect(long.statusCode).toBe(400);
    expect(long.json().field).toBe('password');
    const missing = await reset(forgetfulId, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().field).toBe('password');
    const extra = await reset(forgetfulId, { password: NEW, passwordHash: 'scrypt$1$1$1$a$b' });
    expect(extra.statusCode).toBe(400);
    expect(hashOf(forgetfulId)).toBe(hash);
    expect(auditCount()).toBe(audits);
  });

  it('answers an unknown account with 404', async () => {
    const audits = auditCount();
    const res = await reset(999_999, { password: NEW });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ statusCode: 404, error: 'Not Found', message: 'No user with id 999999' });
    expect((await reset(0, { password: NEW })).json()).toMatchObject({ statusCode: 400, field: 'id' });
    expect(auditCount()).toBe(audits);
  });

  it('refuses an administrator’s own account, sending them to the password change that asks for the current one', async () => {
    const adminId = db.prepare("SELECT id FROM users WHERE name = 'demo-admin'").pluck().get() as number;
    const hash = hashOf(adminId);
    const audits = auditCount();
    const res = await reset(adminId, { password: NEW });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'id', code: 'own_password' });
    expect(res.json().message).toMatch(/password page/);
    expect(hashOf(adminId)).toBe(hash);
    expect(auditCount()).toBe(audits);
    // The administrator is still signed in.
    const users = await app().inject({ method: 'GET', url: '/api/users', headers: { cookie: admin.cookie } });
    expect(users.statusCode).toBe(200);
  });

  it('refuses a reset without the CSRF token, or with a wrong one', async () => {
    const hash = hashOf(forgetfulId);
    const audits = auditCount();
    const missing = await reset(forgetfulId, { password: NEW }, { cookie: admin.cookie });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().code).toBe('csrf');
    const wrong = await reset(forgetfulId, { password: NEW }, { cookie: admin.cookie, 'x-csrf-token': `${admin.csrf}x` });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('csrf');
    expect(hashOf(forgetfulId)).toBe(hash);
    expect(auditCount()).toBe(audits);
  });

  it('refuses statisticians and viewers (403) and visitors (401)', async () => {
    const hash = hashOf(forgetfulId);
    const audits = auditCount();
    for (const [name, password] of [
      ['demo-statistician', 'jindu-demo-statistician'],
      ['demo-viewer', 'jindu-demo-viewer'],
    ] as const) {
      const who = await signIn(name, password);
      expect(who.status).toBe(200);
      const res = await reset(forgetfulId, { password: NEW }, { cookie: who.cookie, 'x-csrf-token': who.csrf });
      expect(res.statusCode, name).toBe(403);
      expect(res.json().code, name).toBe('forbidden');
    }
    // The account being reset cannot reset itself here either: it is not an administrator.
    const self = await signIn('forgetful', OLD);
    const own = await reset(forgetfulId, { password: NEW }, { cookie: self.cookie, 'x-csrf-token': self.csrf });
    expect(own.statusCode).toBe(403);
    const anonymous = await reset(forgetfulId, { password: NEW }, {});
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('sign_in_required');
    expect(hashOf(forgetfulId)).toBe(hash);
    expect(auditCount()).toBe(audits);
  });
});

describe('a reset', () => {
  it('sets the new password, ends every session of the account, and is on record without the hash', async () => {
    // Two sign-ins of the account, as on two computers (one perhaps a thief's).
    db.prepare('DELETE FROM sessions WHERE user_id = ?').run(forgetfulId);
    const first = await signIn('forgetful', OLD);
    const second = await signIn('forgetful', OLD);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(sessionsOf(forgetfulId)).toBe(2);
    expect((await app().inject({ method: 'GET', url: '/api/plans', headers: { cookie: first.cookie } })).statusCode).toBe(200);
    const changedBefore = db.prepare('SELECT password_changed_at FROM users WHERE id = ?').pluck().get(forgetfulId) as string;

    const res = await reset(forgetfulId, { password: NEW });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');

    // Both sessions are gone: their cookies now get 401, and the rows are deleted.
    expect(sessionsOf(forgetfulId)).toBe(0);
    for (const session of [first, second]) {
      const read = await app().inject({ method: 'GET', url: '/api/plans', headers: { cookie: session.cookie } });
      expect(read.statusCode).toBe(401);
      expect(read.json().code).toBe('session_expired');
    }
    // The administrator's own session is untouched.
    expect((await app().inject({ method: 'GET', url: '/api/users', headers: { cookie: admin.cookie } })).statusCode).toBe(200);

    // The stored hash is a fresh scrypt hash of the new password.
    expect(hashOf(forgetfulId)).toMatch(/^scrypt\$/);
    expect(await verifyPassword(NEW, hashOf(forgetfulId))).toBe(true);
    expect(await verifyPassword(OLD, hashOf(forgetfulId))).toBe(false);
    const changedAfter = db.prepare('SELECT password_changed_at FROM users WHERE id = ?').pluck().get(forgetfulId) as string;
    expect(changedAfter > changedBefore).toBe(true);

    // Signing in: the old password is refused, the new one accepted.
    const old = await signIn('forgetful', OLD);
    expect(old.status).toBe(401);
    expect(old.code).toBe('wrong_credentials');
    const fresh = await signIn('forgetful', NEW);
    expect(fresh.status).toBe(200);

    // The audit entry: who reset whom, how many sessions ended; no password, no hash.
    const audit = await app().inject({
      method: 'GET',
      url: '/api/audit?user=demo-admin&limit=1',
      headers: { cookie: admin.cookie },
    });
    expect(audit.statusCode).toBe(200);
    expect(audit.json().entries[0]).toMatchObject({
      actor: 'demo-admin',
      action: 'user.password_reset',
      entity: 'user',
      entityId: String(forgetfulId),
      before: null,
      after: { name: 'forgetful', sessionsEnded: 2 },
      origin: 'form',
    });
    const rows = db.prepare("SELECT before_json, after_json FROM audit_log WHERE action = 'user.password_reset'").all() as {
      before_json: string | null;
      after_json: string;
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.before_json).toBeNull();
    expect(JSON.parse(rows[0]?.after_json ?? 'null')).toEqual({ name: 'forgetful', sessionsEnded: 2 });
    const everything = JSON.stringify(db.prepare('SELECT * FROM audit_log').all());
    expect(everything).not.toContain(NEW);
    expect(everything).not.toContain('scrypt');
  });
});
