import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { openAdminPage, openPage, signIn } from '../helpers/session.js';

// An administrator adds a plan from a plan file on 规划文件管理: a broken file is refused with the
// path of each problem, in Chinese; a good one (with its source document) is added and linked.

const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts');
const ADMIN = { name: 'office-admin', displayName: '统计局管理员', role: 'admin' as const, password: 'office-admin-password' };
const VIEWER = { name: 'reader', displayName: '读者', role: 'viewer' as const, password: 'reader-password' };
const SOURCE_TEXT = '吕梁市科技局2020年工作要点\n全年新增高新技术企业15家，科技型中小企业评价入库达到80家。\n';
const PLAN = {
  slug: 'lvliang-2020-work-plan',
  sourceFile: 'lvliang-2020-work-plan.txt',
  kind: 'work_plan',
  titleZh: '吕梁市科技局2020年工作要点',
  titleEn: 'Lüliang S&T Bureau 2020 work plan',
  docNumber: null,
  issuerZh: '吕梁市科学技术局',
  issuerEn: 'Lüliang Science and Technology Bureau',
  issueDate: null,
  periodStart: 2020,
  periodEnd: 2020,
  status: 'expired',
  statusNoteZh: null,
  statusNoteEn: null,
  regionCode: '141100',
  noteZh: null,
  noteEn: null,
  targets: [
    {
      key: 'new-high-tech-firms-2020',
      indicator: 'new_high_tech_firms',
      type: 'level',
      value: 15,
      targetYear: 2020,
      comparator: 'at_least',
      clause: '全年新增高新技术企业15家',
    },
  ],
};
const LONG_FLOW = 90_000;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer({ users: [ADMIN, VIEWER] });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const text = async (locator: Locator) => ((await locator.textContent()) ?? '').trim();
const json = (name: string, value: unknown) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(JSON.stringify(value)),
});

describe('adding a plan from a plan file', () => {
  it(
    'refuses a broken file naming each path in Chinese, then adds a good one and links to its page',
    async () => {
      const { context, page } = await openPage(browser);
      await signIn(page, server.url, ADMIN.name, ADMIN.password, '/admin/plans');
      await openAdminPage(page, '规划管理');
      await page.getByRole('heading', { level: 1, name: '规划文件管理' }).waitFor();
      const form = page.getByRole('form', { name: '上传规划文件' });

      // Without the document, with an unknown indicator and a range the wrong way round.
      const broken = structuredClone(PLAN) as typeof PLAN & { targets: Record<string, unknown>[] };
      broken.targets.push({
        key: 'labs',
        indicator: 'no_such_indicator',
        type: 'range',
        valueMin: 5,
        valueMax: 2,
        targetYear: 2020,
        comparator: 'at_least',
        clause: '全年新增高新技术企业15家',
      });
      await form.getByLabel('规划文件（JSON）').setInputFiles(json('plan.json', broken));
      await form.getByRole('button', { name: '上传并添加规划' }).click();
      const alert = form.locator('[data-plan-problems]');
      await alert.waitFor();
      // No document stored under that name: said first, before anything else is checked.
      expect(await text(alert.locator('li'))).toBe('「sourceText」：尚未存储该原文，请一并上传原文文件。');

      await form
        .getByLabel('原文（.txt，原样保存）')
        .setInputFiles({ name: 'lvliang-2020-work-plan.txt', mimeType: 'text/plain', buffer: Buffer.from(SOURCE_TEXT) });
      await form.getByRole('button', { name: '上传并添加规划' }).click();
      await expect.poll(async () => alert.locator('li').count(), { timeout: 10_000 }).toBe(2);
      expect(await alert.locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-path')))).toEqual([
        'targets[1].indicator',
        'targets[1].valueMin',
      ]);
      expect(await text(alert.locator('li').nth(0))).toContain('「targets[1].indicator」：指标代码不存在。');
      expect(await text(alert.locator('li').nth(1))).toContain('「targets[1].valueMin」：区间下限不能大于上限。');
      await page.screenshot({ path: path.join(ARTIFACTS, 'plan-upload-refused.png'), fullPage: true });
      // The administrator's navigation fits on one line at 1366 px: the admin pages sit behind one 管理 button.
      const nav = await page
        .getByRole('navigation', { name: '主导航' })
        .locator(':scope > ul > li')
        .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
      expect(new Set(nav).size).toBe(1);

      // Nothing was added.
      expect((await fetch(`${server.url}/api/plans/${PLAN.slug}`)).status).toBe(404);

      // The good file: added, and linked.
      await form.getByLabel('规划文件（JSON）').setInputFiles(json('plan.json', PLAN));
      await form.getByRole('button', { name: '上传并添加规划' }).click();
      const ok = form.getByRole('status');
      await ok.waitFor();
      expect(await text(ok)).toContain('规划已添加，共 1 项目标');
      await ok.getByRole('link', { name: /吕梁市科技局2020年工作要点/ }).click();
      await page.getByRole('heading', { level: 1, name: PLAN.titleZh }).waitFor();
      expect(page.url()).toBe(`${server.url}/plans/${PLAN.slug}`);
      await page.locator('blockquote', { hasText: '全年新增高新技术企业15家' }).first().waitFor();
      await context.close();
    },
    LONG_FLOW,
  );

  it('is not offered to a viewer, and the page refuses one', async () => {
    const { context, page } = await openPage(browser);
    await signIn(page, server.url, VIEWER.name, VIEWER.password);
    expect(await page.getByRole('link', { name: '规划管理' }).count()).toBe(0);
    await page.goto(`${server.url}/admin/plans`);
    await page.locator('main').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('form', { name: '上传规划文件' }).count()).toBe(0);
    await context.close();
  });
});
