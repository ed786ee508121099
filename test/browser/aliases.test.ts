import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { openPage, signIn } from '../helpers/session.js';

// Issue 12, point 3: an administrator keeps the catalogue's other names of an indicator on the
// 指标别名 page, in both languages; a name that another indicator has is refused, in words.

const ADMIN = { name: 'alias-admin', displayName: '别名管理员', role: 'admin' as const, password: 'alias-admin-password' };

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ users: [ADMIN] });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const text = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('the indicator aliases page', () => {
  it('lists the seeded aliases, adds one, refuses a name another indicator has, and removes one', async () => {
    const { context, page, errors } = await openPage(browser);
    await signIn(page, server.url, ADMIN.name, ADMIN.password);
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.getByRole('button', { name: '管理' }).click();
    await nav.getByRole('link', { name: '指标别名', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '指标别名' }).waitFor();

    const firms = page.locator('tr[data-indicator=high_tech_firms]');
    expect(await firms.locator('[data-alias]').evaluateAll((items) => items.map((i) => i.getAttribute('data-alias')))).toEqual([
      '高新技术企业',
      '高新技术企业数量',
      '国家高新技术企业数',
      '高企',
      '高企数量',
      'high-tech enterprises',
      'high-tech firms',
    ]);

    // Added to 科技型中小企业数, and shown in its row.
    await page.getByLabel('指标', { exact: true }).selectOption('tech_sme_count');
    await page.getByLabel('别名', { exact: true }).fill('科技小巨人');
    await page.getByRole('button', { name: '添加别名' }).click();
    await page.getByRole('status').getByText('已添加别名“科技小巨人”').waitFor();
    await page.locator('tr[data-indicator=tech_sme_count] [data-alias="科技小巨人"]').waitFor();

    // R&D经费 already means R&D expenditure: refused, saying which indicator has it.
    await page.getByLabel('指标', { exact: true }).selectOption('high_tech_firms');
    await page.getByLabel('别名', { exact: true }).fill('R&D经费');
    await page.getByRole('button', { name: '添加别名' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await text(alert)).toBe(
      '“R&D经费”已经是另一个指标“R&D经费支出”（rd_expenditure）的名称或别名，同一个名称不能指两个指标',
    );

    // The search narrows the table; the alias is removed with its own button.
    await page.getByLabel('查找指标或别名').fill('小巨人');
    expect(await page.locator('tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: '删除别名“科技小巨人”' }).click();
    await page.locator('[data-alias="科技小巨人"]').waitFor({ state: 'detached' });
    await page.getByLabel('查找指标或别名').fill('');
    expect(
      await page
        .locator('tr[data-indicator=tech_sme_count] [data-alias]')
        .evaluateAll((items) => items.map((i) => i.getAttribute('data-alias'))),
    ).toEqual(['科技型中小企业', '科技型中小企业数量']);

    // The same page in English.
    await page.goto(`${server.url}/admin/indicators?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Indicator aliases' }).waitFor();
    await page.getByLabel('Alias', { exact: true }).fill('GDP');
    await page.getByLabel('Indicator', { exact: true }).selectOption('rd_expenditure');
    await page.getByRole('button', { name: 'Add alias' }).click();
    await page.getByRole('alert').waitFor();
    expect(await text(page.getByRole('alert'))).toBe(
      '“GDP” is already a name or alias of another indicator, “Gross regional product (GDP)” (gdp); one name cannot mean two indicators',
    );
    expect(errors.filter((e) => !e.includes('409'))).toEqual([]);
    await context.close();
  }, 90_000);
});
