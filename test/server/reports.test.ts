import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { type Db, openDatabase } from '../../server/src/db/connection.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { tempDbPath } from '../helpers/db.js';

// The reports on the real seeded database, read back the way a reader would: the PDF through
// poppler's pdftotext / pdffonts / pdfinfo / pdftoppm, the workbook through exceljs, the CSV as bytes.
// Every number exported is compared with the API's.

const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts', 'reports');
const COMMENT = '2020年受疫情影响,部分企业推迟申报高新技术企业认定。';
const COMMENT_AUTHOR = '吕梁统计员';

/** The status labels as the issue names them (not imported: the test checks the words themselves). */
const LABELS: Record<string, { zh: string; en: string }> = {
  achieved: { zh: '已达成', en: 'Achieved' },
  met_late: { zh: '逾期达成', en: 'Met late' },
  on_track: { zh: '按进度', en: 'On track' },
  accelerate: { zh: '需加快', en: 'Needs to accelerate' },
  limited: { zh: '进展有限', en: 'Limited progress' },
  moving_away: { zh: '倒退', en: 'Moving away' },
  missed: { zh: '未达成', en: 'Missed' },
  insufficient_data: { zh: '数据不足', en: 'Insufficient data' },
  no_data: { zh: '无数据', en: 'No data' },
  not_assessable: { zh: '不适用', en: 'Not assessable' },
};

/**
 * A target's status label: a qualitative deliverable (a milestone without a value) with nothing
 * recorded reads 未录入 / "Not recorded", as on the web.
 */
const labelOf = (
  t: { type: string; value: number | null; detailed: boolean; result: { status: string } },
  lang: 'zh' | 'en',
): string =>
  t.result.status === 'not_assessable' && t.type === 'milestone' && t.value === null && !t.detailed
    ? { zh: '未录入', en: 'Not recorded' }[lang]
    : (LABELS[t.result.status]?.[lang] as string);

/** The status as a table cell prints it: a verdict resting on sample figures says so. */
const statusCell = (r: { status: string; basis?: string | null }, label = LABELS[r.status]?.zh) =>
  `${label}${r.basis === 'sample' ? '（依据示例数据）' : ''}`;

const PLANS = [
  { slug: 'lvliang-2014-2020', docNumber: '吕政发〔2014〕22号' },
  { slug: 'panjin-2019-2021', docNumber: '盘政办发〔2019〕29号' },
] as const;
const LANGS = ['zh', 'en'] as const;

interface ApiTarget {
  id: number;
  key: string;
  position?: number;
  clause: string;
  region: { code: string };
  indicator: { code: string; nameZh: string; nameEn: string; unit: string };
  type: string;
  value: number | null;
}
interface ApiObservation {
  year: number;
  value: number | null;
  vintage: string;
  isSample: boolean;
  sourceTitle: string;
  sourceUrl: string | null;
}
interface ApiResult {
  status: string;
  basis: 'published' | 'sample' | null;
  sampleFigures: { year: number }[];
  score: number | null;
  requiredAnnualPace: { value: number } | null;
  requiredPath: { year: number; value: number }[];
  projection: { year: number; value: number }[];
}

let app: App;
let db: Db;
let cleanup: () => void;

beforeAll(async () => {
  const tmp = tempDbPath();
  cleanup = tmp.cleanup;
  app = await buildApp({ dbPath: tmp.dbPath, serveWeb: false, publicRead: true });
  db = openDatabase(tmp.dbPath);
  const repos = createRepositories(db);
  const authorId = repos.users.create(
    {
      name: 'lv-reports',
      displayName: COMMENT_AUTHOR,
      role: 'statistician',
      regions: ['141100'],
      passwordHash: await hashPassword('a reports password'),
    },
    new Date().toISOString(),
  );
  const highTech = repos.plans.targets(1).find((t) => t.key === 'high-tech-firms-2020');
  if (!highTech) throw new Error('seed changed: no high-tech-firms-2020 target');
  repos.comments.add({
    targetId: highTech.id,
    year: 2020,
    body: COMMENT,
    authorId,
    createdAt: '2021-03-15T08:00:00.000Z',
    replacesId: null,
  });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  db.close();
  await app.close();
  cleanup();
});

const getJson = async <T>(url: string): Promise<T> => {
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
  return res.json() as T;
};

/** What a plan's report must contain, read from the API (not from the report code). */
async function expectations(slug: string, asOf: number | null) {
  const plan = await getJson<{ titleZh: string; titleEn: string; targets: ApiTarget[] }>(`/api/plans/${slug}`);
  const progress = await getJson<{ targets: { targetId: number; result: ApiResult }[] }>(
    `/api/plans/${slug}/progress${asOf === null ? '' : `?asOf=${asOf}`}`,
  );
  const targets = [];
  for (const t of plan.targets) {
    const observations = (
      await getJson<{ observations: ApiObservation[] }>(`/api/observations?region=${t.region.code}&indicator=${t.indicator.code}`)
    ).observations.filter((o) => asOf === null || o.year <= asOf);
    const judged = progress.targets.find((x) => x.targetId === t.id);
    if (!judged) throw new Error(`target ${t.id} not judged`);
    targets.push({ ...t, observations, result: judged.result, detailed: observations.some((o) => o.value !== null) });
  }
  return { plan, targets };
}

/**
 * A clause as the report quotes it: a private-use character between digits (the source's lost
 * decimal point) drawn as a visible [.], never as a font's empty box.
 */
const quoted = (clause: string) => clause.replace(/(?<=\d)[\uE000-\uF8FF](?=\d)/g, '[.]');

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
/** Line breaks and spaces vary with wrapping; the words must not. Quotes as the English report prints them. */
const squash = (s: string) => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, '');

describe('PDF progress report', () => {
  it('has the poppler tools it needs (the test fails, not skips, without them)', () => {
    for (const tool of ['pdftotext', 'pdffonts', 'pdfinfo', 'pdftoppm']) {
      expect(() => run(tool, ['-v']), `${tool} must be installed (poppler-utils)`).not.toThrow();
    }
  });

  for (const { slug, docNumber } of PLANS) {
    for (const lang of LANGS) {
      it(`${slug} in ${lang}: title, document number, every target with its status, sources, fonts, pages`, async () => {
        const started = performance.now();
        const res = await app.inject({ method: 'GET', url: `/api/reports/plans/${slug}.pdf?lang=${lang}` });
        const ms = performance.now() - started;
        expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
        expect(res.headers['content-type']).toBe('application/pdf');
        expect(res.headers['content-disposition']).toContain(`${slug}-progress-${lang}.pdf`);
        const file = path.join(ARTIFACTS, `${slug}-${lang}.pdf`);
        fs.writeFileSync(file, res.rawPayload);
        expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

        const { plan, targets } = await expectations(slug, null);
        const raw = run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']);
        const pages = raw.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim() !== '');
        const text = squash(raw);

        expect(text).toContain(squash(lang === 'zh' ? plan.titleZh : plan.titleEn));
        expect(text).toContain(squash(plan.titleZh)); // the source title, in English too (on the cover)
        expect(text).toContain(docNumber);

        // Every target: its indicator name in the report language and its status label.
        const name = (t: ApiTarget) => (lang === 'zh' ? t.indicator.nameZh : t.indicator.nameEn);
        const detailed = targets.filter((t) => t.detailed);
        const compact = targets.filter((t) => !t.detailed);
        expect(detailed.length).toBeGreaterThan(0);
        detailed.forEach((t, i) => {
          // A page of its own, headed "i of n", with its name, its status and its verbatim clause.
          const marker = lang === 'zh' ? `二、分项目标·${i + 1}/${detailed.length}` : `2.Targets·${i + 1}of${detailed.length}`;
          const page = pages.find((p) => squash(p).includes(marker));
          expect(page, `${t.key}: no page marked ${marker}`).toBeDefined();
          const flat = squash(page as string);
          expect(flat).toContain(squash(name(t)));
          expect(flat).toContain(squash(LABELS[t.result.status]?.[lang] as string));
          expect(flat).toContain(squash(quoted(t.clause)));
          // Sample figures on the page: the page says so.
          const sampleBand = lang === 'zh' ? '示例数据·本页含示例数据' : 'Sampledata·thispageshowsillustrativefigures';
          if (t.observations.some((o) => o.isSample && o.value !== null)) expect(flat).toContain(sampleBand);
          // A verdict resting on sample figures says so beside its chip and in its sentence.
          if (t.result.basis === 'sample') {
            expect(flat).toContain(lang === 'zh' ? '依据示例数据' : 'onsamplefigures');
            expect(flat).toContain(lang === 'zh' ? '判断依据含示例数据' : 'Thisverdictrestsonsamplefigures');
          }
        });
        // The compact table: each row holds the name, the clause and the status label together.
        let cursor = text.indexOf(squash(lang === 'zh' ? '三、暂无数据或暂无法评估的目标' : '3. Targets without figures'));
        expect(cursor).toBeGreaterThan(0);
        for (const t of compact) {
          const at = text.indexOf(squash(name(t)), cursor + 1);
          expect(at, `${t.key}: indicator name missing from the compact table`).toBeGreaterThan(cursor);
          const row = text.slice(at, at + squash(name(t)).length + squash(t.clause).length + 160);
          expect(row, `${t.key}: status label not in its row`).toContain(squash(labelOf(t, lang)));
          cursor = at;
        }

        // The appendix of sources, with every real source address of the figures shown.
        expect(text).toContain(squash(lang === 'zh' ? '附录一 数据来源与版本' : 'Appendix A. Sources and vintages'));
        expect(text).toContain(squash(lang === 'zh' ? '附录二 评估方法说明' : 'Appendix B. Method'));
        // The method: by its file in English, by its title in Chinese (no file names in a Chinese report).
        if (lang === 'en') expect(text).toContain('docs/progress-method.md');
        else expect(text).toContain(squash('《Jindu 如何应用进展评估方法》'));
        const urls = new Set(
          detailed.flatMap((t) => t.observations.flatMap((o) => (o.sourceUrl && o.value !== null ? [o.sourceUrl] : []))),
        );
        for (const url of urls) expect(text, url).toContain(url);
        if (slug === 'lvliang-2014-2020') {
          expect(urls).toContain('http://www.sxyh.gov.cn/ggsj/tjgb/202211/t20221125_84396.html');
          // The damaged "25%" is shown with its plausible reading.
          expect(text).toContain(
            squash(lang === 'zh' ? '原文印作 25%，合理读法为 2.5%' : 'the source prints 25%; the plausible reading is 2.5%'),
          );
          // Commentary with author and date.
          expect(text).toContain(squash(COMMENT));
          expect(text).toContain(squash(COMMENT_AUTHOR));
          expect(text).toContain('2021-03-15');
        }
        // Every page with a sample figure carries the band; the method page, without figures, does not.
        const band = squash(lang === 'zh' ? '本页含示例数据' : 'this page shows illustrative figures');
        const sampleSource = squash('示例数据 (sample, not published)');
        for (const p of pages) if (squash(p).includes(sampleSource)) expect(squash(p)).toContain(band);
        const last = pages.at(-1) as string;
        if (!squash(last).includes(sampleSource)) expect(squash(last)).not.toContain(band);

        // Page numbers on every page, "第 n 页 / 共 N 页" or "Page n of N".
        const count = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))?.[1]);
        expect(pages).toHaveLength(count);
        pages.forEach((p, i) => {
          expect(squash(p)).toContain(lang === 'zh' ? `第${i + 1}页/共${count}页` : `Page${i + 1}of${count}`);
        });
        // The pages the content needs: cover, summary, a page per target with figures, the compact
        // table at a dozen or more rows a page, the appendix at twenty or more figures a page, and
        // the method. Never a page per empty target.
        const figures = new Set(
          detailed.flatMap((t) =>
            t.observations.filter((o) => o.value !== null).map((o) => `${t.region.code}${t.indicator.code}${o.year}`),
          ),
        ).size;
        const least = 2 + detailed.length + (compact.length > 0 ? 1 : 0) + 1;
        const most = 2 + detailed.length + Math.ceil(compact.length / 12) + Math.ceil(figures / 20) + 1;
        expect(count).toBeGreaterThanOrEqual(least);
        expect(count).toBeLessThanOrEqual(most);
        expect(count).toBeLessThan(2 + targets.length);

        // Fonts: Noto Sans SC, regular and bold, embedded as subsets; nothing else, nothing external.
        const fonts = run('pdffonts', [file])
          .split('\n')
          .slice(2)
          .filter((l) => l.trim() !== '');
        expect(fonts.some((l) => /^[A-Z]{6}\+NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/.test(l))).toBe(
          true,
        );
        expect(fonts.some((l) => /^[A-Z]{6}\+NotoSansSC-Bold\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/.test(l))).toBe(true);
        for (const l of fonts) expect(l, 'every font embedded').toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$/);

        // The first two pages as pictures, kept as artifacts for a person to look at.
        const prefix = path.join(ARTIFACTS, `${slug}-${lang}`);
        run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', file, prefix]);
        const pngs = fs.readdirSync(ARTIFACTS).filter((f) => f.startsWith(`${slug}-${lang}-`) && f.endsWith('.png'));
        expect(pngs).toHaveLength(2);
        for (const png of pngs) expect(fs.statSync(path.join(ARTIFACTS, png)).size).toBeGreaterThan(5000);

        console.info(
          `[reports] ${slug}.pdf (${lang}): ${count} pages, ${(res.rawPayload.length / 1024).toFixed(0)} KiB, made in ${ms.toFixed(0)} ms`,
        );
      });
    }
  }

  it('reports a plan as of an earlier year, by id or slug', async () => {
    const file = path.join(ARTIFACTS, 'lvliang-2014-2020-2017-zh.pdf');
    const res = await app.inject({ method: 'GET', url: '/api/reports/plans/1.pdf?asOf=2017' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('lvliang-2014-2020-progress-2017-zh.pdf');
    fs.writeFileSync(file, res.rawPayload);
    const text = squash(run('pdftotext', ['-raw', file, '-']));
    expect(text).toContain('数据截至2017年');
    // The 2021 bulletin is later than the as-of year: not used, not cited.
    expect(text).not.toContain('t20221125_84396');
    // Commentary about a later year is not part of a report as of 2017.
    expect(text).not.toContain(squash(COMMENT));
  });

  it('makes every seeded plan in both languages, also one with no target or no figure', async () => {
    const plans = await getJson<{ slug: string; targetCount: number }[]>('/api/plans');
    expect(plans.length).toBeGreaterThanOrEqual(5);
    for (const plan of plans)
      for (const lang of LANGS) {
        const file = path.join(ARTIFACTS, `all-${plan.slug}-${lang}.pdf`);
        const res = await app.inject({ method: 'GET', url: `/api/reports/plans/${plan.slug}.pdf?lang=${lang}` });
        expect(res.statusCode, `${plan.slug} ${lang}`).toBe(200);
        fs.writeFileSync(file, res.rawPayload);
        const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))?.[1]);
        // Cover, summary, appendix at least; never a page per target without figures.
        expect(pages).toBeGreaterThanOrEqual(3);
        expect(pages).toBeLessThan(plan.targetCount + 4);
        for (const ext of ['xlsx', 'csv'])
          expect(
            (await app.inject({ method: 'GET', url: `/api/reports/plans/${plan.slug}.${ext}?lang=${lang}` })).statusCode,
          ).toBe(200);
      }
  });

  it('answers 404 for an unknown plan and 400 for a bad language, year or field', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/reports/plans/nope.pdf' })).statusCode).toBe(404);
    const bad = await app.inject({ method: 'GET', url: '/api/reports/plans/lvliang-2014-2020.pdf?lang=fr' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('lang');
    expect((await app.inject({ method: 'GET', url: '/api/reports/plans/lvliang-2014-2020.pdf?asOf=1800' })).statusCode).toBe(400);
    expect(
      (await app.inject({ method: 'GET', url: '/api/reports/plans/lvliang-2014-2020.xlsx?encoding=gb18030' })).statusCode,
    ).toBe(400);
    expect(
      (await app.inject({ method: 'GET', url: '/api/reports/plans/lvliang-2014-2020.csv?encoding=latin1' })).statusCode,
    ).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/reports/plans/Lv_Liang.pdf' })).statusCode).toBe(400);
  });
});

/** The PDF's pages as text (pdftotext -raw), written to the artifacts under `name`. */
async function pdfPages(url: string, name: string): Promise<{ file: string; pages: string[] }> {
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  const file = path.join(ARTIFACTS, name);
  fs.writeFileSync(file, res.rawPayload);
  const pages = run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'])
    .split('\f')
    .filter((p, i, all) => i < all.length - 1 || p.trim() !== '');
  return { file, pages };
}

/** The words of one page with their boxes, in points (pdftotext -bbox). */
function pageWords(file: string, page: number): { text: string; xMin: number; yMin: number; xMax: number }[] {
  const html = run('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-']);
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    text: m[4] as string,
  }));
}

describe('the PDF a vice-mayor reads', () => {
  const LV = '/api/reports/plans/lvliang-2014-2020';

  it('quotes the Lüliang R&D clause legibly: a [.] where the source lost the decimal point, its reading in words, never an empty box', async () => {
    for (const lang of LANGS) {
      const { pages } = await pdfPages(`${LV}.pdf?lang=${lang}`, `leader-lvliang-${lang}.pdf`);
      const text = pages.join('\f');
      // No private-use character reaches the page (a font draws it as an empty box), nor a box of ours.
      expect(text).not.toMatch(/[\uE000-\uF8FF□]/);
      const page = pages.find((p) => squash(p).includes(squash('研究与试验发展(R&D)经费占地区生产总值(GDP)的比重到2020年达到')));
      expect(page, 'the R&D intensity page').toBeDefined();
      const flat = squash(page as string);
      expect(flat).toContain(squash('研究与试验发展(R&D)经费占地区生产总值(GDP)的比重到2020年达到2[.]5%以上'));
      expect(flat).toContain(
        squash(
          lang === 'zh' ? '[.] 原文此处小数点缺失，读作 2.5。' : '[.] The source lost the decimal point here; it is read as 2.5.',
        ),
      );
      // The note says it in words, not as a code point.
      expect(text).not.toMatch(/U\+E0|E010/);
    }
  });

  it('keeps the scores, progress A, outlook P and the mean score to the method appendix', async () => {
    for (const lang of LANGS) {
      const { pages } = await pdfPages(`${LV}.pdf?lang=${lang}&asOf=2019`, `leader-lvliang-2019-${lang}.pdf`);
      const appendixAt = pages.findIndex((p) =>
        squash(p).includes(squash(lang === 'zh' ? '附录二 评估方法说明' : 'Appendix B. Method')),
      );
      expect(appendixAt).toBeGreaterThan(1);
      const words = lang === 'zh' ? ['得分', '进度A', '展望P'] : ['Score', 'ProgressA', 'OutlookP', 'meanscore'];
      pages.slice(0, appendixAt).forEach((p, i) => {
        for (const w of words) expect(squash(p), `page ${i + 1}: ${w}`).not.toContain(w);
      });
      // The appendix has them: a row per judged target, and the mean.
      const appendix = squash(pages.slice(appendixAt).join(''));
      expect(appendix).toContain(
        squash(lang === 'zh' ? '各目标得分与进度指标' : 'Scores and progress measures of the judged targets'),
      );
      expect(appendix).toContain(
        squash(lang === 'zh' ? '序号指标状态得分进度 A展望 P' : '# Indicator Status Score Progress A Outlook P'),
      );
      expect(appendix).toMatch(lang === 'zh' ? /已评估目标8项，平均得分/ : /8targetsjudged;theirmeanscoreis/);
    }
  });

  it("opens the summary with the generated briefing, whose numbers are the API's counts", async () => {
    const plan = await getJson<{ targets: unknown[] }>('/api/plans/lvliang-2014-2020');
    const progress = await getJson<{ targets: { result: { status: string } }[] }>('/api/plans/lvliang-2014-2020/progress');
    const n = (list: string[]) => progress.targets.filter((t) => list.includes(t.result.status)).length;
    const { pages } = await pdfPages(`${LV}.pdf?lang=zh`, 'leader-lvliang-zh.pdf');
    const summary = squash(pages[1] as string);
    const opening = summary.slice(summary.indexOf('一、总体情况') + '一、总体情况'.length);
    expect(
      opening.startsWith(
        `截至2021年，本计划共${plan.targets.length}项目标：已实现${n(['achieved', 'met_late'])}项，进度正常${n(['on_track'])}项，落后于进度或未实现${n(['accelerate', 'limited', 'moving_away', 'missed'])}项`,
      ),
      opening.slice(0, 120),
    ).toBe(true);
    expect(opening).toContain(`暂无法判断${n(['insufficient_data', 'no_data', 'not_assessable'])}项`);
    expect(opening).toMatch(/最需关注的3项：一是.+；二是.+；三是.+。/);
    // Then the counts by status, as before.
    expect(opening.indexOf('最需关注的')).toBeLessThan(opening.indexOf('目标状态分布'));
  });

  it('in English, keeps every status chip inside its column: clear of the pace needed, and of the page edge', async () => {
    // As of 2019 the Lüliang targets behind include "Needs to accelerate" and "Limited progress".
    const { file, pages } = await pdfPages(`${LV}.pdf?lang=en&asOf=2019`, 'leader-lvliang-2019-en-chips.pdf');
    const labels = new Set([
      'Needs',
      'to',
      'accelerate',
      'Limited',
      'progress',
      'Moving',
      'away',
      'Missed',
      'On',
      'track',
      'Achieved',
    ]);
    const right = 595.28 - 52;
    let checked = 0;
    // The summary's pages: before the first target page.
    const firstTarget = pages.findIndex((p) => squash(p).includes('2.Targets·1of'));
    expect(firstTarget).toBeGreaterThan(1);
    pages.slice(1, firstTarget).forEach((_, k) => {
      const i = k + 1;
      const words = pageWords(file, i + 1);
      for (const w of words) expect(w.xMax, `page ${i + 1}: "${w.text}" past the margin`).toBeLessThanOrEqual(right + 0.5);
      // The header row of the table of targets behind: "Status" and "Pace needed" on one line.
      const pace = words.find((w, n) => w.text === 'Pace' && words[n + 1]?.text === 'needed');
      const status = pace && words.find((w) => w.text === 'Status' && Math.abs(w.yMin - pace.yMin) < 2);
      if (!pace || !status) return;
      const guide = words.find((w) => w.text === 'Reading' && words[words.indexOf(w) + 2]?.text === 'status');
      const inColumn = words.filter(
        (w) => w.yMin > pace.yMin + 2 && (!guide || w.yMin < guide.yMin) && w.xMin >= status.xMin - 1 && w.xMin < pace.xMin,
      );
      for (const w of inColumn.filter((x) => labels.has(x.text))) {
        expect(w.xMax, `page ${i + 1}: "${w.text}" runs into the pace column`).toBeLessThanOrEqual(pace.xMin - 2);
        checked++;
      }
    });
    expect(checked).toBeGreaterThanOrEqual(5);
  });
});

const VINTAGE_ZH: Record<string, string> = { preliminary: '初步核算', final: '最终核实', revised: '修订' };
const close = (a: unknown, b: number | null | undefined) => {
  if (b === null || b === undefined) expect(a === null || a === undefined || a === '').toBe(true);
  else expect(a).toBe(b);
};

describe('Excel workbook', () => {
  for (const { slug } of PLANS) {
    for (const asOf of [null, 2017, 2020] as const) {
      it(`${slug}${asOf ? ` as of ${asOf}` : ''}: a summary row per target and a sheet per target with figures, numbers equal to the API's`, async () => {
        const res = await app.inject({ method: 'GET', url: `/api/reports/plans/${slug}.xlsx${asOf ? `?asOf=${asOf}` : ''}` });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        fs.writeFileSync(path.join(ARTIFACTS, `${slug}${asOf ? `-${asOf}` : ''}.xlsx`), res.rawPayload);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
        const { targets } = await expectations(slug, asOf);

        // Sheet names Excel accepts.
        const names = workbook.worksheets.map((w) => w.name);
        expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
        for (const n of names) {
          expect([...n].length).toBeLessThanOrEqual(31);
          expect(n).not.toMatch(/[[\]:*?/\\]/);
        }
        for (const sheet of workbook.worksheets) {
          expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen', ySplit: 1 });
          for (let c = 1; c <= sheet.columnCount; c++)
            expect(sheet.getColumn(c).width, `${sheet.name} col ${c}`).toBeGreaterThan(0);
        }

        // The summary: one row per target, in plan order.
        const summary = workbook.worksheets[0] as ExcelJS.Worksheet;
        expect(summary.name).toBe('汇总');
        const header = (summary.getRow(1).values as unknown[]).slice(1);
        const col = (name: string) => header.indexOf(name) + 1;
        expect(summary.rowCount).toBe(targets.length + 1);
        targets.forEach((t, i) => {
          const row = summary.getRow(i + 2);
          expect(row.getCell(col('目标键')).value).toBe(t.key);
          expect(row.getCell(col('指标')).value).toBe(t.indicator.nameZh);
          expect(row.getCell(col('原文条款')).value).toBe(t.clause);
          expect(row.getCell(col('状态')).value).toBe(statusCell(t.result, labelOf(t, 'zh')));
          // What the verdict rests on, with the years of the sample figures it used.
          const basis = row.getCell(col('判断依据')).value;
          if (t.result.basis === 'sample') expect(String(basis)).toMatch(/^示例数据（\d{4}.*年）$/);
          else if (t.result.basis === 'published') expect(basis).toBe('公布数据');
          close(row.getCell(col('得分（−5至5）')).value, t.result.score);
          close(row.getCell(col('所需年均速度')).value, t.result.requiredAnnualPace?.value);
          const latest = [...t.observations].reverse().find((o) => o.value !== null);
          close(row.getCell(col('最新值')).value, latest?.value);
          close(row.getCell(col('最新年份')).value, latest?.year);
          if (latest) expect(row.getCell(col('数据版本')).value).toBe(VINTAGE_ZH[latest.vintage]);
        });

        // A sheet per target with figures, in plan order, each compared with /api/targets/:id/progress.
        const detailed = targets.filter((t) => t.detailed);
        const sheets = workbook.worksheets.slice(1, 1 + detailed.length);
        expect(workbook.worksheets).toHaveLength(detailed.length + 3); // + sources + about
        for (const [k, t] of detailed.entries()) {
          const sheet = sheets[k] as ExcelJS.Worksheet;
          expect(sheet.name.startsWith(`${k + 1} `)).toBe(true);
          const api = await getJson<{ result: ApiResult; observations: ApiObservation[] }>(
            `/api/targets/${t.id}/progress${asOf ? `?asOf=${asOf}` : ''}`,
          );
          const h = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
          const unit = t.indicator.unit;
          expect(h).toEqual(
            expect.arrayContaining([
              '年份',
              `观测值（${unit}）`,
              '数据版本',
              '示例数据',
              '来源',
              `要求路径（${unit}）`,
              `预测值（${unit}）`,
              '状态',
            ]),
          );
          const at = (name: string) => h.indexOf(name) + 1;
          const observed = new Map(api.observations.filter((o) => asOf === null || o.year <= asOf).map((o) => [o.year, o]));
          const required = new Map(api.result.requiredPath.map((p) => [p.year, p.value]));
          const projected = new Map(api.result.projection.map((p) => [p.year, p.value]));
          const years = new Set([...observed.keys(), ...required.keys(), ...projected.keys()]);
          const rows = sheet.getRows(2, sheet.rowCount - 1) ?? [];
          const sheetYears = rows.map((r) => r.getCell(1).value as number);
          for (const y of years) expect(sheetYears, `${t.key} ${y}`).toContain(y);
          let numbers = 0;
          for (const r of rows) {
            const year = r.getCell(1).value as number;
            const o = observed.get(year);
            close(r.getCell(at(`观测值（${unit}）`)).value, o?.value);
            close(r.getCell(at(`要求路径（${unit}）`)).value, required.get(year));
            close(r.getCell(at(`预测值（${unit}）`)).value, projected.get(year));
            if (o) {
              expect(r.getCell(at('数据版本')).value).toBe(VINTAGE_ZH[o.vintage]);
              expect(r.getCell(at('示例数据')).value).toBe(o.isSample ? '是' : '否');
              // The seed's sample rows are named in the report's language, not by their bilingual stored title.
              expect(r.getCell(at('来源')).value).toBe(
                o.isSample && o.sourceTitle === '示例数据 (sample, not published)'
                  ? '示例数据（演示用，并非公开发布）'
                  : o.sourceTitle,
              );
            }
            expect(r.getCell(at('状态')).value).toBe(statusCell(api.result));
            for (const c of [at(`观测值（${unit}）`), at(`要求路径（${unit}）`), at(`预测值（${unit}）`)]) {
              const v = r.getCell(c).value;
              if (v !== null && v !== undefined) {
                expect(typeof v).toBe('number');
                numbers++;
              }
            }
          }
          expect(numbers).toBeGreaterThan(0);
        }
      });
    }
  }

  it('shows counts as whole numbers (12, not 12.00) and shares to their published decimals, the numbers unrounded', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/reports/plans/lvliang-2014-2020.xlsx?lang=zh' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const summary = workbook.getWorksheet('汇总') as ExcelJS.Worksheet;
    const header = (summary.getRow(1).values as unknown[]).map(String);
    const col = (name: string) => header.indexOf(name);
    const rowOf = (key: string) => {
      for (let n = 2; n <= summary.rowCount; n++)
        if (summary.getRow(n).getCell(col('目标键')).value === key) return summary.getRow(n);
      throw new Error(`no summary row for ${key}`);
    };
    const firms = rowOf('high-tech-firms-2020');
    expect(firms.getCell(col('最新值')).value).toBe(84);
    expect(firms.getCell(col('最新值')).numFmt).toBe('#,##0');
    expect(firms.getCell(col('目标值')).numFmt).toBe('#,##0');
    const rd = rowOf('rd-intensity-2020');
    expect(rd.getCell(col('最新值')).value).toBe(0.74);
    expect(rd.getCell(col('最新值')).numFmt).toBe('#,##0.00');
    expect(rd.getCell(col('目标值')).numFmt).toBe('#,##0.0'); // 2.5
    // A target's own sheet: the high-tech firms counted whole, the required path kept unrounded beneath.
    const sheet = workbook.worksheets.find((w) => w.name.endsWith('高新技术企业数(年末)')) as ExcelJS.Worksheet;
    const h = (sheet.getRow(1).values as unknown[]).map(String);
    const observed = h.indexOf('观测值（家）');
    const required = h.indexOf('要求路径（家）');
    expect(sheet.getColumn(observed).numFmt).toBe('#,##0');
    expect(sheet.getColumn(required).numFmt).toBe('#,##0');
    const y2014 = (sheet.getRows(2, sheet.rowCount - 1) ?? []).find((r) => r.getCell(1).value === 2014);
    expect(y2014?.getCell(required).value).not.toBe(Math.round(y2014?.getCell(required).value as number));
    const rdSheet = workbook.worksheets.find((w) => w.name.startsWith('1 ')) as ExcelJS.Worksheet;
    expect(rdSheet.getColumn((rdSheet.getRow(1).values as unknown[]).map(String).indexOf('观测值（%）')).numFmt).toBe('#,##0.00');
  });

  it('writes English headers with units when asked', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/reports/plans/panjin-2019-2021.xlsx?lang=en' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.name).toBe('Summary');
    const rd = workbook.worksheets[1] as ExcelJS.Worksheet;
    expect((rd.getRow(1).values as unknown[]).slice(1)).toEqual(
      expect.arrayContaining(['Year', 'Observed (%)', 'Required path (%)', 'Projection (%)', 'Sample data']),
    );
  });

  it('writes text that starts with = + - @ with an apostrophe in front, as the CSV does, and numbers as numbers', async () => {
    const tmp = tempDbPath();
    const other = await buildApp({ dbPath: tmp.dbPath, serveWeb: false, publicRead: true });
    const odb = openDatabase(tmp.dbPath);
    const repos = createRepositories(odb);
    // A plan title, a clause and a source title that a spreadsheet would run as formulas.
    const { id: planId } = odb.prepare("SELECT id FROM plans WHERE slug = 'panjin-2019-2021'").get() as { id: number };
    odb.prepare('UPDATE plans SET title_zh = ? WHERE id = ?').run('=1+1', planId);
    const target = repos.plans.targets(planId).find((t) => t.indicatorCode === 'high_tech_firms');
    if (!target) throw new Error('seed changed: Panjin has no high-tech firms target');
    odb.prepare('UPDATE targets SET clause = ? WHERE id = ?').run('@SUM(A1:A9)', target.id);
    const { name_zh: indicatorName } = odb.prepare("SELECT name_zh FROM indicators WHERE code = 'high_tech_firms'").get() as {
      name_zh: string;
    };
    repos.observations.append({
      regionCode: '211100',
      indicatorCode: 'high_tech_firms',
      year: 2021,
      value: 152,
      vintage: 'revised',
      isSample: true,
      sourceTitle: '=HYPERLINK("http://example.invalid","click")',
      sourceUrl: null,
      quote: null,
      note: null,
      enteredBy: 'test',
      enteredAt: new Date().toISOString(),
      origin: 'api',
    });
    odb.close();
    const res = await other.inject({ method: 'GET', url: '/api/reports/plans/panjin-2019-2021.xlsx' });
    await other.close();
    tmp.cleanup();
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = (name: string) =>
      workbook.worksheets.find((w) => w.name === name || w.name.endsWith(name)) as ExcelJS.Worksheet;
    const headerOf = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1);
    const rowsOf = (ws: ExcelJS.Worksheet) => ws.getRows(2, ws.rowCount - 1) ?? [];

    const about = rowsOf(sheet('说明')).find((r) => r.getCell(1).value === '计划');
    expect(about?.getCell(2).value).toBe("'=1+1");

    const summary = sheet('汇总');
    const s = (name: string) => headerOf(summary).indexOf(name) + 1;
    const targetRow = rowsOf(summary).find((r) => r.getCell(s('目标键')).value === target.key);
    expect(targetRow?.getCell(s('原文条款')).value).toBe("'@SUM(A1:A9)");
    expect(targetRow?.getCell(s('序号')).value).toBe(target.position + 1);
    expect(targetRow?.getCell(s('目标年')).value).toBe(target.targetYear);
    expect(targetRow?.getCell(s('最新值')).value).toBe(152);

    const sources = sheet('数据来源');
    const c = (name: string) => headerOf(sources).indexOf(name) + 1;
    const figure = rowsOf(sources).find(
      (r) => r.getCell(c('指标代码')).value === 'high_tech_firms' && r.getCell(c('年份')).value === 2021,
    );
    expect(figure?.getCell(c('来源')).value).toBe('\'=HYPERLINK("http://example.invalid","click")');
    expect(figure?.getCell(c('数值')).value).toBe(152);

    const perTarget = sheet(indicatorName);
    const t = (name: string) => headerOf(perTarget).indexOf(name) + 1;
    const year = rowsOf(perTarget).find((r) => r.getCell(t('年份')).value === 2021);
    expect(year?.getCell(t('来源')).value).toBe('\'=HYPERLINK("http://example.invalid","click")');
    expect(year?.getCell(2).value).toBe(152);

    // Nowhere a formula, nor text that starts like one; numbers, negative ones too, are numbers.
    let numbers = 0;
    for (const ws of workbook.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') expect(cell.value, `${ws.name}!${cell.address}`).not.toMatch(/^[=+\-@\t\r]/);
          if (typeof cell.value === 'number') numbers++;
        }),
      );
    expect(numbers).toBeGreaterThan(20);
  });
});

describe('CSV export', () => {
  const rowsOf = (text: string) => parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];

  for (const { slug } of PLANS) {
    it(`${slug}: UTF-8 with BOM, the same figures as the API in long form; GB18030 decodes to the same text`, async () => {
      const utf8 = await app.inject({ method: 'GET', url: `/api/reports/plans/${slug}.csv?asOf=2020` });
      expect(utf8.statusCode).toBe(200);
      expect(utf8.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect([...utf8.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = utf8.rawPayload.subarray(3).toString('utf8');
      fs.writeFileSync(path.join(ARTIFACTS, `${slug}-2020.csv`), utf8.rawPayload);

      const gb = await app.inject({ method: 'GET', url: `/api/reports/plans/${slug}.csv?asOf=2020&encoding=gb18030` });
      expect(gb.statusCode).toBe(200);
      expect(gb.headers['content-type']).toBe('text/csv; charset=gb18030');
      expect(gb.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
      expect(iconv.decode(gb.rawPayload, 'gb18030')).toBe(text);
      expect(gb.rawPayload.toString('utf8')).not.toBe(text); // really GB18030, not UTF-8 relabelled

      const rows = rowsOf(text);
      const { targets } = await expectations(slug, 2020);
      const detailed = targets.filter((t) => t.detailed);
      expect([...new Set(rows.map((r) => r.目标键))]).toEqual(detailed.map((t) => t.key));
      for (const t of detailed) {
        const api = await getJson<{ result: ApiResult; observations: ApiObservation[] }>(
          `/api/targets/${t.id}/progress?asOf=2020`,
        );
        const mine = rows.filter((r) => r.目标键 === t.key);
        const num = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));
        // Derived numbers are written to the decimals the target's figures are published with.
        const decimalsOf = (x: number) => (String(x).split('.')[1] ?? '').length;
        const published = api.observations.filter((o) => o.value !== null && o.year <= 2020).map((o) => o.value as number);
        const digits = published.length > 0 ? Math.max(...published.map(decimalsOf)) : 0;
        const rounded = (x: number | undefined) => (x === undefined ? null : Math.round(x * 10 ** digits) / 10 ** digits);
        for (const r of mine) {
          const year = Number(r.年份);
          const o = api.observations.find((x) => x.year === year && year <= 2020);
          expect(num(r.观测值), `${t.key} ${year}`).toBe(o?.value ?? null);
          expect(num(r.要求路径), `${t.key} ${year}`).toBe(rounded(api.result.requiredPath.find((p) => p.year === year)?.value));
          expect(num(r.预测值)).toBe(rounded(api.result.projection.find((p) => p.year === year)?.value));
          for (const cell of [r.观测值, r.要求路径, r.预测值, r.基准值])
            if (cell) expect(cell, `${t.key} ${year}: no float noise`).toMatch(/^-?\d+(?:\.\d{1,4})?$/);
          expect(r.指标代码).toBe(t.indicator.code);
          expect(r.单位).toBe(t.indicator.unit);
          expect(r.状态).toBe(statusCell(api.result));
          if (api.result.basis === 'sample') expect(r.判断依据).toMatch(/^示例数据（/);
          if (o) expect(r.示例数据).toBe(o.isSample ? '是' : '否');
        }
        // Every observed year and every year of the path and projection has its row.
        const years = new Set(mine.map((r) => Number(r.年份)));
        for (const o of api.observations) if (o.year <= 2020) expect(years).toContain(o.year);
        for (const p of [...api.result.requiredPath, ...api.result.projection]) expect(years).toContain(p.year);
      }
    });
  }

  it('makes text cells that start with = + - @ safe, and leaves numbers alone', async () => {
    const tmp = tempDbPath();
    const other = await buildApp({ dbPath: tmp.dbPath, serveWeb: false, publicRead: true });
    const odb = openDatabase(tmp.dbPath);
    // A figure whose source title would run as a formula in a spreadsheet.
    createRepositories(odb).observations.append({
      regionCode: '211100',
      indicatorCode: 'high_tech_firms',
      year: 2021,
      value: 152,
      vintage: 'revised',
      isSample: true,
      sourceTitle: '=HYPERLINK("http://example.invalid","click")',
      sourceUrl: null,
      quote: null,
      note: null,
      enteredBy: 'test',
      enteredAt: new Date().toISOString(),
      origin: 'api',
    });
    odb.close();
    const res = await other.inject({ method: 'GET', url: '/api/reports/plans/panjin-2019-2021.csv?lang=en' });
    const rows = rowsOf(res.rawPayload.subarray(3).toString('utf8'));
    const row = rows.find((r) => r['Indicator code'] === 'high_tech_firms' && r.Year === '2021');
    expect(row?.Source).toBe('\'=HYPERLINK("http://example.invalid","click")');
    expect(row?.Observed).toBe('152');
    await other.close();
    tmp.cleanup();
  });
});

describe("a region's report (?region=)", () => {
  const SEED_PLAN = path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    '..',
    '..',
    'seed',
    'plans',
    'lvliang-2014-2020.json',
  );
  const seedTargets = () =>
    (JSON.parse(fs.readFileSync(SEED_PLAN, 'utf8')) as { targets: { key: string; region: string; clause: string }[] }).targets;
  const LISHI = '141102';

  it('PDF for Lishi district: its four targets only, the district on the cover and in the running header', async () => {
    const mine = seedTargets().filter((t) => t.region === LISHI);
    const others = seedTargets().filter((t) => t.region !== LISHI);
    expect(mine).toHaveLength(4);
    for (const lang of LANGS) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/reports/plans/lvliang-2014-2020.pdf?region=${LISHI}&lang=${lang}`,
      });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['content-disposition']).toContain(`lvliang-2014-2020-${LISHI}-progress-${lang}.pdf`);
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const file = path.join(ARTIFACTS, `lvliang-2014-2020-${LISHI}-${lang}.pdf`);
      fs.writeFileSync(file, res.rawPayload);
      const pages = run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'])
        .split('\f')
        .filter((p) => p.trim() !== '')
        .map(squash);
      const text = pages.join('');
      const district = lang === 'zh' ? '吕梁市离石区' : squash('Lishi District, Lüliang');
      // The cover names the district, its code and the scope; the plan stays the city's.
      const cover = pages[0] as string;
      expect(cover).toContain(lang === 'zh' ? `${district}（${LISHI}）` : `${district}(${LISHI})`);
      expect(cover).toContain(
        lang === 'zh'
          ? '报告范围：本计划中吕梁市离石区的4项目标'
          : squash("Scope: the plan's 4 targets for Lishi District, Lüliang"),
      );
      expect(cover).toContain(lang === 'zh' ? '目标数4项' : 'Targets4');
      // Every later page is headed by the district, not by the city.
      expect(pages.length).toBeGreaterThanOrEqual(3);
      for (const p of pages.slice(1)) expect(p).toContain(`${district}·${lang === 'zh' ? '暂无数据' : squash('no figures yet')}`);
      // The summary counts four targets; the four clauses are there and no other target's.
      expect(text).toContain(lang === 'zh' ? '共4项目标，已评估0项' : squash('4 targets, 0 judged'));
      for (const t of mine) expect(text, t.key).toContain(squash(t.clause));
      for (const t of others) expect(text, t.key).not.toContain(squash(quoted(t.clause)));
      // No figure of the city is cited: the district has none of its own.
      expect(text).not.toContain('t20221125_84396');
      expect(text).toContain(squash(lang === 'zh' ? '本报告未使用任何数值。' : 'This report uses no figures.'));
    }
  });

  it("workbook for Lishi district: the summary sheet lists only the district's targets", async () => {
    const keys = seedTargets()
      .filter((t) => t.region === LISHI)
      .map((t) => t.key);
    const res = await app.inject({ method: 'GET', url: `/api/reports/plans/lvliang-2014-2020.xlsx?region=${LISHI}&asOf=2020` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(`lvliang-2014-2020-${LISHI}-progress-2020-zh.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const summary = workbook.worksheets[0] as ExcelJS.Worksheet;
    const header = (summary.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    expect(summary.rowCount).toBe(keys.length + 1);
    const rows = summary.getRows(2, summary.rowCount - 1) ?? [];
    expect(rows.map((r) => r.getCell(col('目标键')).value)).toEqual(keys);
    expect(rows.every((r) => r.getCell(col('地区')).value === '离石区')).toBe(true);
    // No target sheet (no district figure), then the sources and the about sheet, which names the scope.
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['汇总', '数据来源', '说明']);
    expect((workbook.worksheets[1] as ExcelJS.Worksheet).rowCount).toBe(1);
    const about = (workbook.worksheets[2] as ExcelJS.Worksheet).getSheetValues().flat().map(String).join('\n');
    expect(about).toContain(`本计划中吕梁市离石区的 4 项目标（${LISHI}）`);
  });

  it('CSV for a county: only its targets (Lan county has no figure: a header and no row), the code in the file name', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/reports/plans/lvliang-2014-2020.csv?region=141127&encoding=gb18030',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('lvliang-2014-2020-141127-progress-zh.csv');
    const text = iconv.decode(res.rawPayload, 'gb18030');
    expect(text.split('\n')[0]).toContain('目标键');
    expect(parse(text, { columns: true, skip_empty_lines: true })).toEqual([]);
    const whole = await app.inject({ method: 'GET', url: '/api/reports/plans/lvliang-2014-2020.csv' });
    expect(parse(whole.rawPayload.subarray(3).toString('utf8'), { columns: true }).length).toBeGreaterThan(0);
  });

  it('answers 400 naming "region" for a region without a target in the plan, 404 for an unknown region', async () => {
    // Jiaocheng (141122) has a target in the 2019 work plan, none in the 2014–2020 plan.
    for (const ext of ['pdf', 'xlsx', 'csv']) {
      const res = await app.inject({ method: 'GET', url: `/api/reports/plans/lvliang-2014-2020.${ext}?region=141122` });
      expect(res.statusCode, ext).toBe(400);
      expect(res.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', field: 'region' });
      expect(res.json().message).toContain('"region"');
      expect(res.json().message).toContain('141122');
    }
    expect(
      (await app.inject({ method: 'GET', url: '/api/reports/plans/lvliang-2019-work-plan.pdf?region=141122' })).statusCode,
    ).toBe(200);
    // A code of the right form that names no region: 404, as /api/observations answers.
    const unknown = await app.inject({ method: 'GET', url: '/api/reports/plans/lvliang-2014-2020.pdf?region=141199' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe('No region with code 141199');
    const observations = await app.inject({ method: 'GET', url: '/api/observations?region=141199&indicator=high_tech_firms' });
    expect(observations.statusCode).toBe(404);
    // Not a code at all: the schema's 400, naming the field.
    const bad = await app.inject({ method: 'GET', url: '/api/reports/plans/lvliang-2014-2020.xlsx?region=lishi' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('region');
  });
});
