import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { openPage, signIn } from '../helpers/session.js';
import { LATIN_ALLOWED, latinRuns } from '../helpers/zhText.js';

// The Chinese pages in Chinese (issue 13): an administrator's view of the overview, the Lüliang and
// Panjin plan pages, a target page, the compare page, the upload page and the audit log, with an
// upload that replaced a sample figure and a target correction on record. What a reader sees (the
// page's innerText, the tooltips' and labels' words, a chart tooltip) holds no run of two or more
// Latin words beyond the allow-list of names, units and codes (test/helpers/zhText.ts): no English
// note, no field name, no file name or code point outside the 技术说明 disclosure.

const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts');
const ADMIN = { name: 'demo-admin', password: 'jindu-demo-admin' };
/** Lüliang's 2019 count of high-tech firms, a sample figure in the seed, replaced by a real one. */
const CSV = [
  '地区,指标,年份,数值,单位,口径,来源,备注',
  '吕梁市,高新技术企业数,2019,55,家,最终核实,2019年吕梁市国民经济和社会发展统计公报,',
].join('\r\n');

let server: TestServer;
let browser: Browser;
let page: Page;
let close: () => Promise<void>;
let rdTargetId = 0;

/** What a reader of the page gets in words: its visible text, and the words of its tooltips and labels. */
async function wordsOf(p: Page): Promise<string> {
  // A script, not a function: the tests are compiled without the DOM's types.
  return (await p.evaluate(`(() => {
    const attributes = [...document.querySelectorAll('[title], [aria-label], [placeholder]')]
      .filter((el) => !el.closest('details:not([open])'))
      .flatMap((el) => ['title', 'aria-label', 'placeholder'].map((a) => el.getAttribute(a) ?? ''));
    return [document.title, document.body.innerText, ...attributes].join('\\n');
  })()`)) as string;
}

async function expectChineseOnly(p: Page, name: string): Promise<void> {
  const words = await wordsOf(p);
  fs.writeFileSync(path.join(ARTIFACTS, `zh-text-${name}.txt`), words);
  expect(words.length, name).toBeGreaterThan(200);
  expect(latinRuns(words), `${name}: Latin-script runs on a Chinese page`).toEqual([]);
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer({ demo: true });
  browser = await launchBrowser();
  const opened = await openPage(browser);
  page = opened.page;
  close = () => opened.context.close();
  await signIn(page, server.url, ADMIN.name, ADMIN.password);

  // On record before the pages are read: an upload that replaces a sample figure (its preview and
  // commit: isSample, summary.rowsRead…) and a correction of a target's Chinese note.
  await page.goto(`${server.url}/uploads`);
  await page
    .getByLabel('或选择文件')
    .setInputFiles({ name: '吕梁2019年数据.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page.getByRole('button', { name: '上传并预览' }).click();
  await page.waitForURL(/\/uploads\/\d+$/);
  await page.getByRole('button', { name: /^提交/ }).click();
  await page.getByText(/已写入 1 项数据/).waitFor();

  const plan = (await (await page.request.get(`${server.url}/api/plans/lvliang-2014-2020`)).json()) as {
    targets: { id: number; key: string; noteZh: string }[];
  };
  const rd = plan.targets.find((t) => t.key === 'rd-intensity-2020');
  if (!rd) throw new Error('seed changed: no rd-intensity-2020');
  rdTargetId = rd.id;
  const { csrfToken } = (await (await page.request.get(`${server.url}/api/session`)).json()) as { csrfToken: string };
  const corrected = await page.request.patch(`${server.url}/api/targets/${rd.id}`, {
    headers: { 'x-csrf-token': csrfToken },
    data: { noteZh: `${rd.noteZh}（已核对）`, reason: '核对原文' },
  });
  expect(corrected.status()).toBe(200);
}, 120_000);

afterAll(async () => {
  await close?.();
  await browser?.close();
  await server?.close();
});

describe('the Chinese pages say everything in Chinese', () => {
  it('the overview', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('[data-headline]').first().waitFor();
    await page.waitForLoadState('networkidle');
    await expectChineseOnly(page, 'overview');
  });

  it('the Lüliang plan page: notes in Chinese, the lost decimal point in words, the file name and code point folded away', async () => {
    await page.goto(`${server.url}/plans/lvliang-2014-2020`);
    await page.locator('.target-card .verdict').first().waitFor();
    await page.waitForLoadState('networkidle');
    await expectChineseOnly(page, 'plan-lvliang');
    const words = await wordsOf(page);
    expect(words).toContain('原文此处小数点缺失，读作 2.5（即2.5%）');
    expect(words).toContain('规划期2014–2020年已结束；文件未说明延期或替代文件。');
    for (const workshop of ['U+E010', 'shared/domain.md', '003_935a6b5ddc823531.txt', 'sample, not published'])
      expect(words).not.toContain(workshop);

    // 技术说明: closed, it holds the file name, the plan key and the damaged characters' code point.
    const details = page.locator('[data-tech-details]');
    expect(await details.locator('summary').innerText()).toBe('技术说明');
    await details.locator('summary').click();
    const opened = await details.innerText();
    expect(opened).toContain('003_935a6b5ddc823531.txt');
    expect(opened).toContain('lvliang-2014-2020');
    expect(opened).toContain('U+E010');
    expect(opened).toContain('原文显示为 25，读作 2.5');
    // The check would have caught them outside it.
    expect(latinRuns(opened)).toContain('003_935a6b5ddc823531.txt');

    // The English page has the English notes, in the same plain words.
    await page.goto(`${server.url}/plans/lvliang-2014-2020?lang=en`);
    await page.locator('.target-card .verdict').first().waitFor();
    const english = await wordsOf(page);
    expect(english).toContain('The source lost the decimal point here; read as 2.5 (2.5%).');
    expect(english).not.toContain('原文此处小数点缺失');
    expect(english).not.toContain('U+E010');
  });

  it('the Panjin plan page', async () => {
    await page.goto(`${server.url}/plans/panjin-2019-2021`);
    await page.locator('.target-card .verdict').first().waitFor();
    await page.waitForLoadState('networkidle');
    await expectChineseOnly(page, 'plan-panjin');
    expect(await wordsOf(page)).toContain('网页标注该文件已失效');
  });

  it('a target page, with a chart tooltip over a sample year', async () => {
    await page.goto(`${server.url}/targets/${rdTargetId}`);
    const point = page.locator('path[data-point="observed"]').first();
    await point.waitFor();
    await page.waitForLoadState('networkidle');
    await expectChineseOnly(page, 'target');
    // A tooltip of a year with a sample figure (2013) names its source in Chinese only.
    await point.hover();
    const tooltip = page.locator('.chart-tooltip');
    await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
    const tip = await tooltip.innerText();
    expect(tip).toContain('示例数据（演示用，并非公开发布）');
    expect(latinRuns(tip)).toEqual([]);
  });

  it('the compare page', async () => {
    await page.goto(`${server.url}/compare`);
    await page.locator('.recharts-surface').first().waitFor();
    await page.waitForLoadState('networkidle');
    await expectChineseOnly(page, 'compare');
  });

  it('the upload page, as an administrator', async () => {
    await page.goto(`${server.url}/uploads`);
    await page.getByRole('heading', { level: 1, name: '数据上传' }).waitFor();
    await page.locator('.history-table tbody tr').first().waitFor();
    await page.waitForLoadState('networkidle');
    await expectChineseOnly(page, 'uploads');
  });

  it('the audit log: fields and values in words, not isSample true→false or summary.rowsRead', async () => {
    await page.goto(`${server.url}/admin/audit`);
    await page.locator('.audit-table tbody tr').first().waitFor();
    await page.waitForLoadState('networkidle');
    await expectChineseOnly(page, 'audit');
    const table = await page.locator('.audit-table').innerText();
    for (const raw of ['isSample', 'summary.rowsRead', 'true', 'false', 'user #', 'noteZh'])
      expect(table, raw).not.toContain(raw);
    const field = (action: string, name: string) =>
      page.locator(`.audit-table tr[data-action="${action}"] [data-field="${name}"]`).first().locator('xpath=..');
    // An upload is one entry (import.commit): its figures are not entered one by one since the set-based
    // commit; what each replaced stays with the upload's rows.
    expect((await field('import.commit', 'summary.replacesSample').innerText()).replace(/\s+/g, ' ')).toMatch(
      /^替换示例数据 1$|示例数据.* 1$/,
    );
    expect((await field('import.preview', 'summary.rowsRead').innerText()).replace(/\s+/g, ' ')).toBe('读取行数 1');
    expect(await field('target.update', 'noteZh').innerText()).toMatch(/^备注（中文）/);
  });
});

describe('the checker itself', () => {
  it('finds English sentences and workshop words, and lets names, units and codes pass', () => {
    expect(latinRuns('规划期已结束 The plan period 2014–2020 has ended.')).toEqual(['The plan period 2014–2020 has ended.']);
    expect(latinRuns('变更 isSample true→false')).toEqual(['isSample true→false']);
    expect(latinRuns('summary.rowsRead\t4')).toEqual(['summary.rowsRead']);
    expect(latinRuns('原文 2\ue0105%（U+E010）')).toEqual(['U+E010']);
    expect(latinRuns('来源 示例数据 (sample, not published)')).toEqual(['(sample, not published)']);
    // Allowed: R&D, a source site and address, a demo account, a masked figure, single words (units, formats).
    expect(
      latinRuns(
        'R&D经费投入强度 (转载, sxyh.gov.cn) http://www.sxyh.gov.cn/ggsj/a.html demo-admin 演示管理员 Demo admin x.x% 下载 PNG 装机 20 kW，GDP（141100）',
      ),
    ).toEqual([]);
    expect(LATIN_ALLOWED.every((a) => a.why.length > 0 && a.pattern.global)).toBe(true);
  });
});
