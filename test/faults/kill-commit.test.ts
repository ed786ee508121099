import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/db.js';
import {
  commit,
  figuresCsv,
  kill,
  prepareFaultDatabase,
  type ServerProcess,
  signIn,
  startServerProcess,
  uploadPreview,
} from '../helpers/serverProcess.js';

// SIGKILL at random points of a large commit, over and over: after each kill the database opens,
// passes its integrity check, and the upload is wholly there or wholly absent, never in part.
// `npm run test:faults` kills 20 times (FAULT_KILLS); `npm test` runs a reduced form of 3.

const KILLS = Number(process.env.FAULT_KILLS ?? 3);
const REGIONS = Array.from({ length: 100 }, (_, i) => String(700000 + i * 3));
const YEARS = Array.from({ length: 15 }, (_, i) => 2008 + i);

// A seeded pseudo-random sequence: a failure names its seed, and the same seed kills at the same points.
const SEED = Number(process.env.FAULT_SEED ?? Date.now() % 100_000);
function random(): () => number {
  let s = SEED >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

let dbPath: string;
let cleanup: () => void;
let server: ServerProcess | null = null;

beforeAll(async () => {
  ({ dbPath, cleanup } = tempDbPath());
  await prepareFaultDatabase(dbPath, REGIONS);
});
afterAll(async () => {
  if (server) await kill(server);
  cleanup();
});

function inspect(importId: number) {
  const db = new Database(dbPath, { readonly: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    const written = (
      db.prepare('SELECT count(*) AS n FROM observation_revisions WHERE import_id = ?').get(importId) as { n: number }
    ).n;
    const status = (db.prepare('SELECT status FROM imports WHERE id = ?').get(importId) as { status: string }).status;
    const audited = (
      db.prepare("SELECT count(*) AS n FROM audit_log WHERE import_id = ? AND action = 'import.commit'").get(importId) as {
        n: number;
      }
    ).n;
    return { integrity, written, status, audited };
  } finally {
    db.close();
  }
}

describe(`SIGKILL during a large commit (${KILLS} kills, seed ${SEED})`, () => {
  it('leaves every upload wholly present or wholly absent, and the file intact', {
    timeout: 60_000 + KILLS * 30_000,
  }, async () => {
    const rand = random();
    // One commit measured whole first, so that the kills fall across the whole commit, not before it.
    server = await startServerProcess(dbPath);
    let session = await signIn(server.url);
    const first = figuresCsv(REGIONS, YEARS, 0);
    const preview0 = await uploadPreview(server.url, session, first.bytes);
    const t0 = performance.now();
    const res0 = await commit(server.url, session, preview0.import.id, preview0.warnedRows);
    const commitMs = performance.now() - t0;
    expect(res0.status).toBe(200);
    expect(((await res0.json()) as { written: number }).written).toBe(first.rows);

    const outcomes: ('present' | 'absent')[] = [];
    for (let k = 1; k <= KILLS; k++) {
      const file = figuresCsv(REGIONS, YEARS, k);
      const preview = await uploadPreview(server.url, session, file.bytes);
      expect(preview.import.summary.changed).toBe(file.rows);
      // Anywhere from the request's arrival to half again past the commit's usual end.
      const delay = rand() * commitMs * 1.5;
      const pending = commit(server.url, session, preview.import.id, preview.warnedRows).catch(() => null);
      await new Promise((r) => setTimeout(r, delay));
      await kill(server, 'SIGKILL');
      await pending;

      const after = inspect(preview.import.id);
      expect(after.integrity, `kill ${k} after ${delay.toFixed(0)} ms`).toEqual(['ok']);
      if (after.written === 0) {
        expect(after.status).toBe('preview');
        expect(after.audited).toBe(0);
        outcomes.push('absent');
      } else {
        expect(after.written, `kill ${k}: a partial upload`).toBe(file.rows);
        expect(after.status).toBe('committed');
        expect(after.audited).toBe(1);
        outcomes.push('present');
      }
      // The server starts again on the file the kill left, and reads it.
      server = await startServerProcess(dbPath);
      session = await signIn(server.url);
      const progress = await fetch(`${server.url}/api/plans/1/progress`, { headers: { cookie: session.cookie } });
      expect(progress.status).toBe(200);
    }
    console.log(
      `kills: ${KILLS} (seed ${SEED}); upload present after ${outcomes.filter((o) => o === 'present').length}, absent after ${outcomes.filter((o) => o === 'absent').length}; a whole commit took ${commitMs.toFixed(0)} ms`,
    );
    expect(outcomes).toHaveLength(KILLS);
  });
});
