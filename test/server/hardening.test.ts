import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { filesOpenToOthers, openDatabase } from '../../server/src/db/connection.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { useApp } from '../helpers/app.js';
import { tempDir } from '../helpers/db.js';

// What an anonymous caller of a production server may learn, what no cache may keep, slow clients,
// the database file's mode, and query values that once answered 500.

const PASSWORD = 'a long enough password';
const { app, dbPath } = useApp({ publicRead: false });

async function signInAdmin(): Promise<{ cookie: string; csrf: string }> {
  const repos = createRepositories(openDatabase(dbPath()));
  if (!repos.users.byName('hardening-admin')) {
    const passwordHash = await hashPassword(PASSWORD);
    repos.users.create(
      { name: 'hardening-admin', displayName: 'admin', passwordHash, role: 'admin', regions: [] },
      new Date().toISOString(),
    );
  }
  repos.db.close();
  const res = await app().inject({
    method: 'POST',
    url: '/api/session',
    payload: { name: 'hardening-admin', password: PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  const cookie = res.cookies.find((c) => c.name === 'jindu_session');
  return { cookie: `jindu_session=${cookie?.value}`, csrf: res.json().csrfToken };
}

describe('what an anonymous caller learns in production', () => {
  it('health says only ok; the counts are for signed-in users', async () => {
    const anonymous = await app().inject({ method: 'GET', url: '/api/health' });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ status: 'ok' });
    const { cookie } = await signInAdmin();
    const signedIn = await app().inject({ method: 'GET', url: '/api/health', headers: { cookie } });
    expect(signedIn.json()).toEqual({ status: 'ok', migrations: expect.any(Number), plans: 5 });
  });

  it('keeps the API documentation behind sign-in unless it is opened', async () => {
    expect((await app().inject({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(401);
    const { cookie } = await signInAdmin();
    const docs = await app().inject({ method: 'GET', url: '/api/docs/json', headers: { cookie } });
    expect(docs.statusCode).toBe(200);
    expect(Object.keys(docs.json().paths)).toContain('/api/health');
  });
});

describe('caching of signed-in answers', () => {
  it('marks every signed-in JSON answer no-store (plan data: private, no-cache), and leaves anonymous public data alone', async () => {
    const { cookie } = await signInAdmin();
    for (const url of ['/api/session', '/api/users', '/api/audit']) {
      const res = await app().inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    // The plan data every reader of the role sees (no session, no token in it) is revalidated by
    // ETag instead (plugins/responseCache.ts): private, and asked for again before every use.
    const plans = await app().inject({ method: 'GET', url: '/api/plans', headers: { cookie } });
    expect(plans.headers['cache-control']).toBe('private, no-cache');
    expect(plans.headers.etag).toBeDefined();
    const anonymous = await app().inject({ method: 'GET', url: '/api/session' });
    expect(anonymous.headers['cache-control']).toBeUndefined();
  });
});

describe('query values that answered 500', () => {
  it('answers 400 naming the field for an impossible date or a huge offset', async () => {
    const { cookie } = await signInAdmin();
    for (const [query, field] of [
      ['to=9999-99-99', 'to'],
      ['from=2023-02-30', 'from'],
      ['offset=99999999999999999999', 'offset'],
      ['offset=1e30', 'offset'],
    ] as const) {
      const res = await app().inject({ method: 'GET', url: `/api/audit?${query}`, headers: { cookie } });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().field, query).toBe(field);
    }
    // Said in both languages too, for the page to show in the user's.
    const impossible = await app().inject({ method: 'GET', url: '/api/audit?to=9999-99-99', headers: { cookie } });
    expect(impossible.json()).toMatchObject({
      code: 'invalid_field',
      field: 'to',
      messages: { zh: expect.stringContaining('“截止日期”') },
    });
    const fine = await app().inject({ method: 'GET', url: '/api/audit?from=2024-02-29&to=2099-12-31', headers: { cookie } });
    expect(fine.statusCode).toBe(200);
  });
});

describe('demo accounts beside a production server', () => {
  it('never honours a demo session in production, even one a demo server made after it started', async () => {
    const { dir, cleanup } = tempDir();
    const file = path.join(dir, 'jindu.db');
    const demo = await buildApp({ dbPath: file, serveWeb: false, demo: true });
    const production = await buildApp({ dbPath: file, serveWeb: false, publicRead: false });
    const signedIn = await demo.inject({
      method: 'POST',
      url: '/api/session',
      payload: { name: 'demo-admin', password: 'jindu-demo-admin' },
    });
    expect(signedIn.statusCode).toBe(200);
    const cookie = `jindu_session=${signedIn.cookies.find((c) => c.name === 'jindu_session')?.value}`;
    expect((await demo.inject({ method: 'GET', url: '/api/users', headers: { cookie } })).statusCode).toBe(200);
    const refused = await production.inject({ method: 'GET', url: '/api/users', headers: { cookie } });
    expect(refused.statusCode).toBe(401);
    expect((await production.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).json().user).toBeNull();
    await demo.close();
    await production.close();
    cleanup();
  });
});

describe('a refused request body', () => {
  it('is said in both languages on any route, naming the field', async () => {
    const { cookie, csrf } = await signInAdmin();
    const res = await app().inject({
      method: 'POST',
      url: '/api/observations',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: {
        region: '141100',
        indicator: 'high_tech_firms',
        year: 2022,
        value: 90,
        vintage: 'provisional',
        sourceTitle: 'x',
      },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body).toMatchObject({ code: 'invalid_field', field: 'vintage', reason: 'not_allowed' });
    expect(body.messages.zh).toContain('“口径”');
    expect(body.messages.zh).not.toMatch(/[A-Za-z]{4,}/);
    expect(body.messages.en).toContain('“Vintage”');
  });
});

describe('the database file', () => {
  it('is created, with its WAL, readable and writable by its owner only', async () => {
    const { dir, cleanup } = tempDir();
    const file = path.join(dir, 'nested', 'jindu.db');
    const built = await buildApp({ dbPath: file, serveWeb: false });
    await built.inject({ method: 'GET', url: '/api/health' });
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      expect((fs.statSync(f).mode & 0o777).toString(8), f).toBe('600');
    }
    expect((fs.statSync(path.dirname(file)).mode & 0o777).toString(8)).toBe('700');
    expect(filesOpenToOthers(file)).toEqual([]);
    fs.chmodSync(file, 0o644);
    expect(filesOpenToOthers(file)).toEqual([file]);
    await built.close();
    cleanup();
  });
});

describe('slow clients', () => {
  /** Opens a socket and returns when the server closes it, with what the server sent. */
  function watch(port: number): { socket: net.Socket; closed: Promise<{ afterMs: number; received: string }> } {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
    });
    socket.on('error', () => {});
    const closed = new Promise<{ afterMs: number; received: string }>((resolve) =>
      socket.on('close', () => resolve({ afterMs: Date.now() - started, received })),
    );
    return { socket, closed };
  }

  it('cuts off a body that trickles in, and an idle keep-alive connection', async () => {
    const { dir, cleanup } = tempDir();
    const built = await buildApp({
      dbPath: path.join(dir, 'jindu.db'),
      serveWeb: false,
      timeouts: { request: 1_000, headers: 1_000, idle: 5_000, keepAlive: 500 },
    });
    await built.listen({ host: '127.0.0.1', port: 0 });
    const { port } = built.server.address() as AddressInfo;

    // A byte every 200 ms of a 100-byte body would take 20 s; the request timeout is 1 s.
    const slow = watch(port);
    slow.socket.write('POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n');
    const drip = setInterval(() => slow.socket.writable && slow.socket.write(' '), 200);
    const cut = await slow.closed;
    clearInterval(drip);
    expect(cut.received).toMatch(/^HTTP\/1\.1 408/);
    expect(cut.afterMs).toBeLessThan(5_000);

    // Headers that never end are cut off too.
    const headers = watch(port);
    headers.socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n');
    const drip2 = setInterval(() => headers.socket.writable && headers.socket.write('X-A: b\r\n'), 200);
    const cut2 = await headers.closed;
    clearInterval(drip2);
    expect(cut2.afterMs).toBeLessThan(5_000);

    // A finished request on a keep-alive connection: the idle connection is closed after 0.5 s.
    const idle = watch(port);
    idle.socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n');
    const done = await idle.closed;
    expect(done.received).toMatch(/^HTTP\/1\.1 200/);
    expect(done.afterMs).toBeLessThan(4_000);

    await built.close();
    cleanup();
  }, 30_000);
});
