import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/connection.js';
import { launchBrowser } from '../helpers/browser.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { openPage, signIn } from '../helpers/session.js';
import { latinRuns } from '../helpers/zhText.js';

// Review before publication (填报 → 审核 → 发布) in the browser, with review switched on: a reporter
// of Lüliang's 市科技局 uploads two figures, one flagged by the review rules (a 10⁴ unit slip) that
// must be explained before it can be submitted; Lüliang's reviewer sees the check beside the
// explanation, returns that one with a reason and approves the other; the reporter reads the reason
// and submits it again; the plan and target pages name who supplied and who approved the published
// figure; an administrator cannot approve a figure they submitted themselves.
//
// Account names are one Latin word each: two in a row would read as an English phrase on a Chinese page.

const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts');
const REPORTER = {
  name: 'lvrep',
  displayName: '吕梁科技局填报员',
  role: 'reporter' as const,
  regions: ['141100'],
  unit: '市科技局',
  password: 'lvrep-password-1',
};
const REVIEWER = {
  name: 'lvrev',
  displayName: '吕梁审核员',
  role: 'reviewer' as const,
  regions: ['141100'],
  password: 'lvrev-password-1',
};
const ADMIN = { name: 'boss', displayName: '管理员', role: 'admin' as const, password: 'boss-password-1' };

/** Lüliang 2022: high-tech firms (84 in 2021, unflagged) and R&D expenditure typed in 万元 where 亿元 belongs. */
const CSV = ['地区代码,指标代码,年份,数值', '141100,high_tech_firms,2022,92', '141100,rd_expenditure,2022,153000'].join('\r\n');
const OWN_CSV = ['地区代码,指标代码,年份,数值', '141100,high_tech_firms,2023,95'].join('\r\n');

const LONG_FLOW = 120_000;

let server: TestServer;
let browser: Browser;
let highTechTargetId = 0;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer({ reviewRequired: true, users: [REPORTER, REVIEWER, ADMIN] });
  browser = await launchBrowser();
  const db = openDatabase(server.dbPath);
  try {
    highTechTargetId = db
      .prepare(
        "SELECT t.id FROM targets t JOIN plans p ON p.id = t.plan_id WHERE p.slug = 'lvliang-2014-2020' AND t.indicator_code = 'high_tech_firms' LIMIT 1",
      )
      .pluck()
      .get() as number;
  } finally {
    db.close();
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A part's text, white space (the ideographic space too) squeezed to one space. */
const text = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

/**
 * The words of a Chinese page, or of one part of it (visible text, titles, labels, placeholders):
 * no English phrase among them.
 */
async function expectChineseOnly(page: Page, name: string, root = 'body'): Promise<void> {
  const words = (await page.evaluate(`(() => {
    const root = document.querySelector(${JSON.stringify(root)});
    const attributes = [...root.querySelectorAll('[title], [aria-label], [placeholder]')]
      .flatMap((el) => ['title', 'aria-label', 'placeholder'].map((a) => el.getAttribute(a) ?? ''));
    return [document.title, root.innerText, ...attributes].join('\\n');
  })()`)) as string;
  expect(latinRuns(words), `${name}: Latin-script runs on a Chinese page`).toEqual([]);
}

/** Uploads a CSV through the uploads page and waits for its preview. */
async function uploadCsv(page: Page, csv: string, fileName: string): Promise<void> {
  await page.goto(`${server.url}/uploads`);
  await page.getByRole('heading', { level: 1, name: '数据上传' }).waitFor();
  await page.getByLabel('或选择文件').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByLabel('默认口径').selectOption('final');
  await page.getByLabel('默认来源').fill('2022年吕梁市统计公报');
  await page.getByRole('button', { name: '上传并预览' }).click();
  await page.getByRole('heading', { level: 1, name: `预览：${fileName}` }).waitFor();
}

describe('review before publication', () => {
  it(
    'a flagged figure needs an explanation; the reviewer sees check and explanation, returns one and approves one; the reporter reads the reason; who supplied and approved is shown; nobody approves their own',
    async () => {
      // 1. The reporter's upload: the flagged row asks for an explanation, and nothing can be submitted without it.
      const reporter = await openPage(browser);
      const rp = reporter.page;
      await signIn(rp, server.url, REPORTER.name, REPORTER.password);
      const reporterNav = rp.getByRole('navigation', { name: '主导航' });
      // The reporter's pages are grouped under 数据填报.
      await reporterNav.getByRole('button', { name: '数据填报' }).click();
      await reporterNav.getByRole('link', { name: '我的填报' }).waitFor();
      await reporterNav.getByRole('button', { name: '数据填报' }).click();
      // Reporters do not review.
      expect(await reporterNav.getByRole('link', { name: /^数据审核/ }).count()).toBe(0);
      await uploadCsv(rp, CSV, '吕梁2022.csv');
      const explain = rp.getByLabel('情况说明（第3行）');
      await explain.waitFor();
      expect(await rp.getByLabel('情况说明（第2行）').count()).toBe(0);
      expect(await text(rp.locator('tr.pline[data-row="3"] .pline__issue'))).toContain('单位可能有误');
      const submit = rp.getByRole('button', { name: '提交审核（2 项）' });
      expect(await submit.isDisabled()).toBe(true);
      expect(await text(rp.locator('.commit-bar__text'))).toBe('还有 1 行未填写情况说明，不能提交。');
      await explain.fill('统计口径调整，已与统计局核对');
      expect(await submit.isDisabled()).toBe(false);
      // The part this feature adds (the file's facts above it name its encoding, as they always have).
      await expectChineseOnly(rp, 'review-upload-preview', '.commit-bar');
      await expectChineseOnly(rp, 'review-upload-rows', '.preview-view__table');
      await submit.click();
      await rp.getByText('已提交 2 项数据，待审核：审核通过后才发布。').waitFor();

      // Nothing is published yet: the plan page still shows 2021's 84.
      await rp.goto(`${server.url}/plans/lvliang-2014-2020`);
      const card = rp.locator('[data-indicator=high_tech_firms]').first();
      await card.locator('.observation__value').waitFor();
      expect(await text(card.locator('.observation__value'))).toMatch(/^84 家/);

      // My submissions: both pending.
      await reporterNav.getByRole('button', { name: '数据填报' }).click();
      await reporterNav.getByRole('link', { name: '我的填报' }).click();
      await rp.getByRole('heading', { level: 1, name: '我的填报' }).waitFor();
      await expect.poll(() => rp.locator('[data-section=pending] [data-submission]').count()).toBe(2);

      // 2. The reviewer: the count in the navigation, the check beside the explanation, what approval would change.
      const reviewer = await openPage(browser);
      const vp = reviewer.page;
      await signIn(vp, server.url, REVIEWER.name, REVIEWER.password);
      const reviewerNav = vp.getByRole('navigation', { name: '主导航' });
      await reviewerNav.getByRole('link', { name: '数据审核（2）' }).click();
      await vp.getByRole('heading', { level: 1, name: '数据审核' }).waitFor();
      const rd = vp.locator('.review-figure[data-indicator=rd_expenditure]');
      const firms = vp.locator('.review-figure[data-indicator=high_tech_firms]');
      await rd.waitFor();
      expect(await text(rd.locator('.review-figure__title'))).toBe('吕梁市 · R&D经费支出 · 2022年');
      expect(await text(rd.locator('[data-field=checks]'))).toContain('单位可能有误');
      expect(await text(rd.locator('[data-field=explanation] p'))).toBe('统计口径调整，已与统计局核对');
      expect(await text(firms.locator('[data-field=explanation] p'))).toBe('无');
      expect(await text(firms.locator('[data-field=value]'))).toBe('92 家');
      expect(await text(firms.locator('[data-field=previous]'))).toContain('2021年 84 家');
      await expectChineseOnly(vp, 'review-queue');

      // Returning needs a reason.
      await rd.getByRole('button', { name: '退回', exact: true }).click();
      await rd.getByRole('button', { name: '确认退回' }).click();
      await rd.getByText('退回须填写理由。').waitFor();
      await rd.getByLabel('退回理由').fill('数值单位应为亿元，请核对后重报');
      await rd.getByRole('button', { name: '确认退回' }).click();
      await vp.getByText('已退回 1 项，填报人会看到理由。').waitFor();
      await rd.waitFor({ state: 'detached' });
      await firms.getByRole('button', { name: '通过', exact: true }).click();
      await vp.getByText('已通过 1 项，数据已发布。').waitFor();
      await vp.getByText('没有待审核的数据。').waitFor();

      // 3. The reporter reads the reason, and submits the figure again corrected.
      await rp.reload();
      const returned = rp.locator('[data-section=returned] [data-submission]');
      await returned.first().waitFor();
      expect(await returned.count()).toBe(1);
      expect(await text(returned.locator('[data-field=reason]'))).toBe('数值单位应为亿元，请核对后重报');
      expect(await rp.locator('[data-section=approved] [data-submission]').count()).toBe(1);
      await expectChineseOnly(rp, 'review-mine');
      await returned.getByLabel('数值').fill('15.3');
      await returned.getByRole('button', { name: '重新提交' }).click();
      await expect.poll(() => rp.locator('[data-section=returned] [data-submission]').count()).toBe(0);
      await expect.poll(() => rp.locator('[data-section=pending] [data-submission]').count()).toBe(1);

      // 4. The published figure names who supplied and who approved it: plan page, history, target page.
      await rp.goto(`${server.url}/plans/lvliang-2014-2020`);
      await card.locator('.observation__value', { hasText: '92' }).waitFor();
      expect(await text(card.locator('.supplied-approved'))).toBe('填报：lvrep 审核：lvrev');
      await card.getByRole('button', { name: /^历史/ }).click();
      const dialog = rp.getByRole('dialog');
      await dialog.locator('.revision').first().waitFor();
      expect(await text(dialog.locator('.revision').first().locator('.supplied-approved'))).toBe('填报：lvrep 审核：lvrev');
      const events = dialog.locator('.submission-events li');
      expect(await events.count()).toBe(1);
      expect((await events.first().innerText()).replace(/\s+/g, ' ')).toMatch(/^lvrep 于 .* 提交 92 家 lvrev 于 .* 审核通过$/);
      await rp.keyboard.press('Escape');
      await rp.goto(`${server.url}/targets/${highTechTargetId}`);
      await rp.locator('.target-verdict').waitFor();
      expect(await text(rp.locator('.target-verdict .supplied-approved'))).toBe('2022年 填报：lvrep 审核：lvrev');
      await rp.goto(`${server.url}/targets/${highTechTargetId}?lang=en`);
      await rp.locator('.target-verdict .supplied-approved').waitFor();
      expect(await text(rp.locator('.target-verdict .supplied-approved'))).toMatch(/^2022 Supplied by lvrep, approved by lvrev$/);

      // 5. An administrator reviews every region, but not a figure they submitted themselves.
      const admin = await openPage(browser);
      const ap = admin.page;
      await signIn(ap, server.url, ADMIN.name, ADMIN.password);
      await uploadCsv(ap, OWN_CSV, '自报.csv');
      await ap.getByRole('button', { name: '提交审核（1 项）' }).click();
      await ap.getByText('已提交 1 项数据，待审核：审核通过后才发布。').waitFor();
      await ap.goto(`${server.url}/review`);
      const own = ap.locator('.review-figure[data-indicator=high_tech_firms]');
      await own.waitFor();
      expect(await text(own.locator('.field__hint'))).toBe('本人提交的数据须由其他审核人审核。');
      await own.getByRole('button', { name: '通过', exact: true }).click();
      expect(await text(own.getByRole('alert'))).toBe(
        '不能审核自己填报的数据（两人原则：填报人与审核人须为不同的人）；请由本地区的另一位审核人审核',
      );
      await ap.getByRole('link', { name: 'English' }).click();
      await ap.getByRole('heading', { level: 1, name: 'Review' }).waitFor();
      await own.getByRole('button', { name: 'Approve', exact: true }).click();
      await expect
        .poll(() => text(own.getByRole('alert')))
        .toMatch(/^You cannot approve or return figures you submitted yourself/);
      // Still pending: nothing was published.
      await rp.goto(`${server.url}/plans/lvliang-2014-2020`);
      await card.locator('.observation__value', { hasText: '92' }).waitFor();

      // 6. The audit log names the steps in both languages.
      await ap.goto(`${server.url}/admin/audit`);
      const actions = ap.locator('.audit-table tbody');
      await actions.waitFor();
      const logged = await text(actions);
      for (const label of ['提交审核', '审核退回', '审核通过', '修改后重新提交']) expect(logged).toContain(label);

      expect(reporter.errors).toEqual([]);
      expect(reviewer.errors).toEqual([]);
      // The refused approvals answer 403, which the browser logs as a failed resource; nothing else.
      expect(admin.errors.filter((e) => !e.includes('403'))).toEqual([]);
      await reporter.context.close();
      await reviewer.context.close();
      await admin.context.close();
    },
    LONG_FLOW,
  );
});
