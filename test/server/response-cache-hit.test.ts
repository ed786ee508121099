import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { openDatabase } from '../../server/src/db/connection.js';
import { createDataVersionRepository } from '../../server/src/repositories/dataVersion.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { tempDbPath } from '../helpers/db.js';

// A cached answer served from the route's onRequest hook and written straight to the socket
// (plugins/responseCache.ts), and the data version kept in memory (repositories/dataVersion.ts):
// over a real port, as the production server answers, not only through app.inject.

const PASSWORD = 'a long enough password';
const PROGRESS = '/api/plans/lvliang-2014-2020/progress';
let app: App;
let base: string;
let dbPath: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dbPath, cleanup } = tempDbPath());
  // Open-government mode: anonymous readers, as the bench reads.
  app = await buildApp({ dbPath, serveWeb: false, publicRead: true });
  const repos = createRepositories(openDatabase(dbPath));
  repos.users.create(
    { name: 'admin', displayName: 'admin', role: 'admin', regions: [], passwordHash: await hashPassword(PASSWORD) },
    new Date().toISOString(),
  );
  repos.db.close();
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
  cleanup();
});

const get = (url: string, headers: Record<string, string> = {}) => fetch(`${base}${url}`, { headers });
/** Every header but those the HTTP server adds per response. */
const headersOf = (res: Response) =>
  Object.fromEntries([...res.headers].filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name)));

/** A figure written through a connection of its own, as another server process on the file would. */
function appendElsewhere(regionCode: string, value: number) {
  const db = openDatabase(dbPath);
  try {
    createRepositories(db).observations.append({
      regionCode,
      indicatorCode: 'rd_intensity',
      year: 2019,
      value,
      vintage: 'final',
      isSample: false,
      sourceTitle: 'cache test',
      sourceUrl: null,
      quote: null,
      note: null,
      enteredBy: 'test',
      enteredAt: new Date().toISOString(),
      origin: 'api',
    });
  } finally {
    db.close();
  }
}

describe('a hit, over a socket', () => {
  it('carries the very headers of the miss that made it, security headers included, for each encoding', async () => {
    for (const [i, accept] of ['identity', 'gzip', 'br, gzip'].entries()) {
      // A URL not asked before, so that the first answer is made (a miss) and the second is a hit.
      const url = `${PROGRESS}?asOf=${2015 + i}`;
      const miss = await get(url, { 'accept-encoding': accept });
      const hit = await get(url, { 'accept-encoding': accept });
      expect(hit.headers.get('content-encoding')).toBe(
        accept === 'identity' ? 'identity' : accept.startsWith('br') ? 'br' : 'gzip',
      );
      expect(hit.status).toBe(200);
      expect(headersOf(hit)).toEqual(headersOf(miss));
      expect(await hit.text()).toBe(await miss.text());
      expect(hit.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(hit.headers.get('x-content-type-options')).toBe('nosniff');
      expect(hit.headers.get('cache-control')).toBe('no-cache');
      expect(hit.headers.get('vary')).toBe('Accept-Encoding');
    }
  });

  it('answers 304 to If-None-Match with the ETag and the security headers, and no body', async () => {
    const first = await get(PROGRESS);
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const revalidated = await get(PROGRESS, { 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(etag);
    expect(revalidated.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(revalidated.headers.get('content-type')).toBeNull();
    expect(await revalidated.text()).toBe('');
    expect((await get(PROGRESS, { 'if-none-match': '"another"' })).status).toBe(200);
  });

  it('clears an ended session’s cookie on a hit too (that answer goes through Fastify)', async () => {
    const fresh = await get(PROGRESS);
    const hit = await get(PROGRESS, { cookie: 'jindu_session=ended-long-ago' });
    expect(hit.status).toBe(200);
    expect(hit.headers.get('etag')).toBe(fresh.headers.get('etag'));
    expect(hit.headers.get('set-cookie')).toMatch(/^jindu_session=;/);
    expect(await hit.text()).toBe(await fresh.text());
  });

  it('answers with a figure another connection committed, at the next request', async () => {
    const before = await get(PROGRESS);
    const target = (
      (await before.json()) as { targets: { targetId: number; indicatorCode: string; regionCode: string }[] }
    ).targets.find((t) => t.indicatorCode === 'rd_intensity');
    if (!target) throw new Error('the seeded plan has an R&D intensity target');
    expect((await get(PROGRESS)).headers.get('etag')).toBe(before.headers.get('etag'));
    appendElsewhere(target.regionCode, 7.77);
    const after = await get(PROGRESS);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    const judged = (
      (await after.json()) as { targets: { targetId: number; result: { inputs: { observations: unknown[] } } }[] }
    ).targets.find((t) => t.targetId === target.targetId);
    expect(judged?.result.inputs.observations).toContainEqual(expect.objectContaining({ year: 2019, value: 7.77 }));
  });

  it('empties itself after a write through this very server, at the next request', async () => {
    await get(PROGRESS);
    await get('/api/plans');
    expect(app.responseCacheStats().entries).toBeGreaterThanOrEqual(2);
    const signIn = await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'admin', password: PASSWORD } });
    const cookie = `jindu_session=${signIn.cookies.find((c) => c.name === 'jindu_session')?.value}`;
    const csrf = (signIn.json() as { csrfToken: string }).csrfToken;
    const plan = (await (await get(PROGRESS)).json()) as { targets: { targetId: number }[] };
    const comment = await fetch(`${base}/api/targets/${plan.targets[0]?.targetId}/comments`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ year: 2019, body: 'a comment bumps the data version (migration 0009)' }),
    });
    expect(comment.status, await comment.clone().text()).toBe(201);
    await get(PROGRESS);
    // Every answer of the version before is gone; only the one just made is kept.
    expect(app.responseCacheStats().entries).toBe(1);
  });
});

describe('the data version in memory', () => {
  it('sees this connection’s writes at once, another’s at the next turn, and never keeps a value read inside a transaction', async () => {
    const db = openDatabase(dbPath);
    const other = openDatabase(dbPath);
    try {
      const dataVersion = createDataVersionRepository(db);
      const start = dataVersion.current();
      expect(dataVersion.currentThisTurn()).toEqual(start);

      // Another connection commits: current() asks the file every time; currentThisTurn() shares the
      // answer of this turn (see dataVersion.ts) and asks again at the next.
      other.prepare('UPDATE data_version SET version = version + 1 WHERE id = 1').run();
      expect(dataVersion.currentThisTurn()).toEqual(start);
      const afterOther = dataVersion.current();
      expect(afterOther.version).toBe(start.version + 1);
      await new Promise((resolve) => setImmediate(resolve));
      expect(dataVersion.currentThisTurn()).toEqual(afterOther);

      // This connection writes: seen at once by current().
      db.prepare('UPDATE data_version SET version = version + 1 WHERE id = 1').run();
      expect(dataVersion.current().version).toBe(start.version + 2);

      // Inside a transaction that is rolled back: the value read there is not kept.
      const insideRolledBack = db.transaction(() => {
        db.prepare('UPDATE data_version SET version = version + 5 WHERE id = 1').run();
        const inside = dataVersion.current().version;
        throw Object.assign(new Error('roll back'), { inside });
      });
      let inside = 0;
      try {
        insideRolledBack();
      } catch (error) {
        inside = (error as { inside: number }).inside;
      }
      expect(inside).toBe(start.version + 7);
      expect(dataVersion.current().version).toBe(start.version + 2);
      await new Promise((resolve) => setImmediate(resolve));
      expect(dataVersion.currentThisTurn().version).toBe(start.version + 2);
    } finally {
      other.close();
      db.close();
    }
  });
});

describe('a request’s logger', () => {
  it('writes what a request logs at a level that is on, with the request id, as pino’s own child did', async () => {
    const lines: { reqId?: string; msg?: string; level?: number }[] = [];
    const stream = { write: (line: string) => lines.push(JSON.parse(line)) };
    const { dbPath: path, cleanup: remove } = tempDbPath();
    const logged = await buildApp({ dbPath: path, serveWeb: false, logger: { level: 'info', stream } });
    try {
      const res = await logged.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      const incoming = lines.find((l) => l.msg === 'incoming request');
      const completed = lines.find((l) => l.msg === 'request completed');
      expect(incoming?.reqId).toMatch(/^req-/);
      expect(completed?.reqId).toBe(incoming?.reqId);
      // At warn, a request's info lines are not written (and no child logger is made for them).
      logged.log.level = 'warn';
      const before = lines.length;
      await logged.inject({ method: 'GET', url: '/api/health' });
      expect(lines.length).toBe(before);
    } finally {
      await logged.close();
      remove();
    }
  });
});
