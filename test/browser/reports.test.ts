import fs from 'node:fs';
import iconv from 'iconv-lite';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchConsole } from '../helpers/browser.js';
import { startServer, type TestServer } from '../helpers/server.js';

// The report files downloaded from the plan page, as a leader would: click, save, open.
let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('report downloads from the plan page', () => {
  it('downloads the PDF, the Word briefing and the workbook as of the year on screen', async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await page.goto(`${server.url}/plans/lvliang-2014-2020?asOf=2017`);
    await page.locator('a[data-report="pdf"]').waitFor();

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.locator('a[data-report="pdf"]').click()]);
    expect(pdf.suggestedFilename()).toMatch(/lvliang-2014-2020.*2017.*\.pdf$/);
    const pdfBytes = fs.readFileSync((await pdf.path()) as string);
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfBytes.byteLength).toBeGreaterThan(20_000);

    // The Word briefing, next to the PDF, named in the page's language.
    const docxLink = page.locator('a[data-report="docx"]');
    expect(await docxLink.textContent()).toContain('Word 简报');
    const [docx] = await Promise.all([page.waitForEvent('download'), docxLink.click()]);
    expect(docx.suggestedFilename()).toBe('lvliang-2014-2020-progress-2017-zh.docx');
    const docxBytes = fs.readFileSync((await docx.path()) as string);
    expect([...docxBytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(docxBytes.includes(Buffer.from('word/document.xml'))).toBe(true);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.locator('a[data-report="xlsx"]').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const xlsxBytes = fs.readFileSync((await xlsx.path()) as string);
    expect([...xlsxBytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('a[data-report="csv"]').click()]);
    const csvBytes = fs.readFileSync((await csv.path()) as string);
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    // The CSV in GB18030 too, as the upload templates come: no BOM, the same text in the national encoding.
    const gbLink = page.locator('a[data-report="csv-gb18030"]');
    expect(await gbLink.textContent()).toContain('GB18030');
    const [gb] = await Promise.all([page.waitForEvent('download'), gbLink.click()]);
    const gbBytes = fs.readFileSync((await gb.path()) as string);
    expect([...gbBytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(iconv.decode(gbBytes, 'gb18030')).toBe(csvBytes.subarray(3).toString('utf8'));
    expect(errors).toEqual([]);
    await context.close();
  });

  it("narrows the report files to a district's targets with the report scope select", async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await page.goto(`${server.url}/plans/lvliang-2014-2020?asOf=2017`);
    const scope = page.getByLabel('报告范围');
    await scope.waitFor();
    // The whole plan first, then the city and the three counties/districts its targets name.
    expect(await scope.locator('option').allTextContents()).toEqual([
      '整个计划（59 项目标）',
      '吕梁市（49 项目标）',
      '离石区（4 项目标）',
      '柳林县（1 项目标）',
      '岚县（5 项目标）',
    ]);
    const pdfLink = page.locator('a[data-report="pdf"]');
    expect(await pdfLink.getAttribute('href')).not.toContain('region=');

    await scope.selectOption({ label: '离石区（4 项目标）' });
    // The choice is in the URL: a reload (or a shared link) keeps it.
    await page.waitForURL(/reportRegion=141102/);
    await page.reload();
    await scope.waitFor();
    expect(await scope.inputValue()).toBe('141102');
    for (const format of ['pdf', 'docx', 'xlsx', 'csv', 'csv-gb18030']) {
      const href = (await page.locator(`a[data-report="${format}"]`).getAttribute('href')) as string;
      const params = new URL(href, server.url).searchParams;
      expect(params.get('region'), format).toBe('141102');
      expect(params.get('asOf'), format).toBe('2017');
    }
    const [pdf] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
    expect(pdf.suggestedFilename()).toBe('lvliang-2014-2020-141102-progress-2017-zh.pdf');
    const bytes = fs.readFileSync((await pdf.path()) as string);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The same link fetched directly: 200 and a PDF.
    const res = await page.request.get(new URL((await pdfLink.getAttribute('href')) as string, server.url).href);
    expect(res.status()).toBe(200);
    expect((await res.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');

    // Back to the whole plan: the links lose the region.
    await scope.selectOption({ index: 0 });
    // The URL changes first (the router), then the links are drawn again.
    await page.waitForURL((url) => !url.search.includes('reportRegion'));
    await page.locator('a[data-report="pdf"]:not([href*="region="])').waitFor();
    expect(await pdfLink.getAttribute('href')).not.toContain('region=');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("says a refused download on the page in the reader's language, and downloads on the next click", async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/plans/lvliang-2014-2020?asOf=2017`);
    const pdfLink = page.locator('a[data-report="pdf"]');
    await pdfLink.waitFor();
    // The server's refusal when a reader has two reports being made already (report-pool.test.ts
    // asserts the server sends this body); made to happen here by answering the next request with it.
    let refusals = 1;
    await page.route('**/api/reports/plans/**', async (route) => {
      if (refusals-- <= 0) return route.continue();
      await route.fulfill({
        status: 429,
        headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': '3' },
        body: JSON.stringify({
          statusCode: 429,
          error: 'Too Many Requests',
          message: 'Too many reports at once: 2 of yours are being made',
          code: 'reports_per_reader_limit',
          messages: {
            zh: '您同时请求生成的报告过多；请等正在生成的报告完成（约 3 秒）后再下载。',
            en: 'Too many of your reports are being made at once; download again when they are done, in about 3 s.',
          },
        }),
      });
    });
    await pdfLink.click();
    const alert = page.locator('.report-downloads__refused[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('您同时请求生成的报告过多；请等正在生成的报告完成（约 3 秒）后再下载。');
    expect(await page.locator('body').textContent()).not.toContain('reports_per_reader_limit');
    // Again: the file comes, with the server's name for it, and the message goes.
    const [pdf] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
    expect(pdf.suggestedFilename()).toBe('lvliang-2014-2020-progress-2017-zh.pdf');
    expect(
      fs
        .readFileSync((await pdf.path()) as string)
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    expect(await alert.count()).toBe(0);
    await context.close();
  });

  it('shows no scope select for a plan whose targets name one region only', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/plans/panjin-2019-2021`);
    await page.locator('a[data-report="pdf"]').waitFor();
    expect(await page.getByLabel('报告范围').count()).toBe(0);
    await page.close();
  });
});
