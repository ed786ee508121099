import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { type Db, openDatabase } from '../../server/src/db/connection.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { tempDbPath } from '../helpers/db.js';

// Uploads through the real app on a real SQLite file, with files built in the test.

const PASSWORD = 'statistician password';
let app: App;
let db: Db;
let cleanup: () => void;
let failAt: number | null = null;
let lv: { cookie: string; csrf: string };
let pj: { cookie: string; csrf: string };

beforeAll(async () => {
  const tmp = tempDbPath();
  cleanup = tmp.cleanup;
  app = await buildApp({
    dbPath: tmp.dbPath,
    serveWeb: false,
    // Read at each commit: the worker fails the commit after writing more revisions than this.
    importHooks: { failCommitAfterRevisions: () => failAt },
  });
  db = openDatabase(tmp.dbPath);
  const repos = createRepositories(db);
  const passwordHash = await hashPassword(PASSWORD);
  const now = new Date().toISOString();
  repos.users.create({ name: 'lv', displayName: '吕梁统计员', role: 'statistician', regions: ['141100'], passwordHash }, now);
  repos.users.create({ name: 'pj', displayName: '盘锦统计员', role: 'statistician', regions: ['211100'], passwordHash }, now);
  const signIn = async (name: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name, password: PASSWORD } });
    return {
      cookie: `jindu_session=${res.cookies.find((c) => c.name === 'jindu_session')?.value}`,
      csrf: res.json().csrfToken as string,
    };
  };
  lv = await signIn('lv');
  pj = await signIn('pj');
});
afterAll(async () => {
  db.close();
  await app.close();
  cleanup();
});

function multipart(file: Uint8Array, fileName: string, fields: Record<string, string>) {
  const boundary = `----jindu${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
  );
  parts.push(Buffer.from(file));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(
  who: { cookie: string; csrf: string },
  file: Uint8Array,
  fileName: string,
  fields: Record<string, string> = { defaultVintage: 'final', defaultSource: '测试来源' },
) {
  const { payload, contentType } = multipart(file, fileName, fields);
  return settled(
    app.inject({
      method: 'POST',
      url: '/api/imports',
      payload,
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': contentType },
    }),
  );
}
/** Commits a preview; `acknowledged`: the rows whose warnings were checked (none: no body, as before warnings needed one). */
const commit = (who: { cookie: string; csrf: string }, id: number, acknowledged?: number[]) =>
  settled(
    app.inject({
      method: 'POST',
      url: `/api/imports/${id}/commit`,
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrf },
      ...(acknowledged ? { payload: { acknowledged } } : {}),
    }),
  );

/**
 * A write's answer once the rounds' sweep it schedules has run (app.ts: after every write's answer,
 * it moves its cursor in the database): a dump taken next is not raced by it.
 */
async function settled<T>(answer: Promise<T>): Promise<T> {
  const res = await answer;
  // Two turns: the second runs after every immediate queued in the turn the answer came in.
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
  return res;
}

const current = (region: string, indicator: string, year: number) =>
  db
    .prepare(
      `SELECT value, published, vintage, source_title AS sourceTitle, origin, import_id AS importId, entered_by AS enteredBy
         FROM observation_revisions WHERE region_code = ? AND indicator_code = ? AND year = ? ORDER BY id DESC LIMIT 1`,
    )
    .get(region, indicator, year) as Record<string, unknown> | undefined;
const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

/** Every row of every table, as text: "byte-for-byte" at the level of the data. */
function dump(): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  // A table WITHOUT ROWID (observations_latest, migration 0020) in the order of all its columns.
  const order = (t: string) =>
    /WITHOUT\s+ROWID/i.test(db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(t) as string)
      ? (db.prepare(`PRAGMA table_info("${t}")`).all() as unknown[]).map((_, i) => i + 1).join(', ')
      : 'rowid';
  return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY ${order(t)}`).all()]));
}

const GBK_CSV = [
  '地区,指标,年份,数值,单位,口径,来源,备注',
  '吕梁市,R&D经费,2023,"1,530",万元,初步核算,2023年吕梁市统计公报,单位为万元',
  '吕梁市,高新技术企业数,2023,１１２,家,初步核算,2023年吕梁市统计公报,',
  '141100,R&D经费投入强度,2023,0.8%,%,初步核算,2023年吕梁市统计公报,',
  '141100,有效发明专利拥有量,2023,—,件,初步核算,2023年吕梁市统计公报,未公布',
].join('\r\n');

describe('uploading a GBK CSV', () => {
  let importId: number;

  it('previews without writing a figure, in both languages, with the conversion shown', async () => {
    const before = [count('observation_revisions'), count('audit_log')];
    const res = await upload(lv, iconv.encode(GBK_CSV, 'gbk'), '吕梁2023.csv');
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    importId = body.import.id;
    expect(body.import).toMatchObject({ encoding: 'gb18030', fileType: 'csv', status: 'preview' });
    expect(body.import.summary).toMatchObject({ rowsRead: 4, new: 4, changed: 0, errors: 0 });
    const rd = body.rows.find((r: { indicatorCode: string }) => r.indicatorCode === 'rd_expenditure');
    expect(rd).toMatchObject({ value: 0.153, vintage: 'preliminary', conversion: { fromUnit: '万元', toUnit: '亿元' } });
    // 1,530 万元 is 0.153 亿元, a hundredth of the 15.3 亿元 published for 2021: a warning to acknowledge.
    expect(rd.warnings.map((w: { code: string }) => w.code)).toEqual(['implausible_jump']);
    expect(body.warnedRows).toEqual([2]);
    // No figure, and one audit entry: who sent which file.
    expect([count('observation_revisions'), count('audit_log')]).toEqual([before[0], (before[1] ?? 0) + 1]);
    const audit = db
      .prepare('SELECT action, actor, entity_id AS entityId, after_json AS after FROM audit_log WHERE import_id = ?')
      .all(importId) as { action: string; actor: string; entityId: string; after: string }[];
    expect(audit.map((a) => ({ ...a, after: JSON.parse(a.after) }))).toMatchObject([
      {
        action: 'import.preview',
        actor: 'lv',
        entityId: String(importId),
        after: { fileName: '吕梁2023.csv', summary: { rowsRead: 4 } },
      },
    ]);
  });

  it('answers the preview with the bytes GET /api/imports/:id answers, though the worker made them', async () => {
    // The 201 is serialised on the import worker (services/importPreviewAnswer.ts), the GET on the
    // main thread through the route's schema: the same schema, so the same JSON, byte for byte.
    const res = await upload(lv, iconv.encode(GBK_CSV, 'gbk'), '吕梁2023-again.csv');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const id = res.json().import.id as number;
    const again = await app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: { cookie: lv.cookie } });
    expect(again.statusCode).toBe(200);
    expect(res.body).toBe(again.body);
    const body = res.json();
    expect(body.import).toMatchObject({ id, fileName: '吕梁2023-again.csv', userName: 'lv', status: 'preview' });
    // What the schema does not list stays out (the record's issues are a field of the answer, not of the record).
    expect(Object.keys(body)).toEqual(['import', 'issues', 'rows', 'warnedRows']);
    expect(body.import.issues).toBeUndefined();
    expect(body.rows.map((r: { row: number }) => r.row)).toEqual([2, 3, 4, 5]);
    expect(body.warnedRows).toEqual([2]);
  });

  it('commits in one go: exact values, vintages, masked values as not published', async () => {
    const res = await commit(lv, importId, [2]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ written: 4, alreadyCommitted: false });
    expect(current('141100', 'rd_expenditure', 2023)).toMatchObject({
      value: 0.153,
      vintage: 'preliminary',
      origin: 'upload',
      importId,
      enteredBy: 'lv',
    });
    expect(current('141100', 'high_tech_firms', 2023)).toMatchObject({ value: 112, published: 1 });
    expect(current('141100', 'rd_intensity', 2023)).toMatchObject({ value: 0.8 });
    expect(current('141100', 'valid_invention_patents', 2023)).toMatchObject({ value: null, published: 0 });
    // One entry per upload, not per figure: the revisions carry the upload (import_id), and its rows
    // keep what each figure replaced.
    const audit = db.prepare('SELECT action FROM audit_log WHERE import_id = ? ORDER BY id').pluck().all(importId);
    expect(audit).toEqual(['import.preview', 'import.commit']);
    expect(db.prepare('SELECT count(*) FROM observation_revisions WHERE import_id = ?').pluck().get(importId)).toBe(4);
  });

  it('commits the same preview twice: the second time writes nothing', async () => {
    const before = dump();
    const res = await commit(lv, importId);
    expect(res.json()).toMatchObject({ written: 0, alreadyCommitted: true });
    expect(dump()).toBe(before);
  });

  it('re-uploading the identical file changes nothing', async () => {
    const res = await upload(lv, iconv.encode(GBK_CSV, 'gbk'), '吕梁2023.csv');
    expect(res.json().import.summary).toMatchObject({ new: 0, changed: 0, unchanged: 4 });
    const before = count('observation_revisions');
    expect((await commit(lv, res.json().import.id)).json().written).toBe(0);
    expect(count('observation_revisions')).toBe(before);
  });

  it('a revised figure becomes a new revision, showing old → new in the preview', async () => {
    const revised = GBK_CSV.replace('１１２,家,初步核算', '115,家,最终核实');
    const res = await upload(lv, iconv.encode(revised, 'gbk'), '吕梁2023-修订.csv');
    const row = res.json().rows.find((r: { indicatorCode: string }) => r.indicatorCode === 'high_tech_firms');
    expect(row).toMatchObject({ status: 'changed', value: 115, vintage: 'final', old: { value: 112, vintage: 'preliminary' } });
    await commit(lv, res.json().import.id);
    const history = db
      .prepare(
        "SELECT value, vintage FROM observation_revisions WHERE region_code = '141100' AND indicator_code = 'high_tech_firms' AND year = 2023 ORDER BY id",
      )
      .all();
    expect(history).toEqual([
      { value: 112, vintage: 'preliminary' },
      { value: 115, vintage: 'final' },
    ]);
  });
});

describe('replacing a sample figure', () => {
  // The seed holds sample figures (is_sample = 1, 示例数据) for Lüliang's high-tech firms:
  // 2015 = 17 and 2016 = 21 (seed/observations/sample.tsv).
  const csv = [
    '地区代码,指标代码,年份,数值,口径,来源',
    '141100,high_tech_firms,2015,18,最终核实,2015年吕梁市统计公报',
    '141100,high_tech_firms,2016,21,最终核实,2016年吕梁市统计公报',
  ].join('\n');
  const isSample = (year: number) =>
    db
      .prepare(
        "SELECT is_sample FROM observation_revisions WHERE region_code = '141100' AND indicator_code = 'high_tech_firms' AND year = ? ORDER BY id DESC LIMIT 1",
      )
      .pluck()
      .get(year);
  let importId: number;

  it('says so in the preview: the old value with its sample flag, counted in the summary', async () => {
    expect([isSample(2015), isSample(2016)]).toEqual([1, 1]);
    const res = await upload(lv, new TextEncoder().encode(csv), 'sample.csv');
    expect(res.statusCode, res.body).toBe(201);
    importId = res.json().import.id;
    const [first, second] = res.json().rows;
    expect(first).toMatchObject({
      year: 2015,
      value: 18,
      status: 'changed',
      old: { value: 17, published: true, vintage: 'final', isSample: true },
    });
    // The same number as the sample, now from a bulletin: still a change, from sample to real.
    expect(second).toMatchObject({ year: 2016, value: 21, status: 'changed', old: { value: 21, isSample: true } });
    expect(res.json().import.summary).toMatchObject({ changed: 2, unchanged: 0, replacesSample: 2 });
    // The stored preview and its pages carry the flag too.
    const stored = await app.inject({ method: 'GET', url: `/api/imports/${importId}`, headers: { cookie: lv.cookie } });
    expect(stored.json().rows.map((r: { old: { isSample: boolean } }) => r.old.isSample)).toEqual([true, true]);
    const page = await app.inject({
      method: 'GET',
      url: `/api/imports/${importId}/rows?status=changed`,
      headers: { cookie: lv.cookie },
    });
    expect(page.json().map((r: { old: { isSample: boolean } }) => r.old.isSample)).toEqual([true, true]);
  });

  it('writes both as real figures on commit, the one equal to the sample too', async () => {
    const res = await commit(lv, importId);
    expect(res.json()).toMatchObject({ written: 2 });
    expect(current('141100', 'high_tech_firms', 2016)).toMatchObject({
      value: 21,
      importId,
      sourceTitle: '2016年吕梁市统计公报',
    });
    expect([isSample(2015), isSample(2016)]).toEqual([0, 0]);
    // What each figure replaced is kept with the upload's rows (the commit writes one audit entry).
    const replaced = await app.inject({
      method: 'GET',
      url: `/api/imports/${importId}/rows?status=changed`,
      headers: { cookie: lv.cookie },
    });
    expect(replaced.json().map((r: { year: number; old: unknown }) => [r.year, r.old])).toMatchObject([
      [2015, { value: 17, isSample: true }],
      [2016, { value: 21, isSample: true }],
    ]);
    const audit = db
      .prepare("SELECT after_json FROM audit_log WHERE import_id = ? AND action = 'import.commit'")
      .pluck()
      .get(importId);
    expect(JSON.parse(audit as string)).toMatchObject({ written: 2 });
    const again = await upload(lv, new TextEncoder().encode(csv), 'sample.csv');
    expect(again.json().import.summary).toMatchObject({ changed: 0, unchanged: 2, replacesSample: 0 });
  });
});

describe('errors and refusals', () => {
  it('names the row and column of a bad value in Chinese and English, and refuses to commit', async () => {
    const bad = `${GBK_CSV}\r\n吕梁市,高新企业,2023,5,家,初步核算,2023年吕梁市统计公报,`;
    const res = await upload(lv, iconv.encode(bad, 'gbk'), 'bad.csv');
    expect(res.statusCode).toBe(201);
    const issue = res.json().issues.find((i: { code: string }) => i.code === 'unknown_indicator');
    expect(issue).toMatchObject({ row: 6, severity: 'error', value: '高新企业' });
    expect(issue.message.zh).toMatch(/第6行/);
    expect(issue.message.en).toMatch(/Row 6/);
    const refused = await commit(lv, res.json().import.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('import_has_errors');
  });

  it('refuses rows of a region the statistician is not assigned to', async () => {
    const res = await upload(pj, iconv.encode(GBK_CSV, 'gbk'), 'lv-by-pj.csv');
    expect(res.json().import.summary.errors).toBe(4);
    expect(res.json().issues[0].code).toBe('region_not_assigned');
  });

  it('refuses a file that is not a table, whatever its name, without a 5xx', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const res = await upload(lv, png, 'figures.xlsx');
    expect(res.statusCode).toBe(422);
    expect(res.json().messages.zh.length).toBeGreaterThan(0);
  });

  it('refuses a file over the size limit with 413 and a clear message', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 10).fill(0x41);
    const res = await upload(lv, big, 'big.csv');
    expect(res.statusCode).toBe(413);
    expect(res.json().messages.zh).toMatch(/10 MB/);
  });

  it('answers 400 naming the field for a bad form field', async () => {
    const res = await upload(lv, iconv.encode(GBK_CSV, 'gbk'), 'x.csv', { defaultVintage: 'maybe' });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('defaultVintage');
  });
});

describe('a failed commit', () => {
  it('leaves the database exactly as it was when the commit fails after writing its revisions', async () => {
    const csv = [
      '地区代码,指标代码,年份,数值,来源',
      ...[2015, 2016, 2017, 2018, 2019, 2020].map((y) => `141100,tech_sme_count,${y},${10 + y - 2015},测试来源`),
    ].join('\n');
    const res = await upload(lv, new TextEncoder().encode(csv), 'half.csv');
    expect(res.json().import.summary.new).toBe(6);
    const before = dump();
    failAt = 3;
    const failed = await commit(lv, res.json().import.id);
    failAt = null;
    expect(failed.statusCode).toBe(500);
    expect(dump()).toBe(before);
    // And the same preview can still be committed afterwards.
    expect((await commit(lv, res.json().import.id)).json().written).toBe(6);
  });
});

describe('XLSX', () => {
  it('reads merged headers, formulas as their values, and converts 万元 to 亿元', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('说明').addRow(['本表为示例']);
    const sheet = workbook.addWorksheet('数据');
    sheet.addRow(['地区', '指标', '单位', '年份', null]);
    sheet.addRow([null, null, null, 2021, 2022]);
    sheet.mergeCells('D1:E1');
    sheet.mergeCells('A1:A2');
    sheet.mergeCells('B1:B2');
    sheet.mergeCells('C1:C2');
    sheet.addRow(['吕梁市', 'R&D经费', '万元', 153000, { formula: 'D3*1.1', result: 168300 }]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const res = await upload(lv, bytes, 'rd.xlsx');
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.import).toMatchObject({ fileType: 'xlsx', sheet: '数据', layout: 'wide' });
    const values = body.rows.map((r: { year: number; value: number }) => [r.year, r.value]);
    expect(values).toEqual([
      [2021, 15.3],
      [2022, 16.83],
    ]);
    expect(body.rows[1].conversion).toMatchObject({ fromUnit: '万元', toUnit: '亿元', factor: 0.0001 });
  });
});

describe('templates and the entry grid', () => {
  it('serves a template that the importer reads back', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/plans/lvliang-2014-2020/template.xlsx',
      headers: { cookie: lv.cookie },
    });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['数据', '说明']);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['地区代码', '地区', '指标代码', '指标', '单位']);
    expect(header).toContain('2013');
    expect(header).toContain('2020');
    const row = sheet.getRow(2);
    row.getCell(header.indexOf('2019') + 1).value = 7;
    row.getCell(header.indexOf('来源') + 1).value = '模板测试';
    const filled = new Uint8Array(await workbook.xlsx.writeBuffer());
    const up = await upload(lv, filled, 'template.xlsx');
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json().import.summary.errors).toBe(0);
    expect(up.json().rows).toHaveLength(1);
    expect(up.json().rows[0]).toMatchObject({ year: 2019, value: 7, sourceTitle: '模板测试' });
  });

  it('serves the CSV template with a BOM, text cells made safe, and GB18030 on request', async () => {
    const utf8 = await app.inject({
      method: 'GET',
      url: '/api/plans/lvliang-2014-2020/template.csv',
      headers: { cookie: lv.cookie },
    });
    expect([...utf8.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(utf8.body).toContain('地区代码');
    const gb = await app.inject({
      method: 'GET',
      url: '/api/plans/lvliang-2014-2020/template.csv?encoding=gb18030',
      headers: { cookie: lv.cookie },
    });
    expect(iconv.decode(gb.rawPayload, 'gb18030')).toContain('地区代码,地区,指标代码');
  });

  it('previews figures typed into the grid through the same checks', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/imports/grid',
      headers: { cookie: lv.cookie, 'x-csrf-token': lv.csrf },
      payload: {
        region: '141100',
        defaultVintage: 'preliminary',
        defaultSource: '手工录入测试',
        figures: [
          { indicator: 'tech_sme_count', year: 2021, value: '4２' },
          { indicator: '不存在的指标', year: 2021, value: '1' },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().rows[0]).toMatchObject({ indicatorCode: 'tech_sme_count', value: 42 });
    expect(res.json().issues[0].code).toBe('unknown_indicator');
  });
});

describe('restoring an earlier revision', () => {
  it('writes it again as a new revision, audited', async () => {
    const revisions = db
      .prepare(
        "SELECT id, value FROM observation_revisions WHERE region_code = '141100' AND indicator_code = 'high_tech_firms' AND year = 2023 ORDER BY id",
      )
      .all() as { id: number; value: number }[];
    const first = revisions[0] as { id: number; value: number };
    const res = await app.inject({
      method: 'POST',
      url: '/api/observations/restore',
      headers: { cookie: lv.cookie, 'x-csrf-token': lv.csrf },
      payload: { revisionId: first.id },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ value: 112, revisionCount: revisions.length + 1 });
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'observation.restore'").pluck().get()).toBe(1);
    const other = await app.inject({
      method: 'POST',
      url: '/api/observations/restore',
      headers: { cookie: pj.cookie, 'x-csrf-token': pj.csrf },
      payload: { revisionId: first.id },
    });
    expect(other.statusCode).toBe(403);
  });
});

describe('hostile input, at random', () => {
  it('random bytes and random CSV never cause a 5xx and never write a figure or an audit entry but the preview’s', async () => {
    const written = () => db.prepare("SELECT count(*) FROM audit_log WHERE action <> 'import.preview'").pluck().get();
    const before = [count('observation_revisions'), written()];
    const cell = fc.oneof(
      fc.string(),
      fc.constantFrom('吕梁市', '141100', 'rd_intensity', '高新技术企业数', '2019', '—', 'x', '1,234.5', '２.６%', '=1+1', '"'),
    );
    const csvShape = fc
      .array(fc.array(cell, { maxLength: 8 }), { maxLength: 20 })
      .map((rows) => rows.map((r) => r.join(',')).join('\n'));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }),
          csvShape.map((t) => new TextEncoder().encode(t)),
        ),
        fc.constantFrom('a.csv', 'a.xlsx', 'a.txt'),
        async (bytes, name) => {
          const res = await upload(lv, bytes, name);
          expect(res.statusCode, res.body).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
    expect([count('observation_revisions'), written()]).toEqual(before);
  });
});
