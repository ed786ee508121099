import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDir } from '../../server/src/paths.js';
import { launchBrowser } from '../helpers/browser.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { openPage, signIn } from '../helpers/session.js';

// An administrator makes a plan from its text on 从文本新建规划 (/plans/new): pastes the Panjin
// document (seed/sources/004_*, traditional characters), accepts the R&D-share target, edits one
// value, rejects one it does not want, fills the English names, saves, and finds the plan on the
// dashboard's plan list and its page with the targets as accepted.

const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts');
const ADMIN = { name: 'office-admin', displayName: '统计局管理员', role: 'admin' as const, password: 'office-admin-password' };
const PANJIN = fs.readFileSync(
  path.join(seedDir, 'sources', fs.readdirSync(path.join(seedDir, 'sources')).find((f) => f.startsWith('004_')) as string),
  'utf8',
);
const LONG_FLOW = 120_000;
// A 2026–2030 Panjin plan with a quantity no catalogue indicator measures, led by a Panjin unit with
// a responsible unit Panjin's list does not have.
const FUTURE = [
  '盘锦市人民政府办公室关于印发盘锦市未来产业发展行动方案（2026—2030年）的通知',
  '盘政办发〔2026〕3号',
  '一、主要目标',
  '到2030年，全市智能网联汽车测试里程达到500万公里以上。（牵头单位：市科技局；责任单位：市未来产业办）',
  '',
].join('\n');

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer({ users: [ADMIN] });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const text = async (locator: Locator) => ((await locator.textContent()) ?? '').trim();

describe('a new plan from its text', () => {
  it(
    'proposes the Panjin targets; the administrator accepts, edits, rejects and saves; the plan is on the dashboard',
    async () => {
      const { context, page } = await openPage(browser);
      await signIn(page, server.url, ADMIN.name, ADMIN.password, '/plans/new');
      await page.getByRole('heading', { level: 1, name: '从文本新建规划' }).waitFor();
      await page.getByLabel('粘贴文本').fill(PANJIN);
      await page.getByRole('button', { name: '识别目标' }).click();
      const count = page.locator('[data-proposal-count]');
      await count.waitFor();
      expect(await count.getAttribute('data-proposal-count')).toBe('20');
      // every proposed clause is marked in the text
      expect(await page.locator('.new-plan__document mark').count()).toBeGreaterThanOrEqual(20);

      // Accept the R&D share: 2.6% by 2021.
      const rd = page.locator('li[data-indicator="rd_intensity"]');
      expect(await rd.locator('input[name="value"]').inputValue()).toBe('2.6');
      expect(await rd.locator('input[name="targetYear"]').inputValue()).toBe('2021');
      await rd.getByRole('button', { name: '接受' }).click();
      expect(await rd.getAttribute('data-decision')).toBe('accepted');

      // Edit one value: the administrator reads 140 high-tech firms as 150 (an edit accepts the row).
      const firms = page.locator('li[data-indicator="high_tech_firms"]');
      await firms.locator('input[name="value"]').fill('150');
      expect(await firms.getAttribute('data-decision')).toBe('accepted');
      expect(await text(firms.locator('.new-plan__state'))).toBe('已接受 · 已修改');

      // Reject one: the 50 projects of task 7, which the administrator counts in the 50 technologies.
      const projects = page.locator('li[data-indicator="core_tech_projects"]');
      await projects.getByRole('button', { name: '拒绝' }).click();
      expect(await projects.getAttribute('data-decision')).toBe('rejected');

      // The facts are prefilled from the text; the English names are the administrator's.
      const facts = page.getByRole('form', { name: '规划信息' });
      expect(await facts.locator('input[name="docNumber"]').inputValue()).toBe('盤政辦發〔2019〕29号');
      expect(await facts.locator('input[name="periodEnd"]').inputValue()).toBe('2021');
      expect(await facts.locator('select[name="regionCode"]').inputValue()).toBe('211100');
      await facts.locator('input[name="titleEn"]').fill('Panjin: S&T innovation and coordinated development (2019–2021)');
      await facts.locator('input[name="issuerEn"]').fill('General Office of the Panjin Municipal Government');
      await facts.locator('input[name="slug"]').fill('panjin-extracted');
      await page.screenshot({ path: path.join(ARTIFACTS, 'plan-extract.png'), fullPage: true });

      await facts.getByRole('button', { name: '保存规划（已接受 2 项目标）' }).click();
      const ok = facts.getByRole('status');
      await ok.waitFor();
      expect(await text(ok)).toContain('规划已添加，共 2 项目标');

      // On the dashboard: the plan list, then the plan's page with the targets as accepted.
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '规划' }).first().click();
      await expect
        .poll(async () => page.locator('a[href*="/plans/panjin-extracted"]').count(), { timeout: 10_000 })
        .toBeGreaterThan(0);
      await page.locator('a[href*="/plans/panjin-extracted"]').first().click();
      await page.locator('blockquote', { hasText: '比重達到2.6%以上' }).first().waitFor();
      await page.locator('blockquote', { hasText: '高新技術企業達到140家以上' }).first().waitFor();
      const plan = (await (
        await fetch(`${server.url}/api/plans/panjin-extracted`, {
          headers: { cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
        })
      ).json()) as {
        targets: { indicator: { code: string }; value: number | null }[];
      };
      expect(plan.targets.map((t) => [t.indicator.code, t.value])).toEqual([
        ['rd_intensity', 2.6],
        ['high_tech_firms', 150],
      ]);
      await context.close();
    },
    LONG_FLOW,
  );

  it(
    'a proposal with a new indicator: its definition edited on the row, the unmatched unit warned of, saved, the plan on the dashboard',
    async () => {
      const { context, page } = await openPage(browser);
      await signIn(page, server.url, ADMIN.name, ADMIN.password, '/plans/new');
      await page.getByLabel('粘贴文本').fill(FUTURE);
      await page.getByRole('button', { name: '识别目标' }).click();
      await page.locator('[data-proposal-count]').waitFor();

      // The new indicator's fields, prefilled from the proposal; the English ones are the administrator's.
      const row = page.locator('li', { has: page.locator('[data-new-indicator]') });
      const field = (name: string) => row.locator(`[name="newIndicator.${name}"]`);
      expect(await field('nameZh').inputValue()).toBe('智能网联汽车测试里程');
      expect(await field('unit').inputValue()).toBe('万公里');
      expect(await field('kind').inputValue()).toBe('stock');
      expect(await field('direction').inputValue()).toBe('up');
      expect(await text(row.locator('legend'))).toBe('新指标（保存规划时一并建立）');
      await field('nameEn').fill('Connected-vehicle test distance');
      await field('unitEn').fill('10,000 km');
      await field('code').fill('connected_vehicle_test_km');
      expect(await row.getAttribute('data-decision')).toBe('accepted');

      // 市科技局 is a Panjin unit; 市未来产业办 is not: warned of on the row and before saving.
      await row.locator('[data-unmatched-unit="市未来产业办"]').waitFor();
      expect(await row.locator('[data-unmatched-unit="市科技局"]').count()).toBe(0);
      const facts = page.getByRole('form', { name: '规划信息' });
      const warning = facts.locator('[data-unmatched-units]');
      await warning.waitFor();
      expect(await text(warning)).toContain('未匹配的单位：市未来产业办');

      await facts.locator('input[name="titleEn"]').fill('Panjin future industries (2026–2030)');
      await facts.locator('input[name="issuerZh"]').fill('盘锦市人民政府办公室');
      await facts.locator('input[name="issuerEn"]').fill('General Office of the Panjin Municipal Government');
      await facts.locator('input[name="slug"]').fill('panjin-future');
      // pasted text is named plan-<date>.txt, which the first test's document already has
      await facts.locator('input[name="sourceFile"]').fill('panjin-future.txt');
      await facts.getByRole('button', { name: '保存规划（已接受 1 项目标）' }).click();
      const ok = facts.getByRole('status');
      await ok.waitFor();
      expect(await text(ok)).toContain('规划已添加，共 1 项目标');

      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '规划' }).first().click();
      await expect
        .poll(async () => page.locator('a[href*="/plans/panjin-future"]').count(), { timeout: 10_000 })
        .toBeGreaterThan(0);
      await page.locator('a[href*="/plans/panjin-future"]').first().click();
      // No figure yet: the target is listed among those without data, by its new indicator's name.
      await page.getByRole('link', { name: '智能网联汽车测试里程' }).first().waitFor();
      await page.screenshot({ path: path.join(ARTIFACTS, 'plan-new-indicator.png'), fullPage: true });
      const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
      const plan = (await (await fetch(`${server.url}/api/plans/panjin-future`, { headers: { cookie } })).json()) as {
        targets: {
          indicator: { code: string; nameEn: string; unit: string };
          value: number;
          noteZh: string | null;
          units: { nameZh: string; role: string }[];
        }[];
      };
      expect(
        plan.targets.map((t) => [
          t.indicator.code,
          t.indicator.nameEn,
          t.indicator.unit,
          t.value,
          t.noteZh,
          t.units.map((u) => `${u.role} ${u.nameZh}`),
        ]),
      ).toEqual([
        [
          'connected_vehicle_test_km',
          'Connected-vehicle test distance',
          '万公里',
          500,
          '责任单位：市未来产业办',
          ['lead 市科技局'],
        ],
      ]);
      await context.close();
    },
    LONG_FLOW,
  );
});
