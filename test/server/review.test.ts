import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { type Db, openDatabase } from '../../server/src/db/connection.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { tempDbPath } from '../helpers/db.js';

// Review before publication (填报 → 审核 → 发布) through the real app on a real SQLite file. The seed
// holds, for Lüliang (141100): high-tech firms 84 published for 2021; R&D expenditure 15.3 (亿元) for
// 2021; patent applications 749 and grants 422 for 2017.
//
// The people: `lv`, a statistician of Lüliang who reports; `rev`, Lüliang's reviewer; `pj`, Panjin's
// reviewer; `boss`, an administrator (who reviews every region) entering a figure of their own.

const PASSWORD = 'review test password';
let app: App;
let db: Db;
let cleanup: () => void;
type Session = { cookie: string; csrf: string };
const people: Record<'lv' | 'rev' | 'boss' | 'pj', Session> = {} as never;

beforeAll(async () => {
  const tmp = tempDbPath();
  cleanup = tmp.cleanup;
  app = await buildApp({ dbPath: tmp.dbPath, serveWeb: false });
  db = openDatabase(tmp.dbPath);
  const repos = createRepositories(db);
  const passwordHash = await hashPassword(PASSWORD);
  const now = new Date().toISOString();
  repos.users.create({ name: 'lv', displayName: '吕梁填报员', role: 'statistician', regions: ['141100'], passwordHash }, now);
  repos.users.create({ name: 'rev', displayName: '审核员', role: 'reviewer', regions: ['141100'], passwordHash }, now);
  repos.users.create({ name: 'pj', displayName: '盘锦审核员', role: 'reviewer', regions: ['211100'], passwordHash }, now);
  repos.users.create({ name: 'boss', displayName: '管理员', role: 'admin', regions: [], passwordHash }, now);
  for (const name of ['lv', 'rev', 'boss', 'pj'] as const) {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name, password: PASSWORD } });
    people[name] = {
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

const as = (who: keyof typeof people) => ({ cookie: people[who].cookie, 'x-csrf-token': people[who].csrf });
const send = (who: keyof typeof people, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  app.inject({ method, url, headers: as(who), ...(payload ? { payload } : {}) });

async function upload(who: keyof typeof people, csv: string) {
  const boundary = 'reviewtest';
  const payload = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="defaultVintage"\r\n\r\nfinal\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="defaultSource"\r\n\r\n2022年吕梁市统计公报\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="review.csv"\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
  );
  const res = await app.inject({
    method: 'POST',
    url: '/api/imports',
    payload,
    headers: { ...as(who), 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json() as { import: { id: number }; issues: { row: number; code: string; severity: string }[] };
  return { id: body.import.id, issues: body.issues };
}

const currentValue = async (indicator: string, year: number) => {
  const res = await app.inject({
    method: 'GET',
    url: `/api/observations?region=141100&indicator=${indicator}`,
    headers: as('lv'),
  });
  const o = (res.json().observations as { year: number; value: number | null; submittedBy?: string; approvedBy?: string }[]).find(
    (x) => x.year === year,
  );
  return o ?? null;
};
const dataVersion = () => (db.prepare('SELECT version FROM data_version').pluck().get() as number) + maxRevision();
const maxRevision = () => db.prepare('SELECT max(id) FROM observation_revisions').pluck().get() as number;
// The Lüliang plan's target on high-tech firms, and its judged latest figure.
const highTechTarget = () =>
  db
    .prepare("SELECT id FROM targets WHERE region_code = '141100' AND indicator_code = 'high_tech_firms' LIMIT 1")
    .pluck()
    .get() as number;
const judged = async () => {
  const res = await app.inject({ method: 'GET', url: `/api/targets/${highTechTarget()}/progress`, headers: as('lv') });
  expect(res.statusCode, res.body).toBe(200);
  return JSON.stringify(res.json().progress ?? res.json());
};

describe('review off (the default for an existing database and the tests)', () => {
  it('publishes a committed upload at once, as before, with no approver', async () => {
    expect((await send('lv', 'GET', '/api/settings/review')).json()).toEqual({ reviewRequired: false });
    const preview = await upload('lv', '地区代码,指标代码,年份,数值\r\n141100,high_tech_firms,2023,95');
    const res = await send('lv', 'POST', `/api/imports/${preview.id}/commit`, {});
    expect(res.json()).toEqual({ importId: preview.id, written: 1, alreadyCommitted: false });
    expect(await currentValue('high_tech_firms', 2023)).toMatchObject({ value: 95, approvedBy: null, submittedBy: null });
    expect(db.prepare('SELECT count(*) FROM figure_submissions').pluck().get()).toBe(0);
  });
});

describe('review on', () => {
  let batchId = '';
  let ownId = 0;

  it('only an administrator switches it, audited', async () => {
    expect((await send('lv', 'PUT', '/api/settings/review', { reviewRequired: true })).statusCode).toBe(403);
    const res = await send('boss', 'PUT', '/api/settings/review', { reviewRequired: true });
    expect(res.json()).toEqual({ reviewRequired: true });
    expect(db.prepare("SELECT after_json FROM audit_log WHERE action = 'settings.update'").pluck().get()).toBe(
      JSON.stringify({ reviewRequired: true }),
    );
  });

  it('a committed upload publishes nothing: the figure waits, progress and the data version are unchanged', async () => {
    const before = { judged: await judged(), version: dataVersion() };
    const preview = await upload('lv', '地区代码,指标代码,年份,数值\r\n141100,high_tech_firms,2022,92');
    const res = await send('lv', 'POST', `/api/imports/${preview.id}/commit`, {});
    expect(res.json()).toEqual({ importId: preview.id, written: 0, alreadyCommitted: false, pendingReview: 1 });
    expect(await currentValue('high_tech_firms', 2022)).toBeNull();
    expect(await judged()).toBe(before.judged);
    expect(dataVersion()).toBe(before.version);
    const mine = (await send('lv', 'GET', '/api/review/mine')).json().submissions;
    expect(mine).toMatchObject([
      { indicatorCode: 'high_tech_firms', year: 2022, value: 92, state: 'pending', importId: preview.id },
    ]);
    batchId = mine[0].batchId;
    expect(batchId).toBe(`import-${preview.id}`);
  });

  it('a reporter cannot see the queue; a reviewer sees the figure with last years and the targets it would move', async () => {
    expect((await send('lv', 'GET', '/api/review/pending')).statusCode).toBe(403);
    const res = await send('rev', 'GET', '/api/review/pending?region=141100');
    expect(res.statusCode, res.body).toBe(200);
    const batch = (res.json().batches as { batchId: string; figures: Record<string, unknown>[]; fileName: string }[]).find(
      (b) => b.batchId === batchId,
    );
    expect(batch?.fileName).toBe('review.csv');
    expect(batch?.figures[0]).toMatchObject({
      value: 92,
      submittedBy: 'lv',
      current: null,
      // The last published years (samples are never shown as published), newest first.
      previous: [
        { year: 2021, value: 84 },
        { year: 2017, value: 26 },
      ],
      indicatorNameZh: '高新技术企业数(年末)',
    });
    expect(Array.isArray(batch?.figures[0]?.verdictChanges)).toBe(true);
  });

  it('nobody approves their own submission (403), administrators included', async () => {
    const entered = await send('boss', 'POST', '/api/observations', {
      region: '141100',
      indicator: 'new_high_tech_firms',
      year: 2022,
      value: 40,
      vintage: 'final',
      sourceTitle: '2022年吕梁市统计公报',
    });
    expect(entered.statusCode, entered.body).toBe(202);
    ownId = entered.json().id;
    expect(entered.json()).toMatchObject({ state: 'pending', submittedBy: 'boss', value: 40 });
    expect(await currentValue('new_high_tech_firms', 2022)).toBeNull();
    const res = await send('boss', 'POST', '/api/review/decisions', { decision: 'approve', ids: [ownId] });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'own_submission', ids: [ownId] });
    expect(res.json().messages.zh).toContain('两人原则');
    expect(res.json().messages.en).toContain('two-person rule');
  });

  it('a reviewer of another region neither sees nor decides Lüliang’s figures', async () => {
    expect((await send('pj', 'GET', '/api/review/pending')).json().batches).toEqual([]);
    const res = await send('pj', 'POST', '/api/review/decisions', { decision: 'approve', batchId });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('region_not_reviewed');
  });

  it('approval publishes the figure with who supplied and who approved it, in its history and the audit log', async () => {
    const version = dataVersion();
    const res = await send('rev', 'POST', '/api/review/decisions', { decision: 'approve', batchId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ decision: 'approve', decided: 1 });
    expect(dataVersion()).toBeGreaterThan(version);
    expect(await currentValue('high_tech_firms', 2022)).toMatchObject({ value: 92, submittedBy: 'lv', approvedBy: 'rev' });
    const history = (
      await send('lv', 'GET', '/api/observations/history?region=141100&indicator=high_tech_firms&year=2022')
    ).json();
    expect(history.revisions).toMatchObject([
      { value: 92, enteredBy: 'lv', submittedBy: 'lv', approvedBy: 'rev', cameFrom: 'upload' },
    ]);
    expect(history.submissions).toMatchObject([
      { state: 'approved', submittedBy: 'lv', decidedBy: 'rev', revisionId: res.json().revisionIds[0] },
    ]);
    const entries = db
      .prepare(
        "SELECT actor, action, entity_id AS entityId, after_json AS after FROM audit_log WHERE entity = 'figure_submission' ORDER BY id",
      )
      .all() as { actor: string; action: string; entityId: string; after: string }[];
    expect(entries.map((e) => [e.actor, e.action])).toEqual([
      ['lv', 'review.submit'],
      ['boss', 'review.submit'],
      ['rev', 'review.approve'],
    ]);
    expect(JSON.parse(entries[2]?.after ?? '{}')).toMatchObject({
      count: 1,
      figures: [{ indicator: 'high_tech_firms', year: 2022, value: 92 }],
    });
  });

  it('a figure decided already answers 409 and nothing changes', async () => {
    const approved = (await send('lv', 'GET', '/api/review/mine'))
      .json()
      .submissions.find((s: { batchId: string }) => s.batchId === batchId);
    const before = maxRevision();
    const res = await send('rev', 'POST', '/api/review/decisions', { decision: 'approve', ids: [approved.id] });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('already_decided');
    expect(maxRevision()).toBe(before);
  });

  it('returning needs a reason; a returned figure is in its reporter’s list with the reason, and resubmitted anew', async () => {
    const noReason = await send('rev', 'POST', '/api/review/decisions', { decision: 'return', ids: [ownId] });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ code: 'reason_required', field: 'reason' });
    const res = await send('rev', 'POST', '/api/review/decisions', {
      decision: 'return',
      ids: [ownId],
      reason: '与公报不符，请核对',
    });
    expect(res.json()).toMatchObject({ decision: 'return', decided: 1, revisionIds: [] });
    const mine = (await send('boss', 'GET', '/api/review/mine')).json().submissions;
    expect(mine[0]).toMatchObject({ id: ownId, state: 'returned', decisionReason: '与公报不符，请核对', decidedBy: 'rev' });
    expect(await currentValue('new_high_tech_firms', 2022)).toBeNull();

    const again = await send('boss', 'POST', `/api/review/submissions/${ownId}/resubmit`, { value: 41 });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({ state: 'pending', value: 41, replacesId: ownId });
    const history = (
      await send('lv', 'GET', '/api/observations/history?region=141100&indicator=new_high_tech_firms&year=2022')
    ).json();
    expect(history.submissions.map((s: { state: string; value: number }) => [s.state, s.value])).toEqual([
      ['withdrawn', 40],
      ['pending', 41],
    ]);
    // A withdrawn submission cannot be sent again.
    expect((await send('boss', 'POST', `/api/review/submissions/${ownId}/resubmit`, { value: 42 })).statusCode).toBe(409);
  });

  it('flags a 10⁴ unit slip and granted patents above applications; each needs an explanation to be submitted', async () => {
    const preview = await upload(
      'lv',
      '地区代码,指标代码,年份,数值\r\n141100,rd_expenditure,2022,153000\r\n141100,patent_applications,2018,800\r\n141100,patent_grants,2018,900',
    );
    const warned = (code: string) => preview.issues.filter((i) => i.code === code).map((i) => i.row);
    expect(warned('looks_like_wrong_unit')).toEqual([2]);
    // Both sides of the relation are flagged: applications below the grants of the same file, and grants above them.
    expect(warned('inconsistent_with_related')).toEqual([3, 4]);
    // Acknowledging is not enough with review on: the reviewer needs the reporter's explanation.
    expect((await send('lv', 'POST', `/api/imports/${preview.id}/commit`, { acknowledged: [2, 3, 4] })).json()).toMatchObject({
      statusCode: 400,
      code: 'explanation_required',
      field: 'explanations',
      unexplainedRows: [2, 3, 4],
    });
    const blank = await send('lv', 'POST', `/api/imports/${preview.id}/commit`, {
      explanations: { 2: '  ', 3: '授权含往年申请', 4: '授权含往年申请' },
    });
    expect(blank.json()).toMatchObject({ code: 'explanation_required', unexplainedRows: [2] });
    expect(blank.json().messages.zh).toContain('情况说明');
    expect(blank.json().messages.en).toContain('explanation');
    const res = await send('lv', 'POST', `/api/imports/${preview.id}/commit`, {
      explanations: { 2: '单位为万元，已核对', 3: '授权含往年申请', 4: '授权含往年申请' },
    });
    expect(res.json()).toMatchObject({ written: 0, pendingReview: 3 });
    const queue = await send('rev', 'GET', '/api/review/pending');
    expect(queue.statusCode, queue.body).toBe(200);
    const pending = queue.json().batches.find((b: { importId: number }) => b.importId === preview.id);
    const byIndicator = (code: string) => pending.figures.find((f: { indicatorCode: string }) => f.indicatorCode === code);
    expect(byIndicator('rd_expenditure')).toMatchObject({
      explanation: '单位为万元，已核对',
      checks: [{ code: 'looks_like_wrong_unit' }],
    });
    expect(byIndicator('patent_grants').explanation).toBe('授权含往年申请');
    expect(byIndicator('patent_grants').checks.map((c: { code: string }) => c.code)).toContain('inconsistent_with_related');
    expect(byIndicator('patent_applications').checks.map((c: { code: string }) => c.code)).toEqual(['inconsistent_with_related']);
  });

  it('one figure by hand: a flagged figure needs its explanation (400 naming the field)', async () => {
    const figure = {
      region: '141100',
      indicator: 'rd_expenditure',
      year: 2023,
      value: 160000,
      vintage: 'final',
      sourceTitle: '公报',
    };
    const res = await send('lv', 'POST', '/api/observations', figure);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'explanation', code: 'explanation_required' });
    expect(res.json().warnings.map((w: { code: string }) => w.code)).toEqual(['looks_like_wrong_unit']);
    const ok = await send('lv', 'POST', '/api/observations', { ...figure, explanation: '单位核对无误' });
    expect(ok.statusCode).toBe(202);
    expect(ok.json()).toMatchObject({ explanation: '单位核对无误', checks: [{ code: 'looks_like_wrong_unit' }] });
  });

  it('reverting an upload withdraws its figures still awaiting review, so they can no longer be approved', async () => {
    const preview = await upload(
      'lv',
      '地区代码,指标代码,年份,数值\r\n141100,high_tech_firms,2025,95\r\n141100,high_tech_firms,2026,97',
    );
    expect(preview.issues).toEqual([]);
    expect((await send('lv', 'POST', `/api/imports/${preview.id}/commit`, {})).json()).toMatchObject({ pendingReview: 2 });
    const dry = await send('lv', 'GET', `/api/imports/${preview.id}/revert`);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().summary).toEqual({ restore: 0, withdraw: 0, leftAlone: 0, unchanged: 0, openSubmissions: 2 });
    const done = await send('lv', 'POST', `/api/imports/${preview.id}/revert`, { fingerprint: dry.json().fingerprint });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ written: 0, summary: { openSubmissions: 2 } });
    const states = (await send('lv', 'GET', '/api/review/mine'))
      .json()
      .submissions.filter((s: { importId: number | null }) => s.importId === preview.id);
    expect(states.map((s: { state: string }) => s.state)).toEqual(['withdrawn', 'withdrawn']);
    const before = maxRevision();
    const ids = states.map((s: { id: number }) => s.id);
    const approve = await send('rev', 'POST', '/api/review/decisions', { decision: 'approve', ids });
    expect(approve.statusCode).toBe(409);
    expect(approve.json().code).toBe('already_decided');
    // Nor does the batch offer them any more.
    expect(
      (await send('rev', 'POST', '/api/review/decisions', { decision: 'approve', batchId: `import-${preview.id}` })).statusCode,
    ).toBe(404);
    expect(maxRevision()).toBe(before);
    expect(await currentValue('high_tech_firms', 2025)).toBeNull();
    const entry = db
      .prepare("SELECT after_json AS after FROM audit_log WHERE action = 'import.revert' AND import_id = ?")
      .get(preview.id) as { after: string };
    expect(JSON.parse(entry.after)).toMatchObject({ openSubmissions: 2 });
  });

  it('approving a figure whose published value changed after it was submitted is refused (409); returning it works', async () => {
    const preview = await upload('lv', '地区代码,指标代码,年份,数值\r\n141100,high_tech_firms,2019,30');
    expect(preview.issues).toEqual([]);
    expect((await send('lv', 'POST', `/api/imports/${preview.id}/commit`, {})).json()).toMatchObject({ pendingReview: 1 });
    const first = (await send('lv', 'GET', '/api/review/mine'))
      .json()
      .submissions.find((s: { importId: number | null }) => s.importId === preview.id).id as number;
    // The administrator sends the same figure by hand later, and that one is approved first.
    const later = await send('boss', 'POST', '/api/observations', {
      region: '141100',
      indicator: 'high_tech_firms',
      year: 2019,
      value: 31,
      vintage: 'final',
      sourceTitle: '2019年吕梁市统计公报',
    });
    expect(later.statusCode, later.body).toBe(202);
    expect((await send('rev', 'POST', '/api/review/decisions', { decision: 'approve', ids: [later.json().id] })).statusCode).toBe(
      200,
    );
    expect(await currentValue('high_tech_firms', 2019)).toMatchObject({ value: 31 });

    const before = maxRevision();
    const stale = await send('rev', 'POST', '/api/review/decisions', { decision: 'approve', ids: [first] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'changed_since_submission', ids: [first] });
    expect(stale.json().messages.zh).toContain('提交之后');
    expect(maxRevision()).toBe(before);
    expect(await currentValue('high_tech_firms', 2019)).toMatchObject({ value: 31 });
    const returned = await send('rev', 'POST', '/api/review/decisions', {
      decision: 'return',
      ids: [first],
      reason: '已有更新的数值，请核对',
    });
    expect(returned.statusCode, returned.body).toBe(200);
  });

  it('switched off again, publication is direct once more', async () => {
    await send('boss', 'PUT', '/api/settings/review', { reviewRequired: false });
    const preview = await upload('lv', '地区代码,指标代码,年份,数值\r\n141100,high_tech_firms,2024,99');
    expect((await send('lv', 'POST', `/api/imports/${preview.id}/commit`, {})).json()).toMatchObject({ written: 1 });
    expect(await currentValue('high_tech_firms', 2024)).toMatchObject({ value: 99 });
  });
});
