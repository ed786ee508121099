import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { type Db, openDatabase } from '../../server/src/db/connection.js';
import { migrate } from '../../server/src/db/migrate.js';
import { migrationsDir } from '../../server/src/paths.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { tempDbPath, tempDir } from '../helpers/db.js';

// A preview is made at one moment and committed at another. The commit checks again what may have
// changed in between: the committer's regions, the preview's age, and the figures it compared with.
// Through the real app on a real SQLite file; a second connection looks at (and, for the age, edits)
// what is stored.

const PASSWORD = 'statistician password';
type Who = { cookie: string; csrf: string };
let app: App;
let db: Db;
let cleanup: () => void;
let admin: Who;
let mover: Who;
let moverId = 0;
let lv: Who;

beforeAll(async () => {
  const tmp = tempDbPath();
  cleanup = tmp.cleanup;
  app = await buildApp({ dbPath: tmp.dbPath, serveWeb: false });
  db = openDatabase(tmp.dbPath);
  const repos = createRepositories(db);
  const passwordHash = await hashPassword(PASSWORD);
  const now = new Date().toISOString();
  repos.users.create({ name: 'boss', displayName: '管理员', role: 'admin', regions: [], passwordHash }, now);
  moverId = repos.users.create(
    { name: 'mover', displayName: '调岗统计员', role: 'statistician', regions: ['141100'], passwordHash },
    now,
  );
  repos.users.create({ name: 'lv', displayName: '吕梁统计员', role: 'statistician', regions: ['141100'], passwordHash }, now);
  const signIn = async (name: string): Promise<Who> => {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name, password: PASSWORD } });
    expect(res.statusCode, res.body).toBe(200);
    return {
      cookie: `jindu_session=${res.cookies.find((c) => c.name === 'jindu_session')?.value}`,
      csrf: res.json().csrfToken as string,
    };
  };
  admin = await signIn('boss');
  mover = await signIn('mover');
  lv = await signIn('lv');
});
afterAll(async () => {
  db.close();
  await app.close();
  cleanup();
});

function uploadRequest(who: Who, csv: string, fileName: string) {
  const boundary = '----jindurecheck';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="defaultVintage"\r\n\r\nfinal\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="defaultSource"\r\n\r\n测试来源\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(csv),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url: '/api/imports',
    payload,
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

/** A preview of Lüliang's tech SMEs (科技型中小企业数), typed into the grid: the same checks as a file. */
async function gridPreview(who: Who, figures: { year: number; value: string }[]): Promise<number> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/imports/grid',
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf },
    payload: {
      region: '141100',
      defaultVintage: 'final',
      defaultSource: '复核测试',
      figures: figures.map((f) => ({ indicator: 'tech_sme_count', ...f })),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json().import.summary.errors).toBe(0);
  return res.json().import.id as number;
}

const commit = (who: Who, id: number) =>
  app.inject({ method: 'POST', url: `/api/imports/${id}/commit`, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf } });

const revisionsOf = (year: number) =>
  db
    .prepare(
      "SELECT value, origin FROM observation_revisions WHERE region_code = '141100' AND indicator_code = 'tech_sme_count' AND year = ? ORDER BY id",
    )
    .all(year);
const statusOf = (id: number) => db.prepare('SELECT status FROM imports WHERE id = ?').pluck().get(id);

/** The figures, the audit log and the uploads' states, as text: "nothing written" at the level of the data. */
const writes = () =>
  JSON.stringify([
    db.prepare('SELECT * FROM observation_revisions ORDER BY id').all(),
    db.prepare('SELECT * FROM audit_log ORDER BY id').all(),
    db.prepare('SELECT id, status, decided_at FROM imports ORDER BY id').all(),
  ]);

describe('a statistician moved to another region after the preview', () => {
  it('cannot commit the old region’s preview: 403 naming the region and rows, nothing written', async () => {
    const csv = ['地区代码,指标代码,年份,数值', '141100,tech_sme_count,2015,31', '141100,tech_sme_count,2016,33'].join('\n');
    const uploaded = await uploadRequest(mover, csv, '吕梁科技型中小企业.csv');
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const id = uploaded.json().import.id as number;
    expect(uploaded.json().import.summary).toMatchObject({ new: 2, errors: 0 });

    // Only an administrator changes the regions; the statistician's session goes on.
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/users/${moverId}`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { regions: ['211100'] },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().regions).toEqual(['211100']);

    const before = writes();
    const res = await commit(mover, id);
    expect(res.statusCode, res.body).toBe(403);
    const body = res.json();
    expect(body.code).toBe('region_not_assigned');
    expect(body.refused).toEqual([{ regionCode: '141100', rows: [2, 3] }]);
    expect(body.messages.zh).toBe('您现在无权录入以下地区的数据：吕梁市（第2、3行）。整份文件未写入任何数据。');
    expect(body.messages.en).toBe('You may no longer enter figures for Lüliang (rows 2, 3). Nothing in the file was written.');
    expect(writes()).toBe(before);
    expect(revisionsOf(2015)).toEqual([]);
    expect(statusOf(id)).toBe('preview');

    // Given the region back, the same preview commits: the refusal decided nothing.
    await app.inject({
      method: 'PATCH',
      url: `/api/users/${moverId}`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { regions: ['211100', '141100'] },
    });
    const again = await commit(mover, id);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ written: 2 });
    expect(revisionsOf(2015)).toEqual([{ value: 31, origin: 'upload' }]);
  });
});

describe('an expired preview', () => {
  const age = (id: number, hours: number) =>
    db.prepare('UPDATE imports SET created_at = ? WHERE id = ?').run(new Date(Date.now() - hours * 3_600_000).toISOString(), id);

  it('refuses to commit a preview older than 24 hours with 410 preview_expired, writing nothing', async () => {
    const id = await gridPreview(lv, [{ year: 2017, value: '40' }]);
    age(id, 25);
    const before = writes();
    const res = await commit(lv, id);
    expect(res.statusCode, res.body).toBe(410);
    expect(res.json()).toMatchObject({ code: 'preview_expired', expiredAfterHours: 24 });
    expect(res.json().messages.en).toContain('more than 24 hours old');
    expect(res.json().messages.zh).toContain('已超过 24 小时');
    expect(writes()).toBe(before);
    expect(revisionsOf(2017)).toEqual([]);
  });

  it('still commits one made 23 hours ago, and an expired one may still be discarded', async () => {
    const fresh = await gridPreview(lv, [{ year: 2017, value: '41' }]);
    age(fresh, 23);
    const res = await commit(lv, fresh);
    expect(res.statusCode, res.body).toBe(200);
    expect(revisionsOf(2017)).toEqual([{ value: 41, origin: 'upload' }]);

    const old = await gridPreview(lv, [{ year: 2017, value: '42' }]);
    age(old, 48);
    const discarded = await app.inject({
      method: 'DELETE',
      url: `/api/imports/${old}`,
      headers: { cookie: lv.cookie, 'x-csrf-token': lv.csrf },
    });
    expect(discarded.statusCode).toBe(204);
    expect(statusOf(old)).toBe('discarded');
  });
});

describe('a stale preview', () => {
  it('refuses with 409 preview_stale when a figure it compared with was entered by hand since, writing nothing', async () => {
    // Preview A: 2018 new, 2019 new.
    const a = await gridPreview(lv, [
      { year: 2018, value: '50' },
      { year: 2019, value: '55' },
    ]);
    // Meanwhile someone enters 2018 on the figure's form.
    const entered = await app.inject({
      method: 'POST',
      url: '/api/observations',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { region: '141100', indicator: 'tech_sme_count', year: 2018, value: 52, vintage: 'final', sourceTitle: '公报' },
    });
    expect(entered.statusCode, entered.body).toBe(201);

    const before = writes();
    const res = await commit(lv, a);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'preview_stale', changedRows: 1 });
    expect(res.json().messages.zh).toContain('有 1 项数据已被修改');
    expect(res.json().messages.en).toContain('Since this preview was made, the figures of 1 of its rows have been changed');
    expect(writes()).toBe(before);
    expect(revisionsOf(2018)).toEqual([{ value: 52, origin: 'form' }]);
    expect(revisionsOf(2019)).toEqual([]);
    expect(statusOf(a)).toBe('preview');
  });

  it('refuses when another upload committed the same figures first, counting unchanged rows too', async () => {
    // 2018 is now 52 (above): A sees it unchanged, B and A both bring 2020 as new.
    const a = await gridPreview(lv, [
      { year: 2018, value: '52' },
      { year: 2020, value: '60' },
    ]);
    const b = await gridPreview(lv, [
      { year: 2018, value: '53' },
      { year: 2020, value: '61' },
    ]);
    expect((await commit(lv, b)).json()).toMatchObject({ written: 2 });

    const before = writes();
    const res = await commit(lv, a);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'preview_stale', changedRows: 2 });
    expect(writes()).toBe(before);
    expect(revisionsOf(2020)).toEqual([{ value: 61, origin: 'upload' }]);

    // Uploaded again, the same figures compare with today's and commit.
    const redo = await gridPreview(lv, [
      { year: 2018, value: '52' },
      { year: 2020, value: '60' },
    ]);
    expect((await commit(lv, redo)).json()).toMatchObject({ written: 2, alreadyCommitted: false });
    expect(revisionsOf(2020)).toEqual([
      { value: 61, origin: 'upload' },
      { value: 60, origin: 'upload' },
    ]);
  });
});

describe('an ordinary preview and commit', () => {
  it('still writes every new and changed figure, and a revision elsewhere does not make it stale', async () => {
    const id = await gridPreview(lv, [
      { year: 2021, value: '70' },
      { year: 2022, value: '75' },
    ]);
    // A figure the preview does not hold changes meanwhile: no reason to refuse.
    await app.inject({
      method: 'POST',
      url: '/api/observations',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { region: '141100', indicator: 'tech_sme_count', year: 2023, value: 80, vintage: 'final', sourceTitle: '公报' },
    });
    const res = await commit(lv, id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ importId: id, written: 2, alreadyCommitted: false });
    expect(revisionsOf(2021)).toEqual([{ value: 70, origin: 'upload' }]);
    expect(revisionsOf(2022)).toEqual([{ value: 75, origin: 'upload' }]);
    expect(statusOf(id)).toBe('committed');
  });
});

describe('the audit log of uploads', () => {
  const entries = (id: number) =>
    (
      db
        .prepare(
          'SELECT action, actor, entity, entity_id AS entityId, after_json AS after, address FROM audit_log WHERE import_id = ? ORDER BY id',
        )
        .all(id) as { action: string; actor: string; entity: string; entityId: string; after: string; address: string }[]
    ).map((e) => ({ ...e, after: JSON.parse(e.after) }));

  it('records the preview (file name, rows read), the commit and the discard, each by its user', async () => {
    const csv = ['地区代码,指标代码,年份,数值', '141100,tech_sme_count,2024,90', '141100,tech_sme_count,2025,x'].join('\n');
    const kept = (await uploadRequest(lv, csv, '审计-提交.csv')).json().import.id as number;
    await commit(lv, kept);
    // One entry for the commit, not one per figure: the revisions carry the upload.
    expect(entries(kept).map((e) => e.action)).toEqual(['import.preview', 'import.commit']);
    expect(entries(kept)[0]).toMatchObject({
      actor: 'lv',
      entity: 'import',
      entityId: String(kept),
      after: { fileName: '审计-提交.csv', summary: { rowsRead: 2, new: 2 } },
    });
    expect(entries(kept)[1]).toMatchObject({ actor: 'lv', after: { fileName: '审计-提交.csv', written: 2 } });
    // Each entry carries the client's address (inject's is the loopback one).
    expect(entries(kept).map((e) => e.address)).toEqual(['127.0.0.1', '127.0.0.1']);

    const dropped = (await uploadRequest(lv, csv, '审计-放弃.csv')).json().import.id as number;
    const res = await app.inject({
      method: 'DELETE',
      url: `/api/imports/${dropped}`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    });
    expect(res.statusCode).toBe(204);
    expect(entries(dropped)).toMatchObject([
      { action: 'import.preview', actor: 'lv', after: { fileName: '审计-放弃.csv', summary: { rowsRead: 2 } } },
      {
        action: 'import.discard',
        actor: 'boss',
        entity: 'import',
        entityId: String(dropped),
        after: { fileName: '审计-放弃.csv' },
        address: '127.0.0.1',
      },
    ]);

    // The administrator reads them in the audit log.
    const log = await app.inject({ method: 'GET', url: '/api/audit?user=lv', headers: { cookie: admin.cookie } });
    expect(log.statusCode, log.body).toBe(200);
    const actions = (log.json().entries as { action: string; entityId: string }[]).filter((e) => e.entityId === String(dropped));
    expect(actions.map((e) => e.action)).toEqual(['import.preview']);
  });

  it('records nothing for a refused commit or a refused discard', async () => {
    const id = await gridPreview(lv, [{ year: 2026, value: '95' }]);
    await commit(lv, id);
    const before = db.prepare('SELECT count(*) FROM audit_log').pluck().get();
    const res = await app.inject({
      method: 'DELETE',
      url: `/api/imports/${id}`,
      headers: { cookie: lv.cookie, 'x-csrf-token': lv.csrf },
    });
    expect(res.statusCode).toBe(409);
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(before);
  });
});

describe('migration 0008', () => {
  it('gives the previews made before it the revision that was current when each was made', () => {
    const { dir, cleanup: remove } = tempDir();
    try {
      const before = path.join(dir, 'before');
      fs.mkdirSync(before);
      for (const f of fs.readdirSync(migrationsDir).filter((f) => f.endsWith('.sql') && f < '0008'))
        fs.copyFileSync(path.join(migrationsDir, f), path.join(before, f));
      const old = openDatabase(path.join(dir, 'old.db'));
      migrate(old, before);
      old.prepare("INSERT INTO regions VALUES ('141100', '吕梁市', 'Lüliang', 'prefecture', NULL)").run();
      old
        .prepare(
          "INSERT INTO indicators (code, name_zh, name_en, unit, unit_en, direction, kind) VALUES ('high_tech_firms', '高新技术企业数', 'High-tech firms', '家', 'firms', 'up', 'stock')",
        )
        .run();
      old
        .prepare(
          "INSERT INTO users (name, display_name, role, password_hash, created_at, password_changed_at) VALUES ('lv', 'lv', 'statistician', 'x', 't', 't')",
        )
        .run();
      const revision = old.prepare(`INSERT INTO observation_revisions (id, region_code, indicator_code, year, value, vintage,
          source_title, entered_by, entered_at, origin) VALUES (?, '141100', 'high_tech_firms', ?, ?, 'final', 's', 'x', ?, 'form')`);
      revision.run(1, 2015, 17, '2026-01-01T00:00:00.000Z');
      revision.run(2, 2016, 21, '2026-01-01T00:00:00.000Z');
      revision.run(3, 2016, 22, '2026-03-01T00:00:00.000Z'); // revised after the preview
      old
        .prepare(
          `INSERT INTO imports (id, user_id, file_name, sha256, size_bytes, default_vintage, status, summary_json, created_at)
           VALUES (1, 1, 'a.csv', 'x', 1, 'final', 'preview', '{}', '2026-02-01T00:00:00.000Z')`,
        )
        .run();
      const row = old.prepare(`INSERT INTO import_rows (import_id, position, row, region_code, indicator_code, year, value,
          raw_value, vintage, source_title, status) VALUES (1, ?, ?, '141100', 'high_tech_firms', ?, 1, '1', 'final', 's', ?)`);
      row.run(0, 2, 2015, 'changed');
      row.run(1, 3, 2016, 'changed');
      row.run(2, 4, 2017, 'new');

      expect(migrate(old, migrationsDir).applied).toContain('0008_import_rows_based_on.sql');
      expect(old.prepare('SELECT year, based_on_revision_id AS basedOn FROM import_rows ORDER BY position').all()).toEqual([
        { year: 2015, basedOn: 1 },
        { year: 2016, basedOn: 2 }, // so committing it now is refused as stale: 2016 is revision 3
        { year: 2017, basedOn: null },
      ]);
      old.close();
    } finally {
      remove();
    }
  });
});
