import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../server/src/db/connection.js';
import { useApp } from '../helpers/app.js';

// An administrator corrects a target: PATCH /api/targets/:id, and its history at
// GET /api/targets/:id/history, through the real app in demo mode (its three accounts sign in).

const { app, dbPath } = useApp({ demo: true, publicRead: false });

let db: Db;
let admin: { cookie: string; csrf: string };
let rdId = 0;
let rangeId = 0;

async function signIn(name: string, password: string) {
  const res = await app().inject({ method: 'POST', url: '/api/session', payload: { name, password } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'jindu_session');
  return { cookie: `jindu_session=${cookie?.value}`, csrf: res.json().csrfToken as string };
}

const patch = (
  id: number,
  payload: unknown,
  headers: Record<string, string> = { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
) => app().inject({ method: 'PATCH', url: `/api/targets/${id}`, headers, payload: payload as object });
const read = async (url: string) => {
  const res = await app().inject({ method: 'GET', url, headers: { cookie: admin.cookie } });
  return { status: res.statusCode, body: res.json() };
};

// Writes other than signing in and out, which the refusals below do on their way.
const auditCount = () => db.prepare("SELECT count(*) FROM audit_log WHERE action NOT LIKE 'session.%'").pluck().get() as number;
const row = (id: number) => db.prepare('SELECT * FROM targets WHERE id = ?').get(id);

beforeAll(async () => {
  db = openDatabase(dbPath());
  admin = await signIn('demo-admin', 'jindu-demo-admin');
  const keyed = (slug: string, key: string) =>
    db
      .prepare('SELECT t.id FROM targets t JOIN plans p ON p.id = t.plan_id WHERE p.slug = ? AND t.key = ?')
      .pluck()
      .get(slug, key) as number;
  rdId = keyed('lvliang-2014-2020', 'rd-intensity-2020');
  rangeId = db.prepare("SELECT id FROM targets WHERE type = 'range' ORDER BY id LIMIT 1").pluck().get() as number;
  expect(rdId).toBeGreaterThan(0);
  expect(rangeId).toBeGreaterThan(0);
});
afterAll(() => {
  db?.close();
});

describe('refusals: nothing is written', () => {
  it('answers invalid corrections with 400 naming the field', async () => {
    const before = { target: row(rdId), range: row(rangeId), audits: auditCount() };

    const range = await patch(rangeId, { valueMin: 5, valueMax: 2, reason: '区间写反' });
    expect(range.statusCode).toBe(400);
    expect(range.json()).toMatchObject({ field: 'valueMin', code: 'range_order' });
    expect(range.json().message).toMatch(/valueMin/);

    const noReason = await patch(rdId, { value: 0.7 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().field).toBe('reason');
    const blankReason = await patch(rdId, { value: 0.7, reason: '   ' });
    expect(blankReason.json()).toMatchObject({ statusCode: 400, field: 'reason', code: 'reason_required' });

    const clause = await patch(rdId, { clause: '研究与试验发展经费占GDP的比重达到0.7%', reason: '改原文' });
    expect(clause.statusCode).toBe(400);
    expect(clause.json().field).toBe('clause');
    for (const field of ['key', 'type', 'indicator', 'region', 'planId']) {
      const res = await patch(rdId, { [field]: 'x', reason: '不可改' });
      expect(res.statusCode, field).toBe(400);
      expect(res.json().field, field).toBe(field);
    }

    const noValue = await patch(rdId, { value: null, reason: '删除目标值' });
    expect(noValue.json()).toMatchObject({ statusCode: 400, field: 'value', code: 'value_required' });
    const early = await patch(rdId, { targetYear: 2010, reason: '目标年' });
    expect(early.json()).toMatchObject({ statusCode: 400, field: 'targetYear', code: 'year_before_period' });
    const outOfBounds = await patch(rdId, { targetYear: 3020, reason: '目标年' });
    expect(outOfBounds.json()).toMatchObject({ statusCode: 400, field: 'targetYear' });
    const halfBase = await patch(rdId, { baseYear: 2013, reason: '基期' });
    expect(halfBase.json()).toMatchObject({ statusCode: 400, field: 'baseValue', code: 'base_pair' });
    const baseAfter = await patch(rdId, { baseYear: 2020, baseValue: 0.6, reason: '基期' });
    expect(baseAfter.json()).toMatchObject({ statusCode: 400, field: 'baseYear', code: 'base_after_target' });
    const unknownWithValue = await patch(rdId, { valueUnknown: true, reason: '数值不详' });
    expect(unknownWithValue.json()).toMatchObject({ statusCode: 400, field: 'value', code: 'value_unknown_has_value' });
    const comparator = await patch(rdId, { comparator: 'more_or_less', reason: '比较' });
    expect(comparator.json()).toMatchObject({ statusCode: 400, field: 'comparator' });
    const nothing = await patch(rdId, { value: 2.5, reason: '没有变化' });
    expect(nothing.json()).toMatchObject({ statusCode: 400, code: 'no_change' });

    expect(row(rdId)).toEqual(before.target);
    expect(row(rangeId)).toEqual(before.range);
    expect(auditCount()).toBe(before.audits);
  });

  it('answers an unknown target with 404', async () => {
    const audits = auditCount();
    const res = await patch(999_999, { value: 1, reason: '不存在' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ statusCode: 404, error: 'Not Found', message: 'No target with id 999999' });
    expect((await read('/api/targets/999999/history')).status).toBe(404);
    expect(auditCount()).toBe(audits);
  });

  it('refuses viewers and statisticians (403), visitors (401), and a write without the CSRF token', async () => {
    const target = row(rdId);
    const audits = auditCount();
    for (const [name, password] of [
      ['demo-statistician', 'jindu-demo-statistician'],
      ['demo-viewer', 'jindu-demo-viewer'],
    ] as const) {
      const who = await signIn(name, password);
      const res = await patch(rdId, { value: 0.7, reason: '越权' }, { cookie: who.cookie, 'x-csrf-token': who.csrf });
      expect(res.statusCode, name).toBe(403);
      expect(res.json().code, name).toBe('forbidden');
    }
    const anonymous = await patch(rdId, { value: 0.7, reason: '匿名' }, {});
    expect(anonymous.statusCode).toBe(401);
    const noCsrf = await patch(rdId, { value: 0.7, reason: '无令牌' }, { cookie: admin.cookie });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('csrf');
    const wrongCsrf = await patch(rdId, { value: 0.7, reason: '错令牌' }, { cookie: admin.cookie, 'x-csrf-token': 'nope' });
    expect(wrongCsrf.json().code).toBe('csrf');
    expect(row(rdId)).toEqual(target);
    expect(auditCount()).toBe(audits);
  });
});

describe('a correction', () => {
  it('changes the Lüliang R&D target, its judgement at once (memoised plan progress too), and is in its history', async () => {
    const planProgress = async () =>
      (await read('/api/plans/lvliang-2014-2020/progress')).body.targets.find((t: { targetId: number }) => t.targetId === rdId)
        .result.status;
    const before = await read(`/api/targets/${rdId}/progress`);
    expect(before.body.result.status).toBe('missed');
    expect(await planProgress()).toBe('missed'); // memoised now
    expect((await read(`/api/targets/${rdId}/history`)).body).toEqual([]);
    const clause = (row(rdId) as { clause: string }).clause;
    const audits = auditCount();

    const noteEn = (await read('/api/plans/lvliang-2014-2020')).body.targets.find((t: { id: number }) => t.id === rdId).noteEn;
    const res = await patch(rdId, { value: 0.7, noteZh: '  按市统计局核定口径  ', reason: '原文2.5%应为0.7%(测试)' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: rdId, key: 'rd-intensity-2020', value: 0.7, targetYear: 2020, clause });
    // Each language's note is its own field: the Chinese one changed, the English one stays.
    expect(res.json().noteZh).toBe('按市统计局核定口径');
    expect(res.json().noteEn).toBe(noteEn);
    expect(noteEn).toMatch(/^The source lost the decimal point here; read as 2\.5/);
    expect(auditCount()).toBe(audits + 1);

    // 0.71% in 2020 meets 0.7%: the judgement changes, on the target's page and in the plan's memo.
    const after = await read(`/api/targets/${rdId}/progress`);
    expect(after.body.result.status).toBe('achieved');
    expect(await planProgress()).toBe('achieved');
    const plan = (await read('/api/plans/lvliang-2014-2020')).body;
    expect(plan.targets.find((t: { id: number }) => t.id === rdId)).toMatchObject({ value: 0.7, clause });

    const history = await read(`/api/targets/${rdId}/history`);
    expect(history.status).toBe(200);
    expect(history.body).toHaveLength(1);
    expect(history.body[0]).toMatchObject({
      actor: 'demo-admin',
      actorDisplayName: '演示管理员 Demo admin',
      reason: '原文2.5%应为0.7%(测试)',
      before: { value: 2.5 },
      after: { value: 0.7, noteZh: '按市统计局核定口径' },
    });
    expect(history.body[0].before.noteZh).toMatch(/^原文此处小数点缺失，读作 2\.5/);
    expect(Object.keys(history.body[0].before).sort()).toEqual(['noteZh', 'value']);
    expect(Object.keys(history.body[0].after).sort()).toEqual(['noteZh', 'value']);

    // The audit log has it too, searchable by region and indicator.
    const audit = await read('/api/audit?region=141100&indicator=rd_intensity&limit=1');
    expect(audit.body.entries[0]).toMatchObject({
      action: 'target.update',
      entity: 'target',
      entityId: String(rdId),
      actor: 'demo-admin',
      origin: 'form',
      after: { value: 0.7, reason: '原文2.5%应为0.7%(测试)' },
    });

    // A second correction goes on top, newest first.
    const second = await patch(rdId, { targetYear: 2021, reason: '目标年顺延' });
    expect(second.statusCode).toBe(200);
    const both = (await read(`/api/targets/${rdId}/history`)).body;
    expect(both.map((h: { reason: string }) => h.reason)).toEqual(['目标年顺延', '原文2.5%应为0.7%(测试)']);
    expect(both[0]).toMatchObject({ before: { targetYear: 2020 }, after: { targetYear: 2021 } });
  });

  it('lets everyone who can read see the history, and no one else', async () => {
    const viewer = await signIn('demo-viewer', 'jindu-demo-viewer');
    const res = await app().inject({ method: 'GET', url: `/api/targets/${rdId}/history`, headers: { cookie: viewer.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json().length).toBeGreaterThan(0);
    const anonymous = await app().inject({ method: 'GET', url: `/api/targets/${rdId}/history` });
    expect(anonymous.statusCode).toBe(401);
  });
});
