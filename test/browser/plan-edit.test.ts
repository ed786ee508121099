import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { openPage, signIn } from '../helpers/session.js';

// An administrator edits a saved plan on its page: downloads its plan file, adds a target (refused
// first for a clause that is not verbatim, named in Chinese), retires it on its own page with a
// reason, and finds it folded among the plan's retired targets, labelled 已撤销.

const ADMIN = { name: 'plan-admin', displayName: '规划管理员', role: 'admin' as const, password: 'plan-admin-password' };
const PLAN = 'panjin-2019-2021';
const CLAUSE = '高新技術企業總數達到140家';
const LONG_FLOW = 90_000;

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

const squeeze = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
const planJson = async () =>
  (await (await fetch(`${server.url}/api/plans/${PLAN}`)).json()) as {
    targetCount: number;
    targets: { id: number; key: string }[];
    retiredTargets: { id: number; key: string; retired: { reason: string } }[];
  };

describe('editing a saved plan', () => {
  it(
    'downloads the plan file, adds a target, retires it, and finds it among the retired targets',
    async () => {
      const before = await planJson();
      const { context, page, errors, dialogs } = await openPage(browser);
      await signIn(page, server.url, ADMIN.name, ADMIN.password, `/plans/${PLAN}`);
      const manage = page.locator('section.plan-edit');
      await manage.getByRole('heading', { name: '管理本规划' }).waitFor();

      // The plan file: a download link the signed-in administrator can fetch.
      const link = manage.getByRole('link', { name: '下载规划文件（JSON）' });
      expect(await link.getAttribute('href')).toBe(`/api/plans/${PLAN}/file`);
      const file = await page.request.get(`${server.url}/api/plans/${PLAN}/file`);
      expect(file.status()).toBe(200);
      expect((await file.json()).slug).toBe(PLAN);
      expect(await manage.getByRole('link', { name: '导入规划文件' }).getAttribute('href')).toBe('/admin/plans');

      // A target added: refused first, its clause not verbatim, then added.
      await manage.locator('summary', { hasText: '添加目标' }).click();
      const form = manage.locator('form[data-form=add-target]');
      await form.getByLabel('目标键').fill('high-tech-firms-total-2021');
      await form.getByLabel('指标', { exact: true }).selectOption('high_tech_firms');
      await form.getByLabel('目标值').fill('140');
      await form.getByLabel('目标年份').fill('2021');
      await form.getByLabel('原文条款').fill('高新技術企業總數達到150家');
      await form.getByRole('button', { name: '添加目标' }).click();
      const alert = form.getByRole('alert');
      await alert.waitFor();
      expect(squeeze(await alert.textContent())).toBe('「原文条款」：条款不是原文的逐字引文。');
      expect(await alert.getAttribute('data-field')).toBe('clause');
      await form.getByLabel('原文条款').fill(CLAUSE);
      await form.getByRole('button', { name: '添加目标' }).click();
      await form.getByText('已添加目标。').waitFor();
      const added = await planJson();
      expect(added.targetCount).toBe(before.targetCount + 1);
      const id = added.targets.find((t) => t.key === 'high-tech-firms-total-2021')?.id;
      expect(id).toBeGreaterThan(0);

      // Retired on its own page, with a reason: the page says so.
      await page.goto(`${server.url}/targets/${id}`);
      await page.locator('summary', { hasText: '撤销目标' }).click();
      const retire = page.locator('form[data-form=retire-target]');
      await retire.getByLabel('撤销原因').fill('与任务一中的目标重复');
      await retire.getByRole('button', { name: '撤销此目标' }).click();
      const banner = page.locator('[data-retired]');
      await banner.waitFor({ timeout: 20_000 });
      expect(squeeze(await banner.textContent())).toMatch(/^已撤销 此目标已于 .+ 由 plan-admin 撤销：与任务一中的目标重复。/);
      const retired = await planJson();
      expect(retired.targetCount).toBe(before.targetCount);
      expect(retired.retiredTargets.map((t) => [t.id, t.retired.reason])).toEqual([[id, '与任务一中的目标重复']]);

      // Folded on the plan page, linked to its page.
      await page.goto(`${server.url}/plans/${PLAN}`);
      const folded = page.locator('[data-retired-targets]');
      await folded.locator('summary').click();
      const row = folded.locator(`tr[data-target-id="${id}"]`);
      await row.waitFor();
      expect(squeeze(await row.textContent())).toContain('已撤销');
      expect(squeeze(await row.textContent())).toContain('与任务一中的目标重复');
      expect(await row.locator('a').getAttribute('href')).toBe(`/targets/${id}`);

      // The one 400 is the refused clause above; nothing else went wrong.
      expect(errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
      expect(dialogs).toEqual([]);
      await context.close();
    },
    LONG_FLOW,
  );
});
