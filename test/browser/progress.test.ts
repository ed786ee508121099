import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchConsole } from '../helpers/browser.js';
import { startServer } from '../helpers/server.js';

const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts');
const PLAN = '/plans/lvliang-2014-2020';
/** The R&D share target: the source's "2.5%" lost its decimal point and reads "25%". */
const RD_CLAUSE = '研究与试验发展(R&D)经费占地区生产总值';
const PATENTS_CLAUSE = '有效发明专利拥有量到2020年达到260件以上';

interface PlanProgressJson {
  rollup: {
    targetCount: number;
    counts: Record<string, number>;
    judgedOnPublished: number;
    judgedOnSample: number;
    meanScoreIsHeadline: boolean;
  };
}

let server: { url: string; close: () => Promise<void> };
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function api<T>(pathname: string): Promise<T> {
  const response = await fetch(`${server.url}${pathname}`);
  expect(response.ok).toBe(true);
  return (await response.json()) as T;
}

async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });
}

/** An element's text, trimmed (all of it: the elements read here hide none of their text). */
async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

/** The target card whose source clause contains the text. */
function card(page: Page, clause: string): Locator {
  return page.getByRole('article').filter({ has: page.locator('blockquote', { hasText: clause }) });
}

/** The status word on a card, once the verdict has arrived (without the sample label the badge may carry). */
async function statusOf(target: Locator): Promise<string> {
  const badge = target.locator('.verdict [data-status]');
  await badge.waitFor({ state: 'visible', timeout: 5_000 });
  return await text(badge.locator('.pstatus__label'));
}

/** Waits until the card's status reads `expected` (the query refetches asynchronously). */
async function expectStatus(target: Locator, expected: string): Promise<void> {
  await target.locator('.verdict [data-status]', { hasText: expected }).waitFor({ state: 'visible', timeout: 5_000 });
  expect(await statusOf(target)).toBe(expected);
}

/** The legend's numbers, by status, read as text. */
async function legendCounts(page: Page): Promise<Record<string, number>> {
  const items = page.locator('.progress-summary .legend__item');
  await items.first().waitFor({ state: 'visible', timeout: 5_000 });
  const counts: Record<string, number> = {};
  for (const item of await items.all()) {
    const status = (await item.getAttribute('data-status')) ?? '';
    counts[status] = Number(await text(item.locator('.legend__count')));
  }
  return counts;
}

/** Targets with a verdict: every status but the three that say there is nothing to judge. */
function judgedOf(counts: Record<string, number>): number {
  return Object.entries(counts)
    .filter(([status]) => !['insufficient_data', 'no_data', 'not_assessable'].includes(status))
    .reduce((sum, [, n]) => sum + n, 0);
}

describe('progress verdicts in the browser', () => {
  it('shows the verdicts, the flags and the summary, follows the as-of year in the URL, in both languages', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = watchConsole(page);

    await page.goto(`${server.url}${PLAN}`);
    await page.getByRole('heading', { level: 2, name: '目标进展' }).waitFor();

    // The misprinted R&D target carries its flag beside its status, in words, with both readings.
    const rd = card(page, RD_CLAUSE);
    // The cards are rendered deferred, after the summary's heading: wait for the card itself.
    await rd.first().waitFor();
    expect(await rd.count()).toBe(1);
    expect(await rd.getAttribute('data-indicator')).toBe('rd_intensity');
    expect(await statusOf(rd)).toBe('未达成');
    // Its verdict rests on sample figures: the badge carries the label, the card says which years and
    // what the published figures alone say.
    expect(await text(rd.locator('.verdict [data-status] .pstatus__basis'))).toBe('示例数据');
    expect(await text(rd.locator('.verdict__basis'))).toBe(
      '判断依据含示例数据（2013–2020年），并非公布数字 · 仅按公布数据：未达成',
    );
    const implausible = rd.locator('[data-flag="implausible_target"]');
    await implausible.waitFor({ state: 'visible' });
    const flagText = await text(implausible.locator('.flag__text'));
    expect(flagText).toContain('25%');
    expect(flagText).toContain('2.5%');
    expect(flagText).toBe('目标值存疑：原文显示为 25%，疑为 2.5%');

    // The summary: ten statuses with their numbers as text, adding up to the plan's 59 targets,
    // the same as the API's roll-up.
    const latest = await api<PlanProgressJson>('/api/plans/lvliang-2014-2020/progress');
    const counts = await legendCounts(page);
    expect(Object.keys(counts)).toHaveLength(10);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(59);
    expect(counts).toEqual(latest.rollup.counts);
    const judged = judgedOf(counts);
    expect(await text(page.locator('.tally__judged strong'))).toBe(`已评估 ${judged} 项，共 59 项`);
    expect(await text(page.locator('.score__text'))).toMatch(/^平均得分\s[+−]?\d+(\.\d)?\s?（−5 至 \+5）$/);
    // Judged on published and on sample figures, counted apart; the mean of 8 of 59 is no headline.
    expect(await text(page.locator('.tally__basis'))).toBe(
      `其中 ${latest.rollup.judgedOnPublished} 项依据公布数据，${latest.rollup.judgedOnSample} 项依据示例数据`,
    );
    expect(latest.rollup.meanScoreIsHeadline).toBe(false);
    // The counts lead the summary; the mean score, no headline here, is a note after them.
    expect(
      await page.locator('.progress-summary__body').evaluate((el) => [...el.children].map((child) => child.className)),
    ).toEqual(['tally', 'score score--not-headline']);
    expect(await text(page.locator('.score__caveat'))).toBe(
      `仅 ${judged} 项目标已评估（共 59 项），不足半数，平均得分不作为总体结论`,
    );
    // Each status in the legend has its icon as well as its word.
    expect(await page.locator('.legend__item svg[data-icon]').count()).toBe(10);

    // Latest figures: the valid invention patents target is achieved.
    const patents = card(page, PATENTS_CLAUSE);
    await expectStatus(patents, '已达成');
    await screenshot(page, 'progress-lvliang-zh');
    await screenshot(page, 'progress-lvliang-zh-full', true);

    // The as-of selector is a labelled native select that the keyboard can work.
    const select = page.getByLabel('数据截至');
    expect(await select.evaluate((el) => el.tagName)).toBe('SELECT');
    expect(await select.inputValue()).toBe('');
    const years = await select.locator('option').allTextContents();
    expect(years[0]).toBe('最新数据');
    expect(years).toContain('2014年');
    expect(years).toContain('2020年');
    await select.focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForURL(/asOf=2014/);

    // As of 2017 the same target was on track; the URL says so, and the summary changes with it.
    await select.selectOption('2017');
    await page.waitForURL(/asOf=2017/);
    await expectStatus(patents, '按进度');
    await expectVisible(page.getByText('按截至2017年的数据评估'));
    const asOf2017 = await api<PlanProgressJson>('/api/plans/lvliang-2014-2020/progress?asOf=2017');
    // The verdicts are rendered deferred (in the background, shown in one piece): wait for the
    // summary to settle on the 2017 counts rather than read them the moment the URL changed.
    await expect.poll(() => legendCounts(page), { timeout: 15_000 }).toEqual(asOf2017.rollup.counts);
    await page.locator('.progress-summary[aria-busy="false"]').waitFor();
    await patents.scrollIntoViewIfNeeded();
    await screenshot(page, 'progress-lvliang-zh-2017-cards');

    // The filter by kind keeps the year.
    await page.getByRole('navigation', { name: '按指标类型筛选' }).getByRole('link', { name: /^存量/ }).click();
    await page.waitForURL(/kind=stock/);
    expect(page.url()).toContain('asOf=2017');
    await page.getByRole('navigation', { name: '按指标类型筛选' }).getByRole('link', { name: /^全部/ }).click();
    await page.waitForURL((url) => !url.search.includes('kind='));

    // A reload restores the year from the URL.
    await page.reload();
    await page.getByRole('heading', { level: 2, name: '目标进展' }).waitFor();
    expect(await page.getByLabel('数据截至').inputValue()).toBe('2017');
    await expectStatus(card(page, PATENTS_CLAUSE), '按进度');

    // English: the statuses, flags and summary in English, the year kept.
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Progress' }).waitFor();
    expect(page.url()).toContain('lang=en');
    expect(page.url()).toContain('asOf=2017');
    const selectEn = page.getByLabel('Figures up to');
    expect(await selectEn.inputValue()).toBe('2017');
    await expectStatus(card(page, PATENTS_CLAUSE), 'On track');
    expect(await statusOf(card(page, RD_CLAUSE))).toBe('Moving away');
    expect(await text(card(page, RD_CLAUSE).locator('[data-flag="implausible_target"] .flag__text'))).toBe(
      'Implausible target: the source reads 25%, most likely 2.5%',
    );
    const legendLabels = await page.locator('.legend__label').allTextContents();
    // Off course first, as the cards below are ordered.
    expect(legendLabels).toEqual([
      'Missed',
      'Moving away',
      'Limited progress',
      'Needs to accelerate',
      'On track',
      'Met late',
      'Achieved',
      'Insufficient data',
      'No data',
      'Not assessable',
    ]);
    // As of 2017, 8 targets have figures to judge (6 with the region's own series, and the two 科技进步贡献率
    // targets on the sample series); the rest have none.
    expect(judgedOf(asOf2017.rollup.counts)).toBe(8);
    expect(await text(page.locator('.tally__judged strong'))).toBe('8 of 59 targets judged');
    // No Chinese status word is left on the English page.
    expect(await page.locator('.verdict [data-status]', { hasText: /按进度|已达成|无数据|不适用/ }).count()).toBe(0);
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'progress-lvliang-en');

    // Back to the latest figures: the year leaves the URL and the verdict returns.
    await selectEn.selectOption({ label: 'Latest figures' });
    await page.waitForURL((url) => !url.search.includes('asOf='));
    expect(page.url()).toContain('lang=en');
    await expectStatus(card(page, PATENTS_CLAUSE), 'Achieved');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('draws a benchmark target against the provincial series, sample figures labelled in the chart and the table', async () => {
    const plan = await api<{ targets: { id: number; type: string; indicator: { code: string } }[] }>(
      '/api/plans/lvliang-2014-2020',
    );
    const bench = plan.targets.find((t) => t.type === 'benchmark' && t.indicator.code === 'st_progress_contribution');
    expect(bench).toBeDefined();
    const detail = await api<{ result: { inputs: { targetValue: number | null }; status: string } }>(
      `/api/targets/${bench?.id}/progress`,
    );
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = watchConsole(page);

    await page.goto(`${server.url}/targets/${bench?.id}`);
    const chart = page.locator(`[data-chart="target-${bench?.id}"]`);
    await chart.locator('.recharts-surface').waitFor();
    // Shanxi's series (sample, 2014–2019): a dash-dot line with one hollow point a year.
    const line = chart.locator('path[data-series="benchmark"]');
    expect(await line.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);
    const points = chart.locator('path[data-point="benchmark"]');
    expect(
      await points.evaluateAll((els) => els.map((el) => [el.getAttribute('data-year'), el.getAttribute('data-sample')])),
    ).toEqual(['2014', '2015', '2016', '2017', '2018', '2019'].map((year) => [year, 'true']));
    expect(await text(chart.locator('.chart-legend [data-legend="benchmark"]'))).toContain('山西省（对标）');
    // Judged every year against Shanxi's figure of the same year: the benchmark's line is the goal, with
    // no projected target point and no level line across the period.
    expect(detail.result.inputs.targetValue).toBeNull();
    expect(await chart.locator('[data-marker="target"]').count()).toBe(0);
    expect(await chart.locator('[data-series="target-line"]').count()).toBe(0);
    // A benchmark's gap is the verdict: the value axis is fitted to the figures, and the chart says so.
    const subtitle = await text(page.locator(`[data-chart="target-${bench?.id}"] .chart-frame__subtitle`));
    const from = subtitle.match(/纵轴从 (\d+(?:\.\d+)?) 起，未从 0 开始，以便看清差距/)?.[1];
    expect(Number(from)).toBeGreaterThan(40);
    expect(await chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').first().textContent()).toBe(
      from,
    );
    expect(await text(page.locator('[data-explanation]'))).toMatch(/^每年需达到基准地区同年水平；有基准数据的6年中/);
    // The table: the benchmark's sample figures carry the label, the preliminary 2019 one says so.
    const cell2019 = page.locator('table[data-table="target"] td[data-benchmark-year="2019"]');
    expect(await text(cell2019)).toMatch(/^示例数据\s*56\.2%\s*初步核算$/);
    expect(await text(page.locator('table[data-table="target"] td[data-benchmark-year="2015"]'))).toMatch(/^示例数据\s*51\.8%$/);
    await screenshot(page, 'target-benchmark-zh', true);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('hides the year selector when the plan masks its years, and says when nothing can be scored', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = watchConsole(page);

    await page.goto(`${server.url}/plans/shangyu-masked-plan?lang=en`);
    await page.getByRole('heading', { level: 2, name: 'Progress' }).waitFor();
    await page.locator('.legend__item').first().waitFor();
    expect(await page.getByLabel('Figures up to').count()).toBe(0);
    expect(await text(page.locator('.score__value'))).toBe('—');
    await expectVisible(page.getByText('No target can be scored yet'));
    const counts = await legendCounts(page);
    expect(counts.not_assessable).toBe(6);

    // A plan without targets has no summary at all.
    await page.goto(`${server.url}/plans/xinzhou-2023-summary`);
    await page.getByText('本文件无量化目标，仅有成果数据').waitFor();
    expect(await page.locator('.progress-summary').count()).toBe(0);

    expect(errors).toEqual([]);
    await context.close();
  });
});

async function expectVisible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: 5_000 });
  expect(await locator.isVisible()).toBe(true);
}
