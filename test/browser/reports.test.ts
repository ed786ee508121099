import fs from 'node:fs';
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
  it('downloads the PDF and the workbook as of the year on screen', async () => {
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

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.locator('a[data-report="xlsx"]').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const xlsxBytes = fs.readFileSync((await xlsx.path()) as string);
    expect([...xlsxBytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('a[data-report="csv"]').click()]);
    const csvBytes = fs.readFileSync((await csv.path()) as string);
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
