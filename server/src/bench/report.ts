import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../app.js';

// `npm run bench:report`: how long the reports of the seeded plans take to make through the real
// routes, and how big they are, against the plan-progress endpoint of the same plan measured in the
// same run (the judgements a report is built from, as JSON). The first request of each kind is
// reported apart: it reads the embedded font and fills the caches.

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}
const ms = (x: number) => `${x.toFixed(0).padStart(5)} ms`;
const kib = (n: number) => `${(n / 1024).toFixed(0).padStart(4)} KiB`;

interface Case {
  label: string;
  url: string;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jindu-bench-report-'));
  try {
    const app = await buildApp({ dbPath: path.join(dir, 'bench.db'), serveWeb: false, publicRead: true });
    try {
      const time = async (url: string) => {
        const started = performance.now();
        const res = await app.inject({ method: 'GET', url });
        const elapsed = performance.now() - started;
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        return { elapsed, bytes: res.rawPayload.length, body: res.rawPayload };
      };
      const measure = async (url: string) => {
        const first = await time(url);
        const warm: number[] = [];
        for (let i = 0; i < RUNS; i++) warm.push((await time(url)).elapsed);
        return { first: first.elapsed, warm: median(warm), bytes: first.bytes, body: first.body };
      };
      const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;

      const plans: { slug: string; region?: string }[] = [
        { slug: 'lvliang-2014-2020' },
        { slug: 'lvliang-2014-2020', region: '141102' },
        { slug: 'panjin-2019-2021' },
      ];
      console.log(`reports through app.inject; warm = median of ${RUNS} requests after the first\n`);
      for (const { slug, region } of plans) {
        const scope = region ? `&region=${region}` : '';
        const baseline = await measure(`/api/plans/${slug}/progress`);
        console.log(`${slug}${region ? ` (region ${region})` : ''}`);
        console.log(
          `  baseline GET /api/plans/${slug}/progress (the judgements as JSON; warm = memoised): first ${ms(baseline.first)}, warm ${ms(baseline.warm)}`,
        );
        const cases: Case[] = [
          { label: 'PDF zh', url: `/api/reports/plans/${slug}.pdf?lang=zh${scope}` },
          { label: 'PDF en', url: `/api/reports/plans/${slug}.pdf?lang=en${scope}` },
          { label: 'XLSX  ', url: `/api/reports/plans/${slug}.xlsx?lang=zh${scope}` },
          { label: 'CSV   ', url: `/api/reports/plans/${slug}.csv?lang=zh${scope}` },
        ];
        for (const c of cases) {
          const m = await measure(c.url);
          const extra = c.label.startsWith('PDF') ? `, ${String(pages(m.body)).padStart(2)} pages` : '';
          console.log(
            `  ${c.label}: first ${ms(m.first)}, warm ${ms(m.warm)}, ${kib(m.bytes)}${extra}; warm / baseline ${(m.warm / baseline.warm).toFixed(1)}×`,
          );
        }
        console.log('');
      }
    } finally {
      await app.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
