import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { openPage, signIn, signOut } from '../helpers/session.js';

// An administrator corrects a target on its page and sees the new target and the history entry; a
// viewer sees the history but no edit form.

const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts');
const ADMIN = { name: 'office-admin', displayName: '统计局管理员', role: 'admin' as const, password: 'office-admin-password' };
const VIEWER = { name: 'reader', displayName: '读者', role: 'viewer' as const, password: 'reader-password' };
const REASON = '按市统计局核定口径更正(测试)';
const LONG_FLOW = 90_000;

let server: TestServer;
let browser: Browser;
let targetId = 0;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer({ users: [ADMIN, VIEWER] });
  browser = await launchBrowser();
  const plan = (await (await fetch(`${server.url}/api/plans/lvliang-2014-2020`)).json()) as {
    targets: { id: number; key: string }[];
  };
  targetId = plan.targets.find((t) => t.key === 'rd-intensity-2020')?.id ?? 0;
  expect(targetId).toBeGreaterThan(0);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const text = async (locator: Locator) => ((await locator.textContent()) ?? '').trim();

describe('correcting a target on its page', () => {
  it(
    'an administrator is told which field is wrong, saves a correction, and sees the new target and the history entry; a viewer sees the history only',
    async () => {
      const { context, page, errors } = await openPage(browser);
      await signIn(page, server.url, ADMIN.name, ADMIN.password, `/targets/${targetId}`);
      await page.goto(`${server.url}/targets/${targetId}`);
      const goal = page.locator('.target-head__goal-text');
      await goal.waitFor();
      expect(await text(goal)).toContain('2.5');
      await page.locator('[data-status]').first().waitFor();
      const statusBefore = await text(page.locator('.target-verdict [data-status]').first());

      // The form, closed until asked for; the clause may be re-quoted (checked verbatim by the server).
      const edit = page.locator('details.target-edit');
      await edit.locator('summary', { hasText: '编辑目标' }).click();
      const form = edit.locator('form');
      expect(await form.getByLabel('原文条款', { exact: true }).inputValue()).toContain('研究与试验发展');

      // A target year before the plan's period: refused by the server, said in Chinese, naming the field.
      await form.getByLabel('目标年', { exact: true }).fill('2010');
      await form.getByLabel('修改理由').fill(REASON);
      await form.getByRole('button', { name: '保存修改' }).click();
      const alert = form.getByRole('alert');
      await alert.waitFor();
      expect(await text(alert)).toBe('「目标年」：目标年不能早于规划期的起始年。');
      expect(await form.getByLabel('目标年', { exact: true }).getAttribute('aria-invalid')).toBe('true');

      // Without a reason: said before anything is sent.
      await form.getByLabel('目标年', { exact: true }).fill('2020');
      await form.getByLabel('目标值', { exact: true }).fill('0.7');
      await form.getByLabel('修改理由').fill('');
      await form.getByRole('button', { name: '保存修改' }).click();
      expect(await text(form.getByRole('alert'))).toBe('「修改理由」：请说明修改理由。');

      await form.getByLabel('修改理由').fill(REASON);
      await form.getByRole('button', { name: '保存修改' }).click();
      await form.getByRole('status').filter({ hasText: '目标已修改' }).waitFor();

      // The head of the page shows the new target, and the verdict is judged against it.
      await expect.poll(async () => text(goal), { timeout: 10_000 }).toContain('0.7');
      expect(await text(goal)).not.toContain('2.5');
      await expect
        .poll(async () => text(page.locator('.target-verdict [data-status]').first()), { timeout: 10_000 })
        .not.toBe(statusBefore);

      // The history: who, why, before → after.
      const history = page.locator('details.target-history');
      await history.locator('summary').click();
      const entry = history.locator('.target-history__entry');
      await entry.first().waitFor();
      expect(await entry.count()).toBe(1);
      expect(await text(entry.locator('.target-history__meta'))).toContain(ADMIN.displayName);
      expect(await text(entry.locator('.target-history__reason'))).toContain(REASON);
      const valueRow = entry.locator('tr[data-field=value] td');
      expect(await valueRow.allTextContents()).toEqual(['2.5', '0.7']);
      await page.screenshot({ path: path.join(ARTIFACTS, 'target-correction-admin.png'), fullPage: true });

      // A viewer: the history, and no edit form.
      await signOut(page);
      await signIn(page, server.url, VIEWER.name, VIEWER.password, `/targets/${targetId}`);
      await page.goto(`${server.url}/targets/${targetId}?lang=en`);
      await page.locator('.target-head__goal-text').waitFor();
      const viewerHistory = page.locator('details.target-history');
      await viewerHistory.locator('summary', { hasText: 'Change history' }).click();
      await viewerHistory.locator('.target-history__entry').first().waitFor();
      expect(await text(viewerHistory.locator('.target-history__reason'))).toContain(REASON);
      expect(await text(viewerHistory.locator('tr[data-field=value] th'))).toBe('Target value');
      expect(await page.locator('details.target-edit').count()).toBe(0);
      expect(await page.getByText('Edit target').count()).toBe(0);

      // The one refusal above is the browser's only complaint (Chromium logs every 4xx it receives).
      expect(errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
      await context.close();
    },
    LONG_FLOW,
  );
});
