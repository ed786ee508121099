import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../server/src/db/setup.js';
import { flagText, formatPace, targetText, withUnit, yearRuns } from '../../server/src/reports/labels.js';
import { buildReportModel, type ReportModel } from '../../server/src/reports/model.js';
import { valueAxis, yearTicks } from '../../server/src/reports/scale.js';
import {
  asPublished,
  longTable,
  numberFormat,
  publishedDecimals,
  roundTo,
  sheetName,
  summaryTable,
} from '../../server/src/reports/tables.js';
import { createRepositories, type Repositories } from '../../server/src/repositories/index.js';
import { createProgressService, type ProgressService } from '../../server/src/services/progress.js';
import { tempDbPath } from '../helpers/db.js';

// The report model on its own: plain data assembled from the repositories and the engine, before any
// PDF or workbook is drawn. The seeded database is the real one.

let repos: Repositories;
let progress: ProgressService;
let cleanup: () => void;
const NOW = new Date('2026-03-05T02:00:00Z');

beforeAll(() => {
  const tmp = tempDbPath();
  cleanup = tmp.cleanup;
  repos = createRepositories(prepareDatabase(tmp.dbPath).db);
  progress = createProgressService(repos);
});
afterAll(() => {
  repos.db.close();
  cleanup();
});

function model(slug: string, asOf: number | null = null, lang: 'zh' | 'en' = 'zh', region: string | null = null): ReportModel {
  const plan = repos.plans.find(slug);
  if (!plan) throw new Error(`no plan ${slug}`);
  return buildReportModel({ repos, progress }, { plan, asOf, lang, region, now: NOW });
}

/** The Lüliang plan's target keys for one region, read from the seed file itself (not from the code under test). */
const SEED_PLAN = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'seed',
  'plans',
  'lvliang-2014-2020.json',
);
const seedKeys = (region: string): string[] =>
  (JSON.parse(fs.readFileSync(SEED_PLAN, 'utf8')) as { targets: { key: string; region: string }[] }).targets
    .filter((t) => t.region === region)
    .map((t) => t.key);

describe('report model', () => {
  it('splits the Lüliang plan into targets with figures and a compact list, and counts every target once', () => {
    const m = model('lvliang-2014-2020');
    expect(m.targets).toHaveLength(59);
    expect(m.detailed.map((t) => t.indicatorCode)).toEqual([
      'rd_intensity',
      'valid_invention_patents',
      'tech_contract_turnover',
      'high_tech_firms',
      'high_tech_industry_sales',
      'st_progress_contribution',
      'st_progress_contribution',
      'new_high_tech_firms',
    ]);
    expect(m.compact).toHaveLength(51);
    expect(m.compact.every((t) => t.rows.length === 0 && t.chart === null)).toBe(true);
    expect(m.summary.counts.reduce((a, c) => a + c.count, 0)).toBe(59);
    expect(m.summary.counts.find((c) => c.status === 'no_data')).toMatchObject({ label: '无数据', count: 47 });
    expect(m.plan).toMatchObject({ docNumber: '吕政发〔2014〕22号', regionName: '吕梁市', statusLabel: '规划期已结束' });
    // Without an as-of year the report speaks of the latest year with a figure.
    expect(m.asOfRequested).toBeNull();
    expect(m.asOf).toBe(2021);
    expect(m.generatedOn).toBe('2026-03-05');
  });

  it('charts a benchmark target with the provincial series and the goal the engine judged against', () => {
    const m = model('lvliang-2014-2020', 2019);
    const bench = m.detailed.find((t) => t.indicatorCode === 'st_progress_contribution' && t.type === 'benchmark');
    expect(bench?.chart?.benchmarkRegionName).toBe('山西省');
    expect(bench?.chart?.benchmark.map((b) => b.value)).toEqual([50.5, 51.8, 53, 54.1, 55.3, 56.2]);
    // Judged every year against the benchmark of the same year: the benchmark line is the goal, with
    // no second line under it and no single target point (no projected benchmark).
    expect(bench?.chart?.required).toEqual([]);
    expect(bench?.chart?.target).toBeNull();
    expect(bench?.hasSample).toBe(true);
  });

  it('carries what each verdict rests on: sample figures named in the status, the published verdict beside it', () => {
    const m = model('lvliang-2014-2020');
    const highTech = m.targets.find((t) => t.key === 'high-tech-firms-2020');
    // Judged on the sample 62 for 2020; the published 26 (2017) and 84 (2021) alone: met a year late.
    expect(highTech).toMatchObject({
      status: 'missed',
      basis: 'sample',
      statusText: '未达成（依据示例数据）',
      sampleYears: [2013, 2014, 2015, 2016, 2018, 2019, 2020],
      basisText: '判断依据含示例数据（2013–2016、2018–2020年），并非公布数字',
      publishedOnly: { status: 'met_late', label: '逾期达成' },
    });
    expect(m.summary.headlines.find((h) => h.indicatorCode === 'high_tech_firms')?.target?.basis).toBe('sample');
    // The roll-up counts the judged targets on published and on sample figures apart.
    expect(m.summary.judgedOnPublished + m.summary.judgedOnSample).toBe(m.summary.scoredCount);
    expect(m.summary.judgedOnSample).toBeGreaterThan(0);
    expect(m.summary.meanScoreIsHeadline).toBe(m.summary.scoredCount * 2 >= m.summary.targetCount);
    const row = summaryTable(m).rows.find((r) => r[1] === 'high-tech-firms-2020');
    expect(row?.slice(-3)).toEqual(['示例数据（2013–2016、2018–2020年）', '逾期达成', '目标年2020年已过，按该年数据评估']);
  });

  it('gives the four headline indicators with their latest figure, vintage and the plan target', () => {
    const m = model('lvliang-2014-2020');
    expect(m.summary.headlines.map((h) => h.indicatorCode)).toEqual([
      'rd_intensity',
      'valid_invention_patents',
      'high_tech_firms',
      'tech_contract_turnover',
    ]);
    const rd = m.summary.headlines[0];
    expect(rd?.latest).toEqual({ year: 2021, value: 0.74, vintage: 'final', isSample: false });
    expect(rd?.target).toMatchObject({ status: 'missed', statusLabel: '未达成', text: '2020年 ≥ 2.5%（原文印作 25%）' });
    expect(m.summary.headlines[1]?.latest?.isSample).toBe(true);
    // Panjin has no target on technology contract turnover.
    const panjin = model('panjin-2019-2021', null, 'en');
    expect(panjin.summary.headlines[3]).toMatchObject({ indicatorCode: 'tech_contract_turnover', target: null });
  });

  it('lists the targets furthest behind first, with their pace, never an achieved or unjudged one', () => {
    const m = model('lvliang-2014-2020', 2017);
    expect(m.summary.behind.length).toBeGreaterThan(0);
    expect(m.summary.behind.length).toBeLessThanOrEqual(5);
    const scores = m.summary.behind.map((t) => t.score as number);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    for (const t of m.summary.behind) expect(['moving_away', 'missed', 'limited', 'accelerate']).toContain(t.status);
    const highTech = m.summary.behind.find((t) => t.indicatorCode === 'high_tech_firms');
    expect(highTech?.status).toBe('limited');
    expect(highTech?.requiredPaceText).toMatch(/^年均 \+\d/);
  });

  it('keeps every number of a target row equal to the engine and the observations, unrounded', () => {
    const m = model('lvliang-2014-2020', 2017);
    for (const t of m.detailed) {
      const found = progress.targetProgress(t.targetId, 2017);
      const obs = repos.observations.current(t.regionCode, t.indicatorCode).filter((o) => o.year <= 2017);
      for (const r of t.rows) {
        expect(r.observed).toBe(obs.find((o) => o.year === r.year)?.value ?? null);
        expect(r.required).toBe(found?.judged.result.requiredPath.find((p) => p.year === r.year)?.value ?? null);
        expect(r.projected).toBe(found?.judged.result.projection.find((p) => p.year === r.year)?.value ?? null);
      }
      expect(t.rows.every((r) => r.year <= 2020)).toBe(true);
      expect(t.rows.some((r) => r.year > 2017 && r.observed !== null)).toBe(false);
    }
    const highTech = m.detailed.find((t) => t.indicatorCode === 'high_tech_firms');
    expect(highTech?.chart?.projection.length).toBeGreaterThan(1);
    expect(highTech?.chart?.target).toEqual({ year: 2020, value: 80 });
    expect(m.asOf).toBe(2017);
  });

  it('cites every figure it shows in the sources, the real bulletin among them, and marks sample data', () => {
    const m = model('lvliang-2014-2020');
    const cited = new Set(m.sources.flatMap((s) => s.figures.map((f) => `${s.regionCode}|${s.indicatorCode}|${f.year}`)));
    for (const t of m.detailed)
      for (const r of t.rows) if (r.observed !== null) expect(cited).toContain(`${t.regionCode}|${t.indicatorCode}|${r.year}`);
    const rd = m.sources.find((s) => s.indicatorCode === 'rd_intensity');
    expect(rd?.figures.find((f) => f.year === 2021)).toMatchObject({
      value: 0.74,
      isSample: false,
      sourceUrl: 'http://www.sxyh.gov.cn/ggsj/tjgb/202211/t20221125_84396.html',
    });
    expect(m.hasSample).toBe(true);
    const patents = m.detailed.find((t) => t.indicatorCode === 'valid_invention_patents');
    expect(patents?.hasSample).toBe(true);
    expect(patents?.chart?.observed.every((p) => p.isSample)).toBe(true);
  });

  it('says in words that the printed 25% reads as 2.5%', () => {
    const rd = model('lvliang-2014-2020').detailed[0];
    const flag = rd?.flags.find((f) => f.code === 'implausible_target');
    expect(flag?.text).toContain('原文印作 25%');
    expect(flag?.text).toContain('合理读法为 2.5%');
    const en = model('lvliang-2014-2020', null, 'en').detailed[0];
    expect(en?.flags.find((f) => f.code === 'implausible_target')?.text).toContain(
      'the source prints 25%; the plausible reading is 2.5%',
    );
    expect(en?.flags.find((f) => f.code === 'sample_data')?.text).toContain('2013–2020');
    expect(en?.explanation).toMatch(/^Missed/);
  });

  it('carries commentary with author and date, and leaves out comments about years after the as-of year', () => {
    const authorId = repos.users.create(
      { name: 'model-author', displayName: '吕梁统计员', role: 'statistician', regions: ['141100'], passwordHash: 'x' },
      NOW.toISOString(),
    );
    const target = model('lvliang-2014-2020').detailed.find((t) => t.indicatorCode === 'high_tech_firms');
    repos.comments.add({
      targetId: target?.targetId as number,
      year: 2020,
      body: '2020年受疫情影响',
      authorId,
      createdAt: '2021-03-15T08:00:00.000Z',
      replacesId: null,
    });
    const now = model('lvliang-2014-2020').detailed.find((t) => t.indicatorCode === 'high_tech_firms');
    expect(now?.comments).toEqual([{ year: 2020, body: '2020年受疫情影响', author: '吕梁统计员', date: '2021-03-15' }]);
    const earlier = model('lvliang-2014-2020', 2019).detailed.find((t) => t.indicatorCode === 'high_tech_firms');
    expect(earlier?.comments).toEqual([]);
  });

  it('makes tables for the workbook and the CSV with numbers as numbers', () => {
    const m = model('panjin-2019-2021', null, 'en');
    const summary = summaryTable(m);
    expect(summary.rows).toHaveLength(20);
    expect(summary.header).toContain('Pace needed');
    const long = longTable(m);
    expect(long.rows).toHaveLength(m.detailed.reduce((n, t) => n + t.rows.length, 0));
    for (const row of long.rows) {
      expect(typeof row[4]).toBe('number'); // year
      for (const i of [5, 10, 11, 12]) expect(row[i] === null || typeof row[i] === 'number').toBe(true);
    }
  });

  it('writes the CSV numbers as published: figures without float noise, derived ones to the figures’ decimals', () => {
    expect(asPublished(0.7100000000000001)).toBe(0.71);
    expect(asPublished(0.1 + 0.2)).toBe(0.3);
    expect(asPublished(null)).toBeNull();
    expect(roundTo(0.8971428571428571, 2)).toBe(0.9);
    expect(roundTo(110.68424853952936, 0)).toBe(111);
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-0.0001, 2)).toBe(0);
    expect(numberFormat(0)).toBe('#,##0');
    expect(numberFormat(2)).toBe('#,##0.00');
    const m = model('lvliang-2014-2020', null, 'zh');
    const rd = m.detailed.find((t) => t.indicatorCode === 'rd_intensity');
    const firms = m.detailed.find((t) => t.indicatorCode === 'high_tech_firms');
    if (!rd || !firms) throw new Error('seed changed');
    expect(publishedDecimals(rd)).toBe(2); // 0.63, 0.74
    expect(publishedDecimals(firms)).toBe(0); // 12, 84
    const long = longTable(m);
    const rd2014 = long.rows.find((r) => r[0] === 'rd-intensity-2020' && r[4] === 2014);
    expect(rd2014?.[5]).toBe(0.59);
    expect(rd2014?.[10]).toBe(0.9); // the required path, 0.8971… in the engine
    const firms2014 = long.rows.find((r) => r[0] === 'high-tech-firms-2020' && r[4] === 2014);
    expect(firms2014?.[10]).toBe(16); // 15.7… in the engine: a count of firms is whole
    for (const row of long.rows)
      for (const i of [5, 10, 11, 12]) {
        const v = row[i];
        if (typeof v === 'number') expect(String(v)).toMatch(/^-?\d+(?:\.\d{1,4})?$/);
      }
  });

  it('survives a plan without a period or any figure (the masked Shangyu plan)', () => {
    const m = model('shangyu-masked-plan', null, 'en');
    expect(m.detailed).toHaveLength(0);
    expect(m.compact.length).toBe(m.targets.length);
    expect(m.compact.every((t) => ['Not assessable', 'Not recorded', 'No data'].includes(t.statusLabel))).toBe(true);
  });
});

describe("a region's report", () => {
  const countOf = (m: ReportModel, status: string) => m.summary.counts.find((c) => c.status === status)?.count;

  it('keeps only the targets of Lishi district (141102), counts and names them, and cites nothing of the city', () => {
    const keys = seedKeys('141102');
    expect(keys).toHaveLength(4);
    const m = model('lvliang-2014-2020', null, 'zh', '141102');
    expect(m.targets.map((t) => t.key)).toEqual(keys);
    expect(m.targets.every((t) => t.regionCode === '141102')).toBe(true);
    expect(m.summary.targetCount).toBe(4);
    expect(m.summary.counts.reduce((a, c) => a + c.count, 0)).toBe(4);
    // No district figure is seeded: the four targets have no data, none is behind.
    expect(countOf(m, 'no_data')).toBe(4);
    expect(m.summary.meanScore).toBeNull();
    expect(m.summary.behind).toEqual([]);
    expect(m.scope).toEqual({ regionCode: '141102', regionName: '吕梁市离石区' });
    expect(m.plan.regionCode).toBe('141100'); // the plan stays the city's
    // The headline indicators are the district's: no target of it and no figure, not the city's.
    expect(m.summary.headlines.map((h) => [h.indicatorCode, h.latest, h.target])).toEqual([
      ['rd_intensity', null, null],
      ['valid_invention_patents', null, null],
      ['high_tech_firms', null, null],
      ['tech_contract_turnover', null, null],
    ]);
    expect(m.sources).toEqual([]);
    expect(m.asOf).toBeNull();
    expect(model('lvliang-2014-2020', null, 'en', '141102').scope?.regionName).toBe('Lishi District, Lüliang');
  });

  it("narrows the summary to the region's targets with the engine's roll-up; the regions' counts add up to the plan's", () => {
    const whole = model('lvliang-2014-2020', 2017);
    const plan = repos.plans.find('lvliang-2014-2020');
    if (!plan) throw new Error('no Lüliang plan');
    const judged = progress.planProgress(plan, 2017);
    // The whole plan: the roll-up of /api/plans/:id/progress, as before.
    expect(whole.scope).toBeNull();
    expect(whole.summary.targetCount).toBe(59);
    for (const c of whole.summary.counts) expect(c.count, c.status).toBe(judged.rollup.counts[c.status]);
    expect(whole.summary.meanScore).toBe(judged.rollup.meanScore);

    const regions = ['141100', '141102', '141125', '141127'];
    const parts = regions.map((r) => model('lvliang-2014-2020', 2017, 'zh', r));
    parts.forEach((m, i) => {
      const keys = seedKeys(regions[i] as string);
      expect(
        m.targets.map((t) => t.key),
        regions[i],
      ).toEqual(keys);
      expect(m.summary.targetCount).toBe(keys.length);
      for (const t of m.summary.behind) expect(t.regionCode).toBe(regions[i]);
    });
    expect(parts.reduce((n, m) => n + m.summary.targetCount, 0)).toBe(59);
    for (const c of whole.summary.counts)
      expect(
        parts.reduce((n, m) => n + (countOf(m, c.status) ?? 0), 0),
        c.status,
      ).toBe(c.count);

    // The city's own 49 targets: its mean score is the mean over its judged targets alone.
    const city = parts[0] as ReportModel;
    expect(city.summary.targetCount).toBe(49);
    const scores = city.targets.flatMap((t) => {
      const score = progress.targetProgress(t.targetId, 2017)?.judged.result.score;
      return score === null || score === undefined ? [] : [score];
    });
    expect(city.summary.scoredCount).toBe(scores.length);
    expect(scores.length).toBeGreaterThan(0);
    expect(city.summary.meanScore).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / scores.length, 2);
    expect(countOf(city, 'no_data')).toBe((countOf(whole, 'no_data') ?? 0) - 10);
  });

  it("shows the district's own headline figures and cites only the series its report uses", () => {
    // District figures, as a statistician of Lishi would enter them (sample, in this test's database only).
    const figure = (indicatorCode: string, year: number, value: number) =>
      repos.observations.append({
        regionCode: '141102',
        indicatorCode,
        year,
        value,
        vintage: 'final',
        isSample: true,
        sourceTitle: '离石区统计公报(测试)',
        sourceUrl: null,
        quote: null,
        note: null,
        enteredBy: 'test',
        enteredAt: NOW.toISOString(),
        origin: 'api',
      });
    figure('high_tech_firms', 2016, 2);
    figure('high_tech_firms', 2017, 3);
    figure('uav_base_output_value', 2016, 4.5);
    figure('uav_base_output_value', 2017, 6);

    const m = model('lvliang-2014-2020', null, 'zh', '141102');
    expect(m.detailed.map((t) => t.key)).toEqual(['uav-base-output-value-2020']);
    const highTech = m.summary.headlines.find((h) => h.indicatorCode === 'high_tech_firms');
    expect(highTech?.latest).toEqual({ year: 2017, value: 3, vintage: 'final', isSample: true });
    expect(highTech?.target).toBeNull();
    expect(m.sources.map((s) => `${s.regionCode}|${s.indicatorCode}`)).toEqual([
      '141102|uav_base_output_value',
      '141102|high_tech_firms',
    ]);
    expect(m.asOf).toBe(2017);
    // The city's report keeps its own headline figure and never cites the district's series.
    const city = model('lvliang-2014-2020', null, 'zh', '141100');
    expect(city.summary.headlines.find((h) => h.indicatorCode === 'high_tech_firms')?.latest?.value).toBe(84);
    expect(city.sources.some((s) => s.regionCode === '141102')).toBe(false);
  });
});

describe('report helpers', () => {
  it('names sheets as Excel requires: ≤ 31 characters, no []:*?/\\, unique ignoring case', () => {
    const taken = new Set<string>();
    const a = sheetName('1 R&D经费投入强度(R&D经费占地区生产总值比重)再加一些字让它超过三十一个字符', taken);
    expect([...a].length).toBeLessThanOrEqual(31);
    expect(sheetName('a/b:c*d?e[f]g\\h', taken)).toBe('a b c d e f g h');
    expect(sheetName('Summary', taken)).toBe('Summary');
    expect(sheetName('summary', taken)).toBe('summary (2)');
    expect(sheetName("'quoted'", taken)).toBe('quoted');
    expect(sheetName('', taken)).toBe('sheet');
  });

  it('writes years as runs, paces and targets in both languages', () => {
    expect(yearRuns([2016, 2013, 2014, 2015, 2018], 'en')).toBe('2013–2016, 2018');
    expect(yearRuns([2019], 'zh')).toBe('2019');
    expect(formatPace({ value: 12.345, unit: 'percent_per_year', fromYear: 2020, toYear: 2021 }, '家', 'zh')).toBe('年均 +12.3%');
    expect(formatPace({ value: -0.35, unit: 'points_per_year', fromYear: 2020, toYear: 2021 }, '%', 'en')).toBe(
      '−0.35 pp a year',
    );
    const base = {
      comparator: 'at_least',
      valueMin: null,
      valueMax: null,
      valueUnknown: false,
      periodStart: 2014,
      benchmarkRegionName: null,
    };
    expect(targetText({ ...base, type: 'level', value: 80, targetYear: 2020, unit: '家' }, 'zh')).toBe('2020年 ≥ 80家');
    expect(
      targetText({ ...base, type: 'range', value: null, valueMin: 1, valueMax: 2, targetYear: 2020, unit: 'institutes' }, 'en'),
    ).toBe('1–2 institutes by 2020');
    expect(targetText({ ...base, type: 'level', value: null, valueUnknown: true, targetYear: null, unit: '' }, 'en')).toBe(
      'target value masked in the source',
    );
    expect(
      flagText(
        { code: 'implausible_target', years: [2015, 2020], values: [16, 255], suggestedValue: 25.5, detail: 'a jump of 15.9×' },
        { unit: '亿立方米', valueAsPrinted: null, value: 255 },
        'zh',
      ),
    ).toContain('合理读法可能为 25.5亿立方米');
  });

  it('multiplies out an English unit that is a number: 4.1 亿元 is 410 million yuan, never "4.1 100 million yuan"', () => {
    expect(withUnit(4.1, '100 million yuan', 'en')).toBe('410 million yuan');
    expect(withUnit(3.61, '100 million yuan', 'en')).toBe('361 million yuan');
    expect(withUnit(145, '100 million yuan', 'en')).toBe('14.5 billion yuan');
    expect(withUnit(255, '100 million m³', 'en', 4)).toBe('25.5 billion m³');
    expect(withUnit(20, '10,000 kW', 'en')).toBe('200,000 kW');
    expect(withUnit(500, '10,000 m³ per day', 'en')).toBe('5 million m³ per day');
    expect(withUnit(4.1, '亿元', 'zh')).toBe('4.1亿元');
    expect(withUnit(80, 'firms', 'en')).toBe('80 firms');
    expect(formatPace({ value: 0.25, unit: 'units_per_year', fromYear: 2014, toYear: 2020 }, '100 million yuan', 'en')).toBe(
      '+25 million yuan a year',
    );
    const base = { comparator: 'at_least', valueUnknown: false, periodStart: 2014, benchmarkRegionName: null };
    expect(
      targetText(
        { ...base, type: 'level', value: 145, valueMin: null, valueMax: null, targetYear: 2020, unit: '100 million yuan' },
        'en',
      ),
    ).toBe('≥ 14.5 billion yuan by 2020');
    expect(
      targetText(
        { ...base, type: 'range', value: null, valueMin: 1, valueMax: 2, targetYear: 2020, unit: '100 million yuan' },
        'en',
      ),
    ).toBe('100 million yuan–200 million yuan by 2020');
    // The English report of the Lüliang plan: no figure is followed by a unit that is itself a number.
    const m = model('lvliang-2014-2020', null, 'en');
    const texts = m.targets.flatMap((t) => [
      t.targetText,
      t.explanation,
      ...t.flags.map((f) => f.text),
      t.requiredPaceText ?? '',
    ]);
    expect(texts.join('\n')).not.toMatch(/\d ×? ?(?:100 million|10,000) /);
    expect(texts.some((t) => /\d million yuan|billion yuan/.test(t))).toBe(true);
  });

  it('draws value axes from zero for positive series, with round ticks that cover every value', () => {
    const axis = valueAxis([0.52, 0.63, 2.5]);
    expect(axis.min).toBe(0);
    expect(axis.max).toBeGreaterThanOrEqual(2.5);
    expect(axis.ticks[0]).toBe(0);
    const negative = valueAxis([-3, 4]);
    expect(negative.min).toBeLessThanOrEqual(-3);
    expect(negative.ticks).toContain(0);
    expect(valueAxis([]).ticks.length).toBeGreaterThan(1);
    expect(valueAxis([5, 5]).max).toBeGreaterThan(5);
    expect(yearTicks(2013, 2021)).toEqual([2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021]);
    expect(yearTicks(2000, 2030).length).toBeLessThanOrEqual(12);
  });
});
