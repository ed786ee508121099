import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/db.js';
import {
  figuresCsv,
  headers,
  kill,
  prepareFaultDatabase,
  type ServerProcess,
  type Session,
  signIn,
  startServerProcess,
} from '../helpers/serverProcess.js';

// An upload's preview, its commit and its revert write on the import worker's own connection
// (services/importWorker.ts), not on the event loop: while their transaction holds the database's
// write lock, the server still answers a read. Asserted by order, not by time, against the
// production server on a real port: a read sent once the write lock is seen taken is answered
// before the write's own answer. On the event loop, the write would have held the read back.

const REGIONS = Array.from({ length: 500 }, (_, i) => String(600000 + i * 3));
const YEARS = Array.from({ length: 24 }, (_, i) => 2000 + i);
const READ = '/api/plans/lvliang-2014-2020/progress?asOf=2019';

let dbPath: string;
let cleanup: () => void;
let server: ServerProcess;
let session: Session;
let probe: Database.Database;

beforeAll(async () => {
  ({ dbPath, cleanup } = tempDbPath());
  await prepareFaultDatabase(dbPath, REGIONS);
  server = await startServerProcess(dbPath);
  session = await signIn(server.url);
  // A second connection that never waits: it only asks whether someone holds the write lock.
  probe = new Database(dbPath, { timeout: 0 });
}, 60_000);
afterAll(async () => {
  probe?.close();
  if (server) await kill(server);
  cleanup();
});

/** Whether another connection holds the write lock now (taking it for an instant to find out). */
function writeLockHeld(): boolean {
  try {
    probe.exec('BEGIN IMMEDIATE');
    probe.exec('ROLLBACK');
    return false;
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw e;
  }
}

/**
 * Sends `write`, waits until its transaction holds the write lock, then reads: the order in which
 * the read and the write were answered, and the write's response.
 */
async function readDuringWrite(write: () => Promise<Response>) {
  const order: string[] = [];
  let done = false;
  const writing = write().then((res) => {
    order.push('write');
    done = true;
    return res;
  });
  while (!done && !writeLockHeld()) await new Promise((resolve) => setTimeout(resolve, 1));
  expect(done, 'the write was answered before its transaction was seen holding the write lock').toBe(false);
  const read = await fetch(`${server.url}${READ}`, { headers: { cookie: session.cookie } });
  order.push('read');
  expect(read.status).toBe(200);
  expect(((await read.json()) as { targets: unknown[] }).targets.length).toBeGreaterThan(0);
  return { order, response: await writing };
}

describe('an upload’s writes off the event loop', () => {
  let importId: number;
  const { bytes, rows } = figuresCsv(REGIONS, YEARS, 0);

  it('answers a read while a 60,000-row preview is being stored', async () => {
    expect(rows).toBe(60_000);
    const { order, response } = await readDuringWrite(() => {
      const form = new FormData();
      form.set('defaultVintage', 'final');
      form.set('file', new Blob([bytes], { type: 'text/csv' }), 'big.csv');
      return fetch(`${server.url}/api/imports`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
        body: form,
      });
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { import: { id: number; summary: { new: number; errors: number } } };
    expect(body.import.summary).toMatchObject({ new: 60_000, errors: 0 });
    importId = body.import.id;
    expect(order).toEqual(['read', 'write']);
  }, 120_000);

  it('answers a read while the commit of those 60,000 rows holds the write lock, and the commit lands whole', async () => {
    const { order, response } = await readDuringWrite(() =>
      fetch(`${server.url}/api/imports/${importId}/commit`, { method: 'POST', headers: headers(session), body: '{}' }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ importId, written: 60_000, alreadyCommitted: false });
    expect(order).toEqual(['read', 'write']);
    // The main thread's connection sees the worker's writes: the upload's record and its figures.
    const record = await fetch(`${server.url}/api/imports/${importId}`, { headers: { cookie: session.cookie } });
    expect(((await record.json()) as { import: { status: string } }).import.status).toBe('committed');
    const written = probe.prepare('SELECT count(*) FROM observation_revisions WHERE import_id = ?').pluck().get(importId);
    expect(written).toBe(60_000);
    const audit = probe
      .prepare("SELECT count(*) FROM audit_log WHERE import_id = ? AND action = 'import.commit'")
      .pluck()
      .get(importId);
    expect(audit).toBe(1);
  }, 120_000);

  it('answers a read while the revert of those 60,000 figures holds the write lock, and the revert lands whole', async () => {
    // The dry run reads every figure of the upload, on the worker too.
    const plan = await fetch(`${server.url}/api/imports/${importId}/revert`, { headers: { cookie: session.cookie } });
    expect(plan.status).toBe(200);
    const { summary, fingerprint } = (await plan.json()) as { summary: { withdraw: number }; fingerprint: string };
    expect(summary.withdraw).toBe(60_000);
    const { order, response } = await readDuringWrite(() =>
      fetch(`${server.url}/api/imports/${importId}/revert`, {
        method: 'POST',
        headers: headers(session),
        body: JSON.stringify({ fingerprint }),
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ importId, written: 60_000 });
    expect(order).toEqual(['read', 'write']);
    const withdrawn = probe
      .prepare('SELECT count(*) FROM observation_revisions WHERE reverted_import_id = ? AND withdrawn = 1')
      .pluck()
      .get(importId);
    expect(withdrawn).toBe(60_000);
    const record = await fetch(`${server.url}/api/imports/${importId}`, { headers: { cookie: session.cookie } });
    expect(((await record.json()) as { import: { status: string } }).import.status).toBe('reverted');
  }, 120_000);

  it('a write on the main thread (a sign-out) meeting the worker’s write lock waits for it without holding a read back', async () => {
    const other = await signIn(server.url);
    const order: string[] = [];
    const form = new FormData();
    form.set('defaultVintage', 'final');
    form.set('file', new Blob([figuresCsv(REGIONS, YEARS, 1).bytes], { type: 'text/csv' }), 'again.csv');
    const preview = fetch(`${server.url}/api/imports`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
      body: form,
    }).then((res) => {
      order.push('preview');
      return res;
    });
    while (!writeLockHeld()) await new Promise((resolve) => setTimeout(resolve, 1));
    // The sign-out deletes its session row on the main thread's connection. Had it met the lock
    // there, better-sqlite3 would have waited for it synchronously, and the read sent after it with it.
    const signOut = fetch(`${server.url}/api/session`, { method: 'DELETE', headers: headers(other, false) }).then((res) => {
      order.push('signOut');
      return res;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(writeLockHeld(), 'the preview still holds the write lock when the read is sent').toBe(true);
    const read = await fetch(`${server.url}${READ}`, { headers: { cookie: session.cookie } });
    order.push('read');
    expect(read.status).toBe(200);
    expect((await signOut).status).toBe(204);
    expect((await preview).status).toBe(201);
    // The read first; the sign-out and the preview's answer then in either order (both follow the
    // worker's transaction: the one waited for it, the other is its answer).
    expect(order[0]).toBe('read');
    expect(order.slice(1).sort()).toEqual(['preview', 'signOut']);
    // The session it ended is gone: the write was done, after the worker's.
    const me = await fetch(`${server.url}/api/session`, { headers: { cookie: other.cookie } });
    expect(((await me.json()) as { user: unknown }).user).toBeNull();
  }, 120_000);
});
