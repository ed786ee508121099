import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { type Db, openDatabase } from '../../server/src/db/connection.js';
import { allows, canReviewRegion, canWriteRegion, type Principal } from '../../server/src/domain/permissions.js';
import { createRepositories, type Repositories } from '../../server/src/repositories/index.js';
import { tempDbPath } from '../helpers/db.js';

// The foundation of issue 14: units, the target→unit records, and the reporter and reviewer roles.

const PASSWORD = 'a password of some length';
let app: App;
let db: Db;
let repos: Repositories;
let cleanup: () => void;
let unitA = 0;
let unitB = 0;

beforeAll(async () => {
  const tmp = tempDbPath();
  cleanup = tmp.cleanup;
  app = await buildApp({ dbPath: tmp.dbPath, serveWeb: false });
  db = openDatabase(tmp.dbPath);
  repos = createRepositories(db);
  const made = (nameZh: string, nameEn: string) =>
    repos.units.resolve('141100', nameZh)?.id ?? repos.units.create({ regionCode: '141100', nameZh, nameEn, kind: 'department' });
  unitA = made('市科技局', 'Municipal Science and Technology Bureau');
  unitB = made('市经信委', 'Municipal Economy and Information Technology Commission');
  const passwordHash = await hashPassword(PASSWORD);
  repos.users.create({ name: 'admin', displayName: 'Admin', role: 'admin', regions: [], passwordHash }, new Date().toISOString());
});
afterAll(async () => {
  db.close();
  await app.close();
  cleanup();
});

async function adminSession() {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'admin', password: PASSWORD } });
  const cookie = res.cookies.find((c) => c.name === 'jindu_session');
  return { cookie: `jindu_session=${cookie?.value}`, 'x-csrf-token': res.json().csrfToken as string };
}

const principal = (role: Principal['role'], regions: string[] = [], unitId: number | null = null): Principal => ({
  id: 1,
  name: 'p',
  role,
  regions,
  unitId,
});

describe('who may do what, with the new roles', () => {
  it('a reporter writes figures for their regions like a statistician, a reviewer does not', () => {
    expect(allows('figures', principal('reporter', ['141100'], 1), false)).toBe(true);
    expect(canWriteRegion(principal('reporter', ['141100'], 1), '141100')).toBe(true);
    expect(canWriteRegion(principal('reporter', ['141100'], 1), '211100')).toBe(false);
    expect(allows('figures', principal('reviewer', ['141100']), false)).toBe(false);
    expect(canWriteRegion(principal('reviewer', ['141100']), '141100')).toBe(false);
  });

  it('review access is for reviewers and administrators; a reviewer reviews only their regions', () => {
    expect(allows('review', principal('reviewer', ['141100']), true)).toBe(true);
    expect(allows('review', principal('admin'), false)).toBe(true);
    for (const role of ['viewer', 'statistician', 'reporter'] as const)
      expect(allows('review', principal(role, ['141100'], 1), true)).toBe(false);
    expect(allows('review', null, true)).toBe(false);
    expect(canReviewRegion(principal('reviewer', ['141100']), '141100')).toBe(true);
    expect(canReviewRegion(principal('reviewer', ['141100']), '211100')).toBe(false);
    expect(canReviewRegion(principal('admin'), '211100')).toBe(true);
    expect(canReviewRegion(principal('statistician', ['141100']), '141100')).toBe(false);
    expect(canReviewRegion(null, '141100')).toBe(false);
  });
});

describe('accounts with the new roles', () => {
  it('creates a reporter only with a unit that exists, and answers with the unit', async () => {
    const headers = await adminSession();
    const base = { displayName: '科技局填报人', role: 'reporter', regions: ['141100'], password: 'a long enough password' };
    const none = await app.inject({ method: 'POST', url: '/api/users', headers, payload: { ...base, name: 'rep-none' } });
    expect(none.statusCode).toBe(400);
    expect(none.json().field).toBe('unitId');
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers,
      payload: { ...base, name: 'rep-unknown', unitId: 99_999 },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ field: 'unitId', message: 'No unit with id 99999' });
    const made = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers,
      payload: { ...base, name: 'rep', unitId: unitA },
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ name: 'rep', role: 'reporter', unitId: unitA, regions: ['141100'] });

    // The reporter signs in and the session says their unit.
    const session = await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'rep', password: base.password } });
    expect(session.json().user).toMatchObject({ role: 'reporter', unitId: unitA });

    // Moving to another unit is fine; dropping the unit is not, unless the role changes too.
    const id = made.json().id as number;
    const patch = (payload: object) => app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers, payload });
    expect((await patch({ unitId: unitB })).json()).toMatchObject({ unitId: unitB });
    const dropped = await patch({ unitId: null });
    expect(dropped.statusCode).toBe(400);
    expect(dropped.json().field).toBe('unitId');
    expect((await patch({ role: 'viewer', unitId: null })).json()).toMatchObject({ role: 'viewer', unitId: null });
    // Changing something else keeps the unit as it is.
    await patch({ role: 'reporter', unitId: unitA });
    expect((await patch({ displayName: '科技局填报人(新)' })).json()).toMatchObject({ role: 'reporter', unitId: unitA });
  });

  it('creates a reviewer of a region, without a unit', async () => {
    const headers = await adminSession();
    const made = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers,
      payload: { name: 'rev', displayName: '审核人', role: 'reviewer', regions: ['141100'], password: 'a long enough password' },
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ role: 'reviewer', unitId: null, regions: ['141100'] });
    const unknownRole = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers,
      payload: { name: 'boss2', displayName: 'x', role: 'superuser', regions: [], password: 'a long enough password' },
    });
    expect(unknownRole.statusCode).toBe(400);
  });
});

describe('the units repository', () => {
  it('resolves the forms printed, traditional ones through an alias, to one unit of the region', () => {
    if (!repos.units.aliasesOf(unitB).includes('市經信委')) repos.units.addAlias('141100', '市經信委', unitB);
    expect(repos.units.resolve('141100', '市經信委')?.id).toBe(unitB);
    expect(repos.units.resolve('141100', '市经信委')?.id).toBe(unitB);
    expect(repos.units.resolve('141100', ' 市科技局 ')?.id).toBe(unitA);
    expect(repos.units.resolve('211100', '市經信委')).toBeUndefined();
    expect(repos.units.resolve('141100', '不存在的局')).toBeUndefined();
    expect(repos.units.list('141100').map((u) => u.id)).toEqual(expect.arrayContaining([unitA, unitB]));
    expect(repos.units.byId(unitA)).toMatchObject({ regionCode: '141100', nameZh: '市科技局', kind: 'department' });
  });

  it("sets a target's units in the order given, lead first, with one audit entry of before and after", () => {
    const plan = repos.plans.find('lvliang-2014-2020');
    const target = plan ? repos.plans.targets(plan.id)[0] : undefined;
    if (!target) throw new Error('the seed has the Lüliang plan');
    const before = repos.units.ofTarget(target.id);
    const auditCount = () => db.prepare("SELECT count(*) FROM audit_log WHERE action = 'target.units'").pluck().get();
    const entries = auditCount() as number;
    const after = repos.units.setTargetUnits(
      target,
      [
        { unitId: unitB, role: 'responsible', asPrinted: '市经信委' },
        { unitId: unitA, role: 'lead', asPrinted: '市科技局' },
        { unitId: unitB, role: 'lead', asPrinted: '市经信委' },
      ],
      { actor: 'admin', userId: null, origin: 'form', address: '127.0.0.1' },
    );
    expect(after.map((u) => [u.id, u.role, u.asPrinted])).toEqual([
      [unitA, 'lead', '市科技局'],
      [unitB, 'lead', '市经信委'],
      [unitB, 'responsible', '市经信委'],
    ]);
    expect(repos.units.ofPlan(plan?.id ?? 0).get(target.id)).toEqual(after);
    expect(repos.units.targetsOf(unitA)).toContainEqual({ targetId: target.id, role: 'lead', asPrinted: '市科技局' });
    expect(auditCount()).toBe(entries + 1);
    const entry = db
      .prepare("SELECT before_json, after_json, region_code FROM audit_log WHERE action = 'target.units' ORDER BY id DESC")
      .get() as { before_json: string; after_json: string; region_code: string };
    expect(JSON.parse(entry.before_json)).toEqual(before);
    expect(JSON.parse(entry.after_json)).toEqual(after);
    expect(entry.region_code).toBe('141100');
    // A unit twice in one role breaks the key: nothing is written, the audit entry neither.
    expect(() =>
      repos.units.setTargetUnits(
        target,
        [
          { unitId: unitA, role: 'lead', asPrinted: '市科技局' },
          { unitId: unitA, role: 'lead', asPrinted: '市科技局' },
        ],
        { actor: 'admin', userId: null, origin: 'form', address: null },
      ),
    ).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(repos.units.ofTarget(target.id)).toEqual(after);
    expect(auditCount()).toBe(entries + 1);
  });
});
