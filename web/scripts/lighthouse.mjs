// `npm run lighthouse`: Lighthouse (desktop preset) on the overview page served by the production
// server (a fresh seeded database on a spare port), in Debian's Chromium. Prints the four category
// scores and exits 1 when performance or accessibility is below 95.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const port = Number(process.env.LIGHTHOUSE_PORT ?? 3950);
const pagePath = process.env.LIGHTHOUSE_PATH ?? '/';
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

try {
  const url = `http://127.0.0.1:${port}${pagePath}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {}
    if (i > 120) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
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
    const categories = result?.lhr.categories ?? {};
    const scores = Object.fromEntries(Object.entries(categories).map(([k, c]) => [k, Math.round((c.score ?? 0) * 100)]));
    console.log(`Lighthouse ${result?.lhr.lighthouseVersion} (desktop preset) on ${url}`);
    for (const [k, v] of Object.entries(scores)) console.log(`  ${k.padEnd(16)} ${v}`);
    const failing = result?.lhr.audits
      ? Object.values(result.lhr.audits).filter(
          (a) =>
            a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable',
        )
      : [];
    if (failing.length > 0) console.log(`  audits below 0.9: ${failing.map((a) => a.id).join(', ')}`);
    const artifacts = path.join(root, 'test-artifacts');
    fs.mkdirSync(artifacts, { recursive: true });
    fs.writeFileSync(path.join(artifacts, 'lighthouse.json'), JSON.stringify(result?.lhr, null, 1));
    process.exitCode = (scores.performance ?? 0) >= 95 && (scores.accessibility ?? 0) >= 95 ? 0 : 1;
  } finally {
    await chrome.kill();
  }
} finally {
  stop();
}
