import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../server/src/db/connection.js';
import { useApp } from '../helpers/app.js';

// A saved plan edited by an administrator: a target added (POST /api/plans/:id/targets, checked as a
// plan file's target) and a target retired (POST /api/targets/:id/retire: out of the judged set and
// the counts, still readable with its history and figures). Through the real app in demo mode.

const { app, dbPath } = useApp({ demo: true, publicRead: false });

let db: Db;
let admin: { cookie: string; csrf: string };
let statistician: { cookie: string; csrf: string };

async function signIn(name: string, password: string) {
  const res = await app().inject({ method: 'POST', url: '/api/session', payload: { name, password } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'jindu_session');
  return { cookie: `jindu_session=${cookie?.value}`, csrf: res.json().csrfToken as string };
}

const as = (who: { cookie: string; csrf: string }) => ({ cookie: who.cookie, 'x-csrf-token': who.csrf });
const post = (url: string, payload: unknown, who = admin) =>
  app().inject({ method: 'POST', url, headers: as(who), payload: payload as object });
const read = async (url: string) => {
  const res = await app().inject({ method: 'GET', url, headers: { cookie: admin.cookie } });
  return { status: res.statusCode, body: res.json() };
};
const auditCount = () => db.prepare("SELECT count(*) FROM audit_log WHERE action NOT LIKE 'session.%'").pluck().get() as number;
const targetCount = () => db.prepare('SELECT count(*) FROM targets').pluck().get() as number;
const lastAudit = () =>
  db.prepare("SELECT * FROM audit_log WHERE action NOT LIKE 'session.%' ORDER BY id DESC LIMIT 1").get() as {
    action: string;
    actor: string;
    entity: string;
    entity_id: string;
    before_json: string | null;
    after_json: string;
    region_code: string;
    indicator_code: string;
  };

/** The Panjin plan states its high-tech firms twice; the seed has the first, this is the second (task 7). */
const secondStatement = () => ({
  key: 'high-tech-firms-total-2021',
  indicator: 'high_tech_firms',
  type: 'level',
  value: 140,
  targetYear: 2021,
  comparator: 'at_least',
  clause: '高新技術企業總數達到140家',
  noteZh: '任务七中的第二次表述',
  noteEn: 'the second statement, in task 7',
});

beforeAll(async () => {
  db = openDatabase(dbPath());
  admin = await signIn('demo-admin', 'jindu-demo-admin');
  statistician = await signIn('demo-statistician', 'jindu-demo-statistician');
});
afterAll(() => {
  db?.close();
});

describe('adding a target to a saved plan', () => {
  it('refuses a target the plan file checks refuse, with 400 naming the field, and writes nothing', async () => {
    const before = { targets: targetCount(), audits: auditCount() };
    const cases: [Record<string, unknown>, string, string | undefined][] = [
      [{ clause: '高新技術企業總數達到150家' }, 'clause', 'clause_not_verbatim'],
      [{ key: 'high-tech-firms-2021' }, 'key', 'duplicate_key'],
      [{ indicator: 'no_such_indicator' }, 'indicator', 'unknown_indicator'],
      [{ value: null }, 'value', 'value_required'],
      [{ targetYear: 2015 }, 'targetYear', 'year_before_period'],
      [{ type: 'range', valueMin: 150, valueMax: 140, value: null }, 'valueMin', 'range_order'],
      [{ region: '999999' }, 'region', 'unknown_region'],
      [{ key: 'Not Kebab' }, 'key', 'invalid_field'],
      [{ planId: 3 }, 'planId', 'invalid_field'],
    ];
    for (const [change, field, code] of cases) {
      const res = await post('/api/plans/panjin-2019-2021/targets', { ...secondStatement(), ...change });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      expect(res.json().field, JSON.stringify(change)).toBe(field);
      expect(res.json().code, JSON.stringify(change)).toBe(code);
      expect(res.json().message).toContain(field);
    }
    expect(targetCount()).toBe(before.targets);
    expect(auditCount()).toBe(before.audits);
  });

  it('is for administrators only, and answers 404 for an unknown plan', async () => {
    expect((await post('/api/plans/panjin-2019-2021/targets', secondStatement(), statistician)).statusCode).toBe(403);
    expect((await post('/api/plans/no-such-plan/targets', secondStatement())).statusCode).toBe(404);
  });

  it('adds the target at the end of the plan, in its judged set and counts, with an audit entry', async () => {
    const plan = (await read('/api/plans/panjin-2019-2021')).body;
    const progress = (await read('/api/plans/panjin-2019-2021/progress')).body;
    const audits = auditCount();

    const res = await post('/api/plans/panjin-2019-2021/targets', secondStatement());
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      key: 'high-tech-firms-total-2021',
      type: 'level',
      comparator: 'at_least',
      value: 140,
      valueMin: null,
      valueUnknown: false,
      targetYear: 2021,
      clause: '高新技術企業總數達到140家',
      noteZh: '任务七中的第二次表述',
      milestones: [],
    });

    const after = (await read('/api/plans/panjin-2019-2021')).body;
    expect(after.targetCount).toBe(plan.targetCount + 1);
    expect(after.targets).toHaveLength(plan.targets.length + 1);
    const last = after.targets.at(-1);
    expect(last).toMatchObject({ id: created.id, region: { code: '211100' }, indicator: { code: 'high_tech_firms' } });
    // Judged at once: the plan's memoised progress is not served again.
    const judged = (await read('/api/plans/panjin-2019-2021/progress')).body;
    expect(judged.rollup.targetCount).toBe(progress.rollup.targetCount + 1);
    expect(judged.targets.map((t: { targetId: number }) => t.targetId)).toContain(created.id);

    expect(auditCount()).toBe(audits + 1);
    const entry = lastAudit();
    expect(entry).toMatchObject({
      action: 'target.create',
      actor: 'demo-admin',
      entity: 'target',
      entity_id: String(created.id),
      before_json: null,
      region_code: '211100',
      indicator_code: 'high_tech_firms',
    });
    expect(JSON.parse(entry.after_json)).toMatchObject({
      slug: 'panjin-2019-2021',
      key: 'high-tech-firms-total-2021',
      value: 140,
      targetYear: 2021,
      clause: '高新技術企業總數達到140家',
    });

    // The key is the plan's now: the same target again is a duplicate.
    const again = await post('/api/plans/panjin-2019-2021/targets', secondStatement());
    expect(again.json()).toMatchObject({ statusCode: 400, field: 'key', code: 'duplicate_key' });
  });
});

describe('retiring a target', () => {
  const lvTarget = (key: string) =>
    db
      .prepare('SELECT t.id FROM targets t JOIN plans p ON p.id = t.plan_id WHERE p.slug = ? AND t.key = ?')
      .pluck()
      .get('lvliang-2014-2020', key) as number;

  it('refuses a retirement without a reason (400 naming it), by a statistician (403), of no target (404)', async () => {
    const id = lvTarget('rd-intensity-2020');
    const audits = auditCount();
    const empty = await post(`/api/targets/${id}/retire`, { reason: '  ' });
    expect(empty.json()).toMatchObject({ statusCode: 400, field: 'reason', code: 'reason_required' });
    const missing = await post(`/api/targets/${id}/retire`, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().field).toBe('reason');
    expect((await post(`/api/targets/${id}/retire`, { reason: '撤销' }, statistician)).statusCode).toBe(403);
    expect((await post('/api/targets/999999/retire', { reason: '撤销' })).statusCode).toBe(404);
    expect(auditCount()).toBe(audits);
    expect(db.prepare('SELECT retired_at FROM targets WHERE id = ?').pluck().get(id)).toBeNull();
  });

  it('takes the target out of the judged set and the counts, keeps it readable with its history and figures', async () => {
    const id = lvTarget('rd-intensity-2020');
    // A correction first, so that the retired target has a history to keep.
    const corrected = await app().inject({
      method: 'PATCH',
      url: `/api/targets/${id}`,
      headers: as(admin),
      payload: { noteEn: 'read as 2.5 (checked again)', reason: '复核' },
    });
    expect(corrected.statusCode, corrected.body).toBe(200);

    const plan = (await read('/api/plans/lvliang-2014-2020')).body;
    const progress = (await read('/api/plans/lvliang-2014-2020/progress')).body;
    const region = (await read('/api/regions/141100/progress')).body;
    const judgedBefore = progress.targets.find((t: { targetId: number }) => t.targetId === id);
    expect(judgedBefore).toBeDefined();
    const status: string = judgedBefore.result.status;
    const audits = auditCount();

    const res = await post(`/api/targets/${id}/retire`, { reason: ' 2019年修订后不再考核 ' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, key: 'rd-intensity-2020', value: 2.5 });

    const row = db.prepare('SELECT retired_at, retired_by, retire_reason FROM targets WHERE id = ?').get(id) as {
      retired_at: string;
      retired_by: string;
      retire_reason: string;
    };
    expect(row.retired_by).toBe('demo-admin');
    expect(row.retire_reason).toBe('2019年修订后不再考核');
    expect(Number.isNaN(Date.parse(row.retired_at))).toBe(false);

    // Out of the plan's targets, its count and its roll-up (the status it had is counted once less).
    const after = (await read('/api/plans/lvliang-2014-2020')).body;
    expect(after.targetCount).toBe(plan.targetCount - 1);
    expect(after.targets.map((t: { id: number }) => t.id)).not.toContain(id);
    const judged = (await read('/api/plans/lvliang-2014-2020/progress')).body;
    expect(judged.targets.map((t: { targetId: number }) => t.targetId)).not.toContain(id);
    expect(judged.rollup.targetCount).toBe(progress.rollup.targetCount - 1);
    expect(judged.rollup.counts[status] ?? 0).toBe(progress.rollup.counts[status] - 1);
    const regionAfter = (await read('/api/regions/141100/progress')).body;
    expect(regionAfter.rollup.targetCount).toBe(region.rollup.targetCount - 1);
    const listed = (await read('/api/plans')).body.find((p: { slug: string }) => p.slug === 'lvliang-2014-2020');
    expect(listed.targetCount).toBe(plan.targetCount - 1);

    // Readable where it was retired, labelled with who, when and why.
    expect(after.retiredTargets).toHaveLength(1);
    expect(after.retiredTargets[0]).toMatchObject({
      id,
      key: 'rd-intensity-2020',
      clause: plan.targets.find((t: { id: number }) => t.id === id).clause,
      indicator: { code: 'rd_intensity' },
      retired: { by: 'demo-admin', reason: '2019年修订后不再考核', at: row.retired_at },
    });
    const own = await read(`/api/targets/${id}/progress`);
    expect(own.status).toBe(200);
    expect(own.body.result.status).toBe(status);
    expect(own.body.observations.length).toBeGreaterThan(0);
    const history = await read(`/api/targets/${id}/history`);
    expect(history.body).toHaveLength(1);
    expect(history.body[0].reason).toBe('复核');

    expect(auditCount()).toBe(audits + 1);
    const entry = lastAudit();
    expect(entry).toMatchObject({
      action: 'target.retire',
      actor: 'demo-admin',
      entity: 'target',
      entity_id: String(id),
      region_code: '141100',
      indicator_code: 'rd_intensity',
    });
    expect(JSON.parse(entry.after_json)).toEqual({ key: 'rd-intensity-2020', reason: '2019年修订后不再考核' });

    // Once: a second retirement is refused and writes nothing.
    const again = await post(`/api/targets/${id}/retire`, { reason: '再次撤销' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_retired');
    expect(auditCount()).toBe(audits + 1);
  });

  it('leaves the plan file: the export lists the targets in force', async () => {
    const id = lvTarget('rd-intensity-2020');
    const res = await app().inject({
      method: 'GET',
      url: '/api/plans/lvliang-2014-2020/file',
      headers: { cookie: admin.cookie },
    });
    expect(res.statusCode).toBe(200);
    const keys = res.json().targets.map((t: { key: string }) => t.key);
    expect(keys).not.toContain('rd-intensity-2020');
    expect(keys).toHaveLength((await read('/api/plans/lvliang-2014-2020')).body.targetCount);
    expect(id).toBeGreaterThan(0);
  });
});
