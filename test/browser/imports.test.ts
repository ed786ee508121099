import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/connection.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { launchBrowser } from '../helpers/browser.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { openPage, signIn } from '../helpers/session.js';

// A statistician's upload, as it really happens: Excel's Chinese "Save as CSV" (GBK) with one bad
// row, the error read in Chinese, the file fixed and dropped again, committed, and the new figure
// and its history seen on the plan page.

const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts');
const PLAN = '/plans/lvliang-2014-2020';
const STATISTICIAN = {
  name: 'lv-stat',
  displayName: '吕梁统计员',
  role: 'statistician' as const,
  regions: ['141100'],
  password: 'lv-stat-password',
};

const HEADER = '地区,指标,年份,数值,单位,口径,来源,备注';
const FIRMS = '吕梁市,高新技术企业数,2021,86,家,最终核实,2021年吕梁市统计公报,';
const gbkCsv = (rdValue: string) =>
  iconv.encode([HEADER, FIRMS, `吕梁市,R&D经费投入强度,2021,${rdValue},%,最终核实,2021年吕梁市统计公报,`].join('\r\n'), 'gbk');

/** A flow through several pages: generous, since the browser tests share two cores with others. */
const LONG_FLOW = 90_000;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer({ users: [STATISTICIAN] });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });
}

const text = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
/** The text as rendered (blocks and cells apart), spaces squeezed. */
const seen = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
/** A table row's cells, one space between them. */
const rowText = async (row: Locator) => (await row.locator('th, td').allTextContents()).map((c) => c.trim()).join(' ');

/** Drops a file on the drop zone, as a drag from the file manager does. */
async function dropFile(page: Page, bytes: Uint8Array, name: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    `(() => { const dt = new DataTransfer(); dt.items.add(new File([new Uint8Array(${JSON.stringify([...bytes])})], ${JSON.stringify(name)}, { type: 'text/csv' })); return dt; })()`,
  );
  const zone = page.getByTestId('dropzone');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

/** The first card of an indicator on the plan page, and its figure's history dialog. */
async function openHistory(page: Page, indicator: string): Promise<Locator> {
  const card = page.locator(`[data-indicator=${indicator}]`).first();
  await card.getByRole('button', { name: /^(历史|History)/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('.revision').first().waitFor();
  return dialog;
}

describe('uploading figures', () => {
  it(
    'previews a GBK CSV with one bad row, refuses it, takes it fixed by drag-and-drop, commits, and shows the history',
    async () => {
      const { context, page, errors, dialogs } = await openPage(browser);
      await signIn(page, server.url, STATISTICIAN.name, STATISTICIAN.password);
      // A writing role's pages are grouped under 数据填报 in the navigation.
      const nav = page.getByRole('navigation', { name: '主导航' });
      await nav.getByRole('button', { name: '数据填报' }).click();
      await nav.getByRole('link', { name: '数据上传' }).click();
      await page.getByRole('heading', { level: 1, name: '数据上传' }).waitFor();
      // Templates for the statistician's own plan, in three forms.
      expect(await page.getByRole('link', { name: 'Excel 模板（.xlsx）' }).getAttribute('href')).toBe(
        '/api/plans/lvliang-2014-2020/template.xlsx?region=141100&lang=zh',
      );

      // 1. The file with a bad number ("2,6": a comma where a point belongs), through the file input.
      await page.getByLabel('或选择文件').setInputFiles({ name: '吕梁2021.csv', mimeType: 'text/csv', buffer: gbkCsv('"2,6"') });
      await page.getByText('已选择：吕梁2021.csv').waitFor();
      await page.getByLabel('默认口径').selectOption('final');
      await page.getByRole('button', { name: '上传并预览' }).click();
      await page.waitForURL(/\/uploads\/\d+$/);
      await page.getByRole('heading', { level: 1, name: '预览：吕梁2021.csv' }).waitFor();
      expect(await text(page.locator('.import-facts'))).toContain('gb18030');
      expect(await text(page.locator('[data-summary=error] dd'))).toBe('1');
      expect(await text(page.locator('[data-summary=changed] dd'))).toBe('1');
      const bad = page.locator('tr.pline[data-kind=error]');
      expect(await bad.count()).toBe(1);
      expect(await text(bad.locator('th'))).toBe('3');
      expect(await text(bad.locator('td').nth(0))).toBe('D');
      expect(await text(bad.locator('.pline__found'))).toBe('2,6');
      expect(await text(bad.locator('.line-kind'))).toBe('错误');
      // Chinese prose in full-width punctuation; the value quoted as found, its ASCII comma kept.
      expect(await text(bad.locator('.pline__issue'))).toBe(
        '第3行D列：“2,6”不是数字；请填写数字（如 1,234.5、2.6%、15.3亿元），未公布的填“—”',
      );
      // The good row shows old → new with vintages.
      const firms = page.locator('tr.pline[data-kind=changed]');
      // Units arrive with the indicator list, which may land after the preview: wait for them.
      await expect.poll(() => text(firms.locator('.pline__change'))).toBe('原值 84 家（初步核算） → 新值 86 家（最终核实）');
      // Nothing can be committed while the file has an error, and the page says why.
      const commit = page.getByRole('button', { name: /^提交/ });
      expect(await commit.isDisabled()).toBe(true);
      expect(await text(page.locator('.commit-bar__text'))).toBe('文件中有 1 处错误，不能提交。请修正文件后重新上传。');
      // The errors filter (in the address) leaves only the bad row.
      await page.getByRole('navigation', { name: '筛选' }).getByRole('link', { name: /错误/ }).click();
      await page.waitForURL(/show=errors/);
      await expect.poll(() => page.locator('tr.pline').count()).toBe(1);
      // The counts, the refusal and the table in one view.
      await page.locator('.preview-view__head').evaluate((el) => el.scrollIntoView());
      await screenshot(page, 'upload-preview-error-zh');
      await page.getByRole('link', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Preview: 吕梁2021.csv' }).waitFor();
      expect(await text(bad.locator('.pline__issue'))).toMatch(/^Row 3, column D: “2,6” is not a number/);
      expect(await text(bad.locator('.line-kind'))).toBe('Error');
      await page.locator('.preview-view__head').evaluate((el) => el.scrollIntoView());
      await screenshot(page, 'upload-preview-error-en');
      await page.getByRole('link', { name: '中文' }).click();
      await page.getByRole('button', { name: '放弃' }).click();
      await page.getByText(/已由 lv-stat 于 .* 放弃，未写入任何数据。/).waitFor();

      // 2. The fixed file, dropped on the drop zone.
      await page.getByRole('link', { name: '返回数据上传' }).click();
      await page.getByRole('heading', { level: 1, name: '数据上传' }).waitFor();
      await dropFile(page, gbkCsv('0.76'), '吕梁2021-修正.csv');
      await page.getByText('已选择：吕梁2021-修正.csv').waitFor();
      await page.getByRole('button', { name: '上传并预览' }).click();
      await page.getByRole('heading', { level: 1, name: '预览：吕梁2021-修正.csv' }).waitFor();
      expect(await text(page.locator('[data-summary=error] dd'))).toBe('0');
      expect(await text(page.locator('[data-summary=changed] dd'))).toBe('2');
      expect(await page.locator('tr.pline[data-kind=error]').count()).toBe(0);
      expect(await text(page.locator('tr.pline[data-row="3"] .pline__change'))).toBe(
        '原值 0.74%（最终核实） → 新值 0.76%（最终核实）',
      );
      await page.getByRole('button', { name: '提交（2 项）' }).click();
      await page.getByText('已写入 2 项数据。').waitFor();

      // The upload history: both files, who and what became of them.
      await page.getByRole('link', { name: '返回数据上传' }).click();
      const history = page.locator('.history-table tbody tr');
      await history.first().waitFor();
      expect(await history.count()).toBe(2);
      expect(await rowText(history.nth(0))).toMatch(/^吕梁2021-修正\.csv lv-stat .* 2 行：新增 0，修改 2，错误 0 已提交/);
      expect(await rowText(history.nth(1))).toMatch(/^吕梁2021\.csv lv-stat .* 已放弃/);

      // 3. The plan page shows the new value and, beside it, its history: two revisions.
      await page.goto(`${server.url}${PLAN}`);
      const card = page.locator('[data-indicator=high_tech_firms]').first();
      await card.waitFor();
      expect(await text(card.locator('.observation__value'))).toBe('86 家 2021年');
      expect(await text(card.locator('.observation__revisions'))).toBe('已修订 1 次');
      const dialog = await openHistory(page, 'high_tech_firms');
      const revisions = dialog.locator('.revision');
      expect(await revisions.count()).toBe(2);
      expect(await seen(revisions.nth(0))).toMatch(
        /^第 2 版 当前值 86 家（最终核实） 录入人 lv-stat 时间 .* 来源 2021年吕梁市统计公报$/,
      );
      expect(await seen(revisions.nth(1))).toMatch(/^第 1 版 84 家（初步核算） 录入人 seed .* 来源 新闻报道 2022-01-20/);
      await screenshot(page, 'figure-history-zh');
      await page.keyboard.press('Escape');
      await page.getByRole('link', { name: 'English' }).click();
      await page.getByRole('heading', { level: 2, name: 'Targets' }).waitFor();
      const english = await openHistory(page, 'high_tech_firms');
      expect(await seen(english.locator('.revision').nth(0))).toMatch(
        /^Revision 2 Current 86 firms \(Final\) Entered by lv-stat/,
      );
      await screenshot(page, 'figure-history-en');

      // 4. Restoring the earlier revision writes a third, and the card shows 84 again.
      await english.getByRole('button', { name: /Restore this revision/ }).click();
      await english.getByRole('button', { name: 'Restore', exact: true }).click();
      await english.getByText('Restored: a new revision was added.').waitFor();
      await english.locator('.revision').nth(2).waitFor();
      expect(await seen(english.locator('.revision').nth(0))).toMatch(/^Revision 3 Current 84 firms \(Preliminary\)/);
      await page.keyboard.press('Escape');
      await card.locator('.observation__value', { hasText: '84' }).waitFor();
      expect(errors).toEqual([]);
      expect(dialogs).toEqual([]);
      await context.close();
    },
    LONG_FLOW,
  );

  it(
    'labels a row that would replace a sample figure, in both languages, and finds it with the filter',
    async () => {
      const { context, page, errors } = await openPage(browser);
      await signIn(page, server.url, STATISTICIAN.name, STATISTICIAN.password);
      await page.goto(`${server.url}/uploads`);
      await page.getByRole('heading', { level: 1, name: '数据上传' }).waitFor();
      // 2015 and 2016 are sample figures in the seed (17 and 21 firms); 2021 is a published one (84).
      const csv = [
        '地区代码,指标代码,年份,数值,口径,来源',
        '141100,high_tech_firms,2015,18,最终核实,2015年吕梁市统计公报',
        '141100,high_tech_firms,2016,21,最终核实,2016年吕梁市统计公报',
      ].join('\r\n');
      await page.getByLabel('或选择文件').setInputFiles({ name: '吕梁样例.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByText('已选择：吕梁样例.csv').waitFor();
      await page.getByRole('button', { name: '上传并预览' }).click();
      await page.getByRole('heading', { level: 1, name: '预览：吕梁样例.csv' }).waitFor();
      expect(await text(page.locator('[data-summary=changed] dd'))).toBe('2');
      expect(await text(page.locator('[data-summary=sample] dt'))).toBe('替换示例数据');
      expect(await text(page.locator('[data-summary=sample] dd'))).toBe('2');
      const row = page.locator('tr.pline[data-row="2"]');
      expect(await row.getAttribute('data-replaces-sample')).toBe('true');
      // The old value with its visible sample label, then the new one.
      const badge = row.locator('.pline__change .badge--sample');
      expect(await badge.isVisible()).toBe(true);
      expect(await text(badge)).toBe('示例数据');
      await expect
        .poll(() => text(row.locator('.pline__change')))
        .toBe('原值 17 家（最终核实） 示例数据 → 新值 18 家（最终核实）');
      expect(await text(row.locator('.pline__marker'))).toBe('替换示例数据');
      // The same number as the sample is still a change: from sample to real.
      const same = page.locator('tr.pline[data-row="3"]');
      expect(await same.getAttribute('data-kind')).toBe('changed');
      expect(await text(same.locator('.pline__marker'))).toBe('替换示例数据');
      // The filter finds them.
      const filter = page.getByRole('navigation', { name: '筛选' }).locator('[data-filter=sample]');
      expect(await text(filter)).toBe('替换示例数据 2');
      await filter.click();
      await page.waitForURL(/show=sample/);
      await expect.poll(() => page.locator('tr.pline').count()).toBe(2);
      await page.locator('.preview-view__head').evaluate((el) => el.scrollIntoView());
      await screenshot(page, 'upload-preview-sample-zh');
      await page.getByRole('link', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Preview: 吕梁样例.csv' }).waitFor();
      expect(await text(row.locator('.pline__change .badge--sample'))).toBe('Sample data');
      expect(await text(row.locator('.pline__marker'))).toBe('Replaces sample figure');
      expect(await text(page.locator('[data-filter=sample]'))).toBe('Replaces sample 2');
      await page.getByRole('link', { name: '中文' }).click();
      await page.getByRole('button', { name: '放弃' }).click();
      await page.getByText(/已由 lv-stat 于 .* 放弃，未写入任何数据。/).waitFor();
      expect(errors).toEqual([]);
      await context.close();
    },
    LONG_FLOW,
  );

  it(
    'says in the user’s language why a preview gone stale cannot be committed, and writes nothing',
    async () => {
      const { context, page, errors } = await openPage(browser);
      await signIn(page, server.url, STATISTICIAN.name, STATISTICIAN.password);
      await page.goto(`${server.url}/uploads`);
      await page.getByRole('heading', { level: 1, name: '数据上传' }).waitFor();
      const csv = [
        '地区代码,指标代码,年份,数值,口径,来源',
        '141100,tech_sme_count,2019,30,最终核实,2019年吕梁市统计公报',
        '141100,tech_sme_count,2020,33,最终核实,2020年吕梁市统计公报',
      ].join('\r\n');
      await page
        .getByLabel('或选择文件')
        .setInputFiles({ name: '吕梁科技型中小企业.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: '上传并预览' }).click();
      await page.getByRole('heading', { level: 1, name: '预览：吕梁科技型中小企业.csv' }).waitFor();

      // Meanwhile someone else enters 2019 by hand (a second connection, as another server would).
      const db = openDatabase(server.dbPath);
      const figures = () =>
        db
          .prepare("SELECT value FROM observation_revisions WHERE region_code = '141100' AND indicator_code = 'tech_sme_count'")
          .pluck()
          .all();
      try {
        createRepositories(db).observations.append({
          regionCode: '141100',
          indicatorCode: 'tech_sme_count',
          year: 2019,
          value: 31,
          vintage: 'final',
          isSample: false,
          sourceTitle: '2019年吕梁市统计公报',
          sourceUrl: null,
          quote: null,
          note: null,
          enteredBy: 'someone-else',
          enteredAt: new Date().toISOString(),
          origin: 'form',
        });
        await page.getByRole('button', { name: '提交（2 项）' }).click();
        const alert = page.locator('.commit-bar [role=alert]');
        await alert.waitFor();
        expect(await seen(alert)).toBe(
          '预览之后，其中 1 行的数据已被修改，显示的对比已过时。 未写入任何数据。请重新预览（重新上传文件或重新核对录入表），按现有数据核对。',
        );
        await page.locator('.commit-bar').evaluate((el) => el.scrollIntoView());
        await screenshot(page, 'upload-commit-stale-zh');
        // The page words it, not the server: switched to English, the same refusal reads in English.
        await page.getByRole('link', { name: 'English' }).click();
        await expect
          .poll(() => seen(alert))
          .toBe(
            'Since this preview was made, the figure of 1 of its rows has been changed, so the comparison shown is out of date. Nothing was written. Preview the figures again (upload the file, or check the entry grid) to compare them with the current figures.',
          );
        expect(figures()).toEqual([31]);
      } finally {
        db.close();
      }
      // The refused commit, and nothing else.
      expect(errors).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
      await context.close();
    },
    LONG_FLOW,
  );

  it(
    'corrects a figure in the entry grid, through the same preview and commit',
    async () => {
      const { context, page, errors } = await openPage(browser);
      await signIn(page, server.url, STATISTICIAN.name, STATISTICIAN.password);
      await page.goto(`${server.url}/uploads/entry?plan=lvliang-2014-2020&region=141100&year=2020`);
      const row = page.locator('.entry-grid tr[data-indicator=high_tech_firms]');
      await row.locator('td').first().getByText('62 家').waitFor();
      expect(await text(row.locator('.badge--sample'))).toBe('示例数据');
      await page.getByLabel('默认来源').fill('2020年吕梁市统计公报');
      await row.getByLabel('高新技术企业数(年末)的新数值').fill('６４');
      await page.getByRole('button', { name: '检查并预览' }).click();
      await row.locator('.entry-grid__result .line-kind', { hasText: '修改' }).waitFor();
      await page.getByRole('button', { name: '提交（1 项）' }).click();
      await page.getByText('已写入 1 项数据。').waitFor();
      await row.locator('td').first().getByText('64 家').waitFor();
      expect(errors).toEqual([]);
      await context.close();
    },
    LONG_FLOW,
  );

  it(
    'enters one figure from beside it on the plan page: checked, then saved as a new revision',
    async () => {
      const { context, page, errors, dialogs } = await openPage(browser);
      await signIn(page, server.url, STATISTICIAN.name, STATISTICIAN.password, PLAN);
      const card = page.locator('[data-indicator=rd_intensity]').first();
      await card.waitFor();
      await card.getByRole('button', { name: /^录入\/修改数据/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('年份').fill('2022');
      await dialog.getByLabel('数值（%）').fill('０.８１');
      await dialog.getByLabel('来源').fill('2022年山西省科技经费投入统计公报');
      await dialog.getByRole('button', { name: '检查' }).click();
      const result = dialog.locator('.figure-entry__result');
      await result.waitFor();
      expect(await seen(result)).toBe('新增 0.81%（最终核实）');
      await dialog.getByRole('button', { name: '保存为新版本' }).click();
      await dialog.getByText('已保存。原来的数值保留在历史中。').waitFor();
      await dialog.getByRole('button', { name: '关闭' }).last().click();
      await card.locator('.observation__value', { hasText: '0.81%' }).waitFor();
      expect(await seen(card.locator('.observation__value'))).toBe('0.81% 2022年');
      expect(errors).toEqual([]);
      expect(dialogs).toEqual([]);
      await context.close();
    },
    LONG_FLOW,
  );
  it(
    'shows the warnings of a preview, and commits only once each warned row is acknowledged',
    async () => {
      const { context, page, errors } = await openPage(browser);
      await signIn(page, server.url, STATISTICIAN.name, STATISTICIAN.password);
      await page.goto(`${server.url}/uploads`);
      await page.getByRole('heading', { level: 1, name: '数据上传' }).waitFor();
      // By now (the tests above) Lüliang's R&D intensity is 0.81% published for 2022, and its
      // high-tech firms 84 for 2021. 0.021 looks like 2.1% typed as a fraction; 400 firms is a jump.
      const csv = [
        '地区代码,指标,年份,数值,单位,口径,来源',
        '141100,R&D经费投入强度,2023,0.021,%,最终核实,2023年吕梁市统计公报',
        '141100,高新技术企业数,2023,400,家,最终核实,2023年吕梁市统计公报',
      ].join('\r\n');
      await page.getByLabel('或选择文件').setInputFiles({ name: '吕梁2023.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: '上传并预览' }).click();
      await page.getByRole('heading', { level: 1, name: '预览：吕梁2023.csv' }).waitFor();
      expect(await text(page.locator('[data-summary=warning] dd'))).toBe('2');
      const fraction = page.locator('tr.pline[data-row="2"]');
      const jump = page.locator('tr.pline[data-row="3"]');
      expect(await fraction.getAttribute('data-warned')).toBe('true');
      expect(await text(fraction.locator('.pline__issue'))).toBe(
        '警告：第2行D列：0.021% 像是把比例填成了小数（对比2022年已公布的 0.81%）；若指 2.1%，请填写 2.1',
      );
      expect(await text(jump.locator('.pline__issue'))).toBe(
        '警告：第3行D列：400家 是2021年已公布的 84家的 4.8 倍；请核对数值和单位',
      );
      // Not committable until both rows are acknowledged, and the page says so.
      const commit = page.getByRole('button', { name: '提交（2 项）' });
      expect(await commit.isDisabled()).toBe(true);
      expect(await text(page.locator('.commit-bar__text'))).toBe('还有 2 行的警告未确认，不能提交。');

      // In English: the same warnings, from the server's English text, and the page's own controls.
      await page.getByRole('link', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Preview: 吕梁2023.csv' }).waitFor();
      expect(await text(jump.locator('.pline__issue'))).toBe(
        'Warning: Row 3, column D: 400 firms is 4.8× the published 2021 figure of 84 firms; check the figure and its unit',
      );
      expect(await page.getByLabel('Checked the warning of row 3').isChecked()).toBe(false);
      expect(await text(page.locator('.commit-bar__text'))).toBe(
        'The warnings of 2 rows have not been acknowledged, so the file cannot be committed yet.',
      );
      await page.locator('.commit-bar').evaluate((el) => el.scrollIntoView());
      await screenshot(page, 'upload-preview-warnings-en');
      await page.getByRole('link', { name: '中文' }).click();
      await page.getByRole('heading', { level: 1, name: '预览：吕梁2023.csv' }).waitFor();

      // One row at a time: still one to go.
      await page.getByLabel('已核对第 2 行的警告').check();
      expect(await text(page.locator('.commit-bar__text'))).toBe('还有 1 行的警告未确认，不能提交。');
      expect(await commit.isDisabled()).toBe(true);
      const all = page.getByLabel('我已核对全部 2 行的警告，按文件中的数值写入');
      expect(await all.isChecked()).toBe(false);
      await page.getByLabel('已核对第 3 行的警告').check();
      expect(await all.isChecked()).toBe(true);
      expect(await commit.isEnabled()).toBe(true);
      await page.locator('.commit-bar').evaluate((el) => el.scrollIntoView());
      await screenshot(page, 'upload-preview-warnings-zh');
      // Unticked all at once, and ticked again the same way.
      await all.uncheck();
      expect(await page.getByLabel('已核对第 2 行的警告').isChecked()).toBe(false);
      expect(await commit.isDisabled()).toBe(true);
      await all.check();
      await commit.click();
      await page.getByText('已写入 2 项数据。').waitFor();
      await page.reload();
      await page.getByText(/^已由 lv-stat 于 .* 提交。 lv-stat 提交时确认了 2 行的警告。$/).waitFor();

      const db = openDatabase(server.dbPath);
      try {
        const stored = db
          .prepare("SELECT acknowledgement_json FROM imports WHERE file_name = '吕梁2023.csv' AND status = 'committed'")
          .pluck()
          .get() as string;
        expect(JSON.parse(stored)).toMatchObject({
          by: 'lv-stat',
          rows: [2, 3],
          warnings: [
            { row: 2, column: 'D', code: 'share_as_fraction' },
            { row: 3, column: 'D', code: 'implausible_jump' },
          ],
        });
      } finally {
        db.close();
      }
      expect(errors).toEqual([]);
      await context.close();
    },
    LONG_FLOW,
  );

  it(
    'asks for a confirmation before saving one figure the checks warn about',
    async () => {
      const { context, page, errors } = await openPage(browser);
      await signIn(page, server.url, STATISTICIAN.name, STATISTICIAN.password, PLAN);
      const card = page.locator('[data-indicator=rd_intensity]').first();
      await card.waitFor();
      await card.getByRole('button', { name: /^录入\/修改数据/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('年份').fill('2024');
      await dialog.getByLabel('数值（%）').fill('12');
      await dialog.getByLabel('来源').fill('2024年吕梁市统计公报');
      await dialog.getByRole('button', { name: '检查' }).click();
      const result = dialog.locator('.figure-entry__result');
      await result.locator('.pline__issue--warning').first().waitFor();
      expect(await result.locator('.pline__issue--warning').allTextContents()).toContain(
        '警告 12% 高于“R&D经费投入强度(R&D经费占地区生产总值比重)”的合理上限 10%，合理范围为 0–10%；请核对数值和单位',
      );
      const save = dialog.getByRole('button', { name: '保存为新版本' });
      expect(await save.isDisabled()).toBe(true);
      await dialog.getByLabel('我已核对上述警告，仍按此数值保存').check();
      await save.click();
      await dialog.getByText('已保存。原来的数值保留在历史中。').waitFor();
      expect(errors).toEqual([]);
      await context.close();
    },
    LONG_FLOW,
  );

  it(
    'reverts a committed upload from the upload history: what it will do, the figure revised since, the result',
    async () => {
      const { context, page, errors, dialogs } = await openPage(browser);
      await signIn(page, server.url, STATISTICIAN.name, STATISTICIAN.password);
      await page.goto(`${server.url}/uploads`);
      await page.getByRole('heading', { level: 1, name: '数据上传' }).waitFor();
      // 2019 and 2020 are sample figures in the seed (247 and 283); 2021 has none.
      const csv = [
        '地区代码,指标代码,年份,数值,口径,来源',
        '141100,valid_invention_patents,2019,250,最终核实,2019年吕梁市统计公报',
        '141100,valid_invention_patents,2020,290,最终核实,2020年吕梁市统计公报',
        '141100,valid_invention_patents,2021,300,最终核实,2021年吕梁市统计公报',
      ].join('\r\n');
      await page
        .getByLabel('或选择文件')
        .setInputFiles({ name: '吕梁发明专利.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: '上传并预览' }).click();
      await page.getByRole('heading', { level: 1, name: '预览：吕梁发明专利.csv' }).waitFor();
      await page.getByRole('button', { name: '提交（3 项）' }).click();
      await page.getByText('已写入 3 项数据。').waitFor();

      // Someone else corrects 2019 by hand afterwards (a second connection, as another server would).
      const db = openDatabase(server.dbPath);
      const current = (year: number) =>
        db
          .prepare(
            "SELECT value, withdrawn FROM observation_revisions WHERE region_code = '141100' AND indicator_code = 'valid_invention_patents' AND year = ? ORDER BY id DESC LIMIT 1",
          )
          .get(year);
      try {
        createRepositories(db).observations.append({
          regionCode: '141100',
          indicatorCode: 'valid_invention_patents',
          year: 2019,
          value: 251,
          vintage: 'final',
          isSample: false,
          sourceTitle: '2019年吕梁市统计公报（更正）',
          sourceUrl: null,
          quote: null,
          note: null,
          enteredBy: 'someone-else',
          enteredAt: new Date().toISOString(),
          origin: 'form',
        });

        // The upload history offers 撤销 on the committed upload.
        await page.getByRole('link', { name: '返回数据上传' }).click();
        const row = page.locator('.history-table tbody tr').first();
        await row.waitFor();
        // Polled: the list may first show what it held before the commit (react-query's cached
        // answer, drawn while the list is asked again), then the committed upload.
        await expect.poll(() => rowText(row)).toMatch(/^吕梁发明专利\.csv lv-stat .* 已提交 .* 撤销 吕梁发明专利\.csv$/);
        await row.getByRole('button', { name: /^撤销/ }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByRole('heading', { name: '撤销上传：吕梁发明专利.csv' }).waitFor();
        const counts = dialog.locator('.revert-counts li');
        await counts.first().waitFor();
        expect(await counts.allTextContents()).toEqual([
          '1 项恢复为上传之前的数值',
          '1 项由这次上传新增，将撤回',
          '1 项在这次上传之后又被修改，保留不动',
        ]);
        // The figure revised since: what the upload wrote, what it is now and who made it so, what it was before.
        const revised = dialog.locator('.revert-upload__revised tbody tr');
        expect(await revised.count()).toBe(1);
        await expect
          .poll(() => rowText(revised.first()))
          .toMatch(
            /^吕梁市 有效发明专利拥有量 2019 250 件（最终核实） 251 件（最终核实） （someone-else 于 .* 手工修改） 247 件（最终核实） 示例数据$/,
          );
        await screenshot(page, 'upload-revert-zh');

        // Including it moves it among the figures restored; leaving it out again, it is kept.
        const include = dialog.getByLabel('一并撤销这些修改（恢复为这次上传之前的数值）');
        await include.check();
        await expect.poll(() => counts.allTextContents()).toEqual(['2 项恢复为上传之前的数值', '1 项由这次上传新增，将撤回']);
        await include.uncheck();
        await expect
          .poll(() => counts.allTextContents())
          .toEqual(['1 项恢复为上传之前的数值', '1 项由这次上传新增，将撤回', '1 项在这次上传之后又被修改，保留不动']);

        await dialog.getByRole('button', { name: '确认撤销（改动 2 项）' }).click();
        await dialog.getByText('已撤销：写入了 2 个新版本，原有版本保留在历史中。').waitFor();
        expect(current(2019)).toEqual({ value: 251, withdrawn: 0 });
        expect(current(2020)).toEqual({ value: 283, withdrawn: 0 });
        expect(current(2021)).toEqual({ value: null, withdrawn: 1 });
        await dialog.getByRole('button', { name: '关闭' }).last().click();
        await expect.poll(() => rowText(row)).toMatch(/^吕梁发明专利\.csv lv-stat .* 已撤销 （lv-stat，.*）\s*$/);
        expect(await row.getByRole('button', { name: /^撤销/ }).count()).toBe(0);
        await page.getByRole('link', { name: 'English' }).click();
        await expect.poll(() => rowText(row)).toMatch(/^吕梁发明专利\.csv lv-stat .* Reverted \(lv-stat, .*\)\s*$/);
      } finally {
        db.close();
      }

      // The plan page shows 2020 as its latest figure again (2021 is withdrawn): the sample figure the
      // revert restored, and its history names the upload and the revert.
      await page.goto(`${server.url}${PLAN}`);
      const card = page.locator('[data-indicator=valid_invention_patents]').first();
      await card.waitFor();
      expect(await text(card.locator('.observation__value'))).toMatch(/^283 件 2020年/);
      const history = await openHistory(page, 'valid_invention_patents');
      const revisions = history.locator('.revision');
      expect(await revisions.count()).toBe(3);
      expect(await seen(revisions.nth(0))).toMatch(
        /^第 3 版 当前值 283 件（最终核实） 示例数据 录入人 lv-stat 时间 .* 来自 撤销上传 “吕梁发明专利\.csv”（#\d+），恢复第 1 版 来源 示例数据/,
      );
      expect(await seen(revisions.nth(1))).toMatch(
        /^第 2 版 290 件（最终核实） 录入人 lv-stat 时间 .* 来自 上传 “吕梁发明专利\.csv”（#\d+） 来源 2020年吕梁市统计公报/,
      );
      expect(await seen(revisions.nth(2))).toMatch(/^第 1 版 283 件（最终核实） 示例数据 录入人 seed 时间 .* 来自 初始数据 来源/);
      await screenshot(page, 'figure-history-revert-zh');
      expect(errors).toEqual([]);
      expect(dialogs).toEqual([]);
      await context.close();
    },
    LONG_FLOW,
  );
});
