import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { useApp } from '../helpers/app.js';
import { tempDir } from '../helpers/db.js';

// The report thread ends when idle (reports/pool.ts) and the next report starts another; a thread
// shares laid-out words and measured heights between the documents it makes (reports/fonts.ts,
// reports/pdf/drawing.ts). Neither may change what a report says. Every request here renders anew
// (no report cache), on the real worker (server/dist/reports/worker.js: build the server first).

const { app } = useApp({ reports: { idleTimeoutMs: 300, cacheBytes: 0 } });
const stats = () => app().reportService.pool.stats();

/** A PDF as a reader's viewer sees it: its text laid out, its page count, and its fonts. */
function readBack(pdf: Buffer): { text: string; pages: number; fonts: string[] } {
  const { dir, cleanup } = tempDir('jindu-pool-idle-');
  try {
    const file = path.join(dir, 'report.pdf');
    fs.writeFileSync(file, pdf);
    const run = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });
    return {
      text: run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']),
      pages: Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))?.[1]),
      fonts: run('pdffonts', [file])
        .split('\n')
        .slice(2)
        .filter(Boolean)
        .map((line) => line.split(/\s+/)[0] as string)
        .map((name) => name.replace(/^[A-Z]{6}\+/, '')),
    };
  } finally {
    cleanup();
  }
}

/**
 * The file without what differs between two makings of the same report: the time it was made, and
 * the document ID derived from it. Everything else (every glyph drawn, its position, the embedded
 * subsets) must be byte for byte the same.
 */
function withoutDate(pdf: Buffer): string {
  return pdf
    .toString('latin1')
    .replace(/\(D:\d{14}Z?\)/g, '')
    .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/g, '');
}

async function pdf(url: string) {
  const res = await app().inject({ method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return res.rawPayload;
}

/** Waits until every report thread has ended (idle past the pool's timeout). */
async function idleOut() {
  await vi.waitFor(() => expect(stats().alive).toBe(0), { timeout: 20_000, interval: 100 });
}

const LVLIANG_ZH = '/api/reports/plans/lvliang-2014-2020.pdf?lang=zh&asOf=2019';
const PANJIN_EN = '/api/reports/plans/panjin-2019-2021.pdf?lang=en';

describe('the report thread ends when idle', () => {
  it('starts no thread before the first report, and a new one for the report after an idle spell, which reads the same', async () => {
    expect(stats().alive).toBe(0);
    const firstPdf = await pdf(LVLIANG_ZH);
    const first = readBack(firstPdf);
    const firstThreads = stats().threadIds;
    expect(stats().alive).toBe(1);
    expect(first.text).toContain('吕梁');
    // The Chinese face embedded (a subset), both weights.
    expect(first.fonts).toEqual(expect.arrayContaining(['NotoSansSC-Regular', 'NotoSansSC-Bold']));

    await idleOut();
    const againPdf = await pdf(LVLIANG_ZH);
    const again = readBack(againPdf);
    expect(stats().alive).toBe(1);
    // Made by another thread: the first ended.
    const newThreads = stats().threadIds.filter((id) => !firstThreads.includes(id));
    expect(newThreads).toHaveLength(1);
    expect(again).toEqual(first);
    expect(withoutDate(againPdf)).toBe(withoutDate(firstPdf));
  });

  it('lays a report out the same on a fresh thread as on one that has made other reports (shared words and heights)', async () => {
    await idleOut();
    // A fresh thread: nothing laid out yet.
    const freshZhPdf = await pdf(LVLIANG_ZH);
    const freshEnPdf = await pdf(PANJIN_EN);
    const freshZh = readBack(freshZhPdf);
    const freshEn = readBack(freshEnPdf);
    // The same thread, after reports in both languages, other plans and years, of the same words.
    for (const url of [
      '/api/reports/plans/panjin-2019-2021.pdf?lang=zh&asOf=2020',
      '/api/reports/plans/lvliang-2014-2020.pdf?lang=en&asOf=2017',
      '/api/reports/plans/lvliang-2014-2020.pdf?lang=zh',
    ])
      await pdf(url);
    const warmZhPdf = await pdf(LVLIANG_ZH);
    const warmEnPdf = await pdf(PANJIN_EN);
    expect(readBack(warmZhPdf)).toEqual(freshZh);
    expect(readBack(warmEnPdf)).toEqual(freshEn);
    expect(withoutDate(warmZhPdf)).toBe(withoutDate(freshZhPdf));
    expect(withoutDate(warmEnPdf)).toBe(withoutDate(freshEnPdf));
    expect(withoutDate(warmZhPdf)).not.toMatch(/\(D:\d/);
    expect(freshZh.pages).toBeGreaterThan(3);
  });
});
