import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { generateNational } from '../../server/src/bench/national/generate.js';
import { backupDatabase, restoreDatabase } from '../../server/src/db/backup.js';
import { type Db, openDatabase } from '../../server/src/db/connection.js';
import { migrationsDir } from '../../server/src/paths.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { tempDbPath, tempDir } from '../helpers/db.js';

// observations_latest's copies of the current revision's columns (migration 0020), kept by the
// trigger: after every kind of write the app makes (seed, hand entry, a "—", a restore, an upload,
// its revert, an approved submission, a plain SQL insert, gen:national, backup and restore) every row
// of the table must equal what the revisions say, computed afresh over the whole table.

const ORDER = 'ORDER BY region_code, indicator_code, year';
const EXPECTED = `SELECT m.region_code, m.indicator_code, m.year, r.id AS revision_id, m.real_count, m.sample_count,
       r.value, r.vintage, r.is_sample, r.withdrawn
  FROM (SELECT region_code, indicator_code, year, max(id) AS id, sum(is_sample = 0) AS real_count,
               sum(is_sample = 1) AS sample_count
          FROM observation_revisions GROUP BY region_code, indicator_code, year) m
  JOIN observation_revisions r ON r.id = m.id
 ORDER BY m.region_code, m.indicator_code, m.year`;
const KEPT = `SELECT region_code, indicator_code, year, revision_id, real_count, sample_count, value, vintage, is_sample,
       withdrawn FROM observations_latest ${ORDER}`;

/** The whole table equals a fresh computation from the revisions (and is not empty). */
function expectConsistent(db: Db): void {
  const kept = db.prepare(KEPT).all();
  expect(kept.length).toBeGreaterThan(0);
  expect(kept).toEqual(db.prepare(EXPECTED).all());
}

const PASSWORD = 'covering test password';
type Who = { cookie: string; csrf: string };
let app: App;
let db: Db;
let dbPath: string;
let cleanup: () => void;
const who: Record<'boss' | 'lv' | 'rev', Who> = {} as never;

beforeAll(async () => {
  const tmp = tempDbPath();
  cleanup = tmp.cleanup;
  dbPath = tmp.dbPath;
  app = await buildApp({ dbPath, serveWeb: false });
  db = openDatabase(dbPath);
  const repos = createRepositories(db);
  const passwordHash = await hashPassword(PASSWORD);
  const now = new Date().toISOString();
  repos.users.create({ name: 'boss', displayName: 'boss', role: 'admin', regions: [], passwordHash }, now);
  repos.users.create({ name: 'lv', displayName: 'lv', role: 'statistician', regions: ['141100'], passwordHash }, now);
  repos.users.create({ name: 'rev', displayName: 'rev', role: 'reviewer', regions: ['141100'], passwordHash }, now);
  for (const name of ['boss', 'lv', 'rev'] as const) {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name, password: PASSWORD } });
    expect(res.statusCode, res.body).toBe(200);
    who[name] = {
      cookie: `jindu_session=${res.cookies.find((c) => c.name === 'jindu_session')?.value}`,
      csrf: res.json().csrfToken as string,
    };
  }
});
afterAll(async () => {
  db.close();
  await app.close();
  cleanup();
});

const send = (name: keyof typeof who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  app.inject({
    method,
    url,
    headers: { cookie: who[name].cookie, 'x-csrf-token': who[name].csrf },
    ...(payload ? { payload } : {}),
  });

async function uploadAndCommit(name: keyof typeof who, rows: string[]): Promise<{ id: number; body: Record<string, unknown> }> {
  const boundary = 'coveringtest';
  const csv = ['地区代码,指标代码,年份,数值', ...rows].join('\r\n');
  const payload = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="defaultVintage"\r\n\r\nrevised\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="defaultSource"\r\n\r\n覆盖列测试\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="covering.csv"\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
  );
  const res = await app.inject({
    method: 'POST',
    url: '/api/imports',
    payload,
    headers: {
      cookie: who[name].cookie,
      'x-csrf-token': who[name].csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json().import.summary.errors, res.body).toBe(0);
  const id = res.json().import.id as number;
  const commit = await send(name, 'POST', `/api/imports/${id}/commit`, {});
  expect(commit.statusCode, commit.body).toBe(200);
  return { id, body: commit.json() };
}

const latest = (region: string, indicator: string, year: number) =>
  db
    .prepare(
      'SELECT value, vintage, is_sample AS isSample, withdrawn FROM observations_latest WHERE region_code = ? AND indicator_code = ? AND year = ?',
    )
    .get(region, indicator, year);

describe('observations_latest keeps copies of the current revision (migration 0020)', () => {
  it('after the seed loader', () => {
    expectConsistent(db);
  });

  it('after hand entry, a figure entered as not published, and a restore of an earlier revision', async () => {
    const first = await send('boss', 'POST', '/api/observations', {
      region: '141100',
      indicator: 'high_tech_firms',
      year: 2022,
      value: 91,
      vintage: 'preliminary',
      sourceTitle: '手工录入',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(latest('141100', 'high_tech_firms', 2022)).toEqual({ value: 91, vintage: 'preliminary', isSample: 0, withdrawn: 0 });
    expectConsistent(db);

    const dash = await send('boss', 'POST', '/api/observations', {
      region: '141100',
      indicator: 'high_tech_firms',
      year: 2022,
      value: null,
      vintage: 'final',
      sourceTitle: '手工录入 —',
    });
    expect(dash.statusCode, dash.body).toBe(201);
    expect(latest('141100', 'high_tech_firms', 2022)).toEqual({ value: null, vintage: 'final', isSample: 0, withdrawn: 0 });
    expectConsistent(db);

    const restored = await send('boss', 'POST', '/api/observations/restore', { revisionId: first.json().id });
    expect(restored.statusCode, restored.body).toBe(201);
    expect(latest('141100', 'high_tech_firms', 2022)).toEqual({ value: 91, vintage: 'preliminary', isSample: 0, withdrawn: 0 });
    expectConsistent(db);
  });

  it('after an upload commit and its revert (a created figure withdrawn, a changed one put back)', async () => {
    const before2021 = latest('141100', 'high_tech_firms', 2021);
    const { id } = await uploadAndCommit('boss', ['141100,high_tech_firms,2021,85', '141100,high_tech_firms,2023,99']);
    expect(latest('141100', 'high_tech_firms', 2021)).toEqual({ value: 85, vintage: 'revised', isSample: 0, withdrawn: 0 });
    expect(latest('141100', 'high_tech_firms', 2023)).toEqual({ value: 99, vintage: 'revised', isSample: 0, withdrawn: 0 });
    expectConsistent(db);

    const revert = await send('boss', 'POST', `/api/imports/${id}/revert`, {});
    expect(revert.statusCode, revert.body).toBe(200);
    expect(latest('141100', 'high_tech_firms', 2021)).toEqual(before2021);
    expect(latest('141100', 'high_tech_firms', 2023)).toMatchObject({ withdrawn: 1 });
    expectConsistent(db);
  });

  it('after a submission is approved (review on), and not before', async () => {
    expect((await send('boss', 'PUT', '/api/settings/review', { reviewRequired: true })).statusCode).toBe(200);
    const entered = await send('lv', 'POST', '/api/observations', {
      region: '141100',
      indicator: 'high_tech_firms',
      year: 2024,
      value: 100,
      vintage: 'preliminary',
      sourceTitle: '待审核',
    });
    expect(entered.statusCode, entered.body).toBe(202);
    expect(latest('141100', 'high_tech_firms', 2024)).toBeUndefined();
    const approved = await send('rev', 'POST', '/api/review/decisions', { decision: 'approve', ids: [entered.json().id] });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(latest('141100', 'high_tech_firms', 2024)).toEqual({ value: 100, vintage: 'preliminary', isSample: 0, withdrawn: 0 });
    expectConsistent(db);
    expect((await send('boss', 'PUT', '/api/settings/review', { reviewRequired: false })).statusCode).toBe(200);
  });

  it('after revisions written by plain SQL, one with an explicit id lower than the current one', () => {
    const insert = db.prepare(
      `INSERT INTO observation_revisions (id, region_code, indicator_code, year, value, vintage, is_sample, source_title,
         entered_by, entered_at, origin) VALUES (?, '141100', 'high_tech_firms', 2025, ?, ?, ?, 'sql', 'sql', ?, 'api')`,
    );
    const now = new Date().toISOString();
    const top = db.prepare('SELECT max(id) FROM observation_revisions').pluck().get() as number;
    insert.run(top + 10, 7.5, 'final', 1, now);
    // Older by id, written later: it is not the current revision, and its columns must not be copied.
    insert.run(top + 5, 8.5, 'preliminary', 0, now);
    expect(latest('141100', 'high_tech_firms', 2025)).toEqual({ value: 7.5, vintage: 'final', isSample: 1, withdrawn: 0 });
    expectConsistent(db);
  });

  it('after a backup restored over the live file', async () => {
    const dir = tempDir('jindu-covering-backup-');
    try {
      const file = path.join(dir.dir, 'backup.db');
      await backupDatabase(dbPath, file);
      await uploadAndCommit('boss', ['141100,high_tech_firms,2026,130']);
      expectConsistent(db);
      await restoreDatabase(file, dbPath, migrationsDir);
      expect(latest('141100', 'high_tech_firms', 2026)).toBeUndefined();
      expectConsistent(db);
    } finally {
      dir.cleanup();
    }
  });
});

describe('a database written by gen:national', () => {
  const dir = tempDir('jindu-covering-national-');
  afterAll(() => dir.cleanup());

  it('has observations_latest equal to its revisions, withdrawn and sample figures included', () => {
    const file = path.join(dir.dir, 'national.db');
    generateNational(file, { regions: 3, years: 15, seed: 1 });
    const national = openDatabase(file);
    try {
      expectConsistent(national);
      expect(national.prepare('SELECT count(*) FROM observations_latest WHERE is_sample = 1').pluck().get()).toBeGreaterThan(0);
    } finally {
      national.close();
    }
  }, 120_000);
});
