import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchConsole } from '../helpers/browser.js';
import { startServer } from '../helpers/server.js';

// The plan page's unit filter (in the URL, Back undoes it) and a unit's page, against the seed's
// lead units of the Lüliang plan (003) and the traditional forms of the Panjin plan (004).

interface UnitJson {
  id: number;
  nameZh: string;
  nameEn: string;
}
interface UnitDetailJson extends UnitJson {
  targets: { targetId: number; role: string; plan: { slug: string }; result: { status: string } }[];
}

const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts');

let server: { url: string; close: () => Promise<void> };
let browser: Browser;

async function openPage(locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
  const page = await context.newPage();
  return { context, page, errors: watchConsole(page) };
}

async function api<T>(pathname: string): Promise<T> {
  const response = await fetch(`${server.url}${pathname}`);
  expect(response.ok).toBe(true);
  return (await response.json()) as T;
}

/** The ids of the targets the plan page shows: its cards and its folded rows. */
async function shownTargetIds(page: Page): Promise<number[]> {
  const cards = await page.locator('article.target-card h3[id^="target-"]').evaluateAll((hs) => hs.map((h) => h.id));
  const rows = await page.locator('tr[data-target-id]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-target-id')));
  return [...cards.map((id) => Number(id.replace('target-', ''))), ...rows.map(Number)].sort((a, b) => a - b);
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

describe('units in the browser', () => {
  it('filters the plan page by unit through the URL, Back undoing it, and opens the unit page', async () => {
    const units = await api<UnitJson[]>('/api/units?region=141100');
    const sti = units.find((u) => u.nameZh === '市科技局') as UnitJson;
    const detail = await api<UnitDetailJson>(`/api/units/${sti.id}`);
    const inPlan = detail.targets.filter((t) => t.plan.slug === 'lvliang-2014-2020').map((t) => t.targetId);
    expect(inPlan.length).toBeGreaterThan(3);

    const { context, page, errors } = await openPage();
    await page.goto(`${server.url}/plans/lvliang-2014-2020`);
    await page.locator('article.target-card').first().waitFor();
    await page.locator('.verdict, .target-card .verdict--pending').first().waitFor();
    const all = await shownTargetIds(page);
    expect(all.length).toBe(59);
    // A card names its lead units, each a link to the unit's page.
    const hasLead = page.locator('[data-target-units] [data-role="lead"]').first();
    await hasLead.waitFor();
    expect(await hasLead.locator('dt').textContent()).toBe('牵头单位');

    await page.getByLabel('按单位筛选').selectOption(String(sti.id));
    await page.waitForURL((url) => url.searchParams.get('unit') === String(sti.id));
    await page.locator('.filter-result__unit').waitFor();
    expect(await page.locator('.filter-result__unit').textContent()).toBe('市科技局牵头或负责的目标');
    await expect.poll(() => shownTargetIds(page)).toEqual([...inPlan].sort((a, b) => a - b));

    // Back undoes the filter; forward (a shared link) restores it from the URL alone.
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('unit'));
    await expect.poll(() => shownTargetIds(page)).toEqual(all);
    await page.goto(`${server.url}/plans/lvliang-2014-2020?unit=${sti.id}`);
    await expect.poll(() => shownTargetIds(page)).toEqual([...inPlan].sort((a, b) => a - b));
    expect(await page.getByLabel('按单位筛选').inputValue()).toBe(String(sti.id));
    await page
      .locator('article.target-card')
      .first()
      .screenshot({ path: path.join(ARTIFACTS, 'units-plan-card.png') });

    // The unit's page: its targets with the statuses the API gives, most urgent first.
    await page.locator(`a[data-unit-id="${sti.id}"]`).first().click();
    await page.waitForURL(`**/units/${sti.id}`);
    await page.getByRole('heading', { level: 1, name: '市科技局' }).waitFor();
    const rows = page.locator('table[data-table="unit-targets"] tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(detail.targets.length);
    const shown = await rows.evaluateAll((rs) =>
      rs.map((r) => [Number(r.getAttribute('data-target-id')), r.getAttribute('data-status')] as const),
    );
    expect(new Map(shown)).toEqual(new Map(detail.targets.map((t) => [t.targetId, t.result.status] as const)));
    expect(await rows.first().locator('td').nth(1).textContent()).toBe('牵头');
    await page.screenshot({ path: path.join(ARTIFACTS, 'units-unit-page.png') });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says the units in English, and keeps the traditional forms 004 prints', async () => {
    const { context, page, errors } = await openPage('en');
    await page.goto(`${server.url}/plans/panjin-2019-2021?lang=en`);
    const card = page.locator('article.target-card', { has: page.locator('[data-target-units] [data-role="responsible"]') });
    await card.first().waitFor();
    const units = card.first().locator('[data-target-units]');
    expect(await units.locator('[data-role="lead"] dt').textContent()).toBe('Lead units');
    expect(await units.locator('[data-role="responsible"] dt').textContent()).toBe('Responsible units');
    expect(await units.textContent()).toContain('County and district governments');
    expect(await units.textContent()).toContain('printed as “各縣區政府”');

    const panjin = await api<UnitJson[]>('/api/units?region=211100');
    const counties = panjin.find((u) => u.nameZh === '各县区政府') as UnitJson;
    await page.goto(`${server.url}/units/${counties.id}?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'County and district governments' }).waitFor();
    expect(await page.locator('.unit-page__aliases').textContent()).toBe('As the documents print it: 各縣區政府');
    expect(await page.locator('table[data-table="unit-targets"] tbody tr').first().locator('td').nth(1).textContent()).toBe(
      'Responsible',
    );
    expect(errors).toEqual([]);
    await context.close();
  });
});
