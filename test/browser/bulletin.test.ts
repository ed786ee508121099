import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { openPage, signIn } from '../helpers/session.js';

// A statistician pastes a paragraph of Lüliang's bulletin: three figures are found, each with its
// sentence, the growth rates apart; one is left unticked, the two others previewed and committed on
// the ordinary preview page, and the target page shows the new figure with its sentence as the quote.

const STATISTICIAN = {
  name: 'lv-bulletin',
  displayName: '吕梁统计员',
  role: 'statistician' as const,
  regions: ['141100'],
  password: 'lv-bulletin-password',
};
const TITLE = '吕梁市2020年国民经济和社会发展统计公报';
const FIRMS = '2020年末全市高新技术企业达到66家，比上年增长46.7%';
const RD = '全年研究与试验发展(R&D)经费投入强度为0.73%，比上年提高0.06个百分点';
const PARAGRAPH = `${FIRMS}。${RD}。全市专利授权量512件。`;
const LONG_FLOW = 90_000;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ users: [STATISTICIAN] });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const squeeze = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('figures from a statistical bulletin', () => {
  it(
    'pastes a paragraph, commits two of its three figures, and shows one on its target page with its sentence',
    async () => {
      const { context, page, errors, dialogs } = await openPage(browser);
      await signIn(page, server.url, STATISTICIAN.name, STATISTICIAN.password, '/uploads');
      await page.getByRole('link', { name: '粘贴公报段落' }).click();
      await page.getByRole('heading', { level: 1, name: '从统计公报粘贴' }).waitFor();

      await page.getByLabel('数据年份').fill('2020');
      await page.getByLabel('口径').selectOption('final');
      await page.getByLabel('公报名称').fill(TITLE);
      await page.getByLabel('公报段落').fill(PARAGRAPH);
      await page.getByRole('button', { name: '查找数据' }).click();

      const proposals = page.locator('[data-proposal]');
      await proposals.first().waitFor();
      expect(await proposals.evaluateAll((els) => els.map((el) => el.getAttribute('data-indicator')))).toEqual([
        'high_tech_firms',
        'rd_intensity',
        'patent_grants',
      ]);
      const firms = page.locator('[data-indicator=high_tech_firms]');
      expect(squeeze(await firms.locator('blockquote').textContent())).toBe(`引文 ${FIRMS}`);
      expect(squeeze(await firms.locator('.bulletin-proposal__value').textContent())).toBe('66 家');
      // The growth rate is shown apart, never as the value.
      expect(squeeze(await firms.locator('[data-changes]').textContent())).toBe(
        '增长情况（仅显示，不作为数值）：比上年增长46.7%',
      );
      expect(squeeze(await page.locator('[data-indicator=rd_intensity] [data-changes]').textContent())).toMatch(
        /比上年提高0\.06个百分点$/,
      );

      await page.locator('[data-indicator=patent_grants] input[type=checkbox]').uncheck();
      await page.getByRole('button', { name: '预览所选数据' }).click();

      // The ordinary preview, then the commit.
      await page.getByRole('heading', { level: 1, name: `预览：${TITLE}` }).waitFor({ timeout: 20_000 });
      expect(squeeze(await page.locator('[data-summary=error] dd').textContent())).toBe('0');
      await page.getByRole('button', { name: /^提交（2 项）/ }).click();
      await page.getByText('已写入 2 项数据。').waitFor();

      // The target page: the 2020 figure, its source and its sentence.
      const plan = (await (await fetch(`${server.url}/api/plans/lvliang-2014-2020`)).json()) as {
        targets: { id: number; key: string }[];
      };
      const target = plan.targets.find((t) => t.key === 'high-tech-firms-2020');
      expect(target).toBeDefined();
      await page.goto(`${server.url}/targets/${target?.id}`);
      const row = page.locator('.target-data tr[data-year="2020"]');
      await row.waitFor({ timeout: 20_000 });
      expect(squeeze(await row.locator('td').first().textContent())).toMatch(/^66/);
      expect(squeeze(await row.locator('[data-source]').textContent())).toBe(`${TITLE}${FIRMS}`);
      expect(squeeze(await row.locator('[data-quote]').textContent())).toBe(FIRMS);

      // The R&D figure was written too, and the patent grants were not.
      const rd = (await (await fetch(`${server.url}/api/observations?region=141100&indicator=rd_intensity`)).json()) as {
        observations: { year: number; value: number; quote: string | null; isSample: boolean }[];
      };
      expect(rd.observations.find((o) => o.year === 2020)).toMatchObject({ value: 0.73, quote: RD, isSample: false });
      const grants = (await (await fetch(`${server.url}/api/observations?region=141100&indicator=patent_grants`)).json()) as {
        observations: { year: number }[];
      };
      expect(grants.observations.some((o) => o.year === 2020)).toBe(false);

      expect(errors).toEqual([]);
      expect(dialogs).toEqual([]);
      await context.close();
    },
    LONG_FLOW,
  );
});
