import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { type Db, openDatabase } from '../../server/src/db/connection.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { tempDbPath } from '../helpers/db.js';

// Collection rounds through the real app on a seeded database: what a round owes and from whom,
// each item's derived status, the to-do lists, completeness per unit and per plan, and who may do what.

const PASSWORD = 'collection round password';
let app: App;
let db: Db;
let cleanup: () => void;
const who: Record<string, { cookie: string; csrf: string }> = {};
let kejiju = 0;
let jingxinwei = 0;

beforeAll(async () => {
  const tmp = tempDbPath();
  cleanup = tmp.cleanup;
  app = await buildApp({ dbPath: tmp.dbPath, serveWeb: false, publicRead: true, roundSweepMs: 0 });
  db = openDatabase(tmp.dbPath);
  const repos = createRepositories(db);
  const unit = (name: string) =>
    db.prepare(`SELECT id FROM units WHERE region_code = '141100' AND name_zh = ?`).pluck().get(name) as number;
  kejiju = unit('市科技局');
  jingxinwei = unit('市经信委');
  const passwordHash = await hashPassword(PASSWORD);
  const now = new Date().toISOString();
  const accounts = [
    { name: 'round-admin', role: 'admin' as const, regions: [] },
    { name: 'lv-stat', role: 'statistician' as const, regions: ['141100'] },
    { name: 'pj-stat', role: 'statistician' as const, regions: ['211100'] },
    { name: 'kjj-reporter', role: 'reporter' as const, regions: ['141100'], unitId: kejiju },
    { name: 'jxw-reporter', role: 'reporter' as const, regions: ['141100'], unitId: jingxinwei },
    { name: 'lv-reviewer', role: 'reviewer' as const, regions: ['141100'] },
    { name: 'viewer', role: 'viewer' as const, regions: [] },
  ];
  for (const a of accounts) repos.users.create({ ...a, displayName: a.name, passwordHash }, now);
  for (const { name } of accounts) {
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

const as = (name: string) => ({ cookie: who[name]?.cookie ?? '', 'x-csrf-token': who[name]?.csrf ?? '' });
const post = (name: string, url: string, payload?: object) => app.inject({ method: 'POST', url, payload, headers: as(name) });
const get = (name: string, url: string) => app.inject({ method: 'GET', url, headers: as(name) });

const ROUND = {
  regionCode: '141100',
  year: 2020,
  titleZh: '2020年度数据填报',
  titleEn: '2020 data collection',
  dueDate: '2099-03-31',
};
const KJJ_INDICATORS = [
  'high_tech_firms',
  'industry_tech_alliances',
  'industry_tech_institutes',
  'innovative_pilot_counties',
  'new_high_tech_firms',
  'soe_rd_revenue_share',
  'tech_sme_count',
];

interface Item {
  regionCode: string;
  indicatorCode: string;
  unitId: number | null;
  otherUnitIds: number[];
  status: string;
  reason: string | null;
  earlier?: { year: number; value: number | null; isSample: boolean }[];
}

let roundId = 0;

describe('opening a collection round', () => {
  it('is for administrators only', async () => {
    for (const name of ['lv-stat', 'kjj-reporter', 'lv-reviewer', 'viewer']) {
      expect((await post(name, '/api/rounds', ROUND)).statusCode, name).toBe(403);
    }
    expect((await app.inject({ method: 'POST', url: '/api/rounds', payload: ROUND })).statusCode).toBe(401);
  });

  it('answers 400 naming the field for a bad date, an unknown field or indicator, and 409 when nothing is owed', async () => {
    const badDate = await post('round-admin', '/api/rounds', { ...ROUND, dueDate: '2099-02-30' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().field).toBe('dueDate');
    expect((await post('round-admin', '/api/rounds', { ...ROUND, owner: 'x' })).statusCode).toBe(400);
    const unknown = await post('round-admin', '/api/rounds', { ...ROUND, indicatorCodes: ['no_such_indicator'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().field).toBe('indicatorCodes');
    const nothing = await post('round-admin', '/api/rounds', { ...ROUND, year: 2030 });
    expect(nothing.statusCode).toBe(409);
    expect(nothing.json().code).toBe('nothing_owed');
    expect(db.prepare('SELECT count(*) FROM collection_rounds').pluck().get()).toBe(0);
  });

  it('stores what the plans in force need, region × indicator, each with its lead unit, in one audited write', async () => {
    const res = await post('round-admin', '/api/rounds', ROUND);
    expect(res.statusCode, res.body).toBe(201);
    roundId = res.json().id;
    expect(res.json()).toMatchObject({ ...ROUND, regionNameZh: '吕梁市', openedByName: 'round-admin', closedAt: null });
    const detail = (await get('viewer', `/api/rounds/${roundId}`)).json();
    const items = detail.items as Item[];
    // lvliang-2014-2020 is the only plan of Lüliang in force in 2020: its targets' 57 figures, the
    // district and county ones (离石区, 柳林县, 岚县) included.
    expect(items).toHaveLength(57);
    expect(new Set(items.map((i) => i.regionCode))).toEqual(new Set(['141100', '141102', '141125', '141127']));
    expect(items.filter((i) => i.unitId === kejiju).map((i) => i.indicatorCode)).toEqual(KJJ_INDICATORS);
    // Where targets name other lead units, they stay visible beside the owing one.
    expect(items.find((i) => i.indicatorCode === 'industry_tech_institutes')).toMatchObject({
      unitId: kejiju,
      otherUnitIds: [jingxinwei],
    });
    // No lead unit named: 未指定单位.
    expect(items.find((i) => i.indicatorCode === 'rd_intensity')).toMatchObject({ unitId: null, otherUnitIds: [] });
    expect(detail.units[String(kejiju)]).toMatchObject({ nameZh: '市科技局', regionCode: '141100' });
    // The national and provincial averages the benchmark targets compare with are not asked of the city.
    expect(
      detail.notOwed.map((n: { regionCode: string; indicatorCode: string }) => `${n.regionCode}:${n.indicatorCode}`).sort(),
    ).toEqual(['100000:tech_conversion_rate', '140000:st_progress_contribution']);
    expect(detail.all).toEqual({ total: 57, owed: 57, submitted: 0, returned: 0, approved: 0, overdue: 0 });
    expect(detail.byUnit.find((u: { unitId: number | null }) => u.unitId === kejiju).counts.total).toBe(7);
    const audit = db
      .prepare(`SELECT actor, entity_id AS entityId, after_json AS after FROM audit_log WHERE action = 'round.open'`)
      .all() as {
      actor: string;
      entityId: string;
      after: string;
    }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'round-admin', entityId: String(roundId) });
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({ items: 57, year: 2020, benchmarkNotOwed: 2 });
  });

  it('keeps what was owed when it opened: a lead unit changed later does not move an item', async () => {
    const target = db
      .prepare(
        `SELECT t.id FROM targets t JOIN plans p ON p.id = t.plan_id WHERE p.slug = 'lvliang-2014-2020' AND t.key = 'high-tech-firms-2020'`,
      )
      .pluck()
      .get() as number;
    db.prepare(`UPDATE target_units SET unit_id = ? WHERE target_id = ? AND role = 'lead'`).run(jingxinwei, target);
    const items = (await get('viewer', `/api/rounds/${roundId}`)).json().items as Item[];
    expect(items.find((i) => i.indicatorCode === 'high_tech_firms')?.unitId).toBe(kejiju);
    db.prepare(`UPDATE target_units SET unit_id = ? WHERE target_id = ? AND role = 'lead'`).run(kejiju, target);
  });
});

describe('to-do lists', () => {
  it('give a reporter their unit’s items in their regions, with the last three years’ figures', async () => {
    const res = await get('kjj-reporter', '/api/rounds/todo');
    expect(res.statusCode, res.body).toBe(200);
    const [entry] = res.json().rounds;
    expect(entry.round.id).toBe(roundId);
    expect(entry.items.map((i: Item) => i.indicatorCode)).toEqual(KJJ_INDICATORS);
    const firms = entry.items.find((i: Item) => i.indicatorCode === 'high_tech_firms') as Item;
    const current = (await get('viewer', '/api/observations?region=141100&indicator=high_tech_firms')).json().observations as {
      year: number;
      value: number | null;
      isSample: boolean;
    }[];
    const expected = current
      .filter((o) => o.year >= 2017 && o.year <= 2019)
      .sort((a, b) => b.year - a.year)
      .map((o) => ({ year: o.year, value: o.value, isSample: o.isSample }));
    expect(expected.length).toBeGreaterThan(0);
    expect(firms.earlier).toEqual(expected);
    // Another unit's reporter sees theirs; a statistician their regions'; an administrator everything.
    expect((await get('jxw-reporter', '/api/rounds/todo')).json().rounds[0].items.map((i: Item) => i.indicatorCode)).toEqual([
      'rd_platforms_municipal_plus',
    ]);
    expect((await get('pj-stat', '/api/rounds/todo')).json().rounds[0].items).toEqual([]);
    expect((await get('lv-stat', '/api/rounds/todo')).json().rounds[0].items).toHaveLength(47);
    expect((await get('round-admin', `/api/rounds/${roundId}/todo`)).json().rounds[0].items).toHaveLength(57);
    expect((await app.inject({ method: 'GET', url: '/api/rounds/todo' })).statusCode).toBe(401);
  });

  it('give the round’s upload template of a reporter’s items', async () => {
    const res = await get('kjj-reporter', `/api/rounds/${roundId}/template.csv`);
    expect(res.statusCode).toBe(200);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('地区代码,地区,指标代码,指标,单位,2020,口径,来源,备注');
    expect(lines.slice(1).map((l) => l.split(',')[2])).toEqual(KJJ_INDICATORS);
  });

  it('list what waits for a reporter in the notifications', async () => {
    const mine = (await get('kjj-reporter', '/api/notifications/mine')).json();
    expect(mine.toFill.map((t: { indicatorCode: string }) => t.indicatorCode)).toEqual(KJJ_INDICATORS);
    expect(mine).toMatchObject({ count: 7, toFix: [], toReview: [] });
    expect((await get('viewer', '/api/notifications/mine')).json()).toEqual({ count: 0, toFill: [], toFix: [], toReview: [] });
  });
});

describe('item status and completeness', () => {
  const figure = (indicator: string, value: number, extra: object = {}) => ({
    region: '141100',
    indicator,
    year: 2020,
    value,
    vintage: 'final',
    sourceTitle: '市科技局报送',
    acknowledgeWarnings: true,
    ...extra,
  });

  it('counts a figure entered since the round opened as approved (review off), and a sample as nothing', async () => {
    const entered = await post('kjj-reporter', '/api/observations', figure('high_tech_firms', 91));
    expect(entered.statusCode, entered.body).toBe(201);
    const sample = await post('kjj-reporter', '/api/observations', figure('tech_sme_count', 30, { isSample: true }));
    expect(sample.statusCode, sample.body).toBe(201);
    const detail = (await get('viewer', `/api/rounds/${roundId}`)).json();
    const status = (code: string) => (detail.items as Item[]).find((i) => i.indicatorCode === code)?.status;
    expect(status('high_tech_firms')).toBe('approved');
    expect(status('tech_sme_count')).toBe('owed');
    expect(detail.all).toMatchObject({ total: 57, approved: 1, owed: 56 });
    expect(detail.byUnit.find((u: { unitId: number | null }) => u.unitId === kejiju).counts).toEqual({
      total: 7,
      owed: 6,
      submitted: 0,
      returned: 0,
      approved: 1,
      overdue: 0,
    });
    expect((await get('kjj-reporter', '/api/notifications/mine')).json().count).toBe(6);
  });

  it('derives submitted and returned from the latest submission, with the reviewer’s reason', async () => {
    const insert = db.prepare(
      `INSERT INTO figure_submissions (region_code, indicator_code, year, value, vintage, source_title, state, submitted_by,
         submitted_by_id, submitted_at, batch_id, decided_by, decided_at, decision_reason)
       VALUES ('141100', ?, 2020, ?, 'final', 's', ?, 'kjj-reporter', (SELECT id FROM users WHERE name = 'kjj-reporter'), ?, ?, ?, ?, ?)`,
    );
    const later = new Date(Date.now() + 1000).toISOString();
    insert.run('industry_tech_alliances', 7, 'pending', later, 'b1', null, null, null);
    insert.run('soe_rd_revenue_share', 150000, 'returned', later, 'b2', 'lv-reviewer', later, '与上年相差一万倍，请核实单位');
    const items = (await get('viewer', `/api/rounds/${roundId}`)).json().items as Item[];
    expect(items.find((i) => i.indicatorCode === 'industry_tech_alliances')).toMatchObject({ status: 'submitted', reason: null });
    expect(items.find((i) => i.indicatorCode === 'soe_rd_revenue_share')).toMatchObject({
      status: 'returned',
      reason: '与上年相差一万倍，请核实单位',
    });
    const mine = (await get('kjj-reporter', '/api/notifications/mine')).json();
    expect(mine.toFix).toEqual([
      expect.objectContaining({ indicatorCode: 'soe_rd_revenue_share', reason: '与上年相差一万倍，请核实单位' }),
    ]);
    expect(mine.toFill).toHaveLength(4);
    // The reviewer of the region has the pending figure to review; its own reporter does not.
    const review = (await get('lv-reviewer', '/api/notifications/mine')).json();
    expect(review.toReview.map((s: { indicatorCode: string; value: number }) => [s.indicatorCode, s.value])).toEqual([
      ['industry_tech_alliances', 7],
    ]);
    expect(mine.toReview).toEqual([]);
  });

  it('says how complete a plan’s latest round is', async () => {
    const answer = (await get('viewer', '/api/plans/lvliang-2014-2020/completeness')).json();
    expect(answer.completeness.round.id).toBe(roundId);
    expect(answer.completeness.counts).toMatchObject({ total: 57, approved: 1, submitted: 1, returned: 1 });
    // A plan no round has asked for says so with null.
    expect((await get('viewer', '/api/plans/panjin-2019-2021/completeness')).json()).toEqual({ completeness: null });
    expect((await get('viewer', '/api/plans/no-such-plan/completeness')).statusCode).toBe(404);
  });

  it('marks items overdue once the due date has passed, and narrows a round to chosen indicators', async () => {
    const res = await post('round-admin', '/api/rounds', {
      ...ROUND,
      titleZh: '2020年度补报',
      dueDate: '2021-03-31',
      indicatorCodes: ['high_tech_firms', 'rd_intensity'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const detail = (await get('viewer', `/api/rounds/${res.json().id}`)).json();
    expect((detail.items as Item[]).map((i) => [i.indicatorCode, i.status])).toEqual([
      // Entered before this round opened: still owed by it, and past its due date.
      ['high_tech_firms', 'overdue'],
      ['rd_intensity', 'overdue'],
    ]);
    expect(detail.notOwed).toEqual([]);
  });
});

describe('closing a round', () => {
  it('is for administrators; a closed round leaves the to-do lists and stays readable', async () => {
    expect((await post('lv-stat', `/api/rounds/${roundId}/close`)).statusCode).toBe(403);
    const closed = await post('round-admin', `/api/rounds/${roundId}/close`);
    expect(closed.statusCode).toBe(200);
    expect(closed.json().closedAt).not.toBeNull();
    expect((await post('round-admin', `/api/rounds/${roundId}/close`)).statusCode).toBe(409);
    expect((await post('round-admin', '/api/rounds/999/close')).statusCode).toBe(404);
    const todo = (await get('kjj-reporter', '/api/rounds/todo')).json().rounds.map((r: { round: { id: number } }) => r.round.id);
    expect(todo).not.toContain(roundId);
    expect((await get('viewer', `/api/rounds/${roundId}`)).json().all.total).toBe(57);
    const list = (await get('viewer', '/api/rounds')).json().rounds as { round: { id: number; closedAt: string | null } }[];
    expect(list.find((r) => r.round.id === roundId)?.round.closedAt).not.toBeNull();
    expect(db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'round.close'`).pluck().get()).toBe(1);
  });
});
