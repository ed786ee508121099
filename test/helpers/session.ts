import type { Browser, BrowserContext, Page } from 'playwright-core';
import { watchConsole } from './browser.js';

/**
 * A fresh page for the write side's browser tests: 1366×768 (the screenshots' size), its console
 * watched, and every JavaScript dialog recorded, so a test can assert that no script a user typed
 * (a display name, a comment) ever ran.
 */
export async function openPage(
  browser: Browser,
  locale: 'zh-CN' | 'en' = 'zh-CN',
): Promise<{ context: BrowserContext; page: Page; errors: string[]; dialogs: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { context, page, errors: watchConsole(page), dialogs };
}

/** Signs in through the sign-in page (Chinese), and waits until the user menu shows the user. */
export async function signIn(page: Page, baseUrl: string, name: string, password: string, next = '/'): Promise<void> {
  await page.goto(`${baseUrl}/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel('用户名').fill(name);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.locator('.user-menu__button').waitFor({ timeout: 10_000 });
}

/** Signs out through the user menu; the app reloads its start page. */
export async function signOut(page: Page): Promise<void> {
  await page.locator('.user-menu__button').click();
  await page.getByRole('button', { name: /退出登录|Sign out/ }).click();
  await page.locator('.user-menu__signin').waitFor({ timeout: 10_000 });
}

/** Opens an administrator's page from the main navigation's 管理 group (links named in Chinese). */
export async function openAdminPage(page: Page, name: '规划管理' | '用户' | '审计日志'): Promise<void> {
  const nav = page.getByRole('navigation', { name: '主导航' });
  await nav.getByRole('button', { name: '管理' }).click();
  await nav.getByRole('link', { name, exact: true }).click();
}
