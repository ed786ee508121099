import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../server/src/db/setup.js';
import { buildReportModel, type ReportModel } from '../../server/src/reports/model.js';
import { createRepositories, type Repositories } from '../../server/src/repositories/index.js';
import { createProgressService } from '../../server/src/services/progress.js';
import enWeb from '../../web/src/i18n/en.json' with { type: 'json' };
import zhWeb from '../../web/src/i18n/zh-CN.json' with { type: 'json' };
import { useApp } from '../helpers/app.js';
import { tempDbPath } from '../helpers/db.js';

// The reports speak of a plan and its targets in the web's words and by the web's rules: a plan whose
// period ended reads 规划期已结束 (not 已失效, which would say it was repealed); a qualitative deliverable
// with nothing recorded reads 未录入 (not 不适用); and a latest year after the target year is never
// printed without saying why.

const { app } = useApp();
const PLAN = 'lvliang-2014-2020';

// The model on its own, on a second seeded file (the app does not expose its repositories).
let repos: Repositories;
let cleanup: () => void;
beforeAll(() => {
  const tmp = tempDbPath();
  cleanup = tmp.cleanup;
  repos = createRepositories(prepareDatabase(tmp.dbPath).db);
});
afterAll(() => {
  repos.db.close();
  cleanup();
});

function model(lang: 'zh' | 'en'): ReportModel {
  const plan = repos.plans.find(PLAN);
  if (!plan) throw new Error(`no plan ${PLAN}`);
  return buildReportModel({ repos, progress: createProgressService(repos) }, { plan, asOf: null, lang });
}

async function fetchReport(ext: string, lang: 'zh' | 'en', query = ''): Promise<Buffer> {
  const res = await app().inject({ method: 'GET', url: `/api/reports/plans/${PLAN}.${ext}?lang=${lang}${query}` });
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  return res.rawPayload;
}

function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jindu-wording-'));
  try {
    const file = path.join(dir, 'r.pdf');
    fs.writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function docxText(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await (zip.file('word/document.xml') as JSZip.JSZipObject).async('string');
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

const WORDS = {
  zh: { ended: zhWeb.planStatus.expired, unrecorded: zhWeb.format.progress.unrecorded, oldEnded: '已失效', oldNA: '不适用' },
  en: { ended: 'period ended', unrecorded: enWeb.format.progress.unrecorded, oldEnded: 'expired', oldNA: 'Not assessable' },
} as const;

describe("the reports' words for a plan whose period ended and a deliverable with nothing recorded", () => {
  it('are the web’s: the model says 规划期已结束 and 未录入, in both languages', () => {
    expect(zhWeb.planStatus.expired).toBe('规划期已结束');
    expect(enWeb.planStatus.expired.toLowerCase()).toBe(WORDS.en.ended);
    for (const lang of ['zh', 'en'] as const) {
      const m = model(lang);
      expect(m.plan.statusLabel).toBe(WORDS[lang].ended);
      // The web's rule (describeTargetStatus): a milestone without a value and with nothing recorded.
      const deliverables = m.targets.filter((t) => t.type === 'milestone' && t.value === null);
      expect(deliverables.length).toBeGreaterThan(0);
      const unrecorded = deliverables.filter((t) => t.status === 'not_assessable' && t.latest === null);
      expect(unrecorded.length).toBeGreaterThan(0);
      for (const t of unrecorded) {
        expect(t.statusLabel, t.key).toBe(WORDS[lang].unrecorded);
        expect(t.statusText, t.key).not.toContain(WORDS[lang].oldNA);
      }
      // Every not-assessable target of this plan is such a deliverable: the count carries the word too.
      const count = m.summary.counts.find((c) => c.status === 'not_assessable');
      expect(count).toMatchObject({ count: unrecorded.length, label: WORDS[lang].unrecorded });
    }
  });

  it('the PDF, the Word briefing, the workbook and the CSV print the new words and not the old', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const w = WORDS[lang];
      const squash = (s: string) => s.replace(/\s+/g, '');
      const pdf = pdfText(await fetchReport('pdf', lang));
      expect(pdf).toContain(squash(w.ended));
      expect(pdf).toContain(squash(w.unrecorded));
      expect(pdf).not.toContain(squash(w.oldEnded));
      const docx = await docxText(await fetchReport('docx', lang));
      expect(docx).toContain(w.unrecorded);
      expect(docx).not.toContain(w.oldEnded);
      if (lang === 'zh') {
        // The opening sentence counts them as such: "…暂无法判断 51 项（无数据 47 项、未录入 4 项）".
        expect(pdf).toContain('未录入4项');
        expect(docx).toContain('未录入 4 项');
        expect(pdf).not.toContain('不适用4项');
        expect(docx).not.toContain('不适用 4 项');
      }
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await fetchReport('xlsx', lang)) as unknown as ArrayBuffer);
      const cells = workbook.worksheets.flatMap((s) => {
        const out: string[] = [];
        s.eachRow((row) => {
          row.eachCell((c) => {
            out.push(String(c.value));
          });
        });
        return out;
      });
      expect(cells).toContain(w.unrecorded);
      expect(cells.some((c) => c.includes(w.oldEnded))).toBe(false);
      expect(cells).not.toContain(w.oldNA);
      const csv = parse((await fetchReport('csv', lang)).toString('utf8').replace(/^\uFEFF/, '')) as string[][];
      // The CSV holds the targets with figures only (a deliverable with nothing recorded has none).
      expect(csv.length).toBeGreaterThan(1);
      expect(csv.flat().some((c) => c.includes(w.oldEnded) || c === w.oldNA)).toBe(false);
    }
  });
});

describe('a latest year after the target year', () => {
  it('is never shown without the reason, in the web’s words, in both languages', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const m = model(lang);
      const late = m.targets.filter((t) => t.targetYear !== null && t.latest !== null && t.latest.year > t.targetYear);
      expect(late.length).toBeGreaterThan(0);
      for (const t of m.targets) {
        const isLate = late.includes(t);
        expect(t.judgedYearNote !== null, t.key).toBe(isLate);
        if (!isLate || t.targetYear === null) continue;
        const p = (lang === 'zh' ? zhWeb : enWeb).format.progress.judgedYear;
        const judged = t.judgedLatest?.year ?? null;
        const expected =
          judged === null ? p.none : judged === t.targetYear ? p.passed : p.other.replace('{{year}}', String(judged));
        expect(t.judgedYearNote).toBe(expected.replace('{{target}}', String(t.targetYear)));
      }
      // The workbook's summary prints it beside the latest year, for exactly those targets.
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await fetchReport('xlsx', lang)) as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const why = header.indexOf(lang === 'zh' ? '最新年份说明' : 'Why the latest year') + 1;
      expect(why).toBeGreaterThan(0);
      m.targets.forEach((t, i) => {
        expect(sheet.getRow(i + 2).getCell(why).value ?? null, t.key).toBe(t.judgedYearNote);
      });
      // The PDF's target pages say it where a detailed target's latest year is after its target year.
      const pdf = pdfText(await fetchReport('pdf', lang));
      for (const t of late.filter((x) => x.detailed)) {
        const shownWithJudgedOn = t.judgedLatest !== null && t.judgedLatest.year !== t.latest?.year;
        if (!shownWithJudgedOn) expect(pdf, t.key).toContain((t.judgedYearNote as string).replace(/\s+/g, ''));
      }
    }
  });
});
