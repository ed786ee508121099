import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { openPage, signIn, signOut } from '../helpers/session.js';

// Commentary on a target and year: written by a statistician of the region, read by everyone, with
// author and date; a script in a comment is shown as the text it is.

const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts');
const PLAN = '/plans/lvliang-2014-2020';
const STATISTICIAN = {
  name: 'lv-stat',
  displayName: '吕梁统计员',
  role: 'statistician' as const,
  regions: ['141100'],
  password: 'lv-stat-password',
};
const VIEWER = { name: 'reader', displayName: '读者', role: 'viewer' as const, password: 'reader-password' };
const BODY = '2020年受疫情影响，部分企业研发投入推迟。<img src=x onerror=alert(1)><script>alert(2)</script>';
const CORRECTED = '2020年受疫情影响，部分企业研发投入推迟到2021年。';

/** A flow through several pages: generous, since the browser tests share two cores with others. */
const LONG_FLOW = 90_000;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer({ users: [STATISTICIAN, VIEWER] });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const text = async (locator: Locator) => ((await locator.textContent()) ?? '').trim();

/** The card of the patents target, scrolled to, its commentary loaded. */
async function patentsCard(page: Page): Promise<Locator> {
  await page.goto(`${server.url}${PLAN}`);
  const card = page.locator('[data-indicator=valid_invention_patents]').first();
  await card.waitFor();
  await card.scrollIntoViewIfNeeded();
  await card.locator('.comments').waitFor({ state: 'attached' });
  await page.waitForLoadState('networkidle');
  return card;
}

/** How the page writes a day (the reader's time zone; the browser and the test share it). */
const day = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));

describe('commentary on a target', () => {
  it(
    'a statistician adds a comment: it shows with author and date, a script in it stays text; a viewer reads it without a form',
    async () => {
      const { context, page, errors, dialogs } = await openPage(browser);
      await signIn(page, server.url, STATISTICIAN.name, STATISTICIAN.password);
      let card = await patentsCard(page);
      expect(await text(card.locator('.comments__none'))).toBe('暂无评注。');
      await card.getByRole('button', { name: '添加评注' }).click();
      const form = card.locator('form.comment-form');
      // The text box has the focus as soon as the form opens.
      expect(await form.getByLabel('评注内容').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      await form.getByLabel('年份').selectOption('2020');
      await form.getByLabel('评注内容').fill(BODY);
      await form.getByRole('button', { name: '发表评注' }).click();
      await card.getByRole('status').filter({ hasText: '评注已发表。' }).waitFor();
      const comment = card.locator('.comment');
      expect(await comment.count()).toBe(1);
      expect(await text(comment.locator('.comment__body'))).toBe(BODY);
      expect(await comment.locator('img, script').count()).toBe(0);
      expect(await text(comment.locator('.comment__year'))).toBe('2020年');
      expect(await text(comment.locator('.comment__author'))).toBe('吕梁统计员');
      const at = await comment.locator('time').getAttribute('datetime');
      expect(at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(await text(comment.locator('time'))).toBe(day(at ?? ''));
      await page.screenshot({ path: path.join(ARTIFACTS, 'comment-added-zh.png') });

      // A correction replaces the comment; the old one stays in the audit log.
      await comment.getByRole('button', { name: /更正/ }).click();
      await card.getByLabel('更正后的评注').fill(CORRECTED);
      await card.getByRole('button', { name: '保存更正' }).click();
      await comment.locator('.comment__body', { hasText: CORRECTED }).waitFor();
      expect(await card.locator('.comment').count()).toBe(1);
      expect(await text(card.locator('.comment__edited'))).toContain('已更正');
      await signOut(page);

      await signIn(page, server.url, VIEWER.name, VIEWER.password);
      card = await patentsCard(page);
      expect(await text(card.locator('.comment__body'))).toBe(CORRECTED);
      expect(await text(card.locator('.comment__author'))).toBe('吕梁统计员');
      expect(await card.getByRole('button', { name: '添加评注' }).count()).toBe(0);
      expect(await card.getByRole('button', { name: /更正/ }).count()).toBe(0);
      expect(await card.locator('form').count()).toBe(0);
      // In English, the same comment with its author and the date.
      await page.getByRole('link', { name: 'English' }).click();
      await card.getByRole('heading', { name: /Commentary/ }).waitFor();
      expect(await text(card.locator('.comment__year'))).toBe('2020');

      // The target's own chart page shows the same comment under its own heading, and no form.
      const targetId = await card.locator('.comments').getAttribute('data-comments-for');
      expect(targetId).toMatch(/^\d+$/);
      await page.goto(`${server.url}/targets/${targetId}?lang=en`);
      const onChart = page.locator(`[data-comments-for="${targetId}"]`);
      await onChart.getByRole('heading', { level: 2, name: /Commentary/ }).waitFor();
      // Comments are fetched as the reader reaches them: the section sits below the verdict's notes.
      await onChart.scrollIntoViewIfNeeded();
      expect(await text(onChart.locator('.comment__body'))).toBe(CORRECTED);
      expect(await text(onChart.locator('.comment__author'))).toBe('吕梁统计员');
      expect(await onChart.locator('form, button').count()).toBe(0);
      await onChart.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS, 'comment-on-chart-en.png') });
      expect(errors).toEqual([]);
      expect(dialogs).toEqual([]);
      await context.close();
    },
    LONG_FLOW,
  );
});
