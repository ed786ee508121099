import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchConsole } from '../helpers/browser.js';
import { startServer } from '../helpers/server.js';

const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts');
const HEADLINES = ['rd_intensity', 'valid_invention_patents', 'high_tech_firms', 'tech_contract_turnover'];
/** A string only recharts carries: a script containing it is the chart library. */
const RECHARTS_MARK = 'recharts_measurement_span';
const RD_TITLE_ZH = '吕梁市R&D经费投入强度(R&D经费占地区生产总值比重)';

interface OverviewJson {
  plans: { plan: { slug: string; targetCount: number } }[];
  headlines: { indicator: { code: string }; target: { id: number } | null; result: { status: string } | null }[];
}
interface TargetProgressJson {
  result: { status: string; explanation: { zh: string; en: string }; projection: unknown[] };
  observations: { year: number }[];
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

/** A fresh page (fresh storage) at a laptop's or a tablet's size, its console and scripts watched. */
async function openPage(
  width = 1366,
  height = 768,
): Promise<{ context: BrowserContext; page: Page; errors: string[]; scripts: () => Promise<string[]> }> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchConsole(page);
  const bodies: Promise<string>[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('.js')) bodies.push(response.text().catch(() => ''));
  });
  return { context, page, errors, scripts: () => Promise.all(bodies) };
}

async function expectVisible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: 8_000 });
  expect(await locator.isVisible()).toBe(true);
}

async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });
}

async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

/**
 * Visible text with Chinese characters outside what is Chinese by nature: data values marked as such
 * (lang="zh…": the product's Chinese name, the "中文" toggle, Chinese source titles; data-source).
 */
async function chineseLabels(page: Page): Promise<string[]> {
  // A string, evaluated in the page (the tests compile without the DOM's types).
  return page.evaluate<string[]>(`(() => {
    const cjk = /[\\u3400-\\u9fff]/;
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const value = node.textContent || '';
      const element = node.parentElement;
      if (!element || !cjk.test(value)) continue;
      const marked = element.closest('[lang^="zh"]');
      if (marked && marked !== document.documentElement) continue;
      if (element.closest('[data-source], #recharts_measurement_span, title, desc')) continue;
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      found.push(value.trim());
    }
    return found;
  })()`);
}

function tile(page: Page, code: string): Locator {
  return page.locator(`[data-headline="${code}"]`);
}

/** The lowest bottom edge of the headline tiles, in the viewport's pixels: ≤ its height when all are above the fold. */
async function lowestTileBottom(page: Page): Promise<number> {
  const bottoms = await page.locator('.tile-grid > li').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().bottom));
  expect(bottoms).toHaveLength(4);
  return Math.max(...bottoms);
}

describe('the leaders’ dashboard in the browser', () => {
  it('opens on the region with the most targets: every headline tile and every plan, without the chart library', async () => {
    const { context, page, errors, scripts } = await openPage();
    const overview = await api<OverviewJson>('/api/regions/141100/overview');

    await page.goto(`${server.url}/`);
    // The default region (Lüliang: most targets) is written into the URL, so the view can be shared.
    await page.waitForURL(/\?region=141100$/);
    await expectVisible(page.getByRole('heading', { level: 1, name: '吕梁市科技规划进展' }));
    const tiles = page.locator('[data-headline]');
    await tiles.first().locator('[data-status]').waitFor();
    expect(await tiles.evaluateAll((els) => els.map((el) => el.getAttribute('data-headline')))).toEqual(HEADLINES);

    for (const headline of overview.headlines) {
      const t = tile(page, headline.indicator.code);
      await expectVisible(t);
      // Status in word and shape, the latest value, the target, a link to the target's chart.
      expect(await t.locator('[data-status]').getAttribute('data-status')).toBe(headline.result?.status);
      expect(await t.locator('[data-status] svg[data-icon]').count()).toBe(1);
      expect(await text(t.locator('.tile__number'))).toMatch(/^\d/);
      expect(await text(t.locator('.tile__year'))).toMatch(/^20\d\d年$/);
      expect(await t.locator('.badge--vintage').count()).toBe(1);
      expect(await t.getByText('目标', { exact: true }).count()).toBe(1);
      expect(await t.locator('a').getAttribute('href')).toBe(`/targets/${headline.target?.id}`);
    }
    // The misprinted R&D target is flagged on its tile; sample figures say so.
    expect(await text(tile(page, 'rd_intensity').locator('[data-flag="implausible_target"]'))).toBe(
      '目标值存疑：原文显示为 25%，疑为 2.5%',
    );
    // The latest patents figure is a sample one (its badge), and so is the verdict's basis (in the status).
    expect(
      await tile(page, 'valid_invention_patents').locator('.tile__badges').getByText('示例数据', { exact: true }).count(),
    ).toBe(1);
    expect(await text(tile(page, 'valid_invention_patents').locator('[data-status] .pstatus__basis'))).toBe('示例数据');
    // The high-tech firms tile shows the published 84 (2021) large, and names the figure its verdict
    // rests on: the sample 62 of the target year 2020, labelled.
    const firms = tile(page, 'high_tech_firms');
    expect(await text(firms.locator('.tile__number'))).toBe('84');
    expect(await firms.locator('[data-status]').getAttribute('data-status')).toBe('missed');
    expect(await firms.locator('.tile__judged').getAttribute('data-judged-year')).toBe('2020');
    expect(await text(firms.locator('.tile__judged dd'))).toMatch(/^62\s?家\s+2020年\s+示例数据$/);
    // The sparkline names its first and last years (the last: the target year, its marked point).
    expect(await tile(page, 'rd_intensity').locator('[data-spark-year]').allTextContents()).toEqual(['2013', '2020']);
    // What is missing is said: the R&D figures stop in 2021.
    expect(await text(tile(page, 'rd_intensity').locator('[data-gaps]'))).toBe('2022年起无数据');

    // A card per plan of the region, its counts as words, shapes and numbers.
    const cards = page.locator('[data-plan]');
    expect(await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-plan')))).toEqual(
      overview.plans.map((p) => p.plan.slug),
    );
    const first = cards.first();
    expect(await first.locator('.rollup-counts__item svg[data-icon]').count()).toBeGreaterThan(0);
    expect(await text(first.locator('.plan-rollup__judged'))).toBe('已评估 8 项，共 59 项');
    expect(await text(first.locator('.plan-rollup__score-value'))).toMatch(/^[+−]?\d/);

    // (The check used on the English pages finds the Chinese labels here: it is not vacuous.)
    expect((await chineseLabels(page)).length).toBeGreaterThan(20);

    // The overview draws no chart and loads no chart library.
    expect(await page.locator('.recharts-surface').count()).toBe(0);
    expect((await scripts()).some((body) => body.includes(RECHARTS_MARK))).toBe(false);
    expect(await page.evaluate("localStorage.getItem('jindu.lastRegion')")).toBe('141100');
    // Needs attention first, above the fold of a 1366 × 768 laptop: no Lüliang plan is in force, so the
    // targets missed or off course in the plan that ended last, furthest behind first, five of six.
    const attention = page.locator('section.attention');
    expect(await attention.getAttribute('data-attention-scope')).toBe('ended');
    expect(await text(attention.locator('.dash-section__hint'))).toBe(
      '吕梁市暂无执行中的规划。以下是最近结束的规划（国家创新驱动发展战略吕梁行动计划(2014-2020年)）中未达成或偏离进度的目标。',
    );
    const rows = attention.locator('.attention-item');
    const shown = () =>
      rows.evaluateAll((els) => els.map((el) => [el.getAttribute('data-target-id'), el.getAttribute('data-status')]));
    // Three rows, compact, and a toggle for the other two of the five.
    expect(await shown()).toEqual([
      ['1', 'missed'],
      ['5', 'missed'],
      ['4', 'missed'],
    ]);
    const toggle = attention.locator('.attention__toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await text(toggle)).toBe('显示全部 5 项');
    await toggle.click();
    expect(await shown()).toEqual([
      ['1', 'missed'],
      ['5', 'missed'],
      ['4', 'missed'],
      ['46', 'missed'],
      ['7', 'moving_away'],
    ]);
    expect(await text(toggle)).toBe('收起');
    await toggle.click();
    expect(await rows.count()).toBe(3);
    const rd = rows.first();
    expect(await text(rd.locator('.attention-item__name'))).toBe('R&D经费投入强度');
    expect(await rd.locator('.attention-item__name a').getAttribute('href')).toBe('/targets/1');
    expect(await text(rd.locator('[data-need]'))).toBe('目标年2020年已过');
    expect(await text(rd.locator('.attention-item__target'))).toBe('目标 2020年达到 ≥ 2.5%');
    expect(await text(rd.locator('.attention-item__figure'))).toMatch(/^判断依据 0\.71% 2020年\s*示例数据$/);
    expect(await text(rd.locator('[data-status] .pstatus__label'))).toBe('未达成');
    expect(await text(attention.locator('.attention__more > span'))).toBe('另有 1 项偏离进度的目标，见下方各规划。');
    const attentionBottom = await attention.evaluate((el) => el.getBoundingClientRect().bottom);
    expect(attentionBottom).toBeLessThanOrEqual(768);
    // The headline tiles follow, their row starting above the fold.
    const tileTops = await page.locator('.tile-grid > li').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top));
    expect(Math.max(...tileTops)).toBeLessThan(768);
    // Plan cards lead with how many targets are judged and the counts, off course first; the mean of
    // 8 of 59 is a note.
    expect(
      await first.locator('.rollup-counts__item').evaluateAll((els) => els.map((el) => el.getAttribute('data-status'))),
    ).toEqual(['missed', 'moving_away', 'limited', 'achieved', 'no_data', 'not_assessable']);
    expect(await first.locator('.rollup-counts__item[data-status="missed"] a').getAttribute('href')).toBe(
      '/plans/lvliang-2014-2020?status=missed',
    );
    expect(await first.locator('.plan-rollup__score').getAttribute('data-score-headline')).toBe('false');
    expect(
      await first.evaluate((el) => {
        const judged = el.querySelector('.plan-rollup__judged');
        const score = el.querySelector('.plan-rollup__score');
        // 4: Node.DOCUMENT_POSITION_FOLLOWING (the tests compile without the DOM's globals)
        return !!judged && !!score && (judged.compareDocumentPosition(score) & 4) === 4;
      }),
    ).toBe(true);
    await screenshot(page, 'dashboard-overview-zh');
    await screenshot(page, 'dashboard-overview-zh-full', true);

    // The plans list moved to /plans, and does not load the chart library either.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '规划文件' }).click();
    await page.waitForURL(/\/plans$/);
    await page.getByRole('list', { name: '规划文件列表' }).waitFor();
    expect((await scripts()).some((body) => body.includes(RECHARTS_MARK))).toBe(false);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('remembers the region last viewed, and works at a tablet’s 1024 × 768', async () => {
    const { context, page, errors } = await openPage(1024, 768);
    await page.goto(`${server.url}/?region=141100`);
    await page.locator('[data-headline] [data-status]').first().waitFor();
    const region = page.getByLabel('地区');
    await region.selectOption('211100');
    await page.waitForURL(/region=211100/);
    await expectVisible(page.getByRole('heading', { level: 1, name: '盘锦市科技规划进展' }));
    await tile(page, 'rd_intensity').locator('[data-status="missed"]').waitFor();
    // Panjin's plan sets no target for technology contract turnover: the tile says so.
    await expectVisible(tile(page, 'tech_contract_turnover').getByText('本地区规划未设此项目标'));
    await expectVisible(tile(page, 'tech_contract_turnover').getByText('暂无数据'));
    // The four tiles in one row on a tablet, nothing wider than the screen.
    const tops = await page.locator('[data-headline]').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top));
    expect(tops).toHaveLength(4);
    expect(new Set(tops).size).toBe(1);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1024);
    await screenshot(page, 'dashboard-overview-panjin-zh-1024');

    // Back to "/" without a region: the last one viewed.
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\?region=211100$/);
    await expectVisible(page.getByRole('heading', { level: 1, name: '盘锦市科技规划进展' }));

    // A region whose only plan has no targets says what is missing.
    await page.goto(`${server.url}/?region=140900`);
    await expectVisible(page.getByText('本文件无量化目标，仅有成果数据'));
    expect(await page.locator('[data-headline]').getByText('本地区规划未设此项目标').count()).toBe(4);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the needs-attention list above the fold of a 1024 × 768 tablet, and the four tiles within one screen, in Chinese and in English', async () => {
    const flagText = {
      zh: '目标值存疑：原文显示为 25%，疑为 2.5%',
      en: 'Implausible target: the source reads 25%, most likely 2.5%',
    };
    for (const lang of ['zh', 'en'] as const) {
      const { context, page, errors } = await openPage(1024, 768);
      await page.goto(`${server.url}/?region=141100${lang === 'en' ? '&lang=en' : ''}`);
      await page.locator('[data-headline] [data-status]').first().waitFor();
      // What needs attention first, inside the screen without scrolling.
      const attention = page.locator('section.attention');
      await attention.locator('.attention-item').first().waitFor();
      expect(await attention.evaluate((el) => el.getBoundingClientRect().bottom)).toBeLessThanOrEqual(768);
      // Then every tile, and the last line of each (the link to its chart), within one screen.
      await page.locator('#headlines-heading').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      expect(await lowestTileBottom(page)).toBeLessThanOrEqual(768);
      const boxes = await page.locator('.tile-grid > li').evaluateAll((els) =>
        els.map((el) => {
          const { top, left, bottom, right } = el.getBoundingClientRect();
          return { top, left, bottom, right };
        }),
      );
      const feet = await page
        .locator('[data-headline] .tile__more')
        .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().bottom));
      expect(boxes).toHaveLength(4);
      expect(feet).toHaveLength(4);
      for (const box of boxes) {
        expect(box.top).toBeGreaterThanOrEqual(0);
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.bottom).toBeLessThanOrEqual(768);
        expect(box.right).toBeLessThanOrEqual(1024);
      }
      for (const bottom of feet) expect(bottom).toBeLessThanOrEqual(768);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1024);
      // Nothing was dropped to make them fit: the misprint warning is there in full, with the figure,
      // its year and vintage, the target, the pace, the sparkline and the link on every tile.
      const flag = tile(page, 'rd_intensity').locator('[data-flag="implausible_target"]');
      await expectVisible(flag);
      expect(await text(flag)).toBe(flagText[lang]);
      for (const code of HEADLINES) {
        const t = tile(page, code);
        await expectVisible(t.locator('[data-status] svg[data-icon]'));
        await expectVisible(t.locator('.tile__number'));
        await expectVisible(t.locator('.tile__year'));
        await expectVisible(t.locator('.badge--vintage'));
        await expectVisible(t.locator('.tile__facts dd').first());
        // The pace, or, where the verdict rests on another figure than the one shown large, that figure.
        await expectVisible(t.locator('.tile__pace dd, .tile__judged dd'));
        await expectVisible(t.locator('svg.tile__spark'));
        await expectVisible(t.locator('a'));
      }
      await screenshot(page, `dashboard/overview-1024-${lang}`);

      // The chart of a target fits the tablet's width too, its tooltip included.
      await tile(page, 'rd_intensity').locator('a').click();
      const chart = page.locator('[data-chart="target-1"]');
      await chart.locator('path[data-point="observed"]').last().hover();
      await expectVisible(chart.locator('.chart-tooltip'));
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1024);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('opens an indicator from its tile: observed series, target, projection with band, table, tooltip, downloads', async () => {
    const { context, page, errors, scripts } = await openPage();
    const detail = await api<TargetProgressJson>('/api/targets/1/progress?asOf=2017');
    await page.goto(`${server.url}/?region=141100&asOf=2017`);
    const link = tile(page, 'rd_intensity').locator('a');
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('/targets/1?asOf=2017');
    // Keyboard: the tile's link takes focus and opens with Enter.
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/targets\/1\?asOf=2017$/);

    const chart = page.locator('[data-chart="target-1"]');
    await chart.locator('.recharts-surface').waitFor();
    // The observed series: one point a year 2013–2017 (the as-of year), all sample figures, hollow.
    const points = chart.locator('path[data-point="observed"]');
    expect(await points.evaluateAll((els) => els.map((el) => el.getAttribute('data-year')))).toEqual([
      '2013',
      '2014',
      '2015',
      '2016',
      '2017',
    ]);
    expect(await points.evaluateAll((els) => els.map((el) => [el.getAttribute('data-sample'), el.getAttribute('fill')]))).toEqual(
      Array(5).fill(['true', '#ffffff']),
    );
    expect(await chart.locator('path[data-series="observed"]').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);
    // The target, a marked point at 2020 and a line at its level, well above the figures.
    const target = chart.locator('[data-marker="target"]');
    expect(await target.count()).toBe(1);
    expect(await target.getAttribute('data-year')).toBe('2020');
    expect(await target.getAttribute('data-value')).toBe('2.5');
    expect(await chart.locator('[data-series="target-line"]').count()).toBe(1);
    const targetBox = await target.boundingBox();
    const pointBox = await points.last().boundingBox();
    expect((targetBox?.y ?? 0) + 10).toBeLessThan(pointBox?.y ?? 0);
    // The projection, dashed, to the target year; its band; the required path, dotted.
    expect(detail.result.projection.length).toBeGreaterThan(1);
    const projection = chart.locator('path[data-series="projection"]');
    expect(await projection.getAttribute('stroke-dasharray')).toBe('7 4');
    expect(await projection.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);
    expect(await chart.locator('path[data-series="band"]').getAttribute('d')).toMatch(/^M/);
    expect(await chart.locator('path[data-series="required"]').getAttribute('stroke-dasharray')).toBe('2 4');
    // Sample figures are labelled on the chart itself and in the legend.
    expect(await chart.locator('[data-sample-span]').count()).toBe(1);
    await expectVisible(chart.locator('[data-legend="sample"]'));
    await expectVisible(chart.getByText('空心点为示例数据：演示用数字，并非公开发布的数据。'));
    // Only this page brought the chart library.
    expect((await scripts()).some((body) => body.includes(RECHARTS_MARK))).toBe(true);

    // The same numbers as a table, and the engine's own sentence.
    const rows = page.locator('table[data-table="target"] tbody tr');
    expect(await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-year')))).toEqual([
      '2013',
      '2014',
      '2015',
      '2016',
      '2017',
      '2018',
      '2019',
      '2020',
    ]);
    expect(await text(rows.first().locator('td').first())).toBe('0.63%');
    expect(await text(page.locator('[data-explanation]'))).toBe(detail.result.explanation.zh);
    expect(await text(page.locator('.target-verdict [data-status] .pstatus__label'))).toBe('倒退');
    // The verdict rests on sample figures: the badge itself says so.
    expect(await page.locator('.target-verdict [data-status]').getAttribute('data-basis')).toBe('sample');
    expect(await text(page.locator('.target-verdict [data-status] .pstatus__basis'))).toBe('示例数据');
    await expectVisible(page.locator('.target-verdict [data-flag="implausible_target"]'));

    // The keyboard reaches the chart: focused, its arrow keys step through the years' tooltips.
    const tooltip = chart.locator('.chart-tooltip');
    await chart.locator('svg.recharts-surface').focus();
    await page.keyboard.press('ArrowRight');
    await expectVisible(tooltip);
    expect(await text(tooltip.locator('.chart-tooltip__title'))).toMatch(/^20\d\d年$/);
    await page.keyboard.press('Escape');

    // A tooltip per point: value, unit, vintage, sample and source.
    await points.last().hover();
    await expectVisible(tooltip);
    const tip = await text(tooltip);
    expect(tip).toContain('2017年');
    expect(tip).toContain('0.56%');
    expect(tip).toContain('示例数据 · 最终核实');
    // The seed's sample source, in the page's language only (issue 13).
    expect(tip).toContain('示例数据（演示用，并非公开发布）');
    expect(tip).not.toContain('sample, not published');
    await page.mouse.move(5, 5);

    await page.locator('.target-verdict').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'dashboard-chart-rd-zh');

    // Downloads: a PNG (with its signature, drawn at twice the size) and an SVG with title and labels.
    const [png] = await Promise.all([page.waitForEvent('download'), chart.getByRole('button', { name: '下载 PNG' }).click()]);
    expect(png.suggestedFilename()).toBe('吕梁市R-D经费投入强度-R-D经费占地区生产总值比重.png');
    const pngBytes = fs.readFileSync((await png.path()) as string);
    expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngBytes.readUInt32BE(16)).toBeGreaterThan(1500);
    fs.writeFileSync(path.join(ARTIFACTS, 'dashboard-chart-rd-zh-export.png'), pngBytes);
    const [svg] = await Promise.all([page.waitForEvent('download'), chart.getByRole('button', { name: '下载 SVG' }).click()]);
    expect(svg.suggestedFilename()).toBe('吕梁市R-D经费投入强度-R-D经费占地区生产总值比重.svg');
    const svgText = fs.readFileSync((await svg.path()) as string, 'utf8');
    expect(svgText).toContain(`<title>${RD_TITLE_ZH.replaceAll('&', '&amp;')}</title>`);
    expect(svgText).toContain('单位：%');
    expect(svgText).toContain('含示例数据：空心点为演示用数字，并非公开发布的数据');
    expect(svgText).toContain('来源：示例数据（演示用，并非公开发布）');
    expect(svgText).toContain('data-marker="target"');
    expect((svgText.match(/data-point="observed"/g) ?? []).length).toBe(5);
    fs.writeFileSync(path.join(ARTIFACTS, 'dashboard-chart-rd-zh-export.svg'), svgText);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches to English: every label changes, and a shared URL restores the same view', async () => {
    const { context, page, errors } = await openPage();
    await page.goto(`${server.url}/?region=141100&asOf=2017`);
    await page.locator('[data-headline] [data-status]').first().waitFor();
    const zhStatuses = await page
      .locator('[data-headline] [data-status]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-status')));

    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Headline indicators' }).waitFor();
    expect(page.url()).toBe(`${server.url}/?region=141100&asOf=2017&lang=en`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Lüliang: progress of the plans' }));
    expect(await page.locator('[data-headline] [data-status] .pstatus__label').allTextContents()).toEqual([
      'Moving away',
      'On track',
      'Limited progress',
      'Needs to accelerate',
    ]);
    expect(await text(tile(page, 'rd_intensity').locator('.tile__pace dd'))).toBe(
      '+0.65 percentage points a year needed 2017–2020',
    );
    expect(await chineseLabels(page)).toEqual([]);
    // As of 2017 the 2014–2020 plan was in force: its targets furthest behind, each with the pace it
    // still needs, above the fold.
    const attention = page.locator('section.attention');
    expect(await attention.getAttribute('data-attention-scope')).toBe('in_force');
    expect(await text(attention.locator('.dash-section__head h2'))).toBe('Needs attention');
    const rd = attention.locator('.attention-item[data-target-id="1"]');
    expect(await text(rd.locator('[data-status] .pstatus__label'))).toBe('Moving away');
    expect(await text(rd.locator('[data-need="pace"]'))).toBe('+0.65 percentage points a year needed 2017–2020');
    expect(await rd.locator('.attention-item__name a').getAttribute('href')).toBe('/targets/1?asOf=2017&lang=en');
    expect(await attention.evaluate((el) => el.getBoundingClientRect().bottom)).toBeLessThanOrEqual(768);
    await screenshot(page, 'dashboard-overview-en');

    // A shared link opens the same view in a fresh browser.
    const shared = page.url();
    const fresh = await openPage();
    await fresh.page.goto(shared);
    await fresh.page.locator('[data-headline] [data-status]').first().waitFor();
    expect(await fresh.page.locator('html').getAttribute('lang')).toBe('en');
    expect(await fresh.page.getByLabel('Region').inputValue()).toBe('141100');
    expect(await fresh.page.getByLabel('Figures up to').inputValue()).toBe('2017');
    expect(
      await fresh.page
        .locator('[data-headline] [data-status]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-status'))),
    ).toEqual(zhStatuses);
    expect(fresh.errors).toEqual([]);
    await fresh.context.close();

    // The chart page in English, from its tile.
    await tile(page, 'high_tech_firms').locator('a').click();
    await page.waitForURL(/\/targets\/4\?asOf=2017&lang=en$/);
    const chart = page.locator('[data-chart="target-4"]');
    await chart.locator('path[data-point="observed"]').first().waitFor();
    await expectVisible(
      page.getByRole('heading', { level: 1, name: 'High-tech enterprises (nationally certified), at year end' }),
    );
    expect(await text(page.locator('.target-verdict [data-status] .pstatus__label'))).toBe('Limited progress');
    expect(await text(page.locator('.target-verdict [data-status] .pstatus__basis'))).toBe('Sample');
    await expectVisible(chart.getByRole('button', { name: 'Download PNG' }));
    expect(await chart.locator('[data-legend]').allTextContents()).toEqual([
      'Observed',
      'Sample data (hollow)',
      'Required path',
      'Projection at the current trend',
      'Projection range',
      'Target',
    ]);
    // 2017 is Lüliang's one published count among the sample figures: drawn filled.
    expect(await chart.locator('path[data-point="observed"][data-year="2017"]').getAttribute('data-sample')).toBe('false');
    expect(await chineseLabels(page)).toEqual([]);
    await page.locator('.target-verdict').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'dashboard-chart-firms-en');

    // Reloading the shared chart URL restores it.
    const chartUrl = page.url();
    await page.reload();
    await chart.locator('path[data-point="observed"]').first().waitFor();
    expect(page.url()).toBe(chartUrl);
    expect(await page.getByLabel('Figures up to').inputValue()).toBe('2017');
    expect(await chart.locator('path[data-point="observed"]').count()).toBe(5);

    // And back to Chinese: the same chart, every label in Chinese again, the year kept.
    await page.getByRole('link', { name: '中文' }).click();
    await page.getByRole('heading', { level: 1, name: '高新技术企业数(年末)' }).waitFor();
    expect(page.url()).toBe(chartUrl.replace('&lang=en', ''));
    expect(await text(page.locator('.target-verdict [data-status] .pstatus__label'))).toBe('进展有限');
    expect(await chart.locator('[data-legend]').first().textContent()).toBe('实际值');
    await page.locator('.target-verdict').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'dashboard-chart-firms-zh-2017');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('draws the chart of the latest figures in Chinese, preliminary and sample points told apart', async () => {
    const { context, page, errors } = await openPage();
    await page.goto(`${server.url}/targets/4`);
    const chart = page.locator('[data-chart="target-4"]');
    await chart.locator('path[data-point="observed"]').first().waitFor();
    // 2021 is preliminary (a triangle, filled: published); the sample years are hollow circles.
    const last = chart.locator('path[data-point="observed"][data-year="2021"]');
    expect(await last.getAttribute('data-mark')).toBe('preliminary');
    expect(await last.getAttribute('data-sample')).toBe('false');
    expect(await chart.locator('path[data-point="observed"][data-year="2020"]').getAttribute('data-mark')).toBe('final');
    await expectVisible(chart.locator('[data-legend="preliminary"]'));
    // No projection once the target year has passed; the gap since is named.
    expect(await chart.locator('path[data-series="projection"]').getAttribute('d')).toBeFalsy();
    await expectVisible(page.locator('.target-explain [data-gaps]', { hasText: '2022年起无数据' }));
    await page.locator('.target-verdict').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'dashboard-chart-firms-zh');

    // A target without any figure says what is missing instead of drawing an empty chart.
    await page.goto(`${server.url}/targets/40`);
    const empty = page.locator('[data-empty="chart"]');
    await expectVisible(empty);
    const lastYear = new Date().getFullYear() - 1;
    expect(await text(empty.locator('[data-gaps]'))).toBe(`2014–${lastYear}年无数据`);
    // An unknown target is a 404 said in words (the browser logs the failed request itself).
    await page.goto(`${server.url}/targets/99999`);
    await expectVisible(page.getByRole('heading', { level: 1, name: '找不到这项目标' }));
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await context.close();
  });

  it('compares R&D intensity of Lüliang, Shanxi and the country, and the high-tech firm targets of two plans', async () => {
    const { context, page, errors } = await openPage();
    await page.goto(`${server.url}/compare`);
    await page.waitForURL(/\/compare\?regions=141100,140000,100000&indicator=rd_intensity$/);
    const chart = page.locator('[data-chart="compare-regions"]');
    await chart.locator('.recharts-surface').waitFor();
    await chart.locator('[data-series-label]').first().waitFor();
    expect(await chart.locator('[data-series-label]').allTextContents()).toEqual(['吕梁市', '山西省', '全国']);
    // The national figures: 2017 revised (a square), 2020 preliminary (a triangle).
    expect(await chart.locator('path[data-point="region_100000"][data-year="2017"]').getAttribute('data-mark')).toBe('revised');
    expect(await chart.locator('path[data-point="region_100000"][data-year="2020"]').getAttribute('data-mark')).toBe(
      'preliminary',
    );
    expect(await chart.locator('path[data-point="region_141100"][data-sample="true"]').count()).toBe(8);
    // The regions' targets on the chart: Lüliang's 2.5% by 2020, a star in Lüliang's colour, named in the legend.
    const goal = chart.locator('[data-marker="target"]');
    expect(await goal.count()).toBe(1);
    expect(await goal.getAttribute('data-series')).toBe('region_141100');
    expect([await goal.getAttribute('data-year'), await goal.getAttribute('data-value')]).toEqual(['2020', '2.5']);
    expect(await text(chart.locator('[data-legend="goal-1"]'))).toBe('目标：吕梁市 2020年达到 ≥ 2.5%');
    const headers = await page.locator('table[data-table="compare-regions"] thead th').allTextContents();
    expect(headers).toEqual(['年份', '吕梁市', '山西省', '全国']);
    await expectVisible(page.locator('[data-gaps]', { hasText: '山西省：缺2018、2019年数据' }));
    await screenshot(page, 'dashboard-compare-regions-zh', true);

    // Unticking a region changes the URL, and the chart.
    // (Clicked rather than unchecked: the box follows the URL, which changes a moment later.)
    await page.getByRole('checkbox', { name: '山西省' }).click();
    await page.waitForURL(/regions=141100,100000&/);
    await page.locator('[data-series-label="region_140000"]').waitFor({ state: 'detached' });

    // One region across plans: the new high-tech firms of the 2014–2020 plan and of the 2019 work plan.
    await page.getByRole('link', { name: '同一地区 · 不同规划' }).click();
    await page.waitForURL(/mode=plans&region=141100&indicator=new_high_tech_firms/);
    const targets = page.locator('.compare-target');
    await targets.first().waitFor();
    expect(await targets.count()).toBe(2);
    expect(await targets.locator('[data-status]').evaluateAll((els) => els.map((el) => el.getAttribute('data-status')))).toEqual([
      'missed',
      'achieved',
    ]);
    const plansChart = page.locator('[data-chart="compare-plans"]');
    await plansChart.locator('[data-marker="target"]').first().waitFor();
    expect(await plansChart.locator('[data-marker="target"]').count()).toBe(2);
    expect(await plansChart.locator('path[data-series^="path-"]').count()).toBe(2);
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'The targets in each plan' }).waitFor();
    expect(page.url()).toContain('mode=plans');
    expect(await chineseLabels(page)).toEqual([]);
    await screenshot(page, 'dashboard-compare-plans-en', true);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('links the plan page to each target’s chart and to the reports of the year on screen', async () => {
    const { context, page, errors } = await openPage();
    await page.goto(`${server.url}/plans/lvliang-2014-2020?asOf=2017&lang=en`);
    const downloads = page.getByRole('navigation', { name: /Download the progress report/ });
    await downloads.waitFor();
    expect(await downloads.locator('a').evaluateAll((els) => els.map((el) => el.getAttribute('href')))).toEqual([
      '/api/reports/plans/lvliang-2014-2020.pdf?asOf=2017&lang=en',
      '/api/reports/plans/lvliang-2014-2020.docx?asOf=2017&lang=en',
      '/api/reports/plans/lvliang-2014-2020.xlsx?asOf=2017&lang=en',
      '/api/reports/plans/lvliang-2014-2020.csv?asOf=2017&lang=en',
      '/api/reports/plans/lvliang-2014-2020.csv?asOf=2017&lang=en&encoding=gb18030',
    ]);
    const chartLink = page.locator('[data-chart-link="2"]');
    expect(await chartLink.getAttribute('href')).toBe('/targets/2?asOf=2017&lang=en');
    await chartLink.click();
    await page.waitForURL(/\/targets\/2\?asOf=2017&lang=en$/);
    await page.locator('[data-chart="target-2"] [data-marker="target"]').waitFor();
    // Back to the plan by the breadcrumb, in the same language.
    await page
      .getByRole('navigation', { name: 'Breadcrumb' })
      .getByRole('link', { name: /Lüliang Action Plan/ })
      .click();
    await page.waitForURL(/\/plans\/lvliang-2014-2020\?lang=en$/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
