import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../helpers/app.js';

// A real figure that replaces a sample one is the figure's first publication, not a revision of it
// (issue 13): the engine raises no `revised` flag, the figure counts one version, and neither the
// PDF nor the workbook says 修订 — until the real figure is itself revised. Through the real app, a
// figure entered by hand, the reports rendered by the worker (run `npm run build --workspace server`
// first when running this file on its own).

const { app } = useApp({ demo: true, publicRead: false });
let admin: { cookie: string; csrf: string };
let highTechId = 0;

interface Flag {
  code: string;
  years?: number[];
}
interface Judged {
  result: { flags: Flag[]; status: string };
  observations: { year: number; value: number | null; isSample: boolean; revisionCount: number }[];
}

async function signIn(name: string, password: string) {
  const res = await app().inject({ method: 'POST', url: '/api/session', payload: { name, password } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'jindu_session');
  return { cookie: `jindu_session=${cookie?.value}`, csrf: res.json().csrfToken as string };
}

const get = (url: string) => app().inject({ method: 'GET', url, headers: { cookie: admin.cookie } });

/** Enters Lüliang's 2019 count of high-tech firms by hand, as a statistician would from a bulletin. */
async function enter(value: number, vintage: 'final' | 'revised') {
  const res = await app().inject({
    method: 'POST',
    url: '/api/observations',
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    payload: {
      region: '141100',
      indicator: 'high_tech_firms',
      year: 2019,
      value,
      vintage,
      sourceTitle: '2019年吕梁市国民经济和社会发展统计公报',
      sourceUrl: 'http://www.lvliang.gov.cn/tjgb/2019.html',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { revisionCount: number; isSample: boolean };
}

async function judged(): Promise<Judged> {
  const res = await get(`/api/targets/${highTechId}/progress`);
  expect(res.statusCode).toBe(200);
  return res.json() as Judged;
}

/** The 2019 row of the workbook's sources sheet: its vintage and its count of revisions. */
async function workbook2019(): Promise<{ vintage: unknown; revisions: unknown; sample: unknown }> {
  const res = await get('/api/reports/plans/lvliang-2014-2020.xlsx?lang=zh');
  expect(res.statusCode).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('数据来源');
  if (!sheet) throw new Error('no sources sheet');
  const header = (sheet.getRow(1).values as unknown[]).map(String);
  const col = (name: string) => header.indexOf(name);
  let found: { vintage: unknown; revisions: unknown; sample: unknown } | null = null;
  sheet.eachRow((row, n) => {
    const v = row.values as unknown[];
    if (n > 1 && v[col('指标代码')] === 'high_tech_firms' && v[col('地区代码')] === '141100' && v[col('年份')] === 2019)
      found = { vintage: v[col('数据版本')], revisions: v[col('修订次数')], sample: v[col('示例数据')] };
  });
  if (!found) throw new Error('no 2019 row for high_tech_firms');
  return found;
}

/** The Chinese PDF as text (poppler's pdftotext), without line breaks and spaces. */
async function pdfText(): Promise<string> {
  const res = await get('/api/reports/plans/lvliang-2014-2020.pdf?lang=zh');
  expect(res.statusCode).toBe(200);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jindu-pdf-')), 'report.pdf');
  fs.writeFileSync(file, res.rawPayload);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

beforeAll(async () => {
  admin = await signIn('demo-admin', 'jindu-demo-admin');
  const plan = (await get('/api/plans/lvliang-2014-2020')).json() as { targets: { id: number; key: string }[] };
  highTechId = plan.targets.find((t) => t.key === 'high-tech-firms-2020')?.id ?? 0;
  expect(highTechId).toBeGreaterThan(0);
});

describe('a real figure in place of a sample one', () => {
  it('is a first publication: no revised flag, one version, and no 修订 in the PDF or the workbook', async () => {
    // Before: 2019 is a sample figure, never revised.
    const before = await judged();
    expect(before.observations.find((o) => o.year === 2019)).toMatchObject({ isSample: true, revisionCount: 1 });
    expect(before.result.flags.map((f) => f.code)).not.toContain('revised');

    const written = await enter(55, 'final');
    expect(written).toMatchObject({ isSample: false, revisionCount: 1 });

    const after = await judged();
    expect(after.observations.find((o) => o.year === 2019)).toMatchObject({ value: 55, isSample: false, revisionCount: 1 });
    expect(after.result.flags.map((f) => f.code)).not.toContain('revised');
    // The revision history keeps the sample it replaced (nothing is overwritten).
    const history = (await get('/api/observations/history?region=141100&indicator=high_tech_firms&year=2019')).json() as {
      revisions: { isSample: boolean }[];
    };
    expect(history.revisions.map((h) => h.isSample)).toEqual([true, false]);

    expect(await workbook2019()).toEqual({ vintage: '最终核实', revisions: 0, sample: '否' });
    const text = await pdfText();
    // (The method appendix names the flag 数据修订 among the others; a flag raised reads "数据修订：…".)
    expect(text).not.toContain('数据修订：');
    expect(text).not.toContain('修订1次');
    expect(text).toContain('2019年吕梁市国民经济和社会发展统计公报');
  });

  it('is revised when the real figure itself is replaced: then the flag, the count and the words come', async () => {
    const written = await enter(57, 'revised');
    expect(written).toMatchObject({ isSample: false, revisionCount: 2 });
    const after = await judged();
    expect(after.observations.find((o) => o.year === 2019)).toMatchObject({ value: 57, revisionCount: 2 });
    expect(after.result.flags.find((f) => f.code === 'revised')?.years).toContain(2019);
    expect(await workbook2019()).toEqual({ vintage: '修订', revisions: 1, sample: '否' });
    const text = await pdfText();
    expect(text).toContain('数据修订：');
    expect(text).toContain('修订1次');
  });
});
