import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { openPage, signIn, signOut } from '../helpers/session.js';

// A whole collection round (issue 14): the administrator opens it; a reporter of 市科技局 fills three
// figures, one flagged as a 10⁴ slip and explained; a reviewer returns one and approves two; the
// published figures leaders read change only after approval; the reporter cannot approve their own;
// completeness reads 2 of 3.

const ADMIN = { name: 'round-admin', displayName: '市统计局管理员', role: 'admin' as const, password: 'round-admin-password' };
const REPORTER = {
  name: 'kjj-reporter',
  displayName: '市科技局填报员',
  role: 'reporter' as const,
  regions: ['141100'],
  unitZh: '市科技局',
  password: 'kjj-reporter-password',
};
const REVIEWER = {
  name: 'lv-reviewer',
  displayName: '吕梁审核员',
  role: 'reviewer' as const,
  regions: ['141100'],
  password: 'lv-reviewer-password',
};
const INDICATORS = ['high_tech_firms', 'tech_sme_count', 'industry_tech_alliances'];
const LONG_FLOW = 180_000;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ users: [ADMIN, REPORTER, REVIEWER], reviewRequired: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The published figure of 2020 (what leaders' pages, progress and reports read), or null. */
async function published2020(indicator: string): Promise<number | null> {
  const res = await fetch(`${server.url}/api/observations?region=141100&indicator=${indicator}`);
  const { observations } = (await res.json()) as { observations: { year: number; value: number | null }[] };
  return observations.find((o) => o.year === 2020)?.value ?? null;
}

const roundTotal = async (page: Page, roundId: number) => {
  await page.goto(`${server.url}/rounds/${roundId}`);
  return ((await page.getByTestId('round-total').textContent()) ?? '').trim();
};

describe('a whole collection round', () => {
  it(
    'is opened, filled, reviewed and complete to 2 of 3, published figures changing only on approval',
    async () => {
      const before = { firms: await published2020('high_tech_firms'), smes: await published2020('tech_sme_count') };
      expect(before.firms).toBe(62);

      // The administrator opens a round for Lüliang's 2020 figures, narrowed to three of 市科技局's.
      const admin = await openPage(browser);
      await signIn(admin.page, server.url, ADMIN.name, ADMIN.password, '/rounds');
      await admin.page.goto(`${server.url}/rounds`);
      await admin.page.getByLabel('地区（市）').selectOption('141100');
      await admin.page.getByLabel('数据年度').fill('2020');
      await admin.page.getByLabel('截止日期').fill('2099-03-31');
      await admin.page.getByLabel('只收集这些指标（可选）').selectOption(INDICATORS);
      await admin.page.getByRole('button', { name: '发起', exact: true }).click();
      const opened = admin.page.getByRole('link', { name: /已发起“2020年度数据填报”/ });
      await opened.waitFor();
      const roundId = Number((await opened.getAttribute('href'))?.match(/\/rounds\/(\d+)/)?.[1]);
      expect(roundId).toBeGreaterThan(0);
      expect(await roundTotal(admin.page, roundId)).toBe('已审核 0 / 应报 3');
      await admin.context.close();

      // The reporter of 市科技局 sees the three figures with last years' beside them, and fills them.
      const reporter = await openPage(browser);
      await signIn(reporter.page, server.url, REPORTER.name, REPORTER.password, '/todo');
      const page = reporter.page;
      await page.goto(`${server.url}/todo`);
      const firmsRow = page.locator('tr[data-indicator="high_tech_firms"]');
      await firmsRow.waitFor();
      // 2019's published 45 is beside the field.
      expect(await firmsRow.textContent()).toContain('45');
      await page.getByLabel('高新技术企业数(年末) 2020年数值').fill('620000'); // 62 typed in the wrong unit: a 10⁴ slip
      await page.getByLabel('科技型中小企业数 2020年数值').fill('120');
      await page.getByLabel('产业技术创新(战略)联盟数 2020年数值').fill('8');
      await page.getByRole('button', { name: '检查并预览' }).click();
      // The slip is flagged; it needs the reporter's explanation before the three can be submitted.
      const explanation = page.getByLabel(/情况说明（第\d+行）/);
      await explanation.first().waitFor();
      expect(await explanation.count()).toBe(1);
      await explanation.first().fill('已与高新技术企业认定名单核对（测试说明）');
      await page.getByRole('button', { name: /提交审核（3 项）/ }).click();
      await page
        .getByText(/等待审核|待审核/)
        .first()
        .waitFor();

      // Submitted is not published: what leaders read has not changed.
      expect(await published2020('high_tech_firms')).toBe(62);
      expect(await published2020('tech_sme_count')).toBe(before.smes);
      expect(await roundTotal(page, roundId)).toBe('已审核 0 / 应报 3');
      expect(await page.locator('tr[data-status="submitted"]').count()).toBe(3);

      // The reporter cannot approve their own figures: the queue is not theirs, and the API refuses.
      await page.goto(`${server.url}/review`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      const refused = await page.evaluate(async () => {
        const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
        const mine = (await (await fetch('/api/review/mine')).json()) as { submissions: { id: number }[] };
        const res = await fetch('/api/review/decisions', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify({ decision: 'approve', ids: mine.submissions.map((s) => s.id) }),
        });
        return res.status;
      });
      expect(refused).toBe(403);
      await signOut(page);
      await reporter.context.close();

      // The reviewer returns the slip with a reason and approves the other two.
      const reviewer = await openPage(browser);
      await signIn(reviewer.page, server.url, REVIEWER.name, REVIEWER.password, '/review');
      const queue = reviewer.page;
      await queue.goto(`${server.url}/review`);
      const slip = queue.locator('li.review-figure[data-indicator="high_tech_firms"]');
      await slip.waitFor();
      expect(await slip.locator('[data-field="explanation"]').textContent()).toContain('已与高新技术企业认定名单核对');
      await slip.getByRole('button', { name: '退回', exact: true }).click();
      await slip.getByLabel('退回理由').fill('数值约为上年的一万倍，请核实单位后重报');
      await slip.getByRole('button', { name: '确认退回' }).click();
      await slip.waitFor({ state: 'detached' });
      for (const indicator of ['tech_sme_count', 'industry_tech_alliances']) {
        const figure = queue.locator(`li.review-figure[data-indicator="${indicator}"]`);
        await figure.getByRole('button', { name: '通过', exact: true }).click();
        await figure.waitFor({ state: 'detached' });
      }

      // Approved figures are published; the returned one is not.
      expect(await published2020('tech_sme_count')).toBe(120);
      expect(await published2020('industry_tech_alliances')).toBe(8);
      expect(await published2020('high_tech_firms')).toBe(62);

      // Completeness reads 2 of 3, on the round's page and on the plan's.
      expect(await roundTotal(queue, roundId)).toBe('已审核 2 / 应报 3');
      const returned = queue.locator('tr[data-indicator="high_tech_firms"]');
      expect(await returned.getAttribute('data-status')).toBe('returned');
      expect(await returned.textContent()).toContain('数值约为上年的一万倍，请核实单位后重报');
      await queue.goto(`${server.url}/plans/lvliang-2014-2020`);
      expect(((await queue.getByTestId('plan-completeness').textContent()) ?? '').trim()).toContain(
        '2020年数据：已审核 2 / 应报 3',
      );
      await reviewer.context.close();
      expect([...admin.errors, ...reviewer.errors]).toEqual([]);
      // The one failure the reporter's browser saw is the refused approval of their own figures.
      expect(reporter.errors).toEqual(['Failed to load resource: the server responded with a status of 403 (Forbidden)']);
    },
    LONG_FLOW,
  );
});
