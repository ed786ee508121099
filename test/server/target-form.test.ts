import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../server/src/db/connection.js';
import { useApp } from '../helpers/app.js';

// The plan page's target forms through the API: a target added with its base, interim milestones
// and lead/responsible units (POST /api/plans/:id/targets), refused with 400 naming the field a plan
// file's checks name; corrected with a reason (PATCH /api/targets/:id: values, base, milestones,
// clause), the old value kept in its history and the audit log; a retired target never corrected.

const { app, dbPath } = useApp({ demo: true, publicRead: false });

let db: Db;
let admin: { cookie: string; csrf: string };

const PLAN = 'panjin-2019-2021';
const CLAUSE = '高新技術企業總數達到140家';

async function signIn(name: string, password: string) {
  const res = await app().inject({ method: 'POST', url: '/api/session', payload: { name, password } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'jindu_session');
  return { cookie: `jindu_session=${cookie?.value}`, csrf: res.json().csrfToken as string };
}
const as = () => ({ cookie: admin.cookie, 'x-csrf-token': admin.csrf });
const send = (method: 'POST' | 'PATCH', url: string, payload: unknown) =>
  app().inject({ method, url, headers: as(), payload: payload as object });
const read = async (url: string) => {
  const res = await app().inject({ method: 'GET', url, headers: { cookie: admin.cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const count = (sql: string, ...params: unknown[]) =>
  db
    .prepare(sql)
    .pluck()
    .get(...params) as number;
const snapshot = () => ({
  targets: count('SELECT count(*) FROM targets'),
  milestones: count('SELECT count(*) FROM target_milestones'),
  units: count('SELECT count(*) FROM target_units'),
  audit: count("SELECT count(*) FROM audit_log WHERE action NOT LIKE 'session.%'"),
});
const unitId = (nameZh: string) => count("SELECT id FROM units WHERE region_code = '211100' AND name_zh = ?", nameZh);

/** The Panjin plan's second statement of its high-tech firms, with a base, a milestone and two units. */
const newTarget = () => ({
  key: 'high-tech-firms-total-2021',
  indicator: 'high_tech_firms',
  type: 'level',
  comparator: 'at_least',
  value: 140,
  targetYear: 2021,
  baseYear: 2018,
  baseValue: 96,
  milestones: [{ year: 2020, value: 120, clause: CLAUSE }],
  clause: CLAUSE,
  units: [
    { unitId: unitId('市科技局'), role: 'lead' },
    { unitId: unitId('各县区政府'), role: 'responsible', asPrinted: '各縣區政府' },
  ],
});

beforeAll(async () => {
  db = openDatabase(dbPath());
  admin = await signIn('demo-admin', 'jindu-demo-admin');
});
afterAll(() => db?.close());

describe('the add-target form: base, milestones and units', () => {
  it('refuses a milestone after the target year with 400 naming milestones[0].year, and writes nothing', async () => {
    const before = snapshot();
    const res = await send('POST', `/api/plans/${PLAN}/targets`, {
      ...newTarget(),
      milestones: [{ year: 2022, value: 150, clause: CLAUSE }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'milestones[0].year', code: 'milestone_after_target' });
    expect(res.json().message).toContain('milestones[0].year');
    expect(snapshot()).toEqual(before);
  });

  it('names the field of every other refused part: the second milestone, base, benchmark, units', async () => {
    const before = snapshot();
    const cases: [Record<string, unknown>, string, string][] = [
      [
        {
          milestones: [
            { year: 2019, value: 100, clause: CLAUSE },
            { year: 2019, value: 110, clause: CLAUSE },
          ],
        },
        'milestones[1].year',
        'milestone_repeated',
      ],
      [
        { milestones: [{ year: 2020, value: 120, clause: '高新技术企业达到120家' }] },
        'milestones[0].clause',
        'clause_not_verbatim',
      ],
      [{ baseValue: null }, 'baseValue', 'base_pair'],
      [{ baseYear: 2021 }, 'baseYear', 'base_after_target'],
      [{ type: 'benchmark', value: null }, 'benchmarkRegion', 'benchmark_region_required'],
      [{ type: 'benchmark', value: null, benchmarkRegion: '999999' }, 'benchmarkRegion', 'unknown_region'],
      [
        { units: [{ unitId: count("SELECT id FROM units WHERE region_code = '141100' LIMIT 1"), role: 'lead' }] },
        'units[0].unitId',
        'unit_other_region',
      ],
      [{ units: [{ unitId: 999999, role: 'lead' }] }, 'units[0].unitId', 'unit_not_found'],
    ];
    for (const [change, field, code] of cases) {
      const res = await send('POST', `/api/plans/${PLAN}/targets`, { ...newTarget(), ...change });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      expect(res.json(), JSON.stringify(change)).toMatchObject({ field, code });
    }
    expect(snapshot()).toEqual(before);
  });

  it('adds the target with its base, milestone and units: rows, plan page and audit entry', async () => {
    const before = snapshot();
    const res = await send('POST', `/api/plans/${PLAN}/targets`, newTarget());
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;

    const row = db.prepare('SELECT base_year, base_value, value, target_year FROM targets WHERE id = ?').get(id);
    expect(row).toEqual({ base_year: 2018, base_value: 96, value: 140, target_year: 2021 });
    expect(db.prepare('SELECT year, value, clause FROM target_milestones WHERE target_id = ?').all(id)).toEqual([
      { year: 2020, value: 120, clause: CLAUSE },
    ]);
    expect(
      db
        .prepare(
          'SELECT u.name_zh AS unit, tu.role, tu.as_printed AS asPrinted, tu.position FROM target_units tu JOIN units u ON u.id = tu.unit_id WHERE tu.target_id = ? ORDER BY tu.role, tu.position',
        )
        .all(id),
    ).toEqual([
      { unit: '市科技局', role: 'lead', asPrinted: '市科技局', position: 0 },
      { unit: '各县区政府', role: 'responsible', asPrinted: '各縣區政府', position: 0 },
    ]);
    expect(snapshot()).toEqual({
      targets: before.targets + 1,
      milestones: before.milestones + 1,
      units: before.units + 2,
      audit: before.audit + 1,
    });

    const plan = await read(`/api/plans/${PLAN}`);
    const shown = plan.targets.find((t: { id: number }) => t.id === id);
    expect(shown).toMatchObject({ baseYear: 2018, baseValue: 96, milestones: [{ year: 2020, value: 120 }] });
    expect(shown.units.map((u: { nameZh: string; role: string }) => [u.nameZh, u.role])).toEqual([
      ['市科技局', 'lead'],
      ['各县区政府', 'responsible'],
    ]);

    const entry = db
      .prepare("SELECT action, after_json FROM audit_log WHERE entity = 'target' AND entity_id = ? ORDER BY id DESC")
      .get(String(id)) as { action: string; after_json: string };
    expect(entry.action).toBe('target.create');
    expect(JSON.parse(entry.after_json)).toMatchObject({
      key: 'high-tech-firms-total-2021',
      baseYear: 2018,
      baseValue: 96,
      milestones: [{ year: 2020, value: 120, clause: CLAUSE }],
      units: [
        { unitId: unitId('市科技局'), role: 'lead', asPrinted: '市科技局' },
        { unitId: unitId('各县区政府'), role: 'responsible', asPrinted: '各縣區政府' },
      ],
    });

    // Its history opens with its addition.
    const history = await read(`/api/targets/${id}/history`);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'create', actor: 'demo-admin', reason: '', before: {} });
    expect(history[0].after).toMatchObject({ value: 140, baseYear: 2018 });
  });
});

describe('the correction form: values, base, milestones, clause', () => {
  const added = () => count("SELECT id FROM targets WHERE key = 'high-tech-firms-total-2021'");
  const judged = async (id: number) =>
    (await read(`/api/plans/${PLAN}/progress`)).targets.find((t: { targetId: number }) => t.targetId === id);

  it('refuses a milestone moved after the target year, naming it, and a clause not in the document', async () => {
    const id = added();
    const before = snapshot();
    const late = await send('PATCH', `/api/targets/${id}`, {
      milestones: [{ year: 2021, value: 130, clause: CLAUSE }],
      reason: '节点年份',
    });
    expect(late.statusCode).toBe(400);
    expect(late.json()).toMatchObject({ field: 'milestones[0].year', code: 'milestone_after_target' });
    const clause = await send('PATCH', `/api/targets/${id}`, { clause: '高新技术企业达到150家', reason: '条款' });
    expect(clause.statusCode).toBe(400);
    expect(clause.json()).toMatchObject({ field: 'clause', code: 'clause_not_verbatim' });
    expect(snapshot()).toEqual(before);
  });

  it('serves the new value to the progress API, keeps the old value in its history, and audits the reason', async () => {
    const id = added();
    const old = await judged(id);
    expect(old.result.inputs).toMatchObject({ targetValue: 140, base: { year: 2018, value: 96 } });
    const res = await send('PATCH', `/api/targets/${id}`, {
      value: 150,
      baseValue: 98,
      milestones: [{ year: 2020, value: 125, clause: CLAUSE }],
      reason: '按修订稿更正为150家',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ value: 150, baseValue: 98, milestones: [{ year: 2020, value: 125 }] });

    // Judged against the new target at once, on the target's page and the plan's.
    const own = await read(`/api/targets/${id}/progress`);
    expect(own.result.inputs).toMatchObject({
      targetValue: 150,
      base: { year: 2018, value: 98 },
      milestones: [{ year: 2020, value: 125 }],
    });
    expect((await judged(id)).result.inputs.targetValue).toBe(150);
    const plan = await read(`/api/plans/${PLAN}`);
    expect(plan.targets.find((t: { id: number }) => t.id === id).value).toBe(150);

    const history = await read(`/api/targets/${id}/history`);
    expect(history.map((h: { action: string }) => h.action)).toEqual(['update', 'create']);
    expect(history[0]).toMatchObject({
      reason: '按修订稿更正为150家',
      before: { value: 140, baseValue: 96, milestones: [{ year: 2020, value: 120, clause: CLAUSE }] },
      after: { value: 150, baseValue: 98, milestones: [{ year: 2020, value: 125, clause: CLAUSE }] },
    });
    const entry = db
      .prepare(
        "SELECT action, actor, before_json, after_json FROM audit_log WHERE entity = 'target' AND entity_id = ? ORDER BY id DESC",
      )
      .get(String(id)) as { action: string; actor: string; before_json: string; after_json: string };
    expect(entry.action).toBe('target.update');
    expect(entry.actor).toBe('demo-admin');
    expect(JSON.parse(entry.before_json)).toMatchObject({ value: 140 });
    expect(JSON.parse(entry.after_json)).toMatchObject({ value: 150, reason: '按修订稿更正为150家' });
  });

  it('refuses to correct a retired target (409 target_retired) and writes nothing', async () => {
    const id = added();
    const retire = await send('POST', `/api/targets/${id}/retire`, { reason: '与任务一重复' });
    expect(retire.statusCode, retire.body).toBe(200);
    const before = snapshot();
    const res = await send('PATCH', `/api/targets/${id}`, { value: 160, reason: '再改' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('target_retired');
    expect(count('SELECT value FROM targets WHERE id = ?', id)).toBe(150);
    expect(snapshot()).toEqual(before);
  });
});
