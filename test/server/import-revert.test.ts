import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RevertPlan } from '../../server/src/api/types.js';
import { type App, buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { type Db, openDatabase } from '../../server/src/db/connection.js';
import { buildReportModel } from '../../server/src/reports/model.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { createProgressService } from '../../server/src/services/progress.js';
import { tempDbPath } from '../helpers/db.js';

// Reverting a committed upload (issue 12): every figure it wrote goes back to what it was before, as
// new revisions; a figure it created is withdrawn (no longer current); figures revised since are left
// alone unless included. Through the real app on a real, seeded SQLite file; a second connection
// reads what was stored.

const PASSWORD = 'revert test password';
type Who = { cookie: string; csrf: string };
let app: App;
let db: Db;
let dbPath: string;
let cleanup: () => void;
let admin: Who;
let lv: Who;
let lv2: Who;
let panjin: Who;
let viewer: Who;
let moverId = 0;
let mover: Who;
/** The index of the figure write at which the revert fails (null: none), for the all-or-nothing test. */
let failAt: number | null = null;

beforeAll(async () => {
  const tmp = tempDbPath();
  cleanup = tmp.cleanup;
  dbPath = tmp.dbPath;
  app = await buildApp({
    dbPath,
    serveWeb: false,
    revertHooks: { failRevertAt: () => failAt },
  });
  db = openDatabase(dbPath);
  const repos = createRepositories(db);
  const passwordHash = await hashPassword(PASSWORD);
  const now = new Date().toISOString();
  const account = (name: string, role: 'admin' | 'statistician' | 'viewer', regions: string[]) =>
    repos.users.create({ name, displayName: name, role, regions, passwordHash }, now);
  account('boss', 'admin', []);
  account('lv', 'statistician', ['141100']);
  account('lv2', 'statistician', ['141100']);
  account('pj', 'statistician', ['211100']);
  account('reader', 'viewer', []);
  moverId = account('mover', 'statistician', ['141100']);
  const signIn = async (name: string): Promise<Who> => {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name, password: PASSWORD } });
    expect(res.statusCode, res.body).toBe(200);
    return {
      cookie: `jindu_session=${res.cookies.find((c) => c.name === 'jindu_session')?.value}`,
      csrf: res.json().csrfToken as string,
    };
  };
  admin = await signIn('boss');
  lv = await signIn('lv');
  lv2 = await signIn('lv2');
  panjin = await signIn('pj');
  viewer = await signIn('reader');
  mover = await signIn('mover');
});
afterAll(async () => {
  db.close();
  await app.close();
  cleanup();
});

const headers = (who: Who) => ({ cookie: who.cookie, 'x-csrf-token': who.csrf });

async function upload(who: Who, fileName: string, rows: string[]): Promise<number> {
  const boundary = '----jindurevert';
  const csv = ['地区代码,指标代码,年份,数值', ...rows].join('\n');
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="defaultVintage"\r\n\r\nfinal\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="defaultSource"\r\n\r\n撤销测试 ${fileName}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(csv),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await app.inject({
    method: 'POST',
    url: '/api/imports',
    payload,
    headers: { ...headers(who), 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json().import.summary.errors, res.body).toBe(0);
  return res.json().import.id as number;
}

async function commit(who: Who, id: number) {
  const res = await app.inject({ method: 'POST', url: `/api/imports/${id}/commit`, headers: headers(who) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { written: number };
}

async function uploadAndCommit(who: Who, fileName: string, rows: string[]): Promise<number> {
  const id = await upload(who, fileName, rows);
  await commit(who, id);
  return id;
}

const dryRun = (who: Who, id: number, includeRevisedSince = false) =>
  app.inject({
    method: 'GET',
    url: `/api/imports/${id}/revert${includeRevisedSince ? '?includeRevisedSince=true' : ''}`,
    headers: headers(who),
  });
const revert = (who: Who, id: number, body: Record<string, unknown> = {}) =>
  app.inject({ method: 'POST', url: `/api/imports/${id}/revert`, headers: headers(who), payload: body });

/** The current figures of one Lüliang indicator, as the observations endpoint answers, by year. */
async function current(indicator: string) {
  const res = await app.inject({
    method: 'GET',
    url: `/api/observations?region=141100&indicator=${indicator}`,
    headers: headers(viewer),
  });
  expect(res.statusCode, res.body).toBe(200);
  return new Map(
    (res.json().observations as Record<string, unknown>[]).map((o) => [
      o.year as number,
      // What a figure is, without who wrote it when: a revert writes the earlier figure anew.
      {
        value: o.value,
        published: o.published,
        vintage: o.vintage,
        isSample: o.isSample,
        sourceTitle: o.sourceTitle,
        sourceUrl: o.sourceUrl,
        quote: o.quote,
        note: o.note,
        revisionCount: o.revisionCount,
      },
    ]),
  );
}

async function history(indicator: string, year: number) {
  const res = await app.inject({
    method: 'GET',
    url: `/api/observations/history?region=141100&indicator=${indicator}&year=${year}`,
    headers: headers(viewer),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().revisions as Record<string, unknown>[];
}

const figureKeys = (list: { year: number }[]) => list.map((f) => f.year);
const withoutCount = <T extends { revisionCount: unknown }>(m: Map<number, T>) =>
  new Map([...m].map(([year, { revisionCount: _, ...figure }]) => [year, figure]));

/** The figures, the audit log and the uploads' states, as text: "nothing written" at the level of the data. */
const writes = () =>
  JSON.stringify([
    db.prepare('SELECT * FROM observation_revisions ORDER BY id').all(),
    db.prepare('SELECT * FROM audit_log ORDER BY id').all(),
    db.prepare('SELECT id, status, reverted_at FROM imports ORDER BY id').all(),
  ]);

const HIGH_TECH_TARGET = () =>
  db
    .prepare(
      "SELECT t.id FROM targets t JOIN plans p ON p.id = t.plan_id WHERE p.slug = 'lvliang-2014-2020' AND t.key = 'high-tech-firms-2020'",
    )
    .pluck()
    .get() as number;

describe('the issue’s scenario: upload A creates and changes figures, upload B changes one again, revert A', () => {
  let a = 0;
  let b = 0;
  let beforeA: Awaited<ReturnType<typeof current>> = new Map();
  let progressBefore: Record<string, unknown> = {};
  let plan = {} as RevertPlan;

  beforeAll(async () => {
    beforeA = await current('high_tech_firms');
    const res = await app.inject({ method: 'GET', url: `/api/targets/${HIGH_TECH_TARGET()}/progress`, headers: headers(viewer) });
    progressBefore = res.json().result;
  });

  it('starts from the seeded figures: 2019 and 2020 sample, 2021 preliminary, nothing for 2022 and 2023', () => {
    expect(beforeA.get(2019)).toMatchObject({ value: 45, isSample: true, revisionCount: 1 });
    expect(beforeA.get(2020)).toMatchObject({ value: 62, isSample: true, revisionCount: 1 });
    expect(beforeA.get(2021)).toMatchObject({ value: 84, vintage: 'preliminary', isSample: false, revisionCount: 1 });
    expect(beforeA.has(2022)).toBe(false);
    expect(beforeA.has(2023)).toBe(false);
    expect(progressBefore.status).not.toBe('achieved');
  });

  it('commits A (four changed, two new) and B (one of A’s figures again)', async () => {
    a = await uploadAndCommit(lv, 'upload-a.csv', [
      '141100,high_tech_firms,2019,46',
      '141100,high_tech_firms,2020,81',
      '141100,high_tech_firms,2021,85',
      '141100,high_tech_firms,2022,95',
      '141100,high_tech_firms,2023,101',
    ]);
    b = await uploadAndCommit(lv2, 'upload-b.csv', ['141100,high_tech_firms,2021,88']);
    const now = await current('high_tech_firms');
    expect([2019, 2020, 2021, 2022, 2023].map((y) => now.get(y)?.value)).toEqual([46, 81, 88, 95, 101]);
    // A's 81 for 2020 meets the plan's 80 firms: the verdict moved.
    const res = await app.inject({ method: 'GET', url: `/api/targets/${HIGH_TECH_TARGET()}/progress`, headers: headers(viewer) });
    expect(res.json().result.status).toBe('achieved');
  });

  it('the dry run lists what the revert would do: two restored, two withdrawn, B’s figure left alone', async () => {
    const before = writes();
    const res = await dryRun(lv, a);
    expect(res.statusCode, res.body).toBe(200);
    plan = res.json() as RevertPlan;
    expect(writes()).toBe(before);
    expect(plan).toMatchObject({
      importId: a,
      fileName: 'upload-a.csv',
      includeRevisedSince: false,
      summary: { restore: 2, withdraw: 2, leftAlone: 1, unchanged: 0 },
    });
    const p = plan;
    expect(figureKeys(p.restore)).toEqual([2019, 2020]);
    expect(figureKeys(p.withdraw)).toEqual([2022, 2023]);
    expect(figureKeys(p.leftAlone)).toEqual([2021]);
    expect(p.unchanged).toEqual([]);
    expect(p.restore[1]).toMatchObject({
      regionCode: '141100',
      indicatorCode: 'high_tech_firms',
      year: 2020,
      uploaded: { value: 81, vintage: 'final', isSample: false, withdrawn: false },
      current: { value: 81, importId: a, enteredBy: 'lv' },
      restoreTo: { value: 62, vintage: 'final', isSample: true, withdrawn: false },
      revisedSince: false,
    });
    expect(p.withdraw[0]).toMatchObject({ year: 2022, uploaded: { value: 95 }, restoreTo: null, revisedSince: false });
    expect(p.leftAlone[0]).toMatchObject({
      year: 2021,
      uploaded: { value: 85 },
      current: { value: 88, importId: b, enteredBy: 'lv2' },
      // What including it would restore: the seeded figure.
      restoreTo: { value: 84, vintage: 'preliminary', isSample: false },
      revisedSince: true,
    });
  });

  it('reverts A: the state equals the state before A except B’s figure, and the dry run is what it did', async () => {
    const res = await revert(lv, a, { fingerprint: plan.fingerprint });
    expect(res.statusCode, res.body).toBe(200);
    const { revertedAt, written, ...done } = res.json();
    expect(written).toBe(4);
    expect(typeof revertedAt).toBe('string');
    expect(done).toEqual(plan);

    const after = await current('high_tech_firms');
    const expected = new Map(withoutCount(beforeA));
    const b2021 = withoutCount(after).get(2021);
    if (b2021) expected.set(2021, b2021);
    expect(withoutCount(after)).toEqual(expected);
    expect(after.get(2021)).toMatchObject({ value: 88, vintage: 'final', sourceTitle: '撤销测试 upload-b.csv' });
    expect(after.get(2020)).toMatchObject({ value: 62, isSample: true, sourceTitle: '示例数据 (sample, not published)' });
    expect(after.has(2022)).toBe(false);
    expect(after.has(2023)).toBe(false);
    // A figure's revision count counts the versions of the kind it now is (a real figure replacing a
    // sample is its first publication): 2019 and 2020 are samples again (the seed's and the revert's),
    // 2021 is real (seed, A, B). The history itself keeps every revision (below).
    expect([2019, 2020, 2021, 2022, 2023].map((y) => after.get(y)?.revisionCount ?? null)).toEqual([2, 2, 3, null, null]);
    const counts = db
      .prepare(
        "SELECT year, count(*) AS n FROM observation_revisions WHERE region_code = '141100' AND indicator_code = 'high_tech_firms' AND year >= 2019 GROUP BY year",
      )
      .all();
    expect(counts).toEqual([
      { year: 2019, n: 3 },
      { year: 2020, n: 3 },
      { year: 2021, n: 3 },
      { year: 2022, n: 2 },
      { year: 2023, n: 2 },
    ]);
    const status = await app.inject({ method: 'GET', url: `/api/imports/${a}`, headers: headers(lv) });
    expect(status.json().import).toMatchObject({
      status: 'reverted',
      revertedBy: 'lv',
      revertedAt,
      revertSummary: { restore: 2, withdraw: 2, leftAlone: 1, unchanged: 0 },
    });
  });

  it('the history says which upload each revision came from, and which revert wrote the others', async () => {
    const y2020 = await history('high_tech_firms', 2020);
    expect(y2020.map((r) => [r.cameFrom, r.value, r.withdrawn, r.import, r.revertedImport])).toEqual([
      ['seed', 62, false, null, null],
      ['upload', 81, false, { id: a, fileName: 'upload-a.csv' }, null],
      ['revert', 62, false, null, { id: a, fileName: 'upload-a.csv' }],
    ]);
    expect(y2020[2]?.restoredFromId).toBe(y2020[0]?.id);
    expect(y2020[2]).toMatchObject({ isSample: true, enteredBy: 'lv' });

    const y2022 = await history('high_tech_firms', 2022);
    expect(y2022.map((r) => [r.cameFrom, r.value, r.published, r.withdrawn, r.restoredFromId])).toEqual([
      ['upload', 95, true, false, null],
      ['revert', null, false, true, null],
    ]);
    expect(y2022[1]?.revertedImport).toEqual({ id: a, fileName: 'upload-a.csv' });

    const y2021 = await history('high_tech_firms', 2021);
    expect(y2021.map((r) => [r.cameFrom, r.value, (r.import as { fileName: string } | null)?.fileName ?? null])).toEqual([
      ['seed', 84, null],
      ['upload', 85, 'upload-a.csv'],
      ['upload', 88, 'upload-b.csv'],
    ]);
  });

  it('a withdrawn figure is read nowhere: progress, the plan’s latest figure, comparisons and reports', async () => {
    const target = HIGH_TECH_TARGET();
    const progress = await app.inject({ method: 'GET', url: `/api/targets/${target}/progress`, headers: headers(viewer) });
    // The same judgement as before A. Only the revision counts differ, and with them the engine's
    // "revised" flag on 2019 and 2020: the history keeps A's figures and their revert.
    const result = progress.json().result;
    const { flags: flagsNow, inputs: inputsNow, explanation: saidNow, publishedOnly: publishedNow, ...judgedNow } = result;
    const {
      flags: flagsBefore,
      inputs: inputsBefore,
      explanation: saidBefore,
      publishedOnly: publishedBefore,
      ...judgedBefore
    } = progressBefore as typeof result;
    expect(judgedNow).toEqual(judgedBefore);
    // The sentences quote the published 2021 figure, which is B's 88 now, where it was 84 before A.
    const with88 = (text: string) => text.replace(/2021年为84家/g, '2021年为88家').replace(/2021: 84 firms/g, '2021: 88 firms');
    expect(saidNow).toEqual({ zh: with88(saidBefore.zh), en: with88(saidBefore.en) });
    expect(saidNow.zh).toContain('2021年为88家');
    expect(publishedNow).toEqual({
      ...publishedBefore,
      explanation: { zh: with88(publishedBefore.explanation.zh), en: with88(publishedBefore.explanation.en) },
    });
    expect(flagsNow.filter((f: { code: string }) => f.code !== 'revised')).toEqual(flagsBefore);
    expect(flagsNow.find((f: { code: string }) => f.code === 'revised').years).toEqual([2019, 2020]);
    const point = ({ revisionCount: _, ...o }: { revisionCount: number }) => o;
    expect(inputsNow.observations.map(point)).toEqual(inputsBefore.observations.map(point));
    expect({ ...inputsNow, observations: [] }).toEqual({ ...inputsBefore, observations: [] });
    expect(figureKeys(progress.json().observations).filter((y) => y >= 2019)).toEqual([2019, 2020, 2021]);

    const planRes = await app.inject({ method: 'GET', url: '/api/plans/lvliang-2014-2020', headers: headers(viewer) });
    const t = (planRes.json().targets as { id: number; latestObservation: { year: number; value: number } }[]).find(
      (x) => x.id === target,
    );
    expect(t?.latestObservation).toMatchObject({ year: 2021, value: 88 });

    const compare = await app.inject({
      method: 'GET',
      url: '/api/compare/regions?indicator=high_tech_firms&regions=141100',
      headers: headers(viewer),
    });
    expect(compare.statusCode, compare.body).toBe(200);
    const series = compare.json().series[0].observations as { year: number }[];
    expect(figureKeys(series).filter((y) => y >= 2019)).toEqual([2019, 2020, 2021]);

    const overview = await app.inject({ method: 'GET', url: '/api/regions/141100/overview', headers: headers(viewer) });
    const headline = (overview.json().headlines as { indicator: { code: string }; latestObservation: { year: number } }[]).find(
      (h) => h.indicator.code === 'high_tech_firms',
    );
    expect(headline?.latestObservation).toMatchObject({ year: 2021, value: 88 });

    const readRepos = createRepositories(openDatabase(dbPath));
    try {
      const lvPlan = readRepos.plans.find('lvliang-2014-2020');
      if (!lvPlan) throw new Error('no Lüliang plan');
      const model = buildReportModel(
        { repos: readRepos, progress: createProgressService(readRepos) },
        { plan: lvPlan, asOf: null, lang: 'zh', region: null, now: new Date() },
      );
      const reported = model.targets.find((x) => x.indicatorCode === 'high_tech_firms');
      expect(reported?.latest).toMatchObject({ year: 2021, value: 88 });
      const figures = model.sources.find((s) => s.regionCode === '141100' && s.indicatorCode === 'high_tech_firms')?.figures;
      expect(figures?.map((f) => f.year).filter((y) => y >= 2019)).toEqual([2019, 2020, 2021]);
    } finally {
      readRepos.db.close();
    }
  });

  it('records the revert in the audit log: who, from where, the counts and the figures left alone', () => {
    const entry = db
      .prepare("SELECT actor, address, import_id AS importId, after_json AS after FROM audit_log WHERE action = 'import.revert'")
      .get() as { actor: string; address: string; importId: number; after: string };
    expect(entry).toMatchObject({ actor: 'lv', address: '127.0.0.1', importId: a });
    expect(JSON.parse(entry.after)).toEqual({
      fileName: 'upload-a.csv',
      restore: 2,
      withdraw: 2,
      leftAlone: 1,
      unchanged: 0,
      includeRevisedSince: false,
      leftAloneFigures: ['141100/high_tech_firms/2021'],
    });
    const figures = db
      .prepare(
        "SELECT action, json_extract(before_json, '$.value') AS before, json_extract(after_json, '$.value') AS after FROM audit_log WHERE import_id = ? AND action IN ('observation.revert', 'observation.withdraw') ORDER BY id",
      )
      .all(a);
    expect(figures).toEqual([
      { action: 'observation.revert', before: 46, after: 45 },
      { action: 'observation.revert', before: 81, after: 62 },
      { action: 'observation.withdraw', before: 95, after: null },
      { action: 'observation.withdraw', before: 101, after: null },
    ]);
  });

  it('a second revert answers 409 import_reverted, and so does its dry run; the upload cannot be committed again', async () => {
    const before = writes();
    const again = await revert(lv, a);
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().code).toBe('import_reverted');
    expect((await dryRun(lv, a)).json().code).toBe('import_reverted');
    const recommit = await app.inject({ method: 'POST', url: `/api/imports/${a}/commit`, headers: headers(lv) });
    expect(recommit.statusCode).toBe(409);
    expect(recommit.json().code).toBe('import_reverted');
    expect(writes()).toBe(before);
  });

  it('a withdrawn figure uploaded again is new, not a change of "not published"; a withdrawal cannot be restored by hand', async () => {
    const again = await upload(lv, 'again.csv', ['141100,high_tech_firms,2022,96']);
    const preview = await app.inject({ method: 'GET', url: `/api/imports/${again}`, headers: headers(lv) });
    expect(preview.json().rows[0]).toMatchObject({ year: 2022, status: 'new', old: null });
    await commit(lv, again);
    // The commit's one audit entry; the figure's revision carries the upload.
    const entries = db.prepare('SELECT action FROM audit_log WHERE import_id = ? ORDER BY id').pluck().all(again);
    expect(entries).toEqual(['import.preview', 'import.commit']);
    expect((await current('high_tech_firms')).get(2022)).toMatchObject({ value: 96, revisionCount: 3 });

    const withdrawal = (await history('high_tech_firms', 2023))[1] as { id: number; withdrawn: boolean };
    expect(withdrawal.withdrawn).toBe(true);
    const restore = await app.inject({
      method: 'POST',
      url: '/api/observations/restore',
      headers: headers(lv),
      payload: { revisionId: withdrawal.id },
    });
    expect(restore.statusCode).toBe(409);
    expect(restore.json().code).toBe('revision_withdrawn');
  });
});

describe('who may revert', () => {
  let id = 0;
  beforeAll(async () => {
    id = await uploadAndCommit(lv, 'who.csv', ['141100,tech_sme_count,2013,21']);
  });

  it('not a viewer (403), nor another region’s statistician or another uploader (404), writing nothing', async () => {
    const before = writes();
    expect((await revert(viewer, id)).statusCode).toBe(403);
    expect((await dryRun(viewer, id)).statusCode).toBe(403);
    for (const who of [panjin, lv2]) {
      const res = await revert(who, id);
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().code).toBe('import_not_found');
      expect((await dryRun(who, id)).statusCode).toBe(404);
    }
    expect(writes()).toBe(before);
  });

  it('an administrator may revert a statistician’s upload', async () => {
    const res = await revert(admin, id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ written: 1, summary: { withdraw: 1 } });
    expect((await current('tech_sme_count')).has(2013)).toBe(false);
    const entry = db.prepare("SELECT actor FROM audit_log WHERE action = 'import.revert' AND import_id = ?").pluck().get(id);
    expect(entry).toBe('boss');
  });

  it('an uploader moved to another region may no longer revert: 403 naming the region, nothing written', async () => {
    const own = await uploadAndCommit(mover, 'mover.csv', ['141100,tech_sme_count,2012,19']);
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/users/${moverId}`,
      headers: headers(admin),
      payload: { regions: ['211100'] },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const before = writes();
    const res = await revert(mover, own);
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json()).toMatchObject({ code: 'region_not_assigned', refusedRegions: ['141100'] });
    expect(res.json().messages.zh).toBe('您现在无权修改以下地区的数据：吕梁市。该上传未撤销。');
    expect((await dryRun(mover, own)).statusCode).toBe(403);
    expect(writes()).toBe(before);
  });

  it('a preview is not reverted but discarded: 409 import_not_committed', async () => {
    const preview = await upload(lv, 'preview.csv', ['141100,tech_sme_count,2011,17']);
    const res = await revert(lv, preview);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('import_not_committed');
  });

  it('refuses an unknown field and a malformed fingerprint with 400 naming the field', async () => {
    const unknown = await revert(lv, id, { everything: true });
    expect(unknown.statusCode).toBe(400);
    const bad = await revert(lv, id, { fingerprint: 'abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('fingerprint');
  });
});

describe('figures revised since the upload', () => {
  it('go back too when the user includes them', async () => {
    const c = await uploadAndCommit(lv, 'upload-c.csv', [
      '141100,valid_invention_patents,2019,250',
      '141100,valid_invention_patents,2020,290',
    ]);
    await uploadAndCommit(lv2, 'upload-d.csv', ['141100,valid_invention_patents,2020,300']);
    const plain = (await dryRun(lv, c)).json();
    expect(plain.summary).toEqual({ restore: 1, withdraw: 0, leftAlone: 1, unchanged: 0 });
    const included = (await dryRun(lv, c, true)).json();
    expect(included.summary).toEqual({ restore: 2, withdraw: 0, leftAlone: 0, unchanged: 0 });
    expect(included.restore.map((f: { year: number; revisedSince: boolean }) => [f.year, f.revisedSince])).toEqual([
      [2019, false],
      [2020, true],
    ]);
    expect(included.fingerprint).toBe(plain.fingerprint);

    const res = await revert(lv, c, { includeRevisedSince: true, fingerprint: included.fingerprint });
    expect(res.statusCode, res.body).toBe(200);
    const { revertedAt: _, written, ...done } = res.json();
    expect(done).toEqual(included);
    expect(written).toBe(2);
    const now = await current('valid_invention_patents');
    expect([now.get(2019)?.value, now.get(2020)?.value]).toEqual([247, 283]);
    const audit = db
      .prepare("SELECT after_json FROM audit_log WHERE action = 'import.revert' AND import_id = ?")
      .pluck()
      .get(c) as string;
    expect(JSON.parse(audit)).toMatchObject({ includeRevisedSince: true, leftAlone: 0, leftAloneFigures: [] });
    const revisedEntry = db
      .prepare(
        "SELECT json_extract(before_json, '$.revisedSince') FROM audit_log WHERE action = 'observation.revert' AND import_id = ? ORDER BY id DESC LIMIT 1",
      )
      .pluck()
      .get(c);
    expect(revisedEntry).toBe(1);
  });

  it('one put back to what it was before the upload is unchanged: nothing written for it', async () => {
    const e = await uploadAndCommit(lv, 'upload-e.csv', [
      '141100,tech_contract_turnover,2015,2.1',
      '141100,tech_contract_turnover,2016,2.4',
    ]);
    // The 2016 figure is restored by hand to the seed's revision.
    const seedRevision = (await history('tech_contract_turnover', 2016))[0] as { id: number };
    const restored = await app.inject({
      method: 'POST',
      url: '/api/observations/restore',
      headers: headers(lv),
      payload: { revisionId: seedRevision.id },
    });
    expect(restored.statusCode, restored.body).toBe(201);
    const y2016 = await history('tech_contract_turnover', 2016);
    expect(y2016.map((r) => [r.cameFrom, r.restoredFromId])).toEqual([
      ['seed', null],
      ['upload', null],
      ['restore', seedRevision.id],
    ]);

    const res = await revert(lv, e, { includeRevisedSince: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().summary).toEqual({ restore: 1, withdraw: 0, leftAlone: 0, unchanged: 1 });
    expect(res.json().written).toBe(1);
    expect((await history('tech_contract_turnover', 2016)).length).toBe(3);
  });

  it('a revert refuses with 409 revert_stale when a figure changed since the dry run it confirms, writing nothing', async () => {
    const f = await uploadAndCommit(lv, 'upload-f.csv', ['141100,tech_contract_turnover,2017,2.7']);
    const plan = (await dryRun(lv, f)).json();
    const entered = await app.inject({
      method: 'POST',
      url: '/api/observations',
      headers: headers(lv2),
      payload: {
        region: '141100',
        indicator: 'tech_contract_turnover',
        year: 2017,
        value: 2.75,
        vintage: 'revised',
        sourceTitle: '手工更正',
      },
    });
    expect(entered.statusCode, entered.body).toBe(201);
    const before = writes();
    const res = await revert(lv, f, { fingerprint: plan.fingerprint });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('revert_stale');
    expect(writes()).toBe(before);
    // Looked at again, the hand-entered figure is left alone, and the history says it was entered by hand.
    const again = (await dryRun(lv, f)).json();
    expect(again.summary).toMatchObject({ leftAlone: 1, restore: 0 });
    expect((await history('tech_contract_turnover', 2017)).at(-1)).toMatchObject({ cameFrom: 'form', import: null });
  });
});

describe('all or nothing', () => {
  it('a failure half-way through the revert writes nothing and leaves the upload committed', async () => {
    const g = await uploadAndCommit(lv, 'upload-g.csv', [
      '141100,new_high_tech_firms,2014,4',
      '141100,new_high_tech_firms,2015,5',
      '141100,new_high_tech_firms,2024,40',
    ]);
    const before = writes();
    failAt = 2;
    try {
      const res = await revert(lv, g);
      expect(res.statusCode).toBe(500);
    } finally {
      failAt = null;
    }
    expect(writes()).toBe(before);
    const status = await app.inject({ method: 'GET', url: `/api/imports/${g}`, headers: headers(lv) });
    expect(status.json().import.status).toBe('committed');
    const res = await revert(lv, g);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().summary).toEqual({ restore: 2, withdraw: 1, leftAlone: 0, unchanged: 0 });
  });
});
