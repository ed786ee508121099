import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/connection.js';
import { migrate } from '../../server/src/db/migrate.js';
import { prepareDatabase } from '../../server/src/db/setup.js';
import { migrationsDir, repoRoot, seedDir } from '../../server/src/paths.js';
import { loadSeed, readSeed } from '../../server/src/seed/load.js';
import { checkSeed } from '../../server/src/seed/parse.js';
import { tempDbPath } from '../helpers/db.js';

const seed = readSeed(seedDir);
const sharedDir = path.join(repoRoot, '..', 'shared');
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function freshDb() {
  const { dbPath, cleanup } = tempDbPath();
  cleanups.push(cleanup);
  const db = openDatabase(dbPath);
  migrate(db, migrationsDir);
  cleanups.unshift(() => db.close());
  return db;
}

describe('seed files', () => {
  it('have no problems at all', () => {
    expect(checkSeed(seed)).toEqual([]);
  });

  it('quote every clause and milestone clause verbatim from its source document', () => {
    const bodies = new Map(seed.documents.map((d) => [d.fileName, d.body]));
    let clauses = 0;
    for (const plan of seed.plans) {
      const body = bodies.get(plan.sourceFile);
      expect(body, plan.sourceFile).toBeDefined();
      for (const t of plan.targets) {
        expect(body?.includes(t.clause), `${plan.slug}/${t.key}: ${t.clause}`).toBe(true);
        clauses++;
        for (const m of t.milestones) {
          expect(body?.includes(m.clause), `${plan.slug}/${t.key}@${m.year}`).toBe(true);
          clauses++;
        }
      }
    }
    expect(clauses).toBeGreaterThan(80);
  });

  // shared/ sits beside the checkout on developer machines and in CI, but not beside a clean clone
  // made elsewhere (fresh-clone-check): there the repository's own copies are all there is to compare.
  it.skipIf(!fs.existsSync(sharedDir))('keep the source documents and published figures exactly as found in shared/', () => {
    for (const d of seed.documents) {
      expect(fs.readFileSync(path.join(sharedDir, 'seeds', d.fileName), 'utf8'), d.fileName).toBe(d.body);
    }
    expect(fs.readFileSync(path.join(sharedDir, 'data', 'published-figures.tsv'), 'utf8')).toBe(
      fs.readFileSync(path.join(seedDir, 'sources', 'published-figures.tsv'), 'utf8'),
    );
    expect(seed.documents).toHaveLength(5);
  });

  it('turn each of the five documents into a plan, with the Lüliang 2014–2020 plan complete', () => {
    expect(seed.plans.map((p) => p.sourceFile).sort()).toEqual(seed.documents.map((d) => d.fileName).sort());
    const lvliang = seed.plans.find((p) => p.docNumber === '吕政发〔2014〕22号');
    expect(lvliang?.periodStart).toBe(2014);
    expect(lvliang?.periodEnd).toBe(2020);
    expect(lvliang?.targets.length).toBeGreaterThanOrEqual(40);
    const panjin = seed.plans.find((p) => p.regionCode === '211100');
    expect(panjin?.targets.length).toBeGreaterThanOrEqual(18);
    expect(panjin?.status).toBe('expired');
    const shangyu = seed.plans.find((p) => p.regionCode === '330604');
    expect(shangyu?.targets.length).toBeGreaterThanOrEqual(4);
    expect(shangyu?.targets.every((t) => t.valueUnknown && t.value === null)).toBe(true);
  });

  it('flag every sample figure, label it as such, and never put one beside a published figure', () => {
    const sample = seed.observations.filter((o) => o.isSample);
    expect(sample.length).toBeGreaterThan(0);
    for (const o of sample) expect(o.sourceTitle).toContain('示例数据');
    for (const o of seed.observations.filter((x) => !x.isSample)) expect(o.sourceTitle).not.toContain('示例数据');
  });

  it('carry every row of the published figures (seed/sources/published-figures.tsv) as a published observation with its source', () => {
    const tsv = fs.readFileSync(path.join(seedDir, 'sources', 'published-figures.tsv'), 'utf8');
    const rows = tsv.trim().split('\n').slice(1);
    const published = seed.observations.filter((o) => !o.isSample && o.sourceUrl?.startsWith('http'));
    expect(published.length).toBeGreaterThanOrEqual(rows.length);
    for (const row of rows) {
      const [, year, , value, , vintage, url] = row.split('\t');
      const match = published.find((o) => o.year === Number(year) && o.value === Number(value) && o.sourceUrl === url);
      expect(match, row).toBeDefined();
      expect(match?.vintage).toBe(vintage);
    }
  });
});

describe('loading the seed', () => {
  it('loads every record into the database in one go, with an audit entry', () => {
    const db = freshDb();
    const counts = loadSeed(db, seed);
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    expect(count('plans')).toBe(5);
    expect(count('targets')).toBe(counts.targets);
    expect(counts.targets).toBe(seed.plans.reduce((n, p) => n + p.targets.length, 0));
    expect(count('target_milestones')).toBe(counts.milestones);
    expect(count('observation_revisions')).toBe(seed.observations.length);
    expect(count('units')).toBe(seed.units.length);
    expect(count('unit_aliases')).toBe(seed.unitAliases.length);
    // The units the plan files name beside their targets: 118, each row one form printed.
    const named = seed.plans.flatMap((p) => p.targets.flatMap((t) => t.units ?? []));
    expect(named).toHaveLength(118);
    expect(count('target_units')).toBe(named.length);
    expect(counts.targetUnits).toBe(named.length);
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'seed'").pluck().get()).toBe(1);
    // Every target's indicator and region exist (the foreign keys hold, and are checked here too).
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(
      db
        .prepare(
          `SELECT count(*) FROM targets t LEFT JOIN indicators i ON i.code = t.indicator_code
             LEFT JOIN regions r ON r.code = t.region_code WHERE i.code IS NULL OR r.code IS NULL`,
        )
        .pluck()
        .get(),
    ).toBe(0);
  });

  it('keeps the national 2017 R&D intensity as two revisions, preliminary 2.12 then final 2.13', () => {
    const db = freshDb();
    loadSeed(db, seed);
    const revisions = db
      .prepare(
        `SELECT value, vintage FROM observation_revisions o JOIN indicators i ON i.code = o.indicator_code
          WHERE region_code = '100000' AND year = 2017 AND i.kind = 'share' ORDER BY o.id`,
      )
      .all();
    expect(revisions).toEqual([
      { value: 2.12, vintage: 'preliminary' },
      { value: 2.13, vintage: 'final' },
    ]);
    const current = db
      .prepare(
        `SELECT value, revision_count FROM observations_current o JOIN indicators i ON i.code = o.indicator_code
          WHERE region_code = '100000' AND year = 2017 AND i.kind = 'share'`,
      )
      .get();
    expect(current).toEqual({ value: 2.13, revision_count: 2 });
  });

  it('refuses to seed twice', () => {
    const db = freshDb();
    loadSeed(db, seed);
    expect(() => loadSeed(db, seed)).toThrow(/already holds plans/);
    expect(db.prepare('SELECT count(*) FROM plans').pluck().get()).toBe(5);
  });

  it('leaves the database exactly as it was when a record fails half-way', () => {
    const db = freshDb();
    const broken = structuredClone(seed);
    const last = broken.observations.at(-1);
    if (!last) throw new Error('the seed has no observations');
    broken.observations.push({ ...last, regionCode: '999999' });
    expect(() => loadSeed(db, broken)).toThrow(/FOREIGN KEY/);
    for (const table of ['regions', 'indicators', 'plans', 'targets', 'observation_revisions', 'audit_log']) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
  });

  it('reports a clause that is not verbatim, naming the plan and target', () => {
    const broken = structuredClone(seed);
    const target = broken.plans.find((p) => p.targets.length > 0)?.targets[0];
    if (!target) throw new Error('no target');
    target.clause = `${target.clause}(改)`;
    expect(checkSeed(broken).join('\n')).toMatch(new RegExp(`target ${target.key}: clause is not verbatim`));
  });

  it('reports a unit form that names no unit of the region, and one given twice, naming the plan and target', () => {
    const broken = structuredClone(seed);
    const plan = broken.plans.find((p) => p.slug === 'panjin-2019-2021');
    const [first, second] = (plan?.targets ?? []).filter((t) => t.units?.length);
    if (!first?.units || !second?.units) throw new Error('no target units');
    first.units[0] = { role: 'lead', unit: '市不存在局' };
    second.units.push({ ...(second.units[0] as { role: 'lead'; unit: string }) });
    const problems = checkSeed(broken).join('\n');
    expect(problems).toContain(
      `plan panjin-2019-2021 target ${first.key}: the lead unit (牵头单位) "市不存在局" names no unit of region 211100`,
    );
    expect(problems).toContain(`plan panjin-2019-2021 target ${second.key}: "市科技局" is given twice as lead`);
    // A Lüliang form is no Panjin unit: the region's units only.
    first.units[0] = { role: 'lead', unit: '市经信委' };
    expect(checkSeed(broken).join('\n')).toContain(`target ${first.key}: the lead unit (牵头单位) "市经信委" names no unit`);
  });

  it("refuses an alias that is another unit's name", () => {
    const broken = structuredClone(seed);
    broken.unitAliases.push({ regionCode: '211100', alias: '市财政局', unitZh: '市科技局', origin: 'test' });
    expect(checkSeed(broken).join('\n')).toContain('test: "市财政局" is already the name of a unit of 211100');
  });

  it('give every note in Chinese and in English, the lost decimal points in words and never as a code point', () => {
    const notes = seed.plans.flatMap((p) => [
      { zh: p.statusNoteZh, en: p.statusNoteEn },
      { zh: p.noteZh, en: p.noteEn },
      ...p.targets.map((t) => ({ zh: t.noteZh, en: t.noteEn })),
    ]);
    const given = notes.filter((n) => n.zh !== null || n.en !== null);
    // The 95 notes the seed carried in English only before issue 13.
    expect(given).toHaveLength(95);
    for (const n of given) {
      expect(n.zh, n.en ?? '').toMatch(/[\u4e00-\u9fff]/);
      expect(n.en, n.zh ?? '').toMatch(/[a-z]{3}/);
      for (const text of [n.zh, n.en]) expect(text).not.toMatch(/U\+E010|[\uE000-\uF8FF]|shared\/domain|\.txt|\.tsv/);
    }
    // The five targets whose source lost a decimal point say so in words, in both languages.
    const lost = seed.plans.flatMap((p) => p.targets).filter((t) => t.valueAsPrinted !== null && t.valueAsPrinted !== undefined);
    expect(lost.map((t) => t.value)).toEqual([2.5, 2.5, 25.5, 4.5, 1.5]);
    for (const t of lost) {
      expect(t.noteZh).toContain(`原文此处小数点缺失，读作 ${t.value}`);
      expect(t.noteEn).toContain(`The source lost the decimal point here; read as ${t.value}`);
    }
  });

  it('refuses a note in one language only, and a code point or a file name in a note', () => {
    const broken = structuredClone(seed);
    const plan = broken.plans.find((p) => p.slug === 'lvliang-2014-2020');
    const [first, second] = plan?.targets ?? [];
    if (!plan || !first || !second) throw new Error('no Lüliang targets');
    first.noteZh = null;
    second.noteEn = 'The source prints U+E010 here (see 003_935a6b5ddc823531.txt).';
    plan.statusNoteEn = null;
    const problems = checkSeed(broken).join('\n');
    expect(problems).toContain(
      `plan lvliang-2014-2020 target ${first.key} note: a note needs both its Chinese and its English text`,
    );
    expect(problems).toContain(`plan lvliang-2014-2020 target ${second.key} noteEn: a code point in a note (say it in words)`);
    expect(problems).toContain(`plan lvliang-2014-2020 target ${second.key} noteEn: a file name in a note (say it in words)`);
    expect(problems).toContain('plan lvliang-2014-2020 statusNote: a note needs both its Chinese and its English text');
  });

  it('seeds an empty database on first start and leaves a seeded one alone', () => {
    const { dbPath, cleanup } = tempDbPath();
    cleanups.push(cleanup);
    const first = prepareDatabase(dbPath);
    expect(first.seeded?.plans).toBe(5);
    first.db.close();
    const second = prepareDatabase(dbPath);
    expect(second.seeded).toBeNull();
    expect(second.migrationsApplied).toEqual([]);
    expect(second.db.prepare('SELECT count(*) FROM plans').pluck().get()).toBe(5);
    second.db.close();
  });
});
