import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { prepareDatabase } from '../../server/src/db/setup.js';
import { seedDir } from '../../server/src/paths.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { readSeed } from '../../server/src/seed/load.js';
import { useApp } from '../helpers/app.js';
import { tempDbPath } from '../helpers/db.js';

// A plan definition out and in: GET /api/plans/:id/file writes a plan as its plan file (the seed
// format, with its source document as sourceText); POST /api/plans on another installation imports
// it. Round trip: every seed plan exported from a seeded installation, imported into a fresh one
// (a new database through the real migrations, with the reference data and no plans), exported again.

const { app } = useApp({ demo: true, publicRead: false });

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
let fresh: App | undefined;
let cleanupFresh = () => {};
let admin: { cookie: string; csrf: string };
let freshAdmin: { cookie: string; csrf: string };
/** Each seed plan's file as the seeded installation exports it, by slug. */
const exported = new Map<string, string>();

beforeAll(async () => {
  admin = await signIn(app(), 'demo-admin', 'jindu-demo-admin');
  // Another installation: migrated, its reference data (regions, indicators, aliases) loaded, no plans.
  const tmp = tempDbPath();
  cleanupFresh = tmp.cleanup;
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
  })();
  repos.users.create(
    { name: 'other-admin', displayName: 'Other admin', role: 'admin', regions: [], passwordHash: await hashPassword(PASSWORD) },
    now,
  );
  db.close();
  fresh = await buildApp({ dbPath: tmp.dbPath, serveWeb: false, publicRead: false, seed: false });
  await fresh.ready();
  freshAdmin = await signIn(fresh, 'other-admin', PASSWORD);
});
afterAll(async () => {
  await fresh?.close();
  cleanupFresh();
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

  it('round trip: each exported file imports into a fresh installation and exports again the same', async () => {
    expect(exported.size).toBe(5);
    const target = fresh as App;
    for (const [slug, body] of exported) {
      const imported = await target.inject({
        method: 'POST',
        url: '/api/plans',
        headers: { cookie: freshAdmin.cookie, 'x-csrf-token': freshAdmin.csrf, 'content-type': 'application/json' },
        payload: body,
      });
      expect(imported.statusCode, `${slug}: ${imported.body}`).toBe(201);
      const again = await exportFrom(target, freshAdmin, slug);
      expect(again.statusCode).toBe(200);
      expect(again.body, slug).toBe(body);
    }
    const plans = (await target.inject({ method: 'GET', url: '/api/plans', headers: { cookie: freshAdmin.cookie } })).json() as {
      slug: string;
      targetCount: number;
    }[];
    expect(plans.map((p) => p.slug).sort()).toEqual([...exported.keys()].sort());
    for (const p of plans) expect(p.targetCount).toBe(JSON.parse(exported.get(p.slug) as string).targets.length);
  });
});
