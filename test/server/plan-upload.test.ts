import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../server/src/db/connection.js';
import { seedDir } from '../../server/src/paths.js';
import { useApp } from '../helpers/app.js';

// An administrator adds a plan from a plan file in the seed format: POST /api/plans, through the
// real app in demo mode.

const { app, dbPath } = useApp({ demo: true, publicRead: false });

let db: Db;
let admin: { cookie: string; csrf: string };

async function signIn(name: string, password: string) {
  const res = await app().inject({ method: 'POST', url: '/api/session', payload: { name, password } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'jindu_session');
  return { cookie: `jindu_session=${cookie?.value}`, csrf: res.json().csrfToken as string };
}

const upload = (payload: unknown, headers: Record<string, string> = { cookie: admin.cookie, 'x-csrf-token': admin.csrf }) =>
  app().inject({ method: 'POST', url: '/api/plans', headers, payload: payload as object });

const seedPlan = (file: string) => JSON.parse(fs.readFileSync(path.join(seedDir, 'plans', file), 'utf8'));
// The audit log's writes, leaving out signing in and out, which the refusals below do on their way.
const counts = () =>
  ['plans', 'targets', 'target_milestones', 'source_documents', "audit_log WHERE action NOT LIKE 'session.%'"].map(
    (table) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number,
  );

/** Next year's work plan, with its document as found (not among the stored ones). */
const SOURCE_TEXT = [
  '吕梁市科技局2020年工作要点',
  '一、主要目标',
  '全年新增高新技术企业15家，科技型中小企业评价入库达到80家。',
  '全市R&D经费投入强度达到1.0%以上。',
  '',
].join('\n');
const newPlan = () => ({
  slug: 'lvliang-2020-work-plan',
  sourceFile: 'lvliang-2020-work-plan.txt',
  kind: 'work_plan',
  titleZh: '吕梁市科技局2020年工作要点',
  titleEn: 'Lüliang Science and Technology Bureau: 2020 work plan',
  docNumber: null,
  issuerZh: '吕梁市科学技术局',
  issuerEn: 'Lüliang Science and Technology Bureau',
  issueDate: '2020-03-01',
  periodStart: 2020,
  periodEnd: 2020,
  status: 'expired',
  statusNoteZh: null,
  statusNoteEn: null,
  regionCode: '141100',
  noteZh: '测试上传',
  noteEn: 'test upload',
  targets: [
    {
      key: 'new-high-tech-firms-2020',
      indicator: 'new_high_tech_firms',
      region: '141100',
      type: 'level',
      value: 15,
      valueMin: null,
      valueMax: null,
      valueUnknown: false,
      targetYear: 2020,
      baseYear: null,
      baseValue: null,
      benchmarkRegion: null,
      commitment: null,
      comparator: 'at_least',
      milestones: [],
      clause: '全年新增高新技术企业15家',
      noteZh: null,
      noteEn: null,
    },
    {
      key: 'rd-intensity-2020',
      indicator: 'rd_intensity',
      type: 'share',
      value: 1.0,
      targetYear: 2020,
      comparator: 'at_least',
      clause: '全市R&D经费投入强度达到1.0%以上',
    },
  ],
  sourceText: SOURCE_TEXT,
});

beforeAll(async () => {
  db = openDatabase(dbPath());
  admin = await signIn('demo-admin', 'jindu-demo-admin');
});
afterAll(() => {
  db?.close();
});

describe('refusals: nothing is written', () => {
  it('answers a broken plan file with 400 and the JSON path of every offending field', async () => {
    const before = counts();

    const lvliang = seedPlan('lvliang-2014-2020.json');
    lvliang.slug = 'lvliang-2014-2020-copy';
    lvliang.targets[3] = { ...lvliang.targets[3], type: 'range', value: null, valueMin: 90, valueMax: 80 };
    lvliang.targets[5].indicator = 'no_such_indicator';
    lvliang.targets[7].clause = `${lvliang.targets[7].clause}(改)`;
    const semantic = await upload(lvliang);
    expect(semantic.statusCode, semantic.body).toBe(400);
    const body = semantic.json();
    expect(body).toMatchObject({ field: 'targets[3].valueMin', code: 'range_order' });
    expect(body.problems.map((p: { path: string; code: string }) => `${p.path} ${p.code}`)).toEqual([
      'targets[3].valueMin range_order',
      'targets[5].indicator unknown_indicator',
      'targets[7].clause clause_not_verbatim',
    ]);

    const shape = structuredClone(newPlan()) as ReturnType<typeof newPlan> & { targets: Record<string, unknown>[] };
    (shape.targets[1] as Record<string, unknown>).valueMin = 'abc';
    expect((await upload(shape)).json()).toMatchObject({ statusCode: 400, field: 'targets[1].valueMin', code: 'invalid' });
    const extra = { ...newPlan(), targets: [{ ...newPlan().targets[0], colour: 'red' }] };
    expect((await upload(extra)).json()).toMatchObject({ statusCode: 400, field: 'targets[0].colour' });
    const { clause: _clause, ...noClause } = newPlan().targets[0] as Record<string, unknown>;
    expect((await upload({ ...newPlan(), targets: [noClause] })).json()).toMatchObject({ field: 'targets[0].clause' });
    expect((await upload({ ...newPlan(), regionCode: '999999' })).json()).toMatchObject({
      field: 'regionCode',
      code: 'unknown_region',
    });
    const { sourceText: _text, ...noDocument } = newPlan();
    expect((await upload(noDocument)).json()).toMatchObject({ statusCode: 400, field: 'sourceText', code: 'document_required' });
    const misquoted = await upload({ ...newPlan(), sourceText: SOURCE_TEXT.replace('15家', '十五家') });
    expect(misquoted.json()).toMatchObject({ field: 'targets[0].clause', code: 'clause_not_verbatim' });
    const early = { ...newPlan(), targets: [{ ...newPlan().targets[0], targetYear: 2019 }] };
    expect((await upload(early)).json()).toMatchObject({ field: 'targets[0].targetYear', code: 'year_before_period' });
    const twice = { ...newPlan(), targets: [newPlan().targets[0], newPlan().targets[0]] };
    expect((await upload(twice)).json()).toMatchObject({ field: 'targets[1].key', code: 'duplicate_key' });
    // A file in the format before notes came in two languages: the message names the fields that replaced "note".
    const { noteZh: _zh, noteEn: _en, ...current } = newPlan();
    const oldFormat = await upload({ ...current, note: 'one note, one language' });
    expect(oldFormat.statusCode).toBe(400);
    expect(oldFormat.json()).toMatchObject({ field: 'note', code: 'invalid' });
    expect(oldFormat.json().message).toBe('note: is not a field of a plan file: write noteZh (Chinese) and noteEn (English)');

    expect(counts()).toEqual(before);
  });

  it('answers a slug in use, or a stored file name with another text, with 409', async () => {
    const before = counts();
    const taken = await upload(seedPlan('panjin-2019-2021.json'));
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ field: 'slug', code: 'slug_taken' });
    const panjin = { ...seedPlan('panjin-2019-2021.json'), slug: 'panjin-copy', sourceText: '另一份文件' };
    const differs = await upload(panjin);
    expect(differs.statusCode).toBe(409);
    expect(differs.json()).toMatchObject({ field: 'sourceText', code: 'document_differs' });
    expect(counts()).toEqual(before);
  });

  it('refuses viewers and statisticians (403), visitors (401) and a write without the CSRF token', async () => {
    const before = counts();
    for (const [name, password] of [
      ['demo-statistician', 'jindu-demo-statistician'],
      ['demo-viewer', 'jindu-demo-viewer'],
    ] as const) {
      const who = await signIn(name, password);
      const res = await upload(newPlan(), { cookie: who.cookie, 'x-csrf-token': who.csrf });
      expect(res.statusCode, name).toBe(403);
      expect(res.json().code).toBe('forbidden');
    }
    expect((await upload(newPlan(), {})).statusCode).toBe(401);
    const noCsrf = await upload(newPlan(), { cookie: admin.cookie });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('csrf');
    expect(counts()).toEqual(before);
  });
});

describe('a plan added', () => {
  it('is stored with its targets, its document and an audit entry, and is judged at once', async () => {
    const [plans = 0, targets = 0, milestones = 0, documents = 0, audits = 0] = counts();
    const res = await upload(newPlan());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      slug: 'lvliang-2020-work-plan',
      targetCount: 2,
      region: { code: '141100' },
      source: { fileName: 'lvliang-2020-work-plan.txt', title: '吕梁市科技局2020年工作要点' },
    });
    expect(counts()).toEqual([plans + 1, targets + 2, milestones, documents + 1, audits + 1]);
    const stored = db.prepare("SELECT body FROM source_documents WHERE file_name = 'lvliang-2020-work-plan.txt'").pluck().get();
    expect(stored).toBe(SOURCE_TEXT);

    const get = async (url: string) => (await app().inject({ method: 'GET', url, headers: { cookie: admin.cookie } })).json();
    const detail = await get('/api/plans/lvliang-2020-work-plan');
    expect(detail).toMatchObject({ noteZh: '测试上传', noteEn: 'test upload', statusNoteZh: null, statusNoteEn: null });
    expect(detail.targets.map((t: { key: string; region: { code: string } }) => `${t.key}@${t.region.code}`)).toEqual([
      'new-high-tech-firms-2020@141100',
      'rd-intensity-2020@141100',
    ]);
    const progress = await get('/api/plans/lvliang-2020-work-plan/progress');
    expect(progress.rollup.targetCount).toBe(2);
    // Lüliang's R&D intensity was 0.71% (sample) in 2020: a 1.0% target for that year is missed.
    expect(progress.targets[1].result.status).toBe('missed');

    const audit = await get('/api/audit?limit=1');
    expect(audit.entries[0]).toMatchObject({
      action: 'plan.create',
      entity: 'plan',
      entityId: String(res.json().id),
      actor: 'demo-admin',
      regionCode: '141100',
      after: { slug: 'lvliang-2020-work-plan', documentStored: true, targets: 2 },
    });
  });

  it('takes every seed plan file as it is (the same format), with its stored document', async () => {
    for (const file of fs.readdirSync(path.join(seedDir, 'plans')).filter((f) => f.endsWith('.json'))) {
      const plan = seedPlan(file);
      const res = await upload({ ...plan, slug: `${plan.slug}-again` });
      expect(res.statusCode, `${file}: ${res.body.slice(0, 300)}`).toBe(201);
      expect(res.json().targetCount).toBe(plan.targets.length);
    }
  });
});
