import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { type Db, openDatabase } from '../../server/src/db/connection.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { tempDbPath } from '../helpers/db.js';

const PASSWORD = 'commentary password';
let app: App;
let db: Db;
let cleanup: () => void;
const who: Record<string, { cookie: string; csrf: string }> = {};

beforeAll(async () => {
  const tmp = tempDbPath();
  cleanup = tmp.cleanup;
  app = await buildApp({ dbPath: tmp.dbPath, serveWeb: false, publicRead: true });
  db = openDatabase(tmp.dbPath);
  const repos = createRepositories(db);
  const passwordHash = await hashPassword(PASSWORD);
  repos.users.create(
    { name: 'lv', displayName: '吕梁统计员', role: 'statistician', regions: ['141100'], passwordHash },
    new Date().toISOString(),
  );
  repos.users.create(
    { name: 'pj', displayName: '盘锦统计员', role: 'statistician', regions: ['211100'], passwordHash },
    new Date().toISOString(),
  );
  for (const name of ['lv', 'pj']) {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name, password: PASSWORD } });
    who[name] = {
      cookie: `jindu_session=${res.cookies.find((c) => c.name === 'jindu_session')?.value}`,
      csrf: res.json().csrfToken,
    };
  }
});
afterAll(async () => {
  db.close();
  await app.close();
  cleanup();
});

const post = (name: string, targetId: number, payload: object) =>
  app.inject({
    method: 'POST',
    url: `/api/targets/${targetId}/comments`,
    payload,
    headers: { cookie: who[name]?.cookie ?? '', 'x-csrf-token': who[name]?.csrf ?? '' },
  });

describe('commentary', () => {
  it('lets a statistician of the region comment, with author and date, stored as typed', async () => {
    const body = '2020年受疫情影响,部分企业推迟申报。<script>alert(1)</script>';
    const res = await post('lv', 1, { year: 2020, body });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ targetId: 1, year: 2020, body, authorName: 'lv', authorDisplayName: '吕梁统计员' });
    const list = await app.inject({ method: 'GET', url: '/api/targets/1/comments' });
    expect(list.json().map((c: { body: string }) => c.body)).toEqual([body]);
  });

  it('refuses a statistician of another region with 403 and writes nothing', async () => {
    const before = db.prepare('SELECT count(*) FROM comments').pluck().get();
    const res = await post('pj', 1, { year: 2020, body: '不该写入' });
    expect(res.statusCode).toBe(403);
    expect(db.prepare('SELECT count(*) FROM comments').pluck().get()).toBe(before);
  });

  it('replaces a comment with a correction, keeping the old one in history only', async () => {
    const first = (await post('lv', 1, { year: 2019, body: '初稿' })).json();
    const second = await post('lv', 1, { year: 2019, body: '更正稿', replacesId: first.id });
    expect(second.statusCode).toBe(201);
    const list = (await app.inject({ method: 'GET', url: '/api/targets/1/comments' })).json();
    expect(list.map((c: { body: string }) => c.body)).not.toContain('初稿');
    expect(list.map((c: { body: string }) => c.body)).toContain('更正稿');
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'comment.replace'").pluck().get()).toBe(1);
  });

  it('answers 400 naming the field for an empty body, and 404 for an unknown target', async () => {
    const empty = await post('lv', 1, { year: 2020, body: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().field).toBe('body');
    expect((await post('lv', 99999, { year: 2020, body: 'x' })).statusCode).toBe(404);
  });
});
