import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchConsole } from '../helpers/browser.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { signIn } from '../helpers/session.js';

// The sizes leaders use, in both languages and every role: no page is wider than the screen from 360 px
// up, and the header holds its navigation on one line, or gathers it behind a menu button; a display
// name is never cut.

const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts', 'layout');
const WIDTHS = [360, 390, 1024, 1366] as const;
const LANGS = ['zh', 'en'] as const;
const PLAN = '/plans/lvliang-2014-2020';

interface Role {
  name: string;
  account: { name: string; password: string } | null;
  pages: string[];
}

/** The demo accounts (demo mode), and the pages each role reaches from the navigation. */
const ROLES: Role[] = [
  { name: 'visitor', account: null, pages: ['/?region=141100', PLAN, '/targets/8', '/compare', '/signin'] },
  { name: 'viewer', account: { name: 'demo-viewer', password: 'jindu-demo-viewer' }, pages: ['/?region=141100', PLAN] },
  {
    name: 'statistician',
    account: { name: 'demo-statistician', password: 'jindu-demo-statistician' },
    pages: ['/?region=141100', PLAN, '/uploads', '/uploads/entry'],
  },
  {
    name: 'admin',
    account: { name: 'demo-admin', password: 'jindu-demo-admin' },
    pages: ['/?region=141100', PLAN, '/admin/users', '/admin/audit', '/admin/plans'],
  },
];

/** Each role signs in once and walks its pages at every width and in both languages. */
const PER_ROLE = 240_000;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer({ demo: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Measure {
  scrollWidth: number;
  innerWidth: number;
  mode: string | null;
  /** bar: the navigation's entries' distinct tops (1 = one line); menu: 0 */
  navLines: number;
  /** bar: the header's parts (brand, navigation, tools) inside the screen */
  partsInside: boolean;
  /** bar: the header is one row (every part's vertical middle within the row's band) */
  oneRow: boolean;
  nameCut: boolean;
  menuButton: boolean;
}

/** The page's width and the header's layout, measured in the page (a string: the tests compile without the DOM's types). */
function measure(page: Page): Promise<Measure> {
  return page.evaluate<Measure>(`(() => {
    const header = document.querySelector('.site-header');
    const row = document.querySelector('.site-header__inner');
    const nav = row.querySelector(':scope > .site-nav ul');
    const tops = nav ? new Set([...nav.children].map((li) => Math.round(li.getBoundingClientRect().top))) : new Set();
    const parts = [...row.children].map((el) => el.getBoundingClientRect());
    const rowBox = row.getBoundingClientRect();
    const middles = parts.map((r) => (r.top + r.bottom) / 2);
    const name = row.querySelector('.user-menu__name');
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      mode: header.getAttribute('data-header-mode'),
      navLines: tops.size,
      partsInside: parts.every((r) => r.left >= 0 && r.right <= window.innerWidth + 0.5),
      oneRow: middles.every((m) => m > rowBox.top && m < rowBox.bottom) && parts.every((r) => r.height <= rowBox.height),
      nameCut: name ? name.scrollWidth > name.clientWidth : false,
      menuButton: !!row.querySelector(':scope > .site-menu > .site-menu__button'),
    };
  })()`);
}

/** Opens the page at the viewport's width (a fresh load: the header measures itself as it starts). */
async function open(page: Page, pathname: string, lang: 'zh' | 'en'): Promise<void> {
  const url = `${server.url}${pathname}${lang === 'en' ? `${pathname.includes('?') ? '&' : '?'}lang=en` : ''}`;
  await page.goto(url);
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
}

describe('layout at the sizes leaders use', () => {
  for (const role of ROLES) {
    it(
      `fits 360–1366 px in both languages for the ${role.name}: no page wider than the screen, the navigation on one line or in the menu`,
      async () => {
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
        const page = await context.newPage();
        const errors = watchConsole(page);
        if (role.account) await signIn(page, server.url, role.account.name, role.account.password);
        const modes: Record<string, string | null> = {};
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: width < 800 ? 844 : 768 });
          for (const lang of LANGS) {
            for (const pathname of role.pages) {
              await open(page, pathname, lang);
              const m = await measure(page);
              const where = `${role.name} ${lang} ${width}px ${pathname}`;
              expect(m.scrollWidth, where).toBeLessThanOrEqual(m.innerWidth);
              expect(m.partsInside, where).toBe(true);
              if (m.mode === 'bar') {
                expect(m.navLines, where).toBe(1);
                expect(m.oneRow, where).toBe(true);
                expect(m.nameCut, where).toBe(false);
              } else {
                expect(m.mode, where).toBe('menu');
                expect(m.menuButton, where).toBe(true);
              }
              modes[`${lang} ${width}`] = m.mode;
            }
            await page.screenshot({ path: path.join(ARTIFACTS, `${role.name}-${lang}-${width}.png`) });
          }
        }
        // Phones always get the menu; a laptop in Chinese always the bar.
        expect([modes['zh 360'], modes['en 360'], modes['zh 390'], modes['en 390']]).toEqual(['menu', 'menu', 'menu', 'menu']);
        expect(modes['zh 1366']).toBe('bar');
        // The cases the issue found: at 1024 px in English a signed-in statistician's or administrator's
        // header wrapped and cut the name; now it is a menu.
        if (role.name === 'statistician' || role.name === 'admin') expect(modes['en 1024']).toBe('menu');
        if (role.name === 'visitor') expect(modes['en 1024']).toBe('bar');
        expect(errors).toEqual([]);
        await context.close();
      },
      PER_ROLE,
    );
  }

  it('opens the menu on a phone: the navigation, the user in full, the language, all inside the screen', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await signIn(page, server.url, 'demo-statistician', 'jindu-demo-statistician');
    await page.setViewportSize({ width: 360, height: 800 });
    await open(page, '/?region=141100', 'en');
    const button = page.getByRole('button', { name: 'Menu' });
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await button.click();
    const panel = page.locator('.site-menu__panel');
    await panel.waitFor();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    const nav = panel.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Overview', 'Plans', 'Compare', 'Uploads', 'To do']);
    expect(await panel.locator('.user-menu__full-name').textContent()).toBe('演示统计员(吕梁)Demo statistician (Lüliang)');
    expect(await panel.getByRole('link', { name: '中文' }).isVisible()).toBe(true);
    const box = await panel.boundingBox();
    expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 360).toBe(true);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await page.screenshot({ path: path.join(ARTIFACTS, 'menu-open-statistician-en-360.png') });
    // Escape closes it and gives the focus back to the button; a link followed closes it too.
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    expect(await button.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await button.click();
    await nav.getByRole('link', { name: 'Plans' }).click();
    await page.waitForURL(/\/plans\?lang=en$/);
    await panel.waitFor({ state: 'hidden' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('never breaks a role inside its word in the sign-in page’s demo accounts (管理员, not 管理/员)', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 844 });
      await open(page, '/signin', 'zh');
      const roles = page.locator('.demo-banner__accounts tbody td:nth-child(2)');
      expect(await roles.allTextContents()).toEqual(['管理员', '统计员', '查看者', '填报人', '审核人']);
      // One line each: the text's line boxes, counted by their tops.
      const lines = await roles.evaluateAll((els) =>
        els.map((el) => {
          const range = el.ownerDocument.createRange();
          range.selectNodeContents(el);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        }),
      );
      expect(lines, `${width}px`).toEqual([1, 1, 1, 1, 1]);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'signin-zh-390.png'), fullPage: true });
    await context.close();
  });
});
