import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/db.js';
import {
  commit,
  figuresCsv,
  kill,
  prepareFaultDatabase,
  type ServerProcess,
  type Session,
  signIn,
  startServerProcess,
  uploadPreview,
} from '../helpers/serverProcess.js';

// Many writers and many readers at once, on one server process and on two processes sharing one
// database file. `npm run test:faults` runs 20 uploaders and 200 readers (FAULT_UPLOADERS,
// FAULT_READERS); `npm test` a reduced 6 and 40.

const UPLOADERS = Number(process.env.FAULT_UPLOADERS ?? 6);
const READERS = Number(process.env.FAULT_READERS ?? 40);
const YEARS = Array.from({ length: 10 }, (_, i) => 2010 + i);
// Each uploader its own regions: uploads that do not overlap must all land, none lost to another.
const regionsOf = (u: number) => Array.from({ length: 4 }, (_, i) => String(800000 + (u * 4 + i) * 3));
const ALL_REGIONS = Array.from({ length: UPLOADERS }, (_, u) => regionsOf(u)).flat();

const READ_PATHS = [
  '/api/plans',
  '/api/plans/1/progress',
  '/api/plans/3/progress',
  '/api/regions/141100/overview',
  '/api/observations?region=141100&indicator=high_tech_firms',
];

const started: ServerProcess[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const s of started.splice(0)) await kill(s);
  for (const c of cleanups.splice(0)) c();
});

async function upload(url: string, session: Session, u: number) {
  const file = figuresCsv(regionsOf(u), YEARS, u);
  const preview = await uploadPreview(url, session, file.bytes, `uploader-${u}.csv`);
  const res = await commit(url, session, preview.import.id, preview.warnedRows);
  const body = (await res.json()) as { written?: number };
  return { status: res.status, importId: preview.import.id, rows: file.rows, written: body.written ?? -1 };
}

async function read(url: string, session: Session, i: number) {
  const res = await fetch(`${url}${READ_PATHS[i % READ_PATHS.length]}`, { headers: { cookie: session.cookie } });
  await res.arrayBuffer();
  return res.status;
}

function revisionsByImport(dbPath: string): Map<number, number> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const rows = db
      .prepare('SELECT import_id, count(*) AS n FROM observation_revisions WHERE import_id IS NOT NULL GROUP BY import_id')
      .all() as { import_id: number; n: number }[];
    expect((db.pragma('integrity_check') as { integrity_check: string }[])[0]?.integrity_check).toBe('ok');
    return new Map(rows.map((r) => [r.import_id, r.n]));
  } finally {
    db.close();
  }
}

// One after another: the sign-in limits reserve each attempt before its password is checked, so a
// burst of parallel sign-ins to one account counts as a burst of guesses (test/server/sign-in-limits).
async function sessions(url: string, n: number): Promise<Session[]> {
  const out: Session[] = [];
  for (let i = 0; i < n; i++) out.push(await signIn(url));
  return out;
}

async function setUp(processes: number) {
  const { dbPath, cleanup } = tempDbPath();
  cleanups.push(cleanup);
  await prepareFaultDatabase(dbPath, ALL_REGIONS);
  const servers: ServerProcess[] = [];
  for (let p = 0; p < processes; p++) {
    const s = await startServerProcess(dbPath);
    started.push(s);
    servers.push(s);
  }
  return { dbPath, servers };
}

describe(`${UPLOADERS} uploaders and ${READERS} readers at once`, () => {
  it('answers every request and loses no revision (one server process)', { timeout: 180_000 }, async () => {
    const { dbPath, servers } = await setUp(1);
    const url = servers[0]?.url ?? '';
    const uploaders = await sessions(url, UPLOADERS);
    const reader = await signIn(url);
    const [uploads, reads] = await Promise.all([
      Promise.all(uploaders.map((s, u) => upload(url, s, u))),
      Promise.all(Array.from({ length: READERS }, (_, i) => read(url, reader, i))),
    ]);
    expect(reads.filter((s) => s !== 200)).toEqual([]);
    expect(uploads.map((u) => u.status)).toEqual(uploads.map(() => 200));
    const byImport = revisionsByImport(dbPath);
    for (const u of uploads) {
      expect(u.written).toBe(u.rows);
      expect(byImport.get(u.importId)).toBe(u.rows);
    }
  });

  it('two server processes on one database file: writes through both all land, each sees the other’s', {
    timeout: 180_000,
  }, async () => {
    const { dbPath, servers } = await setUp(2);
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const sessionsA = await sessions(a.url, Math.ceil(UPLOADERS / 2));
    const sessionsB = await sessions(b.url, Math.floor(UPLOADERS / 2));
    const readerA = await signIn(a.url);
    const readerB = await signIn(b.url);

    // Before: what B shows for a figure that A is about to write.
    const region = regionsOf(0)[0] ?? '';
    const before = await fetch(`${b.url}/api/observations?region=${region}&indicator=gdp`, {
      headers: { cookie: readerB.cookie },
    });
    expect(((await before.json()) as { observations: unknown[] }).observations).toEqual([]);

    const [uploads, reads] = await Promise.all([
      Promise.all([...sessionsA.map((s, i) => upload(a.url, s, i * 2)), ...sessionsB.map((s, i) => upload(b.url, s, i * 2 + 1))]),
      Promise.all(Array.from({ length: READERS }, (_, i) => (i % 2 ? read(a.url, readerA, i) : read(b.url, readerB, i)))),
    ]);
    expect(reads.filter((s) => s !== 200)).toEqual([]);
    expect(uploads.map((u) => u.status)).toEqual(uploads.map(() => 200));
    const byImport = revisionsByImport(dbPath);
    for (const u of uploads) expect(byImport.get(u.importId)).toBe(u.rows);
    // The import ids were handed out by one file: no two processes gave out the same one.
    expect(new Set(uploads.map((u) => u.importId)).size).toBe(uploads.length);

    // B answers with the figures A wrote (uploader 0 went through A), values and all.
    const after = await fetch(`${b.url}/api/observations?region=${region}&indicator=gdp`, {
      headers: { cookie: readerB.cookie },
    });
    const observations = ((await after.json()) as { observations: { year: number; value: number }[] }).observations;
    expect(observations.map((o) => o.year)).toEqual(YEARS);
    expect(observations[0]?.value).toBe(1000 + (2010 - 2000) * 20 + (Number(region) % 89));
    // And a plan's progress read through B after a write through A is the new one, not a cached copy.
    const progressB1 = await (await fetch(`${b.url}/api/plans/1/progress`, { headers: { cookie: readerB.cookie } })).text();
    const grid = await fetch(`${a.url}/api/imports/grid`, {
      method: 'POST',
      headers: { cookie: readerA.cookie, 'x-csrf-token': readerA.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({
        region: '141100',
        defaultVintage: 'final',
        defaultSource: '故障测试',
        figures: [{ indicator: 'high_tech_firms', year: 2019, value: '51' }],
      }),
    });
    expect(grid.status).toBe(201);
    const gridPreview = (await grid.json()) as { import: { id: number }; warnedRows: number[] };
    const gridCommit = await commit(a.url, readerA, gridPreview.import.id, gridPreview.warnedRows);
    expect(gridCommit.status, await gridCommit.clone().text()).toBe(200);
    const progressB2 = await (await fetch(`${b.url}/api/plans/1/progress`, { headers: { cookie: readerB.cookie } })).text();
    expect(progressB2).not.toBe(progressB1);
    const firms = await fetch(`${b.url}/api/observations?region=141100&indicator=high_tech_firms`, {
      headers: { cookie: readerB.cookie },
    });
    const firms2019 = (
      (await firms.json()) as { observations: { year: number; value: number; isSample: boolean }[] }
    ).observations.find((o) => o.year === 2019);
    expect(firms2019?.value).toBe(51);
  });
});
