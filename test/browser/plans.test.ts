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
    // Each card states its status in words, and a plan whose source masks its years says so.
    expect(await page.getByText('已失效').count()).toBeGreaterThan(0);
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
    expect(await targets.count()).toBeGreaterThanOrEqual(40);
    const clause = page.getByText(KNOWN_CLAUSE, { exact: true });
    await expectVisible(clause);
    expect(await clause.evaluate((el) => el.closest('blockquote')?.getAttribute('lang'))).toBe('zh');
    await expectVisible(page.getByRole('heading', { level: 2, name: '量化目标' }));
    // Every sample figure the API returns carries a visible 示例数据 label.
    const detail = await api<PlanDetailJson>('/api/plans/lvliang-2014-2020');
    const samples = detail.targets.filter((t) => t.latestObservation?.isSample).length;
    expect(samples).toBeGreaterThan(0);
    // (A card shows the figure of the year judged, which may be a sample where the newest is not.)
    const shownSamples = await page.locator('.observation--sample').count();
    expect(shownSamples).toBeGreaterThanOrEqual(samples);
    expect(await page.locator('.observation--sample .observation__badges').getByText('示例数据', { exact: true }).count()).toBe(
      shownSamples,
    );
    // So does every verdict that rests on sample figures, on its status badge.
    const progress = await api<{ targets: { result: { basis: string | null } }[] }>('/api/plans/lvliang-2014-2020/progress');
    const onSample = progress.targets.filter((t) => t.result.basis === 'sample').length;
    expect(onSample).toBeGreaterThan(0);
    expect(await page.locator('.pstatus__basis').getByText('示例数据', { exact: true }).count()).toBe(onSample);
    expect(await page.getByText('暂无数据').count()).toBeGreaterThan(0);
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
    expect(
      await page.locator('.observation--sample .observation__badges').getByText('Sample data', { exact: true }).count(),
    ).toBe(shownSamples);
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
