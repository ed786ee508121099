import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type AppOptions, buildApp } from '../app.js';

// `npm run bench:report`, three parts, each against a baseline measured in the same run:
// 1. How long the reports of the seeded plans take to make through the real routes (cache misses,
//    with the cache switched off), and how big they are, against the plan-progress endpoint of the same
//    plan judged anew (the judgements a report is built from, as JSON; a new as-of year each request,
//    so never from the memo); and how long the same report takes from the cache. The first request of each kind is reported apart: it starts the worker thread, reads
//    the embedded font and fills the engine's caches.
// 2. /api/health over HTTP while 20 different PDFs are asked for at once, against /api/health idle:
//    the renders run on worker threads, so the event loop should stay as quick as when idle.
// 3. The same 20 requests from one address with the default caps: how many are made, refused (429).

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? Number.NaN;
}
const median = (xs: number[]) => percentile(xs, 50);
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0).padStart(5)} ms`;
const kib = (n: number) => `${(n / 1024).toFixed(0).padStart(4)} KiB`;

interface Case {
  label: string;
  url: string;
}

/** The 20 different PDFs asked for at once: every as-of year of the two seeded city plans, both languages. */
const PARALLEL_PDFS = [
  ...[2014, 2015, 2016, 2017, 2018, 2019, 2020].map((asOf) => ({ slug: 'lvliang-2014-2020', asOf })),
  ...[2019, 2020, 2021].map((asOf) => ({ slug: 'panjin-2019-2021', asOf })),
].flatMap(({ slug, asOf }) => ['zh', 'en'].map((lang) => `/api/reports/plans/${slug}.pdf?asOf=${asOf}&lang=${lang}`));

async function withApp<T>(
  dir: string,
  name: string,
  options: Partial<AppOptions>,
  use: (app: Awaited<ReturnType<typeof buildApp>>) => Promise<T>,
) {
  const app = await buildApp({ dbPath: path.join(dir, `${name}.db`), serveWeb: false, publicRead: true, ...options });
  try {
    return await use(app);
  } finally {
    await app.close();
  }
}

async function reportTimes(dir: string) {
  // Two apps on the same seed: one keeps no report (every request a render), one the default cache.
  await withApp(dir, 'miss', { reports: { cacheBytes: 0 } }, async (miss) =>
    withApp(dir, 'hit', {}, async (hit) => {
      const time = async (app: typeof miss, url: string) => {
        const started = performance.now();
        const res = await app.inject({ method: 'GET', url });
        const elapsed = performance.now() - started;
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        return { elapsed, bytes: res.rawPayload.length, body: res.rawPayload };
      };
      const measure = async (app: typeof miss, url: string) => {
        const first = await time(app, url);
        const warm: number[] = [];
        for (let i = 0; i < RUNS; i++) warm.push((await time(app, url)).elapsed);
        return { first: first.elapsed, warm: median(warm), bytes: first.bytes, body: first.body };
      };
      // The baseline is judged anew each time: the memo keys on the plan and the as-of year, so each
      // request asks for a year not asked before (a memoised answer would be a cache hit, and a report
      // made anew against it would look slower than it is beside the work it shares with the page).
      // Years from 2010 on, where the seeded plans have figures, none asked twice for a plan.
      const nextYear = new Map<string, number>();
      const judgedAnew = async (app: typeof miss, slug: string) => {
        const url = () => {
          const year = nextYear.get(slug) ?? 2010;
          nextYear.set(slug, year + 1);
          return `/api/plans/${slug}/progress?asOf=${year}`;
        };
        const first = await time(app, url());
        const warm: number[] = [];
        for (let i = 0; i < RUNS; i++) warm.push((await time(app, url())).elapsed);
        return { first: first.elapsed, warm: median(warm) };
      };
      const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;

      const plans: { slug: string; region?: string }[] = [
        { slug: 'lvliang-2014-2020' },
        { slug: 'lvliang-2014-2020', region: '141102' },
        { slug: 'panjin-2019-2021' },
      ];
      console.log(`1. reports through app.inject; warm = median of ${RUNS} requests after the first`);
      console.log('   miss = made anew every time (cache off), hit = the same report from the cache\n');
      for (const { slug, region } of plans) {
        const scope = region ? `&region=${region}` : '';
        const baseline = await judgedAnew(miss, slug);
        console.log(`${slug}${region ? ` (region ${region})` : ''}`);
        console.log(
          `  baseline GET /api/plans/${slug}/progress (the judgements as JSON, each request a new as-of year: never the memo): first ${ms(baseline.first)}, warm ${ms(baseline.warm)}`,
        );
        const cases: Case[] = [
          { label: 'PDF zh', url: `/api/reports/plans/${slug}.pdf?lang=zh${scope}` },
          { label: 'PDF en', url: `/api/reports/plans/${slug}.pdf?lang=en${scope}` },
          { label: 'DOCX  ', url: `/api/reports/plans/${slug}.docx?lang=zh${scope}` },
          { label: 'XLSX  ', url: `/api/reports/plans/${slug}.xlsx?lang=zh${scope}` },
          { label: 'CSV   ', url: `/api/reports/plans/${slug}.csv?lang=zh${scope}` },
        ];
        for (const c of cases) {
          const m = await measure(miss, c.url);
          const h = await measure(hit, c.url);
          const extra = c.label.startsWith('PDF') ? `, ${String(pages(m.body)).padStart(2)} pages` : '';
          console.log(
            `  ${c.label}: miss first ${ms(m.first)}, warm ${ms(m.warm)}; hit ${ms(h.warm)}; ${kib(m.bytes)}${extra}; miss warm / baseline ${(m.warm / baseline.warm).toFixed(1)}×, miss / hit ${(m.warm / h.warm).toFixed(0)}×`,
          );
        }
        console.log('');
      }
    }),
  );
}

/** GET /api/health over HTTP, one after another, until `until` settles (or `count` requests when idle). */
async function healthLatencies(base: string, stop: { done: boolean } | { count: number }): Promise<number[]> {
  const times: number[] = [];
  while ('done' in stop ? !stop.done : times.length < stop.count) {
    const started = performance.now();
    const res = await fetch(`${base}/api/health`);
    await res.arrayBuffer();
    times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`/api/health: ${res.status}`);
  }
  return times;
}

async function underLoad(dir: string) {
  // No cache, and caps raised so that all 20 are made: the worst case for the event loop.
  const options = { reports: { cacheBytes: 0, perOwner: PARALLEL_PDFS.length, maxQueue: PARALLEL_PDFS.length } };
  await withApp(dir, 'load', options, async (app) => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    await healthLatencies(base, { count: 20 }); // connections and JIT warm
    const idle = await healthLatencies(base, { count: 200 });
    const stop = { done: false };
    const started = performance.now();
    const pdfs = Promise.all(
      PARALLEL_PDFS.map(async (url) => {
        const res = await fetch(`${base}${url}`);
        await res.arrayBuffer();
        return res.status;
      }),
    ).finally(() => {
      stop.done = true;
    });
    const [busy, statuses] = await Promise.all([healthLatencies(base, stop), pdfs]);
    const wall = performance.now() - started;
    const { threads, recentMs } = app.reportService.pool.stats();
    const line = (xs: number[]) =>
      `p50 ${ms(percentile(xs, 50))}, p95 ${ms(percentile(xs, 95))}, max ${ms(Math.max(...xs))} (${xs.length} requests)`;
    console.log(`2. GET /api/health over HTTP, ${threads} report thread(s) on ${os.availableParallelism()} cores`);
    console.log(`  idle                                  : ${line(idle)}`);
    console.log(`  while ${PARALLEL_PDFS.length} different PDFs are made at once: ${line(busy)}`);
    console.log(
      `  the ${statuses.length} PDFs: ${statuses.filter((s) => s === 200).length} × 200 in ${ms(wall)}; one render on its thread: median ${ms(median(recentMs))}, max ${ms(Math.max(...recentMs))}`,
    );
    console.log(
      `  p95 while busy / idle: ${(percentile(busy, 95) / percentile(idle, 95)).toFixed(1)}×; p95 while busy / median render: ${(percentile(busy, 95) / median(recentMs)).toFixed(2)}\n`,
    );
  });
}

async function defaultCaps(dir: string) {
  await withApp(dir, 'caps', {}, async (app) => {
    const { perOwner, threads, maxQueue } = app.reportService.pool.stats();
    const answers = await Promise.all(PARALLEL_PDFS.map((url) => app.inject({ method: 'GET', url })));
    const count = (status: number) => answers.filter((a) => a.statusCode === status).length;
    console.log(
      `3. the same ${PARALLEL_PDFS.length} PDFs at once from one address, default caps (${perOwner} per reader, ${threads} thread(s) + ${maxQueue} waiting):`,
    );
    console.log(
      `  ${count(200)} × 200, ${count(429)} × 429 (Retry-After ${answers.find((a) => a.statusCode === 429)?.headers['retry-after'] ?? '—'} s), ${count(503)} × 503`,
    );
  });
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jindu-bench-report-'));
  try {
    await reportTimes(dir);
    await underLoad(dir);
    await defaultCaps(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
