import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp, DEMO_ACCOUNTS } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { parseTrustProxy, readConfig } from '../../server/src/config.js';
import { type Db, openDatabase } from '../../server/src/db/connection.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { tempDbPath } from '../helpers/db.js';

// Sign-in limits under hostile use (issue 10, items 1, 2, 5 and 9): parallel guesses, lock-out by a
// stranger, demo accounts in production, the trusted proxy, and sign-ins in the audit log. The app's
// default limits: 5 per account and address, 20 per address, 30 per account, a 15-minute window, a
// first wait of 60 s. The app's clock is the test's, so waits pass without waiting.

const PASSWORD = 'the owner’s long password';
const ADMIN_PASSWORD = 'the administrator’s password';
let now = Date.now();
const clock = () => new Date(now);
const advance = (seconds: number) => {
  now += seconds * 1000;
};

let app: App;
let db: Db;
let cleanup: () => void;
const ids: Record<string, number> = {};
let admin: { cookie: string; csrf: string };

beforeAll(async () => {
  const tmp = tempDbPath();
  cleanup = tmp.cleanup;
  app = await buildApp({ dbPath: tmp.dbPath, serveWeb: false, clock });
  db = openDatabase(tmp.dbPath);
  const repos = createRepositories(db);
  const passwordHash = await hashPassword(PASSWORD);
  const at = new Date().toISOString();
  for (const name of ['parallel', 'owner', 'slow', 'capped', 'shared', 'flooded', 'spread', 'audited']) {
    ids[name] = repos.users.create({ name, displayName: name, role: 'viewer', regions: [], passwordHash }, at);
  }
  const adminHash = await hashPassword(ADMIN_PASSWORD);
  ids.admin = repos.users.create(
    { name: 'admin', displayName: 'Admin', role: 'admin', regions: [], passwordHash: adminHash },
    at,
  );
  const signedIn = await signIn('admin', ADMIN_PASSWORD, '192.0.2.1');
  expect(signedIn.statusCode).toBe(200);
  admin = { cookie: cookieOf(signedIn), csrf: signedIn.json().csrfToken };
});
afterAll(async () => {
  db.close();
  await app.close();
  cleanup();
});

function signIn(name: string, password: string, remoteAddress: string, target: App = app, headers = {}) {
  return target.inject({ method: 'POST', url: '/api/session', payload: { name, password }, remoteAddress, headers });
}
const cookieOf = (res: { cookies: { name: string; value: string }[] }) =>
  `jindu_session=${res.cookies.find((c) => c.name === 'jindu_session')?.value}`;
const statuses = (answers: { statusCode: number }[]) => {
  const count: Record<number, number> = {};
  for (const a of answers) count[a.statusCode] = (count[a.statusCode] ?? 0) + 1;
  return count;
};
const attempts = (sql: string, ...args: unknown[]) =>
  db.prepare(`SELECT outcome, count(*) AS n FROM login_attempts WHERE ${sql} GROUP BY outcome ORDER BY outcome`).all(...args);
const unlock = (id: number, headers: Record<string, string> = { cookie: admin.cookie, 'x-csrf-token': admin.csrf }) =>
  app.inject({ method: 'POST', url: `/api/users/${id}/unlock`, headers, remoteAddress: '192.0.2.1' });

describe('parallel guesses', () => {
  it('checks exactly the limit of 40 parallel wrong passwords for one account, and refuses the rest before hashing', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signIn('parallel', `wrong guess ${i}`, '198.51.100.1')),
    );
    expect(statuses(answers)).toEqual({ 401: 5, 429: 35 });
    for (const a of answers.filter((a) => a.statusCode === 429)) {
      expect(a.json()).toMatchObject({ code: 'account_throttled', retryAfter: 60 });
      expect(a.headers['retry-after']).toBe('60');
    }
    // Only the checked attempts were written, all resolved: none is left pending.
    expect(attempts('name = ?', 'parallel')).toEqual([{ outcome: 'failure', n: 5 }]);
    // The right password, too, waits now: the limit is not a hint about which guess was right.
    expect((await signIn('parallel', PASSWORD, '198.51.100.1')).statusCode).toBe(429);
  });

  it('checks exactly the address limit of 200 parallel sign-ins from one address under 200 names', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => signIn(`guessed-name-${i}`, 'wrong guess', '198.51.100.2')),
    );
    expect(statuses(answers)).toEqual({ 401: 20, 429: 180 });
    const refused = answers.find((a) => a.statusCode === 429);
    expect(refused?.json()).toMatchObject({
      code: 'address_throttled',
      retryAfter: 60,
      message: 'Too many failed sign-ins from your address; try again in 1 minute.',
    });
    expect(attempts('address = ?', '198.51.100.2')).toEqual([{ outcome: 'failure', n: 20 }]);
  });
});

describe('lock-out by a stranger', () => {
  it("slows the attacker's address down while the owner signs in from their own", async () => {
    for (let i = 0; i < 5; i++) expect((await signIn('owner', `guess ${i}`, '203.0.113.66')).statusCode).toBe(401);
    const attacker = await signIn('owner', PASSWORD, '203.0.113.66');
    expect(attacker.statusCode).toBe(429);
    expect(attacker.json().code).toBe('account_throttled');
    const owner = await signIn('owner', PASSWORD, '192.0.2.10');
    expect(owner.statusCode).toBe(200);
    expect(owner.json().user.name).toBe('owner');
  });

  it('makes each attempt past the limit wait longer: 60 s, then 120, 240, 480', async () => {
    const from = '203.0.113.70';
    for (let i = 0; i < 5; i++) expect((await signIn('slow', `guess ${i}`, from)).statusCode).toBe(401);
    const waits: number[] = [];
    const messages: string[] = [];
    for (let round = 0; round < 4; round++) {
      const refused = await signIn('slow', 'another guess', from);
      expect(refused.statusCode).toBe(429);
      const wait = Number(refused.headers['retry-after']);
      expect(refused.json().retryAfter).toBe(wait);
      waits.push(wait);
      messages.push(refused.json().message);
      // One second early is still too early; on time, one more guess is checked.
      advance(wait - 1);
      expect((await signIn('slow', 'another guess', from)).statusCode).toBe(429);
      advance(1);
      expect((await signIn('slow', 'another guess', from)).statusCode).toBe(401);
    }
    expect(waits).toEqual([60, 120, 240, 480]);
    expect(messages.at(-1)).toBe('Too many failed sign-ins for this account from your address; try again in 8 minutes.');
  });

  it('deletes the attempts no limit reads any more (failures past the window, successes past 90 days), at most hourly', async () => {
    const insert = db.prepare('INSERT INTO login_attempts (name, address, at, outcome) VALUES (?, ?, ?, ?)');
    const ago = (ms: number) => new Date(now - ms).toISOString();
    const day = 86_400_000;
    insert.run('pruned', '203.0.113.90', ago(2 * day), 'failure');
    insert.run('pruned', '203.0.113.90', ago(day), 'pending');
    insert.run('pruned', '203.0.113.90', ago(100 * day), 'success');
    insert.run('pruned', '203.0.113.91', ago(30 * day), 'success');
    advance(3600);
    insert.run('pruned', '203.0.113.92', ago(60_000), 'failure');
    await signIn('nobody', 'x', '198.51.100.1');
    const left = db.prepare("SELECT address, outcome FROM login_attempts WHERE name = 'pruned' ORDER BY address").all() as {
      address: string;
      outcome: string;
    }[];
    expect(left).toEqual([
      { address: '203.0.113.91', outcome: 'success' },
      { address: '203.0.113.92', outcome: 'failure' },
    ]);
    // Within the hour, no second scan: an old row written now stays until the next one.
    insert.run('pruned', '203.0.113.93', ago(2 * day), 'failure');
    await signIn('nobody', 'x', '198.51.100.1');
    expect(db.prepare("SELECT count(*) FROM login_attempts WHERE name = 'pruned'").pluck().get()).toBe(3);
  });

  it('never makes a wait longer than the window (15 minutes)', async () => {
    // Twelve failures just now: 60 s doubled seven times would be 128 minutes.
    const insert = db.prepare("INSERT INTO login_attempts (name, address, at, outcome) VALUES (?, ?, ?, 'failure')");
    for (let i = 0; i < 12; i++) insert.run('capped', '203.0.113.71', new Date(now).toISOString());
    const refused = await signIn('capped', PASSWORD, '203.0.113.71');
    expect(refused.headers['retry-after']).toBe('900');
  });

  it('lets the account in again after an administrator unlocks it, from the throttled address too', async () => {
    // The owner shares an office address with whoever made the failures.
    for (let i = 0; i < 5; i++) expect((await signIn('shared', `guess ${i}`, '203.0.113.80')).statusCode).toBe(401);
    expect((await signIn('shared', PASSWORD, '203.0.113.80')).statusCode).toBe(429);
    const audits = db.prepare("SELECT count(*) FROM audit_log WHERE action = 'user.unlock'").pluck().get();
    const res = await unlock(ids.shared as number);
    expect(res.statusCode).toBe(204);
    expect((await signIn('shared', PASSWORD, '203.0.113.80')).statusCode).toBe(200);
    const entry = db
      .prepare(
        "SELECT actor, entity_id, after_json, address FROM audit_log WHERE action = 'user.unlock' ORDER BY id DESC LIMIT 1",
      )
      .get();
    expect(entry).toEqual({
      actor: 'admin',
      entity_id: String(ids.shared),
      after_json: '{"name":"shared"}',
      address: '192.0.2.1',
    });
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'user.unlock'").pluck().get()).toBe(Number(audits) + 1);
    expect((await unlock(999_999)).statusCode).toBe(404);
  });

  it("does not lift an address's own limit: the unlock frees the account, not whoever was guessing", async () => {
    const from = '203.0.113.90';
    for (let i = 0; i < 20; i++) expect((await signIn(`name-${i}`, 'guess', from)).statusCode).toBe(401);
    expect((await unlock(ids.flooded as number)).statusCode).toBe(204);
    const refused = await signIn('flooded', PASSWORD, from);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('address_throttled');
    expect((await signIn('flooded', PASSWORD, '192.0.2.90')).statusCode).toBe(200);
  });

  it('slows an account guessed from many addresses down, except from an address its owner signs in from', async () => {
    const home = '192.0.2.50';
    expect((await signIn('spread', PASSWORD, home)).statusCode).toBe(200);
    // Six addresses, five guesses each: each stays within its own limit, together they reach 30.
    for (let a = 1; a <= 6; a++) {
      for (let i = 0; i < 5; i++) expect((await signIn('spread', `guess ${i}`, `198.18.0.${a}`)).statusCode).toBe(401);
    }
    const seventh = await signIn('spread', PASSWORD, '198.18.0.7');
    expect(seventh.statusCode).toBe(429);
    expect(seventh.json()).toMatchObject({
      code: 'account_throttled',
      message: 'Too many failed sign-ins for this account; try again in 1 minute.',
    });
    // The owner's usual address is not held back by guesses from elsewhere.
    expect((await signIn('spread', PASSWORD, home)).statusCode).toBe(200);
  });
});

describe('the audit log', () => {
  it('records sign-ins, failed sign-ins (the name tried, never the password) and sign-outs, with the address', async () => {
    const secret = 'a secret wrong password';
    expect((await signIn('audited', secret, '192.0.2.33')).statusCode).toBe(401);
    expect((await signIn('nobody-by-this-name', secret, '192.0.2.33')).statusCode).toBe(401);
    const signedIn = await signIn('audited', PASSWORD, '192.0.2.34');
    expect(signedIn.statusCode).toBe(200);
    const out = await app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie: cookieOf(signedIn), 'x-csrf-token': signedIn.json().csrfToken },
      remoteAddress: '192.0.2.35',
    });
    expect(out.statusCode).toBe(204);

    const res = await app.inject({
      method: 'GET',
      url: '/api/audit?limit=4',
      headers: { cookie: admin.cookie },
      remoteAddress: '192.0.2.1',
    });
    expect(res.statusCode).toBe(200);
    const entries = res.json().entries.map((e: Record<string, unknown>) => ({
      actor: e.actor,
      userId: e.userId,
      action: e.action,
      entityId: e.entityId,
      after: e.after,
      address: e.address,
    }));
    expect(entries).toEqual([
      {
        actor: 'audited',
        userId: ids.audited,
        action: 'session.sign_out',
        entityId: String(ids.audited),
        after: null,
        address: '192.0.2.35',
      },
      {
        actor: 'audited',
        userId: ids.audited,
        action: 'session.sign_in',
        entityId: String(ids.audited),
        after: null,
        address: '192.0.2.34',
      },
      {
        actor: 'anonymous',
        userId: null,
        action: 'session.sign_in_failed',
        entityId: null,
        after: { name: 'nobody-by-this-name', reason: 'unknown_name' },
        address: '192.0.2.33',
      },
      {
        actor: 'anonymous',
        userId: null,
        action: 'session.sign_in_failed',
        entityId: String(ids.audited),
        after: { name: 'audited', reason: 'wrong_password' },
        address: '192.0.2.33',
      },
    ]);
    const everything = db.prepare('SELECT * FROM audit_log').all();
    expect(JSON.stringify(everything)).not.toContain(secret);
    expect(JSON.stringify(everything)).not.toContain(PASSWORD);
  });

  it('records the address of every write through the API (an account change here)', async () => {
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/users/${ids.audited}`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { displayName: 'Audited again' },
      remoteAddress: '192.0.2.36',
    });
    expect(res.statusCode).toBe(200);
    const entry = db.prepare("SELECT address FROM audit_log WHERE action = 'user.update' ORDER BY id DESC LIMIT 1").get();
    expect(entry).toEqual({ address: '192.0.2.36' });
  });
});

describe('a trusted proxy (JINDU_TRUST_PROXY)', () => {
  const forwarded = { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https' };

  it('is ignored when not set: the peer is the client, and the cookie is not Secure over plain HTTP', async () => {
    const res = await signIn('audited', PASSWORD, '192.0.2.37', app, forwarded);
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'jindu_session')?.secure).toBeFalsy();
    const entry = db.prepare("SELECT address FROM audit_log WHERE action = 'session.sign_in' ORDER BY id DESC LIMIT 1").get();
    expect(entry).toEqual({ address: '192.0.2.37' });
  });

  it("when set, gives the client's address and https from the proxy's headers, and makes the cookie Secure", async () => {
    const tmp = tempDbPath();
    const proxied = await buildApp({ dbPath: tmp.dbPath, serveWeb: false, trustProxy: ['127.0.0.1'] });
    const other = openDatabase(tmp.dbPath);
    try {
      createRepositories(other).users.create(
        { name: 'behind', displayName: 'Behind', role: 'viewer', regions: [], passwordHash: await hashPassword(PASSWORD) },
        new Date().toISOString(),
      );
      const res = await signIn('behind', PASSWORD, '127.0.0.1', proxied, forwarded);
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((c) => c.name === 'jindu_session')?.secure).toBe(true);
      const entry = other.prepare("SELECT address FROM audit_log WHERE action = 'session.sign_in'").get();
      expect(entry).toEqual({ address: '203.0.113.7' });
      // The limits count the client behind the proxy, not the proxy: five failures from one client
      // do not slow down another.
      for (let i = 0; i < 5; i++) {
        const failed = await signIn('behind', 'guess', '127.0.0.1', proxied, { 'x-forwarded-for': '203.0.113.8' });
        expect(failed.statusCode).toBe(401);
      }
      expect((await signIn('behind', 'guess', '127.0.0.1', proxied, { 'x-forwarded-for': '203.0.113.8' })).statusCode).toBe(429);
      expect((await signIn('behind', PASSWORD, '127.0.0.1', proxied, { 'x-forwarded-for': '203.0.113.9' })).statusCode).toBe(200);
      // A peer that is not the listed proxy is its own client, whatever headers it sends.
      const direct = await signIn('behind', PASSWORD, '192.0.2.99', proxied, forwarded);
      expect(direct.cookies.find((c) => c.name === 'jindu_session')?.secure).toBeFalsy();
      expect(
        other.prepare("SELECT address FROM audit_log WHERE action = 'session.sign_in' ORDER BY id DESC LIMIT 1").get(),
      ).toEqual({
        address: '192.0.2.99',
      });
    } finally {
      other.close();
      await proxied.close();
      tmp.cleanup();
    }
  });

  it('accepts true, false, or addresses and CIDRs, and refuses anything else by name', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy(' 10.0.0.1, 10.1.0.0/16,::1,fd00::/8 , loopback,192.168.0.0/255.255.0.0')).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
      '::1',
      'fd00::/8',
      'loopback',
      '192.168.0.0/255.255.0.0',
    ]);
    expect(() => parseTrustProxy('1')).toThrow(/a hop count is not accepted/);
    expect(() => parseTrustProxy('proxy.internal')).toThrow(/JINDU_TRUST_PROXY must be true, false, or comma-separated/);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/JINDU_TRUST_PROXY/);
    expect(() => parseTrustProxy('10.0.0.1/8/8')).toThrow(/JINDU_TRUST_PROXY/);
    expect(() => parseTrustProxy(',')).toThrow(/JINDU_TRUST_PROXY/);
    expect(readConfig({}, []).trustProxy).toBe(false);
    expect(readConfig({ JINDU_TRUST_PROXY: '127.0.0.1' }, []).trustProxy).toEqual(['127.0.0.1']);
  });
});

describe('demo accounts outside demo mode', () => {
  it('cannot sign in, lose their sessions, and are counted for the start-up warning', async () => {
    const tmp = tempDbPath();
    try {
      const demo = await buildApp({ dbPath: tmp.dbPath, serveWeb: false, demo: true });
      expect(demo.demoAccountsFound).toBe(0);
      const inDemo = await signIn('demo-admin', 'jindu-demo-admin', '192.0.2.20', demo);
      expect(inDemo.statusCode).toBe(200);
      const demoCookie = cookieOf(inDemo);
      await demo.close();

      const production = await buildApp({ dbPath: tmp.dbPath, serveWeb: false, demo: false });
      try {
        // Every demo account: admin, statistician, viewer, and the reporter and reviewer of review before publication.
        expect(production.demoAccountsFound).toBe(DEMO_ACCOUNTS.length);
        expect(DEMO_ACCOUNTS.length).toBe(5);
        const session = await production.inject({ method: 'GET', url: '/api/session', headers: { cookie: demoCookie } });
        expect(session.json().user).toBeNull();
        const refused = await signIn('demo-admin', 'jindu-demo-admin', '192.0.2.20', production);
        expect(refused.statusCode).toBe(401);
        expect(refused.json()).toMatchObject({ code: 'demo_account_disabled' });
        expect(refused.cookies).toHaveLength(0);
        const wrong = await signIn('demo-viewer', 'not the demo password', '192.0.2.20', production);
        expect(wrong.json().code).toBe('wrong_credentials');
      } finally {
        await production.close();
      }
    } finally {
      tmp.cleanup();
    }
  });

  it('are not counted in a database that never ran in demo mode', () => {
    expect(app.demoAccountsFound).toBe(0);
  });
});
