import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/connection.js';
import { launchBrowser } from '../helpers/browser.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { openAdminPage, openPage, signIn, signOut } from '../helpers/session.js';

// Sign-in, roles and accounts in a real browser against the real server in demo mode.

const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts');
const PLAN = '/plans/lvliang-2014-2020';
const XSS_NAME = '<img src=x onerror=alert(1)><script>alert(2)</script>';
const LOCKED = { name: 'locked-out', displayName: '锁定测试', role: 'viewer' as const, password: 'locked-out-password' };
const LEAVER = { name: 'leaver', displayName: '离职人员', role: 'viewer' as const, password: 'leaver-password' };
const FORGETFUL = {
  name: 'forgetful',
  displayName: '健忘的统计员',
  role: 'statistician' as const,
  regions: ['141100'],
  password: 'the-forgotten-password',
};

/** The browser's own report of an HTTP status the test provokes on purpose (a refused sign-in). */
const expectedStatus = (statuses: number[]) => (message: string) =>
  !statuses.some((s) => message.includes(`the server responded with a status of ${s}`));

/** A flow through several pages: generous, since the browser tests share two cores with others. */
const LONG_FLOW = 90_000;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer({ demo: true, users: [LOCKED, LEAVER, FORGETFUL] });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** The plan page with its cards drawn, scrolled through so every card's commentary has loaded. */
async function openPlan(page: Page): Promise<void> {
  await page.goto(`${server.url}${PLAN}`);
  await page.getByRole('article').first().waitFor();
  const cards = page.getByRole('article');
  const count = await cards.count();
  for (let i = 0; i < count; i += 8) await cards.nth(i).scrollIntoViewIfNeeded();
  await cards.nth(count - 1).scrollIntoViewIfNeeded();
  await page.waitForLoadState('networkidle');
}

describe('signing in', () => {
  it('says loudly on the sign-in page that this is a demo, and lists the demo accounts, in both languages', async () => {
    const { context, page, errors, dialogs } = await openPage(browser);
    await page.goto(`${server.url}/signin`);
    const banner = page.locator('.demo-banner');
    await banner.waitFor();
    expect(await page.getByRole('heading', { level: 2, name: '演示模式：不是正式系统' }).isVisible()).toBe(true);
    for (const account of ['demo-admin', 'demo-statistician', 'demo-viewer']) {
      expect(await banner.getByRole('rowheader', { name: account }).isVisible()).toBe(true);
    }
    expect(await banner.getByText('jindu-demo-statistician').isVisible()).toBe(true);
    expect(await page.title()).toBe('登录 · 进度 Jindu');
    await screenshot(page, 'signin-demo-zh');

    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Demo mode: not a real installation' }).waitFor();
    expect(await page.getByRole('heading', { level: 1, name: 'Sign in' }).isVisible()).toBe(true);
    expect(await page.getByLabel('User name').isVisible()).toBe(true);
    expect(await banner.getByRole('cell', { name: 'Statistician', exact: true }).isVisible()).toBe(true);
    await screenshot(page, 'signin-demo-en');
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('refuses a wrong password in Chinese, then signs in and shows the user and their role', async () => {
    const { context, page, errors, dialogs } = await openPage(browser);
    await page.goto(`${server.url}/signin?next=${encodeURIComponent(PLAN)}`);
    await page.getByLabel('用户名').fill('demo-statistician');
    await page.getByLabel('密码', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.trim()).toBe('用户名或密码错误。');
    // Focus moves to the message, so a screen reader reads it at once.
    expect(await alert.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(await page.getByLabel('密码', { exact: true }).inputValue()).toBe('');

    // A demo account's "use" button fills the form.
    await page
      .getByRole('row', { name: /demo-statistician/ })
      .getByRole('button', { name: '使用此账号' })
      .click();
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(`${server.url}${PLAN}`);
    const menu = page.locator('.user-menu__button');
    await menu.waitFor();
    expect(await menu.textContent()).toContain('演示统计员(吕梁)');
    expect(await menu.locator('.user-menu__role').textContent()).toContain('统计员');
    await menu.click();
    expect(await page.getByRole('link', { name: '修改密码' }).isVisible()).toBe(true);
    // Escape closes the menu and gives focus back to its button.
    await page.keyboard.press('Escape');
    expect(await page.getByRole('link', { name: '修改密码' }).isVisible()).toBe(false);
    expect(await menu.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(errors.filter(expectedStatus([401]))).toEqual([]);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('slows an account down after repeated failures and says for how long, in Chinese', async () => {
    const { context, page, errors } = await openPage(browser);
    await page.goto(`${server.url}/signin`);
    const alert = page.getByRole('alert');
    for (let attempt = 1; attempt <= 6; attempt++) {
      await page.getByLabel('用户名').fill(LOCKED.name);
      await page.getByLabel('密码', { exact: true }).fill(`wrong-${attempt}`);
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'POST'),
        page.getByRole('button', { name: '登录', exact: true }).click(),
      ]);
      await page.locator('button[type=submit]:not([disabled])').waitFor();
    }
    expect(await alert.getAttribute('data-error-code')).toBe('account_throttled');
    expect((await alert.textContent())?.trim()).toBe('该账号登录失败次数过多，请 1 分钟后再试。');
    expect(errors.filter(expectedStatus([401, 429]))).toEqual([]);
    await context.close();
  });
});

describe('write controls by role', () => {
  it(
    'shows a statistician the write controls of their region, and a viewer none',
    async () => {
      const { context, page, errors, dialogs } = await openPage(browser);
      await signIn(page, server.url, 'demo-statistician', 'jindu-demo-statistician');
      const nav = page.getByRole('navigation', { name: '主导航' });
      await nav.getByRole('button', { name: '数据填报' }).click();
      expect(await nav.getByRole('link', { name: '数据上传' }).isVisible()).toBe(true);
      expect(await nav.getByRole('link', { name: '待办' }).isVisible()).toBe(true);
      await nav.getByRole('button', { name: '数据填报' }).click();
      expect(await nav.getByRole('link', { name: '用户' }).count()).toBe(0);
      await openPlan(page);
      const enter = page.getByRole('button', { name: /^录入\/修改数据/ });
      const comment = page.getByRole('button', { name: '添加评注' });
      // Entry beside every figure: on the cards, and in the table of targets with nothing to judge yet
      // (their first figure is entered there); commentary on every card (the table's targets have
      // theirs on their own pages).
      expect(await enter.count()).toBeGreaterThanOrEqual(40);
      expect(await comment.count()).toBe(await page.getByRole('article').count());
      expect(await comment.count()).toBeGreaterThanOrEqual(8);
      expect(await page.getByRole('button', { name: /^历史/ }).count()).toBeGreaterThan(0);
      // Restoring is offered in a figure's history, too.
      await page.locator('[data-indicator=high_tech_firms]').first().getByRole('button', { name: /^历史/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      expect(await dialog.getByRole('heading', { level: 2 }).textContent()).toContain('修订历史');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      // Another region's plan: no write control at all.
      await page.goto(`${server.url}/plans/panjin-2019-2021`);
      await page.getByRole('article').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await enter.count()).toBe(0);
      expect(await comment.count()).toBe(0);
      await signOut(page);

      await signIn(page, server.url, 'demo-viewer', 'jindu-demo-viewer');
      expect(await page.locator('.user-menu__role').textContent()).toContain('查看者');
      expect(await nav.getByRole('link', { name: '数据上传' }).count()).toBe(0);
      await openPlan(page);
      expect(await enter.count()).toBe(0);
      expect(await comment.count()).toBe(0);
      // A viewer reads the history but cannot restore.
      await page.locator('[data-indicator=high_tech_firms]').first().getByRole('button', { name: /^历史/ }).click();
      await dialog.locator('.revision').first().waitFor();
      expect(await dialog.getByRole('button', { name: /恢复此版本/ }).count()).toBe(0);
      await page.keyboard.press('Escape');
      // Typing the address of a statisticians' page gets a plain refusal, not a broken page.
      await page.goto(`${server.url}/uploads`);
      await page.getByRole('heading', { level: 1, name: '没有权限' }).waitFor();
      expect(errors).toEqual([]);
      expect(dialogs).toEqual([]);
      await context.close();
    },
    LONG_FLOW,
  );
});

describe('accounts and the audit log', () => {
  it(
    'lets an administrator open an account whose name is a script: it stays text everywhere, and is on record',
    async () => {
      const { context, page, errors, dialogs } = await openPage(browser);
      await signIn(page, server.url, 'demo-admin', 'jindu-demo-admin');
      await openAdminPage(page, '用户');
      await page.getByRole('heading', { level: 1, name: '用户管理' }).waitFor();
      const form = page.locator('form.user-create');
      await form.getByLabel('登录名').fill('xss-statistician');
      await form.getByLabel('显示名称').fill(XSS_NAME);
      await form.getByLabel('角色').selectOption('statistician');
      await form.getByLabel('吕梁市').check();
      await form.getByLabel('初始密码').fill('xss-statistician-password');
      await form.getByRole('button', { name: '开设账号' }).click();
      await form.getByRole('status').waitFor();
      const row = page.locator('tr[data-user="xss-statistician"]');
      await row.waitFor();
      expect(await row.locator('.users-table__display').textContent()).toBe(XSS_NAME);
      expect(await row.locator('img').count()).toBe(0);
      expect(await row.textContent()).toContain('吕梁市');

      // Change the role and regions: a viewer has none.
      await row.getByRole('button', { name: /修改/ }).click();
      const editor = page.getByRole('form', { name: '修改账号 xss-statistician' });
      await editor.getByLabel('角色').selectOption('viewer');
      await editor.getByRole('button', { name: '保存' }).click();
      await editor.waitFor({ state: 'detached' });
      expect(await row.locator('td').nth(1).textContent()).toBe('查看者');

      // The account slowed down by the failed sign-ins above is let in again: its limits are lifted.
      const slowed = page.locator('tr[data-user="locked-out"]');
      await slowed.getByRole('button', { name: '解除登录限制 locked-out' }).click();
      await slowed.getByRole('status').waitFor();
      expect((await slowed.getByRole('status').textContent())?.trim()).toBe('已解除 locked-out 的登录限制。');

      // The audit log, searched by user and date, has the three writes, newest first, among the
      // administrator's sign-ins, each with the address it came from.
      await openAdminPage(page, '审计日志');
      await page.getByRole('heading', { level: 1, name: '审计日志' }).waitFor();
      const search = page.getByRole('search', { name: '查询审计日志' });
      await search.getByLabel('用户').selectOption('demo-admin');
      const today = new Date().toISOString().slice(0, 10);
      await search.getByLabel('起始日期').fill(today);
      await search.getByRole('button', { name: '查询' }).click();
      await page.waitForURL(/\/admin\/audit\?user=demo-admin&from=/);
      const writes = () =>
        page
          .locator('.audit-table tbody tr')
          .evaluateAll((rows) =>
            rows.map((r) => r.getAttribute('data-action')).filter((action) => !action?.startsWith('session.')),
          );
      await expect.poll(writes, { timeout: 10_000 }).toEqual(['user.unlock', 'user.update', 'user.create']);
      const signInRow = page.locator('.audit-table tr[data-action="session.sign_in"]').first();
      expect(await signInRow.locator('td').nth(2).textContent()).toMatch(/^登录 用户 #\d+$/);
      expect(await signInRow.locator('.audit-table__address').textContent()).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
      // The role change in words (角色 统计员 → 查看者), not the stored codes.
      const roleChange = page.locator('.audit-table tr[data-action="user.update"] .audit-change li', {
        has: page.locator('[data-field="role"]'),
      });
      expect((await roleChange.first().innerText()).replace(/\s+/g, ' ')).toBe('角色 统计员 → 查看者');
      expect(await page.locator('.audit-table img').count()).toBe(0);

      // Disabling an account: the list says so in words, and the account can no longer sign in.
      await openAdminPage(page, '用户');
      const leaver = page.locator('tr[data-user="leaver"]');
      await leaver.getByRole('button', { name: /修改/ }).click();
      const leaverForm = page.getByRole('form', { name: '修改账号 leaver' });
      await leaverForm.getByLabel('停用此账号').check();
      await leaverForm.getByRole('button', { name: '保存' }).click();
      await leaverForm.waitFor({ state: 'detached' });
      expect(await leaver.locator('.account-status').textContent()).toBe('已停用');
      await signOut(page);
      await page.goto(`${server.url}/signin`);
      await page.getByLabel('用户名').fill(LEAVER.name);
      await page.getByLabel('密码', { exact: true }).fill(LEAVER.password);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: '用户名或密码错误。' }).waitFor();

      // The new account signs in: its name in the header is the same literal text.
      await signIn(page, server.url, 'xss-statistician', 'xss-statistician-password');
      expect(await page.locator('.user-menu__name').textContent()).toBe(XSS_NAME);
      expect(await page.locator('.site-header img').count()).toBe(0);

      // The user changes the first password; the form says so.
      await page.locator('.user-menu__button').click();
      await page.getByRole('link', { name: '修改密码' }).click();
      await page.getByLabel('当前密码').fill('xss-statistician-password');
      await page.getByLabel('新密码', { exact: true }).fill('short');
      await page.getByLabel('再次输入新密码').fill('short');
      await page.getByRole('button', { name: '修改密码' }).click();
      await page.getByRole('alert').filter({ hasText: '新密码至少需要 10 个字符。' }).waitFor();
      await page.getByLabel('新密码', { exact: true }).fill('a-much-longer-password');
      await page.getByLabel('再次输入新密码').fill('a-much-longer-password');
      await page.getByRole('button', { name: '修改密码' }).click();
      await page.getByRole('status').filter({ hasText: '密码已修改。' }).waitFor();
      expect(errors.filter(expectedStatus([401]))).toEqual([]);
      expect(dialogs).toEqual([]);
      await context.close();
    },
    LONG_FLOW,
  );
});

describe('a forgotten password', () => {
  // After the audit test above, which counts the administrator's entries of today.
  it(
    'is reset by an administrator on the users page: the user’s session ends and the new password signs in',
    async () => {
      // The user is signed in somewhere (their own browser, or a thief's).
      const user = await openPage(browser);
      await signIn(user.page, server.url, FORGETFUL.name, FORGETFUL.password);

      const { context, page, errors, dialogs } = await openPage(browser);
      await signIn(page, server.url, 'demo-admin', 'jindu-demo-admin');
      await openAdminPage(page, '用户');
      await page.getByRole('heading', { level: 1, name: '用户管理' }).waitFor();
      // One's own row offers the password page (which asks for the current password), not a reset.
      const own = page.locator('tr[data-user="demo-admin"]');
      expect(await own.getByRole('link', { name: '修改自己的密码' }).getAttribute('href')).toBe('/account/password');
      expect(await own.getByRole('button', { name: /重置密码/ }).count()).toBe(0);

      const row = page.locator('tr[data-user="forgetful"]');
      const open = row.getByRole('button', { name: '重置密码 forgetful' });
      await open.click();
      expect(await open.getAttribute('aria-expanded')).toBe('true');
      const form = page.getByRole('form', { name: '重置账号 forgetful 的密码' });
      const field = form.getByLabel('新密码');
      expect(await field.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      expect(await field.getAttribute('type')).toBe('password');
      await field.fill('too-short');
      await form.getByRole('button', { name: '重置密码' }).click();
      expect((await form.getByRole('alert').textContent())?.trim()).toBe('新密码至少需要 10 个字符。');
      await field.fill('a-password-from-the-admin');
      await form.getByRole('button', { name: '重置密码' }).click();
      await form.getByRole('status').waitFor();
      expect((await form.getByRole('status').textContent())?.trim()).toBe('已重置 forgetful 的密码，其所有登录均已失效。');
      expect(await form.getByRole('alert').count()).toBe(0);
      expect(await field.inputValue()).toBe('');
      await screenshot(page, 'users-password-reset-zh');
      await form.getByRole('button', { name: '关闭' }).click();
      await form.waitFor({ state: 'detached' });

      // In English the control and its refusal read in English.
      await page.getByRole('link', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
      await row.getByRole('button', { name: 'Reset password forgetful' }).click();
      const formEn = page.getByRole('form', { name: 'Reset the password of forgetful' });
      await formEn.getByLabel('New password').fill('short');
      await formEn.getByRole('button', { name: 'Reset password' }).click();
      expect((await formEn.getByRole('alert').textContent())?.trim()).toBe('The new password needs at least 10 characters.');
      expect(errors).toEqual([]);
      expect(dialogs).toEqual([]);
      await context.close();

      // The user's session has ended: the page, reloaded, shows them signed out.
      await user.page.reload();
      await user.page.locator('.user-menu__signin').waitFor({ timeout: 10_000 });
      // The old password no longer signs in; the new one does.
      await user.page.goto(`${server.url}/signin`);
      await user.page.getByLabel('用户名').fill(FORGETFUL.name);
      await user.page.getByLabel('密码', { exact: true }).fill(FORGETFUL.password);
      await user.page.getByRole('button', { name: '登录', exact: true }).click();
      await user.page.getByRole('alert').filter({ hasText: '用户名或密码错误。' }).waitFor();
      await signIn(user.page, server.url, FORGETFUL.name, 'a-password-from-the-admin');
      expect(await user.page.locator('.user-menu__name').textContent()).toBe(FORGETFUL.displayName);
      expect(user.errors.filter(expectedStatus([401]))).toEqual([]);
      expect(user.dialogs).toEqual([]);
      await user.context.close();
    },
    LONG_FLOW,
  );
});

describe('when reading needs sign-in', () => {
  let closed: TestServer;
  beforeAll(async () => {
    closed = await startServer({
      publicRead: false,
      users: [{ name: 'reader', displayName: '读者', role: 'viewer', password: 'reader-password-1' }],
    });
  });
  afterAll(async () => {
    await closed?.close();
  });

  it(
    'takes a visitor to sign in and back, in their language, and says so when the session expires',
    async () => {
      const { context, page, errors, dialogs } = await openPage(browser);
      await page.goto(`${closed.url}${PLAN}?lang=en`);
      await page.waitForURL(/\/signin\?/);
      const url = new URL(page.url());
      expect(url.searchParams.get('next')).toBe(`${PLAN}?lang=en`);
      expect(url.searchParams.get('lang')).toBe('en');
      await page.getByText('Please sign in to see this page.').waitFor();
      expect(await page.locator('.demo-banner').count()).toBe(0);
      await page.getByLabel('User name').fill('reader');
      await page.getByLabel('Password', { exact: true }).fill('reader-password-1');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL(`${closed.url}${PLAN}?lang=en`);
      await page.getByRole('article').first().waitFor();

      // The session ends behind the page's back (as at its expiry): the next read answers
      // "session expired", and the app says so on the sign-in page, keeping the way back.
      const db = openDatabase(closed.dbPath);
      db.prepare('DELETE FROM sessions').run();
      db.close();
      await page.getByRole('link', { name: '中文' }).click();
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '规划文件' }).click();
      await page.waitForURL(/\/signin\?/);
      await page.getByText('登录已过期，请重新登录。').waitFor();
      expect(new URL(page.url()).searchParams.get('reason')).toBe('expired');
      expect(errors.filter(expectedStatus([401]))).toEqual([]);
      expect(dialogs).toEqual([]);
      await context.close();
    },
    LONG_FLOW,
  );
});
