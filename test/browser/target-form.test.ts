import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { openPage, signIn } from '../helpers/session.js';

// An administrator, in Chinese, adds a target with a base, an interim milestone and a lead unit to a
// seed plan on its page (refused first for a milestone after the target year, the row named), sees
// it on the plan page, corrects its value from the same page, sees the new value, and finds both the
// addition and the correction in the target's history.

const ADMIN = { name: 'form-admin', displayName: '目标管理员', role: 'admin' as const, password: 'form-admin-password' };
const PLAN = 'panjin-2019-2021';
const KEY = 'high-tech-firms-total-2021';
const CLAUSE = '高新技術企業總數達到140家';
const REASON = '按修订稿更正为150家';
const LONG_FLOW = 120_000;

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

const squeeze = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('the target forms on a plan page', () => {
  it(
    'adds a target with a milestone, sees it, corrects its value and sees the new value',
    async () => {
      const { context, page, errors, dialogs } = await openPage(browser);
      await signIn(page, server.url, ADMIN.name, ADMIN.password, `/plans/${PLAN}`);
      const manage = page.locator('section.plan-edit');
      await manage.getByRole('heading', { name: '管理本规划' }).waitFor();

      // Added: a base, a milestone (first after the target year: refused, its row named), a lead unit.
      await manage.locator('summary', { hasText: '添加目标' }).click();
      const form = manage.locator('form[data-form=add-target]');
      await form.getByLabel('目标键').fill(KEY);
      await form.getByLabel('指标', { exact: true }).selectOption('high_tech_firms');
      await form.getByLabel('目标值').fill('140');
      await form.getByLabel('目标年份').fill('2021');
      await form.getByLabel('基期年').fill('2018');
      await form.getByLabel('基数').fill('96');
      await form.getByLabel('原文条款', { exact: true }).fill(CLAUSE);
      await form.getByRole('button', { name: '添加阶段节点' }).click();
      await form.getByLabel('阶段节点 1 · 年份').fill('2022');
      await form.getByLabel('阶段节点 1 · 数值').fill('120');
      await form.getByLabel('阶段节点 1 · 原文条款').fill(CLAUSE);
      await form.getByRole('button', { name: '添加一个单位' }).click();
      await form.getByLabel('单位 1 · 单位').selectOption({ label: '市科技局' });
      await form.getByRole('button', { name: '添加目标' }).click();
      const alert = form.getByRole('alert');
      await alert.waitFor();
      expect(await squeeze(alert)).toBe('「阶段节点 1 · 年份」：目标年须晚于该目标的所有阶段节点。');
      expect(await alert.getAttribute('data-field')).toBe('milestones[0].year');
      expect(await form.getByLabel('阶段节点 1 · 年份').getAttribute('aria-invalid')).toBe('true');

      await form.getByLabel('阶段节点 1 · 年份').fill('2020');
      await form.getByRole('button', { name: '添加目标' }).click();
      await form.getByText('已添加目标。').waitFor({ timeout: 20_000 });

      // On the plan page: its card, with its base, milestone and lead unit.
      const card = page
        .locator('article.target-card[data-indicator=high_tech_firms]')
        .filter({ has: page.locator('ul.milestones') });
      await card.waitFor({ timeout: 20_000 });
      const cardText = await squeeze(card);
      expect(cardText).toContain('140');
      expect(cardText).toContain('2020');
      expect(cardText).toContain('120');
      expect(cardText).toContain('96');
      expect(cardText).toContain('市科技局');
      const plan = (await (await page.request.get(`${server.url}/api/plans/${PLAN}`)).json()) as {
        targets: { id: number; key: string; value: number }[];
      };
      const id = plan.targets.find((t) => t.key === KEY)?.id;
      expect(id).toBeGreaterThan(0);

      // Corrected from the same page: the target chosen from the plan's list, its value changed.
      await manage.locator('summary', { hasText: '更正目标' }).click();
      const correct = manage.locator('[data-form=correct-target]');
      await correct.getByLabel('要更正的目标').selectOption(String(id));
      const editor = correct.locator(`details.target-edit[data-target-edit="${id}"] form`);
      await editor.waitFor();
      expect(await editor.getByLabel('阶段节点 1 · 数值').inputValue()).toBe('120');
      await editor.getByLabel('目标值', { exact: true }).fill('150');
      await editor.getByLabel('修改理由').fill(REASON);
      await editor.getByRole('button', { name: '保存修改' }).click();
      await editor.getByRole('status').filter({ hasText: '目标已修改' }).waitFor({ timeout: 20_000 });

      // The new value on the plan page's card, the old one gone from it.
      await expect
        .poll(async () => (await squeeze(card.locator('.target-facts__goal dd'))).includes('150'), { timeout: 20_000 })
        .toBe(true);
      expect(await squeeze(card.locator('.target-facts__goal dd'))).not.toContain('140');

      // The target's history: the correction (140 → 150, with its reason) above the addition.
      await page.goto(`${server.url}/targets/${id}`);
      const history = page.locator('details.target-history');
      await history.locator('summary').click();
      const entries = history.locator('.target-history__entry');
      await entries.nth(1).waitFor();
      expect(await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).toEqual(['update', 'create']);
      expect(await squeeze(entries.first().locator('.target-history__reason'))).toContain(REASON);
      expect(await entries.first().locator('tr[data-field=value] td').allTextContents()).toEqual(['140', '150']);
      expect(await squeeze(entries.nth(1).locator('.target-history__meta'))).toContain(`${ADMIN.displayName} 添加于`);
      expect(await squeeze(entries.nth(1).locator('tr[data-field=milestones] td').nth(1))).toBe('2020年：120');

      // The one 400 is the refused milestone above; nothing else went wrong.
      expect(errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
      expect(dialogs).toEqual([]);
      await context.close();
    },
    LONG_FLOW,
  );
});
