import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/src/auth/password.js';
import { openDatabase } from '../../server/src/db/connection.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { useApp } from '../helpers/app.js';

// GET /api/units, GET /api/units/:id, PUT /api/targets/:id/units, and the units that plan answers carry.

const PASSWORD = 'a password of some length';
const { app, get, dbPath } = useApp({}, () => {});

async function session(name: string, role: 'admin' | 'statistician') {
  const db = openDatabase(dbPath());
  const repos = createRepositories(db);
  if (!repos.users.byName(name))
    repos.users.create(
      { name, displayName: name, role, regions: role === 'admin' ? [] : ['141100'], passwordHash: await hashPassword(PASSWORD) },
      new Date().toISOString(),
    );
  db.close();
  const res = await app().inject({ method: 'POST', url: '/api/session', payload: { name, password: PASSWORD } });
  const cookie = res.cookies.find((c) => c.name === 'jindu_session');
  return { cookie: `jindu_session=${cookie?.value}`, 'x-csrf-token': res.json().csrfToken as string };
}

const unitNamed = async (region: string, nameZh: string) => {
  const { body } = await get(`/api/units?region=${region}`);
  const unit = (body as { id: number; nameZh: string }[]).find((u) => u.nameZh === nameZh);
  if (!unit) throw new Error(`no unit ${nameZh} in ${region}`);
  return unit;
};

const targetOf = async (slug: string, key: string) => {
  const { body } = await get(`/api/plans/${slug}`);
  const target = body.targets.find((t: { key: string }) => t.key === key);
  if (!target) throw new Error(`no target ${key}`);
  return target as { id: number; units: { id: number; nameZh: string; nameEn: string; role: string; asPrinted: string }[] };
};

describe('GET /api/units', () => {
  it("lists a region's units with names in both languages and their kind", async () => {
    const { status, body } = await get('/api/units?region=211100');
    expect(status).toBe(200);
    expect(body).toContainEqual(
      expect.objectContaining({
        regionCode: '211100',
        nameZh: '各县区政府',
        nameEn: 'County and district governments',
        kind: 'government',
      }),
    );
    expect(body.every((u: { regionCode: string }) => u.regionCode === '211100')).toBe(true);
    const all = await get('/api/units');
    expect(all.body.length).toBeGreaterThan(body.length);
  });

  it('answers 404 for an unknown region and 400 naming the field for a malformed one', async () => {
    expect((await get('/api/units?region=999999')).status).toBe(404);
    const bad = await get('/api/units?region=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('region');
  });
});

describe('plan answers carry units', () => {
  it('each target of 004 with its lead and responsible units, traditional forms as printed', async () => {
    const target = await targetOf('panjin-2019-2021', 'industry-tech-institutes-2021');
    expect(target.units.map((u) => [u.role, u.nameZh, u.asPrinted])).toEqual([
      ['lead', '市科技局', '市科技局'],
      ['responsible', '各县区政府', '各縣區政府'],
      ['responsible', '经济区管委会', '經濟區管委會'],
    ]);
    expect(target.units[0]?.nameEn).toBe('Municipal Science and Technology Bureau');
    expect((await targetOf('panjin-2019-2021', 'rd-intensity-2021')).units).toEqual([]);
  });
});

describe('GET /api/units/:id', () => {
  it('lists the targets a unit leads, each with the status the plan page shows for the same year', async () => {
    const unit = await unitNamed('141100', '市科技局');
    const { status, body } = await get(`/api/units/${unit.id}?asOf=2018`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: unit.id, nameZh: '市科技局', region: { code: '141100', nameZh: '吕梁市' }, asOf: 2018 });
    const keys = body.targets.map((t: { key: string }) => t.key);
    expect(keys).toEqual(expect.arrayContaining(['high-tech-firms-2020', 'new-high-tech-firms-per-year', 'tech-smes-2020']));
    const progress = await get('/api/plans/lvliang-2014-2020/progress?asOf=2018');
    for (const t of body.targets as { targetId: number; role: string; result: { status: string } }[]) {
      expect(t.role).toBe('lead');
      const judged = progress.body.targets.find((p: { targetId: number }) => p.targetId === t.targetId);
      expect(t.result.status).toBe(judged.result.status);
    }
    expect(body.leadRollup.targetCount).toBe(body.targets.length);
    expect(body.targets[0].plan).toMatchObject({ slug: 'lvliang-2014-2020' });
  });

  it('gives a Panjin unit its responsible targets and its printed forms', async () => {
    const unit = await unitNamed('211100', '各县区政府');
    const { body } = await get(`/api/units/${unit.id}`);
    expect(body.aliases).toEqual(['各縣區政府']);
    expect(body.targets.length).toBeGreaterThan(0);
    expect(
      body.targets.every((t: { role: string; asPrinted: string }) => t.role === 'responsible' && t.asPrinted === '各縣區政府'),
    ).toBe(true);
    expect(body.leadRollup.targetCount).toBe(0);
  });

  it('answers 404 for an unknown unit', async () => {
    expect((await get('/api/units/99999')).status).toBe(404);
  });
});

describe('PUT /api/targets/:id/units', () => {
  it("replaces a target's units in one transaction with an audit entry, and the plan answer shows them", async () => {
    const headers = await session('admin', 'admin');
    const target = await targetOf('lvliang-2014-2020', 'rd-intensity-2020');
    const stats = await unitNamed('141100', '市统计局');
    const sti = await unitNamed('141100', '市科技局');
    const res = await app().inject({
      method: 'PUT',
      url: `/api/targets/${target.id}/units`,
      headers,
      payload: {
        units: [
          { unitId: sti.id, role: 'lead' },
          { unitId: stats.id, role: 'responsible', asPrinted: '市统计局' },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().map((u: { nameZh: string; role: string; asPrinted: string }) => [u.nameZh, u.role, u.asPrinted])).toEqual([
      ['市科技局', 'lead', '市科技局'],
      ['市统计局', 'responsible', '市统计局'],
    ]);
    expect((await targetOf('lvliang-2014-2020', 'rd-intensity-2020')).units).toEqual(res.json());
    const audit = await app().inject({ method: 'GET', url: '/api/audit?limit=5', headers });
    const entry = audit.json().entries.find((e: { action: string }) => e.action === 'target.units');
    expect(entry).toMatchObject({
      actor: 'admin',
      entity: 'target',
      entityId: String(target.id),
      regionCode: '141100',
      before: [],
    });
    expect(entry.after).toEqual(res.json());
    // The unit's page now lists it.
    const page = await get(`/api/units/${stats.id}`);
    expect(page.body.targets.map((t: { key: string }) => t.key)).toEqual(['rd-intensity-2020']);

    // An empty list clears them.
    const cleared = await app().inject({
      method: 'PUT',
      url: `/api/targets/${target.id}/units`,
      headers,
      payload: { units: [] },
    });
    expect(cleared.json()).toEqual([]);
  });

  it('refuses, naming the field, an unknown unit, a unit of another region, a unit twice in a role; writes nothing', async () => {
    const headers = await session('admin', 'admin');
    const target = await targetOf('lvliang-2014-2020', 'tech-smes-2020');
    const panjin = await unitNamed('211100', '市科技局');
    const lv = await unitNamed('141100', '市科技局');
    const put = (units: unknown) =>
      app().inject({ method: 'PUT', url: `/api/targets/${target.id}/units`, headers, payload: { units } });
    const unknown = await put([{ unitId: 99_999, role: 'lead' }]);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ field: 'units[0].unitId', code: 'unit_not_found' });
    const other = await put([
      { unitId: lv.id, role: 'lead' },
      { unitId: panjin.id, role: 'lead' },
    ]);
    expect(other.json()).toMatchObject({ field: 'units[1].unitId', code: 'unit_other_region' });
    const twice = await put([
      { unitId: lv.id, role: 'lead' },
      { unitId: lv.id, role: 'lead' },
    ]);
    expect(twice.json()).toMatchObject({ field: 'units[1]', code: 'unit_repeated' });
    const badRole = await put([{ unitId: lv.id, role: 'boss' }]);
    expect(badRole.statusCode).toBe(400);
    expect((await targetOf('lvliang-2014-2020', 'tech-smes-2020')).units).toEqual(target.units);
    const missing = await app().inject({ method: 'PUT', url: '/api/targets/99999/units', headers, payload: { units: [] } });
    expect(missing.statusCode).toBe(404);
  });

  it('is for administrators only', async () => {
    const headers = await session('lv-stat', 'statistician');
    const res = await app().inject({ method: 'PUT', url: '/api/targets/2/units', headers, payload: { units: [] } });
    expect(res.statusCode).toBe(403);
  });
});
