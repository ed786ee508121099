import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { openDatabase } from '../../server/src/db/connection.js';
import { prepareDatabase } from '../../server/src/db/setup.js';
import { seedDir } from '../../server/src/paths.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { readSeed } from '../../server/src/seed/load.js';
import { useApp } from '../helpers/app.js';
import { tempDbPath } from '../helpers/db.js';

// A plan definition out and in: GET /api/plans/:id/file writes a plan as its plan file (the seed
// format, with its source document as sourceText, and each target's lead and responsible units as
// printed); POST /api/plans on another installation imports it. Round trip: every seed plan exported
// from a seeded installation, imported into a fresh one (a new database through the real migrations,
// with the reference data and the units and no plans), exported again. A fresh installation without
// the units refuses a plan that names them.

const { app, dbPath } = useApp({ demo: true, publicRead: false });

const PLAN_FILES = fs
  .readdirSync(path.join(seedDir, 'plans'))
  .filter((f) => f.endsWith('.json'))
  .sort();
const seedFile = (f: string) => JSON.parse(fs.readFileSync(path.join(seedDir, 'plans', f), 'utf8'));
const sourceText = (fileName: string) => fs.readFileSync(path.join(seedDir, 'sources', fileName), 'utf8');

async function signIn(target: App, name: string, password: string) {
  const res = await target.inject({ method: 'POST', url: '/api/session', payload: { name, password } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'jindu_session');
  return { cookie: `jindu_session=${cookie?.value}`, csrf: res.json().csrfToken as string };
}

const PASSWORD = 'another installation';

interface Installation {
  app: App;
  dbPath: string;
  admin: { cookie: string; csrf: string };
  cleanup: () => void;
}

/**
 * Another installation: migrated, its reference data (regions, indicators, aliases) loaded, with or
 * without the seed's units and their aliases (what an administrator enters on the 单位 page), no plans.
 */
async function installation(withUnits: boolean): Promise<Installation> {
  const tmp = tempDbPath();
  const { db } = prepareDatabase(tmp.dbPath, { seed: false });
  const seed = readSeed(seedDir);
  const repos = createRepositories(db);
  const now = new Date().toISOString();
  const order = ['country', 'province', 'prefecture', 'county'];
  db.transaction(() => {
    for (const r of [...seed.regions].sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level)))
      repos.reference.insertRegion(r);
    for (const i of seed.indicators) repos.reference.insertIndicator(i);
    for (const a of seed.indicatorAliases)
      repos.reference.insertAlias({ indicatorCode: a.indicatorCode, alias: a.alias, createdBy: 'test' }, now);
    if (!withUnits) return;
    // In another order than the seed's, so that the units' ids differ from the seeded installation's.
    for (const u of [...seed.units].reverse())
      repos.units.create({ regionCode: u.regionCode, nameZh: u.nameZh, nameEn: u.nameEn, kind: u.kind });
    for (const a of seed.unitAliases) {
      const unit = repos.units.resolve(a.regionCode, a.unitZh);
      if (!unit) throw new Error(`no unit ${a.unitZh}`);
      repos.units.addAlias(a.regionCode, a.alias, unit.id);
    }
  })();
  repos.users.create(
    { name: 'other-admin', displayName: 'Other admin', role: 'admin', regions: [], passwordHash: await hashPassword(PASSWORD) },
    now,
  );
  db.close();
  const built = await buildApp({ dbPath: tmp.dbPath, serveWeb: false, publicRead: false, seed: false });
  await built.ready();
  return { app: built, dbPath: tmp.dbPath, admin: await signIn(built, 'other-admin', PASSWORD), cleanup: tmp.cleanup };
}

let admin: { cookie: string; csrf: string };
let fresh: Installation | undefined;
let bare: Installation | undefined;
/** Each seed plan's file as the seeded installation exports it, by slug. */
const exported = new Map<string, string>();

beforeAll(async () => {
  admin = await signIn(app(), 'demo-admin', 'jindu-demo-admin');
  fresh = await installation(true);
  bare = await installation(false);
});
afterAll(async () => {
  for (const i of [fresh, bare]) {
    await i?.app.close();
    i?.cleanup();
  }
});

/** Every target_units row of a database, by plan slug and target key, the unit by region and name. */
function targetUnitRows(file: string) {
  const db = openDatabase(file);
  try {
    return db
      .prepare(
        `SELECT p.slug, t.key, u.region_code AS region, u.name_zh AS unit, tu.role, tu.as_printed AS asPrinted, tu.position
           FROM target_units tu JOIN targets t ON t.id = tu.target_id JOIN plans p ON p.id = t.plan_id
           JOIN units u ON u.id = tu.unit_id
          ORDER BY p.slug, t.key, tu.role, tu.position`,
      )
      .all();
  } finally {
    db.close();
  }
}

const importInto = (target: Installation, body: string) =>
  target.app.inject({
    method: 'POST',
    url: '/api/plans',
    headers: { cookie: target.admin.cookie, 'x-csrf-token': target.admin.csrf, 'content-type': 'application/json' },
    payload: body,
  });

const exportFrom = (target: App, who: { cookie: string }, slug: string) =>
  target.inject({ method: 'GET', url: `/api/plans/${slug}/file`, headers: { cookie: who.cookie } });

describe('GET /api/plans/:id/file', () => {
  it('writes every seed plan as its seed file, with its source document as sourceText', async () => {
    expect(PLAN_FILES).toHaveLength(5);
    for (const f of PLAN_FILES) {
      const seed = seedFile(f);
      const res = await exportFrom(app(), admin, seed.slug);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${seed.slug}.json"`);
      const expected = { ...seed, sourceText: sourceText(seed.sourceFile) };
      // The same object, and the same text as the seed's own formatting writes it.
      expect(res.json(), f).toEqual(expected);
      expect(res.body, f).toBe(`${JSON.stringify(expected, null, 2)}\n`);
      exported.set(seed.slug, res.body);
    }
  });

  it('is for administrators, and answers 404 for an unknown plan', async () => {
    const viewer = await signIn(app(), 'demo-viewer', 'jindu-demo-viewer');
    expect((await exportFrom(app(), viewer, 'panjin-2019-2021')).statusCode).toBe(403);
    expect((await exportFrom(app(), admin, 'no-such-plan')).statusCode).toBe(404);
  });

  it("writes each target's units as printed, lead units first, each role in the order printed", async () => {
    const file = JSON.parse(exported.get('panjin-2019-2021') as string);
    const target = file.targets.find((t: { key: string }) => t.key === 'academician-workstations-2021');
    // 004 prints "(牽頭單位:市科協;責任單位:市科技局、各縣區政府、經濟區管委會)": traditional forms kept.
    expect(target.units).toEqual([
      { role: 'lead', unit: '市科協' },
      { role: 'responsible', unit: '市科技局' },
      { role: 'responsible', unit: '各縣區政府' },
      { role: 'responsible', unit: '經濟區管委會' },
    ]);
    // A target quoted from the goals names no unit: no field at all, as in the seed file.
    expect(Object.keys(file.targets.find((t: { key: string }) => t.key === 'rd-intensity-2021'))).not.toContain('units');
    // Every target_units row of the seeded installation is in the files, and nothing else.
    const written = [...exported.values()].flatMap((body) => {
      const f = JSON.parse(body);
      return f.targets.flatMap((t: { units?: unknown[] }) => t.units ?? []);
    });
    expect(written).toHaveLength(118);
    expect(targetUnitRows(dbPath())).toHaveLength(118);
  });

  it('round trip: each exported file imports into a fresh installation and exports again the same', async () => {
    expect(exported.size).toBe(5);
    const target = fresh as Installation;
    for (const [slug, body] of exported) {
      const imported = await importInto(target, body);
      expect(imported.statusCode, `${slug}: ${imported.body}`).toBe(201);
      const again = await exportFrom(target.app, target.admin, slug);
      expect(again.statusCode).toBe(200);
      expect(again.body, slug).toBe(body);
    }
    const plans = (
      await target.app.inject({ method: 'GET', url: '/api/plans', headers: { cookie: target.admin.cookie } })
    ).json() as {
      slug: string;
      targetCount: number;
    }[];
    expect(plans.map((p) => p.slug).sort()).toEqual([...exported.keys()].sort());
    for (const p of plans) expect(p.targetCount).toBe(JSON.parse(exported.get(p.slug) as string).targets.length);
    // The same units for the same targets, in the same roles and order, though the units' ids differ.
    const seeded = targetUnitRows(dbPath());
    expect(seeded).toHaveLength(118);
    expect(targetUnitRows(target.dbPath)).toEqual(seeded);
  });

  it('an installation without the units refuses a plan that names them, naming the target and the unit; writes nothing', async () => {
    const target = bare as Installation;
    const res = await importInto(target, exported.get('panjin-2019-2021') as string);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('unknown_unit');
    // The first target with units: 科技型中小企業 (task 6), led by 市科技局.
    const first = JSON.parse(exported.get('panjin-2019-2021') as string).targets.findIndex((t: { units?: unknown[] }) => t.units);
    const key = JSON.parse(exported.get('panjin-2019-2021') as string).targets[first].key;
    expect(body.problems[0]).toEqual({
      path: `targets[${first}].units[0].unit`,
      code: 'unknown_unit',
      message: 'the lead unit (牵头单位) "市科技局" names no unit of region 211100 (neither a unit\'s name nor an alias there)',
      targetKey: key,
      unit: '市科技局',
    });
    expect(body.message).toBe(`targets[${first}].units[0].unit (target ${key}): ${body.problems[0].message}`);
    // Every form of every target is named: 9 targets, 32 units.
    expect(body.problems).toHaveLength(32);
    expect(new Set(body.problems.map((p: { code: string }) => p.code))).toEqual(new Set(['unknown_unit']));
    const db = openDatabase(target.dbPath);
    try {
      for (const table of ['plans', 'targets', 'target_units', 'source_documents'])
        expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    } finally {
      db.close();
    }
    // A plan that names no unit imports there as it is.
    expect((await importInto(target, exported.get('lvliang-2019-work-plan') as string)).statusCode).toBe(201);
  });
});
