import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchConsole } from '../helpers/browser.js';
import { startServer } from '../helpers/server.js';

const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts');
const LVLIANG_TITLE = '国家创新驱动发展战略吕梁行动计划';
const KNOWN_CLAUSE = '有效发明专利拥有量到2020年达到260件以上';

interface PlanSummaryJson {
  slug: string;
  titleEn: string;
}
interface PlanDetailJson extends PlanSummaryJson {
  targets: { latestObservation: { isSample: boolean } | null }[];
}

let server: { url: string; close: () => Promise<void> };
let browser: Browser;

/** A fresh page at the narrowest width the product supports, with its console watched. */
async function openPage(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  return { context, page, errors: watchConsole(page) };
}

/** Waits for the element to be visible (rendering is asynchronous), failing after a few seconds. */
async function expectVisible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: 5_000 });
  expect(await locator.isVisible()).toBe(true);
}

async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });
}

async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

async function api<T>(pathname: string): Promise<T> {
  const response = await fetch(`${server.url}${pathname}`);
  expect(response.ok).toBe(true);
  return (await response.json()) as T;
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('plans in the browser', () => {
  it('lists the plans, opens the Lüliang plan, switches to English, and restores it from the URL', async () => {
    const { context, page, errors } = await openPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));

    // The list (at /plans: the overview is the first page), in Chinese by default.
    await page.goto(`${server.url}/plans`);
    const title = page.getByRole('link', { name: LVLIANG_TITLE });
    await title.waitFor();
    await expectVisible(title);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    const plans = page.getByRole('list', { name: '规划文件列表' }).locator(':scope > li');
    expect(await plans.count()).toBe(5);
    // Each card states its status in words (a plan whose period ended says so: not 已失效), and a plan
    // whose source masks its years says so.
    expect(await page.getByText('规划期已结束').count()).toBe(4);
    expect(await page.getByText('已失效').count()).toBe(0);
    await expectVisible(page.getByText('年份被遮蔽'));
    // The plan page is its own chunk: the list never downloads it.
    expect(requested.filter((url) => /PlanPage/.test(url))).toEqual([]);
    await screenshot(page, 'plans-zh');

    // Into the Lüliang plan.
    await title.click();
    await page.waitForURL(/\/plans\/lvliang-2014-2020$/);
    // The list stays on screen while the plan page's chunk loads: wait for the plan page itself.
    await page.getByRole('heading', { level: 2, name: '量化目标' }).waitFor();
    const targets = page.getByRole('article');
    await targets.first().waitFor();
    // The 8 judged targets as cards; the 51 with nothing to judge in one table after them.
    expect(await targets.count()).toBe(8);
    expect(await page.locator('table[data-table="folded-targets"] tbody tr').count()).toBe(51);
    const clause = page.getByText(KNOWN_CLAUSE, { exact: true });
    await expectVisible(clause);
    expect(await clause.evaluate((el) => el.closest('blockquote')?.getAttribute('lang'))).toBe('zh');
    await expectVisible(page.getByRole('heading', { level: 2, name: '量化目标' }));
    // Every sample figure the API returns carries a visible 示例数据 label.
    const detail = await api<PlanDetailJson>('/api/plans/lvliang-2014-2020');
    const samples = detail.targets.filter((t) => t.latestObservation?.isSample).length;
    expect(samples).toBeGreaterThan(0);
    // (Counted beside the latest figures: the verdicts carry the label too, where they rest on samples.)
    const latestFigures = page.locator('.observation, .folded-targets__figure');
    expect(await latestFigures.getByText('示例数据', { exact: true }).count()).toBe(samples);
    expect(await page.locator('table[data-table="folded-targets"]').getByText('无数据', { exact: true }).count()).toBe(47);
    await screenshot(page, 'plan-lvliang-zh');
    await screenshot(page, 'plan-lvliang-zh-full', true);

    // Switch to English with the toggle (a real link, so it is keyboard reachable).
    const toggle = page.getByRole('link', { name: 'English' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    const englishHeading = page.getByRole('heading', { level: 2, name: 'Targets' });
    await englishHeading.waitFor();
    expect(page.url()).toContain('lang=en');
    expect(page.url()).toContain('/plans/lvliang-2014-2020');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectVisible(page.getByRole('heading', { level: 1, name: detail.titleEn }));
    expect(await latestFigures.getByText('Sample data', { exact: true }).count()).toBe(samples);
    expect(await page.title()).toBe(`${detail.titleEn} · Jindu`);
    await screenshot(page, 'plan-lvliang-en');

    // A shared URL restores the view: reload and it is still English.
    const shared = page.url();
    await page.reload();
    await englishHeading.waitFor();
    expect(page.url()).toBe(shared);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectVisible(page.getByText(KNOWN_CLAUSE, { exact: true }));

    // Back to the list keeps the language.
    await page.getByRole('link', { name: 'All plans' }).click();
    await page.getByRole('heading', { level: 1, name: 'Science and technology plans' }).waitFor();
    expect(page.url()).toContain('lang=en');
    await screenshot(page, 'plans-en');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens a plan directly in English from its URL', async () => {
    const { context, page, errors } = await openPage();
    const plans = await api<PlanSummaryJson[]>('/api/plans');
    const panjin = plans.find((p) => p.slug === 'panjin-2019-2021');
    expect(panjin).toBeDefined();

    await page.goto(`${server.url}/plans/panjin-2019-2021?lang=en`);
    await page.getByRole('heading', { level: 2, name: 'Targets' }).waitFor();
    await expectVisible(page.getByRole('heading', { level: 1, name: panjin?.titleEn }));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('link', { name: 'English' }).getAttribute('aria-current')).toBe('true');
    await screenshot(page, 'plan-panjin-en');

    // The filter by indicator kind lives in the URL too, beside the language.
    await page
      .getByRole('navigation', { name: 'Filter by indicator kind' })
      .getByRole('link', { name: /^Share/ })
      .click();
    await page.waitForURL(/kind=share/);
    expect(page.url()).toContain('lang=en');
    await expectVisible(page.getByText(/^Showing \d+ of 20$/));

    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the empty state, masked values and an unknown plan', async () => {
    const { context, page, errors } = await openPage();

    await page.goto(`${server.url}/plans/xinzhou-2023-summary`);
    await page.getByText('本文件无量化目标，仅有成果数据').waitFor();
    expect(await page.getByRole('article').count()).toBe(0);
    await screenshot(page, 'plan-xinzhou-zh');

    await page.goto(`${server.url}/plans/shangyu-masked-plan?lang=en`);
    await page.getByRole('heading', { level: 2, name: 'Targets' }).waitFor();
    // The cards are drawn after the heading (the verdicts are deferred): wait for them, then count.
    await page
      .getByText(/^value masked in the source/)
      .first()
      .waitFor();
    expect(await page.getByText(/^value masked in the source/).count()).toBeGreaterThan(0);
    await expectVisible(page.getByText('years masked', { exact: true }));
    await screenshot(page, 'plan-shangyu-en');

    // An unknown plan answers 404; the page says so with the API's message. The browser logs the
    // failed request itself, which is expected here and not an application error.
    await page.goto(`${server.url}/plans/no-such-plan`);
    await page.getByRole('alert').waitFor();
    await expectVisible(page.getByRole('heading', { name: '找不到这份规划文件' }));
    expect(await page.getByRole('alert').textContent()).toContain('no-such-plan');
    await screenshot(page, 'plan-not-found-zh');

    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await context.close();
  });
});

describe('the Lüliang plan, off course first', () => {
  /** The cards' indicators and statuses, in the order shown. */
  async function cards(page: Page): Promise<string[][]> {
    return page
      .getByRole('article')
      .evaluateAll((els) =>
        els.map((el) => [
          el.getAttribute('data-indicator') ?? '',
          el.querySelector('.verdict [data-status]')?.getAttribute('data-status') ?? '',
        ]),
      );
  }
  const legend = (page: Page, status: string) => page.locator(`.progress-summary a[data-filter-status="${status}"]`);

  it('orders the targets by severity, folds those without data, and filters by status through the URL', async () => {
    const { context, page, errors } = await openPage();
    await page.goto(`${server.url}/plans/lvliang-2014-2020`);
    await page.getByRole('article').first().waitFor();
    await screenshot(page, 'plan-lvliang-off-course-zh');

    // Missed (in the plan's order), moving away, limited, then achieved; nothing to judge: the table.
    expect(await cards(page)).toEqual([
      ['rd_intensity', 'missed'],
      ['high_tech_firms', 'missed'],
      ['high_tech_industry_sales', 'missed'],
      ['new_high_tech_firms', 'missed'],
      ['st_progress_contribution', 'moving_away'],
      ['st_progress_contribution', 'limited'],
      ['valid_invention_patents', 'achieved'],
      ['tech_contract_turnover', 'achieved'],
    ]);
    const folded = page.locator('table[data-table="folded-targets"] tbody tr');
    expect(await folded.count()).toBe(51);
    expect(await text(page.locator('#folded-heading'))).toBe('暂无数据或无法评估的目标 51 项');
    // A qualitative task with nothing recorded reads 未录入, not 不适用; each row links to its target.
    const oneCity = page.locator('table[data-table="folded-targets"] tr[data-indicator="one_city_three_bases_completed"]');
    expect(await oneCity.getAttribute('data-status')).toBe('not_assessable');
    expect(await text(oneCity.locator('.pstatus__label'))).toBe('未录入');
    expect(await text(oneCity.locator('td').first())).toBe('2017年前完成');
    expect(await oneCity.locator('th a').getAttribute('href')).toBe('/targets/9');
    await page.locator('#folded-heading').scrollIntoViewIfNeeded();
    await screenshot(page, 'plan-lvliang-folded-zh');
    // A verdict given as of a year after the target year says why.
    expect(await text(page.getByRole('article').first().locator('.verdict__year'))).toBe(
      '评估年份 2021年 · 目标年2020年已过，按该年数据评估',
    );

    // The legend is the filter: 未达成, then 进展有限 as well; each a new entry in the history.
    await page.locator('#progress-heading').scrollIntoViewIfNeeded();
    await legend(page, 'missed').click();
    await page.waitForURL(/\?status=missed$/);
    await page.locator('.filter-result__statuses').waitFor();
    expect((await cards(page)).map(([, status]) => status)).toEqual(['missed', 'missed', 'missed', 'missed']);
    expect(await folded.count()).toBe(0);
    expect(await text(page.locator('.filter-result'))).toBe('显示 4 项，共 59 项 · 进展状态：未达成 显示全部状态');
    expect(await legend(page, 'missed').getAttribute('aria-current')).toBe('true');
    await legend(page, 'limited').click();
    await page.waitForURL(/\?status=missed,limited$/);
    await page.locator('.filter-result__statuses', { hasText: '进展有限' }).waitFor();
    expect((await cards(page)).map(([, status]) => status)).toEqual(['missed', 'missed', 'missed', 'missed', 'limited']);
    await screenshot(page, 'plan-lvliang-filtered-zh');

    // Back and forward walk through the filters.
    await page.goBack();
    await page.waitForURL(/\?status=missed$/);
    await page.locator('.filter-result__statuses', { hasText: /^进展状态：未达成$/ }).waitFor();
    expect(await page.getByRole('article').count()).toBe(4);
    await page.goBack();
    await page.waitForURL(/\/plans\/lvliang-2014-2020$/);
    await page.locator('.filter-result').waitFor({ state: 'detached' });
    expect(await page.getByRole('article').count()).toBe(8);
    expect(await folded.count()).toBe(51);
    await page.goForward();
    await page.waitForURL(/\?status=missed$/);
    await page.locator('.filter-result__statuses').waitFor();
    expect(await page.getByRole('article').count()).toBe(4);
    // Clicking a selected status takes it away again.
    await legend(page, 'missed').click();
    await page.waitForURL(/\/plans\/lvliang-2014-2020$/);
    await page.locator('.filter-result').waitFor({ state: 'detached' });

    // A shared link: the targets without data only, in English; and the filters combine with the kind.
    await page.goto(`${server.url}/plans/lvliang-2014-2020?status=no_data&lang=en`);
    await folded.first().waitFor();
    expect(await page.getByRole('article').count()).toBe(0);
    expect(await folded.count()).toBe(47);
    expect(await text(page.locator('.filter-result'))).toBe('Showing 47 of 59 · Status: No data Show every status');
    await page.goto(`${server.url}/plans/lvliang-2014-2020?status=missed,moving_away&kind=share`);
    await page.getByRole('article').first().waitFor();
    expect(await cards(page)).toEqual([
      ['rd_intensity', 'missed'],
      ['st_progress_contribution', 'moving_away'],
    ]);
    await page.locator('.filter-result__clear').click();
    await page.waitForURL(/\?kind=share$/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
