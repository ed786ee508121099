import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { type Db, openDatabase } from '../../server/src/db/connection.js';
import { prepareDatabase } from '../../server/src/db/setup.js';
import { seedDir } from '../../server/src/paths.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { readSeed } from '../../server/src/seed/load.js';
import {
  type Extraction,
  editNewIndicator,
  factsOf,
  planFileOf,
  type Row,
  rowsOf,
} from '../../web/src/features/planExtract/draft.js';
import { useApp } from '../helpers/app.js';
import { tempDbPath } from '../helpers/db.js';

// Issue 15's two last gaps, through the real app on a migrated, seeded SQLite file: a proposal with
// a new indicator is saved (the plan file's `indicators`, created in the plan's transaction), and the
// lead and responsible units read beside a target become its target_units where a unit of the region
// matches them, the rest staying in its note. The plan file is composed by the new-plan page's own
// code (web/src/features/planExtract/draft.ts) from POST /api/plans/extract's answer, as the page
// sends it. The extraction runs on a worker (server/dist): `npm run build --workspace server` first.

const { app, dbPath } = useApp({ demo: true, publicRead: false });
let db: Db;
let admin: { cookie: string; csrf: string };

async function signIn(target: App, name: string, password: string) {
  const res = await target.inject({ method: 'POST', url: '/api/session', payload: { name, password } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'jindu_session');
  return { cookie: `jindu_session=${cookie?.value}`, csrf: res.json().csrfToken as string };
}
const headers = (who: { cookie: string; csrf: string }) => ({ cookie: who.cookie, 'x-csrf-token': who.csrf });

// A 2026–2030 Panjin plan: the R&D share (a catalogue indicator) and test kilometres of connected
// vehicles (no catalogue indicator: a new one), led by 市科技局 (a Panjin unit) with 市未来产业办
// (no such unit) responsible.
const TEXT = [
  '盘锦市人民政府办公室关于印发盘锦市未来产业发展行动方案（2026—2030年）的通知',
  '盘政办发〔2026〕3号',
  '一、主要目标',
  '到2030年，全市研发经费投入强度达到3%以上，智能网联汽车测试里程达到500万公里以上。（牵头单位：市科技局；责任单位：市未来产业办）',
  '',
].join('\n');

const counts = () =>
  ['plans', 'targets', 'indicators', 'target_units', 'source_documents', "audit_log WHERE action NOT LIKE 'session.%'"].map(
    (table) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number,
  );

/** The plan file the page sends: every proposal accepted, the new indicator's English names filled. */
async function extractedPlanFile(slug: string, sourceFile: string) {
  const res = await app().inject({ method: 'POST', url: '/api/plans/extract', headers: headers(admin), payload: { text: TEXT } });
  expect(res.statusCode, res.body).toBe(200);
  const extraction = res.json() as Extraction;
  let rows: Row[] = rowsOf(extraction.proposals).map((r) => ({ ...r, decision: 'accepted' }));
  const fresh = rows.find((r) => r.newIndicator !== null);
  expect(fresh?.newIndicator).toMatchObject({ nameZh: '智能网联汽车测试里程', unit: '万公里', kind: 'stock', direction: 'up' });
  rows = rows.map((r) =>
    r === fresh
      ? editNewIndicator(
          editNewIndicator(editNewIndicator(r, 'nameEn', 'Connected-vehicle test distance'), 'unitEn', '10,000 km'),
          'code',
          'connected_vehicle_test_km',
        )
      : r,
  );
  const facts = {
    ...factsOf(extraction),
    slug,
    sourceFile,
    titleEn: 'Panjin future industries (2026–2030)',
    issuerZh: '盘锦市人民政府办公室',
    issuerEn: 'General Office of the Panjin Municipal Government',
  };
  expect(facts.regionCode).toBe('211100');
  // What GET /api/units/match answers for the forms printed, as the page asks it.
  const forms = [...new Set(rows.flatMap((r) => [...r.proposal.leadUnits, ...r.proposal.responsibleUnits]))];
  const match = await app().inject({
    method: 'GET',
    url: `/api/units/match?${new URLSearchParams([['region', '211100'], ...forms.map((f): [string, string] => ['form', f])])}`,
    headers: { cookie: admin.cookie },
  });
  expect(match.statusCode, match.body).toBe(200);
  const matches = new Map(
    (match.json() as { form: string; unit: { nameZh: string } | null }[]).map((m) => [m.form, m.unit !== null]),
  );
  expect(Object.fromEntries(matches)).toEqual({ 市科技局: true, 市未来产业办: false });
  return planFileOf(facts, rows, extraction.text, matches) as Record<string, unknown> & {
    indicators: Record<string, unknown>[];
    targets: Record<string, unknown>[];
  };
}

/** The plan file saved by the test that creates the indicator, for the tests after it. */
let saved: Awaited<ReturnType<typeof extractedPlanFile>> | undefined;

beforeAll(async () => {
  db = openDatabase(dbPath());
  admin = await signIn(app(), 'demo-admin', 'jindu-demo-admin');
});
afterAll(() => db?.close());

describe('a plan saved with a new indicator and its units', () => {
  it('refuses a new indicator of an unknown kind with 400 naming indicators[0].kind, and writes nothing', async () => {
    const file = await extractedPlanFile('panjin-future-bad', 'panjin-future-bad.txt');
    (file.indicators[0] as { kind: string }).kind = 'count';
    const before = counts();
    const res = await app().inject({ method: 'POST', url: '/api/plans', headers: headers(admin), payload: file });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ field: 'indicators[0].kind', code: 'unknown_kind' });
    expect(counts()).toEqual(before);
  });

  it('refuses a code the catalogue has with another definition (400 naming the field), and writes nothing', async () => {
    const file = await extractedPlanFile('panjin-future-clash', 'panjin-future-clash.txt');
    const target = file.targets.find((t) => t.indicator === 'connected_vehicle_test_km') as Record<string, unknown>;
    target.indicator = 'gdp';
    Object.assign(file.indicators[0] as object, { code: 'gdp', nameZh: '地区生产总值', nameEn: 'Gross regional product (GDP)' });
    const before = counts();
    const res = await app().inject({ method: 'POST', url: '/api/plans', headers: headers(admin), payload: file });
    expect(res.statusCode, res.body).toBe(400);
    const problems = (res.json().problems as { path: string; code: string }[]).map((p) => `${p.path} ${p.code}`);
    expect(problems).toEqual([
      'indicators[0].unit indicator_differs',
      'indicators[0].unitEn indicator_differs',
      'indicators[0].kind indicator_differs',
    ]);
    expect(counts()).toEqual(before);
  });

  it('creates the indicator, the matched unit as target_units, the unmatched one in the note, with audit entries', async () => {
    const file = await extractedPlanFile('panjin-future', 'panjin-future.txt');
    saved = structuredClone(file);
    expect(file.indicators).toEqual([
      {
        code: 'connected_vehicle_test_km',
        nameZh: '智能网联汽车测试里程',
        nameEn: 'Connected-vehicle test distance',
        unit: '万公里',
        unitEn: '10,000 km',
        kind: 'stock',
        direction: 'up',
      },
    ]);
    const before = counts();
    const res = await app().inject({ method: 'POST', url: '/api/plans', headers: headers(admin), payload: file });
    expect(res.statusCode, res.body).toBe(201);
    const planId = res.json().id as number;
    // one plan, two targets, one indicator, two target_units rows (one per target), one document, two audit entries
    expect(counts().map((n, i) => n - (before[i] as number))).toEqual([1, 2, 1, 2, 1, 2]);

    expect(db.prepare('SELECT * FROM indicators WHERE code = ?').get('connected_vehicle_test_km')).toEqual({
      code: 'connected_vehicle_test_km',
      name_zh: '智能网联汽车测试里程',
      name_en: 'Connected-vehicle test distance',
      unit: '万公里',
      unit_en: '10,000 km',
      direction: 'up',
      kind: 'stock',
      note: null,
      plausible_min: null,
      plausible_max: null,
      defined_by_plan_id: planId,
    });
    const targets = db
      .prepare(
        'SELECT id, indicator_code AS indicator, value, note_zh AS noteZh FROM targets WHERE plan_id = ? ORDER BY position',
      )
      .all(planId) as { id: number; indicator: string; value: number; noteZh: string | null }[];
    expect(targets.map((t) => [t.indicator, t.value, t.noteZh])).toEqual([
      ['rd_intensity', 3, '责任单位：市未来产业办'],
      ['connected_vehicle_test_km', 500, '责任单位：市未来产业办'],
    ]);
    const units = db
      .prepare(
        `SELECT tu.target_id AS targetId, u.name_zh AS unit, u.region_code AS region, tu.role, tu.as_printed AS asPrinted
           FROM target_units tu JOIN units u ON u.id = tu.unit_id JOIN targets t ON t.id = tu.target_id
          WHERE t.plan_id = ? ORDER BY tu.target_id`,
      )
      .all(planId);
    expect(units).toEqual(
      targets.map((t) => ({ targetId: t.id, unit: '市科技局', region: '211100', role: 'lead', asPrinted: '市科技局' })),
    );

    const audit = db
      .prepare(
        "SELECT action, entity, entity_id AS entityId, after_json AS after FROM audit_log WHERE action IN ('indicator.create', 'plan.create') ORDER BY id DESC LIMIT 2",
      )
      .all() as { action: string; entity: string; entityId: string; after: string }[];
    expect(audit.map((a) => [a.action, a.entity, a.entityId])).toEqual([
      ['plan.create', 'plan', String(planId)],
      ['indicator.create', 'indicator', 'connected_vehicle_test_km'],
    ]);
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({
      targets: 2,
      indicatorsCreated: ['connected_vehicle_test_km'],
      targetUnits: 2,
    });
    expect(JSON.parse(audit[1]?.after ?? '{}')).toMatchObject({ unit: '万公里', kind: 'stock', definedByPlan: 'panjin-future' });

    // The plan page names the unit; the indicator is in the catalogue now.
    const plan = await app().inject({ method: 'GET', url: '/api/plans/panjin-future', headers: { cookie: admin.cookie } });
    expect(
      (plan.json().targets as { units: { nameZh: string; role: string }[] }[]).map((t) =>
        t.units.map((u) => `${u.role} ${u.nameZh}`),
      ),
    ).toEqual([['lead 市科技局'], ['lead 市科技局']]);
  });

  it('reuses an indicator defined the same by a second plan, without creating it again', async () => {
    // The saved file again under another slug (the extractor now finds the indicator in the catalogue)
    const file = { ...(saved as object), slug: 'panjin-future-again' };
    const before = counts();
    const res = await app().inject({ method: 'POST', url: '/api/plans', headers: headers(admin), payload: file });
    expect(res.statusCode, res.body).toBe(201);
    expect(counts()[2]).toBe(before[2]);
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'indicator.create'").pluck().get()).toBe(1);
  });

  it('refuses a target unit no unit of the region names: 400 naming targets[0].units[0].unit', async () => {
    const file = structuredClone(saved) as NonNullable<typeof saved>;
    file.slug = 'panjin-future-units';
    file.targets[0] = { ...file.targets[0], units: [{ role: 'lead', unit: '市未来产业办' }] };
    const before = counts();
    const res = await app().inject({ method: 'POST', url: '/api/plans', headers: headers(admin), payload: file });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ field: 'targets[0].units[0].unit', code: 'unknown_unit' });
    expect(counts()).toEqual(before);
  });

  it('export → import on a fresh installation: the new indicator travels with the plan and the file comes back the same', async () => {
    const exported = await app().inject({
      method: 'GET',
      url: '/api/plans/panjin-future/file',
      headers: { cookie: admin.cookie },
    });
    expect(exported.statusCode, exported.body).toBe(200);
    const body = exported.json();
    expect(body.indicators).toEqual([
      {
        code: 'connected_vehicle_test_km',
        nameZh: '智能网联汽车测试里程',
        nameEn: 'Connected-vehicle test distance',
        unit: '万公里',
        unitEn: '10,000 km',
        direction: 'up',
        kind: 'stock',
        note: null,
        plausibleMin: null,
        plausibleMax: null,
      },
    ]);
    // The matched unit travels with each target as printed; the unmatched one stays in the note.
    expect(body.targets.map((t: { units?: unknown }) => t.units)).toEqual([
      [{ role: 'lead', unit: '市科技局' }],
      [{ role: 'lead', unit: '市科技局' }],
    ]);

    // Another installation: migrated, the seed's reference data and units, no plans and no such indicator.
    const tmp = tempDbPath();
    const prepared = prepareDatabase(tmp.dbPath, { seed: false });
    const seed = readSeed(seedDir);
    const repos = createRepositories(prepared.db);
    const order = ['country', 'province', 'prefecture', 'county'];
    prepared.db.transaction(() => {
      for (const r of [...seed.regions].sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level)))
        repos.reference.insertRegion(r);
      for (const i of seed.indicators) repos.reference.insertIndicator(i);
      for (const u of seed.units)
        repos.units.create({ regionCode: u.regionCode, nameZh: u.nameZh, nameEn: u.nameEn, kind: u.kind });
    })();
    const now = new Date().toISOString();
    repos.users.create(
      {
        name: 'other-admin',
        displayName: 'Other',
        role: 'admin',
        regions: [],
        passwordHash: await hashPassword('another installation'),
      },
      now,
    );
    prepared.db.close();
    const fresh = await buildApp({ dbPath: tmp.dbPath, serveWeb: false, publicRead: false, seed: false });
    try {
      await fresh.ready();
      const other = await signIn(fresh, 'other-admin', 'another installation');
      const imported = await fresh.inject({
        method: 'POST',
        url: '/api/plans',
        headers: { ...headers(other), 'content-type': 'application/json' },
        payload: exported.body,
      });
      expect(imported.statusCode, imported.body).toBe(201);
      const again = await fresh.inject({
        method: 'GET',
        url: '/api/plans/panjin-future/file',
        headers: { cookie: other.cookie },
      });
      expect(again.body).toBe(exported.body);
      const restored = openDatabase(tmp.dbPath);
      try {
        expect(
          restored
            .prepare(
              `SELECT t.key, u.name_zh AS unit, tu.role, tu.as_printed AS asPrinted FROM target_units tu
                 JOIN targets t ON t.id = tu.target_id JOIN units u ON u.id = tu.unit_id ORDER BY t.position`,
            )
            .all(),
        ).toEqual(
          body.targets.map((t: { key: string }) => ({ key: t.key, unit: '市科技局', role: 'lead', asPrinted: '市科技局' })),
        );
      } finally {
        restored.close();
      }
      const indicators = (
        await fresh.inject({ method: 'GET', url: '/api/indicators', headers: { cookie: other.cookie } })
      ).json() as {
        code: string;
        unit: string;
      }[];
      expect(indicators.find((i) => i.code === 'connected_vehicle_test_km')?.unit).toBe('万公里');
    } finally {
      await fresh.close();
      tmp.cleanup();
    }
  });
});
