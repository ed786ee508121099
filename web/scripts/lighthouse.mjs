// `npm run lighthouse`: Lighthouse (desktop preset) on the four pages a leader opens — the overview,
// a plan, a target and the comparison — served by the production server (a fresh seeded database on
// a spare port), in Debian's Chromium. Each page is measured three times and the median run (by
// performance score) is reported: performance, accessibility, cumulative layout shift, total
// blocking time. Exits 1 when a page's median is below 95 in performance or 100 in accessibility,
// unless LIGHTHOUSE_REPORT_ONLY=1 (a shared, loaded machine: blocking time, and so performance,
// depends on the load; layout shift does not, so it is the figure to trust there).
//
// LIGHTHOUSE_PATH=/targets/4 measures one page only; LIGHTHOUSE_RUNS changes the number of runs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const PAGES = [
  { name: 'overview', path: '/' },
  { name: 'plan', path: '/plans/lvliang-2014-2020' },
  { name: 'target', path: '/targets/4' },
  { name: 'compare', path: '/compare?regions=141100,140000,100000&indicator=rd_intensity' },
];
const MIN_PERFORMANCE = 95;
const MIN_ACCESSIBILITY = 100;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const port = Number(process.env.LIGHTHOUSE_PORT ?? 3950);
const runs = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
const reportOnly = process.env.LIGHTHOUSE_REPORT_ONLY === '1';
const pages = process.env.LIGHTHOUSE_PATH ? [{ name: 'page', path: process.env.LIGHTHOUSE_PATH }] : PAGES;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jindu-lh-'));
const server = spawn('node', [path.join(root, 'server', 'dist', 'server.js')], {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    JINDU_DB: path.join(dir, 'lh.db'),
    JINDU_PUBLIC_READ: 'true',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const stop = () => {
  server.kill();
  fs.rmSync(dir, { recursive: true, force: true });
};

/** One Lighthouse run in a fresh Chromium; retried once when the trace is unusable (NO_NAVSTART happens under load). */
async function measure(url) {
  for (let attempt = 0; ; attempt++) {
    const chrome = await chromeLauncher.launch({
      chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      chromeFlags: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' }, desktopConfig);
      const lhr = result?.lhr;
      if (lhr && !lhr.runtimeError) return lhr;
      if (attempt >= 2) throw new Error(`Lighthouse failed on ${url}: ${lhr?.runtimeError?.code ?? 'no result'}`);
    } finally {
      await chrome.kill();
    }
  }
}

const score = (lhr, category) => Math.round((lhr.categories[category]?.score ?? 0) * 100);
const numeric = (lhr, audit) => lhr.audits[audit]?.numericValue ?? Number.NaN;

try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {}
    if (i > 120) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
  const artifacts = path.join(root, 'test-artifacts');
  fs.mkdirSync(artifacts, { recursive: true });
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(`Lighthouse (desktop preset), median of ${runs} run(s) per page; load average at start: ${load()}`);
  console.log(
    `${'page'.padEnd(9)} ${'perf'.padStart(5)} ${'a11y'.padStart(5)} ${'CLS'.padStart(7)} ${'TBT ms'.padStart(7)}  runs (perf/CLS/TBT)   url`,
  );
  const failures = [];
  for (const page of pages) {
    const url = `http://127.0.0.1:${port}${page.path}`;
    const results = [];
    for (let r = 0; r < runs; r++) results.push(await measure(url));
    // The median run by performance; layout shift and blocking time are the medians of their own.
    const byPerf = [...results].sort((a, b) => score(a, 'performance') - score(b, 'performance'));
    const median = byPerf[Math.floor((byPerf.length - 1) / 2)];
    const mid = (values) => values.sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
    const perf = score(median, 'performance');
    const a11y = mid(results.map((x) => score(x, 'accessibility')));
    const cls = mid(results.map((x) => numeric(x, 'cumulative-layout-shift')));
    const tbt = mid(results.map((x) => numeric(x, 'total-blocking-time')));
    const each = results
      .map(
        (x) =>
          `${score(x, 'performance')}/${numeric(x, 'cumulative-layout-shift').toFixed(3)}/${Math.round(numeric(x, 'total-blocking-time'))}`,
      )
      .join(' ');
    console.log(
      `${page.name.padEnd(9)} ${String(perf).padStart(5)} ${String(a11y).padStart(5)} ${cls.toFixed(3).padStart(7)} ${String(Math.round(tbt)).padStart(7)}  ${each}  ${page.path}`,
    );
    fs.writeFileSync(path.join(artifacts, `lighthouse-${page.name}.json`), JSON.stringify(median, null, 1));
    if (perf < MIN_PERFORMANCE) failures.push(`${page.name}: performance ${perf} < ${MIN_PERFORMANCE}`);
    if (a11y < MIN_ACCESSIBILITY) failures.push(`${page.name}: accessibility ${a11y} < ${MIN_ACCESSIBILITY}`);
  }
  console.log(`load average at end: ${load()}`);
  if (failures.length > 0) {
    console.log(`below the bar: ${failures.join('; ')}${reportOnly ? ' (LIGHTHOUSE_REPORT_ONLY=1: reported only)' : ''}`);
    if (!reportOnly) process.exitCode = 1;
  }
} finally {
  stop();
}
