import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { openDatabase } from '../../server/src/db/connection.js';
import { chooseEncoding } from '../../server/src/plugins/responseCache.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { tempDbPath } from '../helpers/db.js';

// Hot read answers kept as their final bytes (plugins/responseCache.ts): per data version, route,
// query and access class; gzip and br as the client accepts; ETag and 304; bounded by bytes.

const PASSWORD = 'a long enough password';
let app: App;
let dbPath: string;
let cleanup: () => void;
let cookie: string;

beforeAll(async () => {
  ({ dbPath, cleanup } = tempDbPath());
  // Sign-in required: what an anonymous caller gets must never come from a signed-in one's bytes.
  app = await buildApp({ dbPath, serveWeb: false, publicRead: false, responseCacheBytes: 2 * 1024 * 1024 });
  const repos = createRepositories(openDatabase(dbPath));
  repos.users.create(
    { name: 'reader', displayName: 'reader', role: 'viewer', regions: [], passwordHash: await hashPassword(PASSWORD) },
    new Date().toISOString(),
  );
  repos.db.close();
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'reader', password: PASSWORD } });
  cookie = `jindu_session=${res.cookies.find((c) => c.name === 'jindu_session')?.value}`;
});
afterAll(async () => {
  await app.close();
  cleanup();
});

const PROGRESS = '/api/plans/lvliang-2014-2020/progress?asOf=2020';
const read = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers: { cookie, ...headers } });

describe('cached bytes', () => {
  it('sends the same bytes and ETag again, and 304 to If-None-Match', async () => {
    const first = await read(PROGRESS);
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.vary).toBe('Accept-Encoding');
    // Signed in: revalidated every time, kept by no shared cache (see responseCache.ts).
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const second = await read(PROGRESS);
    expect(second.body).toBe(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
    const revalidated = await read(PROGRESS, { 'if-none-match': first.headers.etag as string });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
    expect(first.json().targets.length).toBeGreaterThan(10);
  });

  it('compresses as the client accepts: br, gzip, or not at all, the same JSON each time', async () => {
    const plain = await read(PROGRESS);
    expect(plain.headers['content-encoding'] ?? 'identity').toBe('identity');
    for (const [accept, encoding, decode] of [
      ['gzip, deflate, br', 'br', zlib.brotliDecompressSync],
      ['gzip', 'gzip', zlib.gunzipSync],
      ['br;q=0, gzip;q=0.5', 'gzip', zlib.gunzipSync],
    ] as const) {
      for (const _ of [1, 2]) {
        const res = await read(PROGRESS, { 'accept-encoding': accept });
        expect(res.headers['content-encoding'], accept).toBe(encoding);
        expect(res.headers.etag).toBe(plain.headers.etag);
        expect(decode(res.rawPayload).toString()).toBe(plain.body);
      }
    }
    expect(chooseEncoding('identity')).toBe('identity');
    expect(chooseEncoding('*')).toBe('br');
  });

  it('compresses a first answer at the cheap setting at once, and at the full setting once the URL is asked again', async () => {
    const BR = zlib.constants.BROTLI_PARAM_QUALITY;
    for (const [asOf, accept, quick, full] of [
      [
        2017,
        'br',
        (b: Buffer) => zlib.brotliCompressSync(b, { params: { [BR]: 1 } }),
        (b: Buffer) => zlib.brotliCompressSync(b, { params: { [BR]: 5 } }),
      ],
      [2016, 'gzip', (b: Buffer) => zlib.gzipSync(b, { level: 1 }), (b: Buffer) => zlib.gzipSync(b)],
    ] as const) {
      const url = `/api/plans/lvliang-2014-2020/progress?asOf=${asOf}`;
      const first = await read(url, { 'accept-encoding': accept });
      const identity = Buffer.from((await read(url)).body);
      expect(first.headers['content-encoding']).toBe(accept);
      expect(first.rawPayload.equals(quick(identity)), accept).toBe(true);
      // The second ask gets the same bytes and headers (the remaking runs after it is answered)...
      const second = await read(url, { 'accept-encoding': accept });
      expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
      expect(second.headers['content-length']).toBe(first.headers['content-length']);
      // ...and a later one the full setting's, smaller, once the thread pool has made them.
      let later = second;
      for (let i = 0; i < 200 && later.rawPayload.equals(first.rawPayload); i++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        later = await read(url, { 'accept-encoding': accept });
      }
      expect(later.rawPayload.equals(full(identity)), accept).toBe(true);
      expect(later.rawPayload.byteLength).toBeLessThan(first.rawPayload.byteLength);
      expect(later.headers['content-length']).toBe(String(later.rawPayload.byteLength));
      expect(later.headers.etag).toBe(first.headers.etag);
    }
  });

  it('answers anew once the data changes: a new figure gives new bytes and a new ETag', async () => {
    const before = await read('/api/plans/lvliang-2014-2020/progress');
    const db = openDatabase(dbPath);
    const repos = createRepositories(db);
    const target = before.json().targets.find((t: { indicatorCode: string }) => t.indicatorCode === 'rd_intensity');
    repos.observations.append({
      regionCode: target.regionCode,
      indicatorCode: 'rd_intensity',
      year: 2019,
      value: 9.99,
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
    db.close();
    const after = await read('/api/plans/lvliang-2014-2020/progress');
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const judged = after.json().targets.find((t: { targetId: number }) => t.targetId === target.targetId);
    expect(judged.result.inputs.observations).toContainEqual(expect.objectContaining({ year: 2019, value: 9.99 }));
    expect(await read('/api/plans/lvliang-2014-2020/progress', { 'if-none-match': before.headers.etag as string })).toMatchObject(
      {
        statusCode: 200,
      },
    );
  });

  it('never answers an anonymous caller from a signed-in reader’s bytes', async () => {
    expect((await read('/api/plans')).statusCode).toBe(200);
    const anonymous = await app.inject({ method: 'GET', url: '/api/plans' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers.etag).toBeUndefined();
  });

  it('keeps no more bytes than it is given, the least recently used going first', async () => {
    for (let asOf = 2000; asOf <= 2030; asOf++)
      await read(`/api/plans/lvliang-2014-2020/progress?asOf=${asOf}`, { 'accept-encoding': 'br' });
    const stats = app.responseCacheStats();
    expect(stats.maxBytes).toBe(2 * 1024 * 1024);
    expect(stats.bytes).toBeLessThanOrEqual(stats.maxBytes);
    expect(stats.entries).toBeGreaterThan(0);
  });

  it('counts the memory its buffers hold: a small brotli answer keeps its own bytes, not zlib’s 16 KiB chunk', async () => {
    // Small answers: their brotli bytes came back from zlib as a view of a 16 KiB chunk, and their
    // JSON from Buffer.from as a view of an 8 KiB pool slab; kept as such, the budget undercounted.
    for (const url of ['/api/regions', '/api/indicators', '/api/plans/lvliang-2014-2020/progress?asOf=2019']) {
      expect((await read(url, { 'accept-encoding': 'br' })).statusCode).toBe(200);
      expect((await read(url, { 'accept-encoding': 'br' })).statusCode).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 100)); // the full-setting remakes, in the thread pool
    const stats = app.responseCacheStats();
    expect(stats.entries).toBeGreaterThanOrEqual(3);
    expect(stats.heldBytes).toBe(stats.bytes);
  });

  it('evicts beyond a small byte budget, the memory held included', async () => {
    const { dbPath: small, cleanup: done } = tempDbPath();
    const tiny = await buildApp({ dbPath: small, serveWeb: false, publicRead: true, responseCacheBytes: 64 * 1024 });
    try {
      const sizes: number[] = [];
      for (let asOf = 2010; asOf <= 2025; asOf++) {
        const res = await tiny.inject({
          method: 'GET',
          url: `/api/plans/lvliang-2014-2020/progress?asOf=${asOf}`,
          headers: { 'accept-encoding': 'br' },
        });
        expect(res.statusCode).toBe(200);
        sizes.push(Number(res.headers['content-length']));
        const stats = tiny.responseCacheStats();
        expect(stats.heldBytes).toBe(stats.bytes);
        expect(stats.bytes).toBeLessThanOrEqual(64 * 1024);
      }
      // Sixteen answers of more than 4 KiB each (JSON and brotli) do not fit in 64 KiB: the oldest went.
      expect(tiny.responseCacheStats().entries).toBeLessThan(16);
      expect(sizes.every((n) => n > 0)).toBe(true);
    } finally {
      await tiny.close();
      done();
    }
  });

  it('has a default budget of 16 MiB', async () => {
    const { dbPath: other, cleanup: done } = tempDbPath();
    const plain = await buildApp({ dbPath: other, serveWeb: false });
    try {
      expect(plain.responseCacheStats().maxBytes).toBe(16 * 1024 * 1024);
    } finally {
      await plain.close();
      done();
    }
  });
});
