import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { type Db, openDatabase } from '../../server/src/db/connection.js';
import { migrate } from '../../server/src/db/migrate.js';
import { migrationsDir } from '../../server/src/paths.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { tempDbPath, tempDir } from '../helpers/db.js';

// Issue 12, point 3, through the real app on a real SQLite file: the catalogue's indicator aliases
// and the routes that edit them, a correction by a new source, one message for a file without a
// source column, legacy encodings, a header-only file, a cut-off upload, and 400s in both languages.

const PASSWORD = 'statistician password';
let app: App;
let db: Db;
let cleanup: () => void;
type Who = { cookie: string; csrf: string };
let lv: Who;
let admin: Who;

beforeAll(async () => {
  const tmp = tempDbPath();
  cleanup = tmp.cleanup;
  app = await buildApp({ dbPath: tmp.dbPath, serveWeb: false });
  db = openDatabase(tmp.dbPath);
  const repos = createRepositories(db);
  const passwordHash = await hashPassword(PASSWORD);
  const now = new Date().toISOString();
  repos.users.create({ name: 'lv', displayName: '吕梁统计员', role: 'statistician', regions: ['141100'], passwordHash }, now);
  repos.users.create({ name: 'boss', displayName: '管理员', role: 'admin', regions: [], passwordHash }, now);
  const signIn = async (name: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name, password: PASSWORD } });
    return {
      cookie: `jindu_session=${res.cookies.find((c) => c.name === 'jindu_session')?.value}`,
      csrf: res.json().csrfToken as string,
    };
  };
  lv = await signIn('lv');
  admin = await signIn('boss');
});
afterAll(async () => {
  db.close();
  await app.close();
  cleanup();
});

const BOUNDARY = '----jindurealfiles';
function multipart(file: Uint8Array, fileName: string, fields: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
  );
  parts.push(Buffer.from(file), Buffer.from(`\r\n--${BOUNDARY}--\r\n`));
  return Buffer.concat(parts);
}
const headers = (who: Who, json = false) => ({
  cookie: who.cookie,
  'x-csrf-token': who.csrf,
  ...(json ? {} : { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }),
});
const send = (who: Who, payload: Buffer) => app.inject({ method: 'POST', url: '/api/imports', payload, headers: headers(who) });
const upload = (
  who: Who,
  text: string | Uint8Array,
  fields: Record<string, string> = { defaultVintage: 'final' },
  name = 'f.csv',
) => send(who, multipart(typeof text === 'string' ? new TextEncoder().encode(text) : text, name, fields));
const commit = (who: Who, id: number) =>
  app.inject({ method: 'POST', url: `/api/imports/${id}/commit`, headers: headers(who, true) });
const aliasesOf = async (code: string) =>
  (await app.inject({ method: 'GET', url: `/api/indicators/${code}/aliases`, headers: headers(lv, true) })).json() as {
    id: number;
    alias: string;
    createdBy: string;
  }[];
const addAlias = (who: Who, code: string, alias: string) =>
  app.inject({ method: 'POST', url: `/api/indicators/${code}/aliases`, payload: { alias }, headers: headers(who, true) });
const auditOf = (action: string) =>
  db
    .prepare('SELECT actor, entity_id AS entityId, before_json AS b, after_json AS a FROM audit_log WHERE action = ? ORDER BY id')
    .all(action);

describe('indicator aliases in the catalogue', () => {
  it('are seeded from seed/indicator_aliases.tsv, the parser’s old list among them', async () => {
    const list = await aliasesOf('high_tech_firms');
    expect(list.map((a) => a.alias)).toEqual([
      '高新技术企业',
      '高新技术企业数量',
      '国家高新技术企业数',
      '高企',
      '高企数量',
      'high-tech enterprises',
      'high-tech firms',
    ]);
    expect(list.every((a) => a.createdBy === 'seed')).toBe(true);
    const all = (await app.inject({ method: 'GET', url: '/api/indicator-aliases', headers: headers(lv, true) })).json();
    expect(all.map((a: { indicatorCode: string; alias: string }) => `${a.indicatorCode}:${a.alias}`)).toContain(
      'rd_expenditure:R&D经费',
    );
  });

  it('match in an upload: "high-tech enterprises", 高企 and 高新技术企业数 are the same indicator', async () => {
    const res = await upload(
      lv,
      '地区,指标,年份,数值,来源\n吕梁市,high-tech enterprises,2030,101,公报\n吕梁市,高企,2031,102,公报\n吕梁市,高新技术企业数,2032,103,公报',
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().import.summary).toMatchObject({ new: 3, errors: 0 });
    expect(res.json().rows.map((r: { indicatorCode: string }) => r.indicatorCode)).toEqual([
      'high_tech_firms',
      'high_tech_firms',
      'high_tech_firms',
    ]);
  });

  it('an administrator adds one (audited), and the next upload matches it; an unknown name suggests the nearest', async () => {
    const file = '地区,指标,年份,数值,来源\n吕梁市,科技小巨人企业数,2030,7,公报';
    const before = await upload(lv, file);
    const issue = before.json().issues[0];
    expect(issue).toMatchObject({ code: 'unknown_indicator', row: 2, column: 'B' });
    expect(issue.message.zh).toContain('最接近的是');
    expect(issue.message.en).toContain('the nearest are');

    const added = await addAlias(admin, 'tech_sme_count', ' 科技小巨人企业数 ');
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ indicatorCode: 'tech_sme_count', alias: '科技小巨人企业数', createdBy: 'boss' });
    expect(auditOf('indicator.alias_create').at(-1)).toEqual({
      actor: 'boss',
      entityId: 'tech_sme_count',
      b: null,
      a: JSON.stringify({ alias: '科技小巨人企业数' }),
    });
    const after = await upload(lv, file);
    expect(after.json().import.summary).toMatchObject({ new: 1, errors: 0 });
    expect(after.json().rows[0]).toMatchObject({ indicatorCode: 'tech_sme_count', value: 7 });

    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/indicators/tech_sme_count/aliases/${added.json().id}`,
      headers: headers(admin, true),
    });
    expect(removed.statusCode).toBe(204);
    expect(auditOf('indicator.alias_delete').at(-1)).toMatchObject({ entityId: 'tech_sme_count', a: null });
    expect((await upload(lv, file)).json().issues[0].code).toBe('unknown_indicator');
  });

  it('refuses an alias another indicator has, or this one has already, in both languages; and a statistician', async () => {
    const taken = await addAlias(admin, 'high_tech_firms', 'R&D经费');
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({
      code: 'alias_taken',
      takenBy: 'rd_expenditure',
      messages: {
        zh: '“R&D经费”已经是另一个指标“R&D经费支出”（rd_expenditure）的名称或别名，同一个名称不能指两个指标',
        en: '“R&D经费” is already a name or alias of another indicator, “R&D expenditure” (rd_expenditure); one name cannot mean two indicators',
      },
    });
    const own = await addAlias(admin, 'high_tech_firms', '高 企');
    expect(own.statusCode).toBe(409);
    expect(own.json().code).toBe('alias_duplicate');
    const blank = await addAlias(admin, 'high_tech_firms', '   ');
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({ code: 'alias_empty', field: 'alias' });
    expect((await addAlias(admin, 'no_such_indicator', '别名')).json()).toMatchObject({ code: 'indicator_not_found' });
    expect((await addAlias(lv, 'high_tech_firms', '统计员的别名')).statusCode).toBe(403);
    expect((await aliasesOf('high_tech_firms')).map((a) => a.alias)).not.toContain('统计员的别名');
    const gone = await app.inject({ method: 'DELETE', url: '/api/indicators/gdp/aliases/1', headers: headers(admin, true) });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('alias_not_found');
  });
});

describe('what an upload of real files gets', () => {
  it('the same value with a new source is a correction and is written; the same again is unchanged', async () => {
    const first = await upload(lv, '地区,指标,年份,数值,来源\n吕梁市,专利授权量,2040,500,2040年统计公报');
    expect((await commit(lv, first.json().import.id)).json()).toMatchObject({ written: 1 });
    const again = await upload(lv, '地区,指标,年份,数值,来源\n吕梁市,专利授权量,2040,500,2040年统计公报');
    expect(again.json().import.summary).toMatchObject({ unchanged: 1, changed: 0 });
    const corrected = await upload(lv, '地区,指标,年份,数值,来源\n吕梁市,专利授权量,2040,500,2041年统计年鉴');
    expect(corrected.json().import.summary).toMatchObject({ changed: 1, unchanged: 0 });
    expect(corrected.json().rows[0]).toMatchObject({
      status: 'changed',
      value: 500,
      sourceTitle: '2041年统计年鉴',
      old: { value: 500, sourceTitle: '2040年统计公报', sourceUrl: null },
    });
    expect((await commit(lv, corrected.json().import.id)).json()).toMatchObject({ written: 1 });
    const { revisions } = (
      await app.inject({
        method: 'GET',
        url: '/api/observations/history?region=141100&indicator=patent_grants&year=2040',
        headers: headers(lv, true),
      })
    ).json();
    expect(revisions.map((h: { value: number; sourceTitle: string }) => [h.value, h.sourceTitle])).toEqual([
      [500, '2040年统计公报'],
      [500, '2041年统计年鉴'],
    ]);
    // A new vintage, same value and source: a correction too.
    const final = await upload(lv, '地区,指标,年份,数值,来源,口径\n吕梁市,专利授权量,2040,500,2041年统计年鉴,修订');
    expect(final.json().import.summary).toMatchObject({ changed: 1 });
  });

  it('a file without a source column and no default source: one message, not one per cell', async () => {
    const rows = [2041, 2042, 2043, 2044, 2045, 2046].map((y) => `吕梁市,专利授权量,${y},${y - 1500}`);
    const res = await upload(lv, ['地区,指标,年份,数值', ...rows].join('\n'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().import.summary).toMatchObject({ rowsRead: 6, errors: 1, new: 0 });
    expect(res.json().issues).toEqual([
      {
        row: null,
        column: null,
        sheet: null,
        value: null,
        severity: 'error',
        code: 'missing_source',
        message: {
          zh: '文件没有来源列，请填写默认来源（上传时的“默认来源”），或在文件中加上“来源”列',
          en: 'The file has no source column; give a default source when uploading (“Default source”), or add a “source” column to the file',
        },
      },
    ]);
    const withDefault = await upload(lv, ['地区,指标,年份,数值', ...rows].join('\n'), {
      defaultVintage: 'final',
      defaultSource: '公报',
    });
    expect(withDefault.json().import.summary).toMatchObject({ new: 6, errors: 0 });
  });

  it('a Big5 file is refused with an encoding message, not 找不到表头', async () => {
    const res = await upload(lv, new Uint8Array(iconv.encode('地區,指標,年份,數值\n呂梁市,高新技術企業數,2020,80\n', 'big5')));
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('encoding');
    expect(res.json().messages.zh).toContain('Big5（繁体中文）');
  });

  it('a header-only file says it has no rows', async () => {
    const res = await upload(lv, '地区,指标,年份,数值,来源\n');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'no_rows' });
    expect(res.json().messages.zh).toContain('没有数据行');
  });

  it('a cut-off upload says it was cut off, and only a file over the limit is "too large"', async () => {
    const whole = multipart(new TextEncoder().encode('地区,指标,年份,数值,来源\n吕梁市,专利授权量,2050,1,公报\n'), 'f.csv', {
      defaultVintage: 'final',
    });
    // The body ends in the middle of the file: no closing boundary ever arrives.
    const cut = await send(lv, whole.subarray(0, whole.length - 30));
    expect(cut.statusCode).toBe(400);
    expect(cut.json()).toMatchObject({ code: 'upload_incomplete' });
    expect(cut.json().messages.zh).toContain('文件在传输中被截断');
    expect(cut.json().messages.en).toContain('cut off in transit');
    const big = await upload(lv, new Uint8Array(10 * 1024 * 1024 + 1).fill(0x41));
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('file_too_large');
  });
});

describe('every 400 of the upload and grid routes is in both languages, with a code and its parameters', () => {
  it('a bad form field: field "defaultVintage" must be equal to constant no more', async () => {
    const res = await upload(lv, '地区,指标,年份,数值\n吕梁市,专利授权量,2050,1', { defaultVintage: 'provisional' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      code: 'invalid_field',
      field: 'defaultVintage',
      reason: 'not_allowed',
      allowed: ['preliminary', 'final', 'revised'],
      message: '“Default vintage” must be one of: preliminary, final, revised',
      messages: {
        zh: '“默认口径”只能是：初步核算、最终核实、修订',
        en: '“Default vintage” must be one of: preliminary, final, revised',
      },
    });
    const missing = await upload(lv, '地区,指标,年份,数值\n吕梁市,专利授权量,2050,1', {});
    expect(missing.json()).toMatchObject({ code: 'invalid_field', field: 'defaultVintage', reason: 'missing' });
    expect(missing.json().messages.zh).toBe('缺少“默认口径”；请填写');
    const long = await upload(lv, '地区,指标,年份,数值\n吕梁市,专利授权量,2050,1', {
      defaultVintage: 'final',
      defaultSource: 's'.repeat(301),
    });
    expect(long.json()).toMatchObject({ field: 'defaultSource', reason: 'too_long', limit: 300 });
    expect(long.json().messages).toEqual({
      zh: '“默认来源”超过 300 个字符；请缩短',
      en: '“Default source” is longer than 300 characters; shorten it',
    });
    const region = await upload(lv, '地区,指标,年份,数值\n吕梁市,专利授权量,2050,1', { defaultVintage: 'final', region: '14' });
    expect(region.json()).toMatchObject({ field: 'region', reason: 'bad_format' });
    expect(region.json().messages.zh).toBe('“地区”应为6位行政区划代码，如 141100');
    const extra = await upload(lv, '地区,指标,年份,数值\n吕梁市,专利授权量,2050,1', { defaultVintage: 'final', colour: 'red' });
    expect(extra.json()).toMatchObject({ field: 'colour', reason: 'unknown_field' });
  });

  it('no file, or no form at all', async () => {
    const noFile = await send(
      lv,
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="defaultVintage"\r\n\r\nfinal\r\n--${BOUNDARY}--\r\n`),
    );
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json()).toMatchObject({ code: 'file_missing', field: 'file' });
    expect(noFile.json().messages.zh).toBe('请求中没有文件；请选择要上传的文件');
    const json = await app.inject({ method: 'POST', url: '/api/imports', payload: { file: 'x' }, headers: headers(lv, true) });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ code: 'not_multipart' });
    expect(json.json().messages.zh).toContain('请求不是文件上传');
  });

  it('the grid’s figures: which one, which field, why', async () => {
    const grid = (body: unknown) =>
      app.inject({ method: 'POST', url: '/api/imports/grid', payload: body as object, headers: headers(lv, true) });
    const long = await grid({
      region: '141100',
      defaultVintage: 'final',
      figures: [
        { indicator: 'patent_grants', year: 2050, value: '1' },
        { indicator: 'patent_grants', year: 2051, value: '1'.repeat(101) },
      ],
    });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({
      code: 'invalid_field',
      field: 'figures.1.value',
      reason: 'too_long',
      limit: 100,
      item: 2,
    });
    expect(long.json().messages).toEqual({
      zh: '第2项数据：“数值”超过 100 个字符；请缩短',
      en: 'Figure 2: “Value” is longer than 100 characters; shorten it',
    });
    const year = await grid({ region: '141100', defaultVintage: 'final', figures: [{ indicator: 'x', year: 1900, value: '1' }] });
    expect(year.json()).toMatchObject({ field: 'figures.0.year', reason: 'too_small', limit: 1949, item: 1 });
    expect(year.json().messages.zh).toBe('第1项数据：“年份”不能小于 1949');
    const none = await grid({ region: '141100', defaultVintage: 'final', figures: [] });
    expect(none.json()).toMatchObject({ field: 'figures', reason: 'too_few' });
    expect(none.json().messages.zh).toBe('请至少填写一项数据');
    const vintage = await grid({
      region: '141100',
      defaultVintage: 'draft',
      figures: [{ indicator: 'x', year: 2020, value: '1' }],
    });
    expect(vintage.json()).toMatchObject({ field: 'defaultVintage', reason: 'not_allowed' });
    expect(vintage.json().messages.zh).toBe('“默认口径”只能是：初步核算、最终核实、修订');
    const broken = await app.inject({
      method: 'POST',
      url: '/api/imports/grid',
      payload: '{"region":',
      headers: { ...headers(lv, true), 'content-type': 'application/json' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('bad_request');
    expect(broken.json().messages.zh).toBe('请求无法读取（格式不对）；请刷新页面后重试');
  });
});

describe('migration 0012 on a database seeded before it', () => {
  it('brings the aliases the parser used to hold, for the indicators the database has', () => {
    const { dir, cleanup: remove } = tempDir();
    try {
      const earlier = path.join(dir, 'migrations');
      fs.mkdirSync(earlier);
      for (const f of fs.readdirSync(migrationsDir).filter((f) => f.endsWith('.sql') && f < '0012'))
        fs.copyFileSync(path.join(migrationsDir, f), path.join(earlier, f));
      const old = openDatabase(path.join(dir, 'jindu.db'));
      migrate(old, earlier);
      const indicator = old.prepare(
        "INSERT INTO indicators (code, name_zh, name_en, unit, unit_en, direction, kind) VALUES (?, ?, ?, '家', 'firms', 'up', 'stock')",
      );
      indicator.run('high_tech_firms', '高新技术企业数(年末)', 'High-tech enterprises');
      indicator.run('rd_expenditure', 'R&D经费支出', 'R&D expenditure');
      expect(migrate(old, migrationsDir).applied).toContain('0012_indicator_aliases.sql');
      const rows = old
        .prepare('SELECT indicator_code AS code, alias, created_by AS by FROM indicator_aliases ORDER BY id')
        .all() as {
        code: string;
        alias: string;
        by: string;
      }[];
      expect(new Set(rows.map((r) => r.code))).toEqual(new Set(['high_tech_firms', 'rd_expenditure']));
      expect(rows.filter((r) => r.code === 'high_tech_firms').map((r) => r.alias)).toEqual([
        '高新技术企业',
        '高新技术企业数量',
        '国家高新技术企业数',
        '高企',
        '高企数量',
        'high-tech enterprises',
        'high-tech firms',
      ]);
      expect(rows.every((r) => r.by === 'migration')).toBe(true);
      // The seed file and the migration list the same aliases.
      const seedFile = fs.readFileSync(new URL('../../seed/indicator_aliases.tsv', import.meta.url), 'utf8');
      const seeded = seedFile
        .trim()
        .split('\n')
        .slice(1)
        .filter((l) => /^(high_tech_firms|rd_expenditure)\t/.test(l));
      expect(rows.map((r) => `${r.code}\t${r.alias}`)).toEqual(seeded);
      old.close();
    } finally {
      remove();
    }
  });
});
