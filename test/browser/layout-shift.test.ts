import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, watchConsole } from '../helpers/browser.js';
import { startServer } from '../helpers/server.js';

// Cumulative layout shift, measured by the browser itself (PerformanceObserver `layout-shift`,
// buffered), so it does not depend on how loaded the machine is: a page whose skeleton reserves the
// final layout shifts by the same (small) amount whether the data takes 10 ms or 1 s to arrive.
// Lighthouse's "good" threshold is 0.1; the target page scored 0.57 before its space was reserved.

const PLAN = '/plans/lvliang-2014-2020';
const COMPARE = '/compare?regions=141100,140000,100000&indicator=rd_intensity';
/** Lighthouse's desktop preset viewport. */
const DESKTOP = { width: 1350, height: 940 };
/** A phone, as leaders read the plan page on the move. */
const PHONE = { width: 390, height: 844 };

let server: { url: string; close: () => Promise<void> };
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  // With scrollbars, as Lighthouse and a reader see the page (Playwright hides them by default):
  // the scrollbar appearing once the page grows past the screen moved the whole page sideways, and
  // that move is most of the 0.57 Lighthouse measured.
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    ignoreDefaultArgs: ['--hide-scrollbars'],
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Shift {
  value: number;
  sources: string[];
}

/**
 * Records every layout shift from navigation on (buffered), excluding those right after input, with
 * the shifted elements named so a failure says what moved. (A script string: the tests' TypeScript
 * has no DOM types.)
 */
const RECORD_SHIFTS = `
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      window.__shifts.push({
        value: entry.value,
        sources: (entry.sources || []).map((s) => {
          const el = s.node instanceof Element ? s.node : s.node && s.node.parentElement;
          return el ? el.tagName.toLowerCase() + '.' + [...el.classList].join('.') : '?';
        }),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
`;

async function shifts(page: Page): Promise<Shift[]> {
  return (await page.evaluate('window.__shifts')) as Shift[];
}

/**
 * Opens the page and waits until it is complete (network idle, the `ready` selector visible) and a
 * little after, so late arrivals (lazy sections, fonts) are counted too.
 * `apiDelayMs` holds every API answer back, so the skeleton is on screen for a while and its swap
 * for the content is what gets measured (the order code-then-data, as on a slow server).
 */
async function cumulativeShift(
  pathname: string,
  ready: string,
  apiDelayMs: number,
  viewport: { width: number; height: number } = DESKTOP,
  /**
   * Scrolled to this element as soon as it shows (a reader who scrolls on while the page fills in):
   * on a phone the plan's summary starts near the bottom of the screen, and what it pushes down when
   * it grows is only on screen, and counted, once the reader has scrolled to it.
   */
  scrollTo: string | null = null,
  /** The API answers held back (default all). */
  delayed = '**/api/**',
): Promise<{ total: number; list: Shift[] }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = watchConsole(page);
  try {
    if (apiDelayMs > 0) {
      await page.route(delayed, async (route) => {
        await new Promise((r) => setTimeout(r, apiDelayMs));
        await route.continue();
      });
    }
    await page.addInitScript(RECORD_SHIFTS);
    await page.goto(`${server.url}${pathname}`, { waitUntil: 'load' });
    if (scrollTo !== null) {
      await page.locator(scrollTo).first().waitFor({ state: 'visible', timeout: 20_000 });
      // Not input (hadRecentInput stays false): the shifts after it are counted.
      await page.evaluate(`document.querySelector(${JSON.stringify(scrollTo)}).scrollIntoView({ block: 'start' })`);
    }
    await page.locator(ready).first().waitFor({ state: 'visible', timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    const list = await shifts(page);
    expect(errors).toEqual([]);
    return { total: list.reduce((sum, s) => sum + s.value, 0), list };
  } finally {
    await context.close();
  }
}

describe('layout shift', () => {
  // The plan's verdicts come after the plan (a second request, computed): the page is drawn with the
  // summary's placeholder, the reader scrolls to it, and the verdicts arrive. On a phone the summary
  // is one column and much taller than on a desktop; its placeholder must be as tall, or the target
  // cards below it jump down when it fills in.
  for (const delay of [0, 600]) {
    it(`the plan page keeps its layout on a 390 × 844 phone while the summary fills in (CLS < 0.1, verdicts ${delay} ms late)`, async () => {
      const { total, list } = await cumulativeShift(
        PLAN,
        '.target-list .verdict [data-status]',
        delay,
        PHONE,
        delay > 0 ? '.progress-summary__loading' : null,
        '**/api/plans/*/progress**',
      );
      expect(total, JSON.stringify(list)).toBeLessThan(0.1);
    });
  }

  for (const delay of [0, 400]) {
    it(`the target page's skeleton reserves the chart's space (CLS < 0.1, API answers ${delay} ms late)`, async () => {
      const { total, list } = await cumulativeShift('/targets/4', '.chart-frame .recharts-surface', delay);
      expect(total, JSON.stringify(list)).toBeLessThan(0.1);
    });

    it(`the plan page keeps its layout while the verdicts arrive (CLS < 0.1, API answers ${delay} ms late)`, async () => {
      const { total, list } = await cumulativeShift(PLAN, '.target-list .verdict [data-status]', delay);
      expect(total, JSON.stringify(list)).toBeLessThan(0.1);
    });

    it(`the compare page holds the footer below the fold until its charts arrive (CLS < 0.1, API answers ${delay} ms late)`, async () => {
      const { total, list } = await cumulativeShift(COMPARE, '.chart-frame .recharts-surface', delay);
      expect(total, JSON.stringify(list)).toBeLessThan(0.1);
    });
  }
});
