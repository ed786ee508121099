import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../app.js';
import { openDatabase } from '../db/connection.js';
import { repoRoot } from '../paths.js';
import { createRepositories } from '../repositories/index.js';
import { createProgressService } from '../services/progress.js';
import { load, startProcess } from './national/http.js';

// `npm run bench:progress`: judges every target of a synthetic national-scale database (about
// 3,000 regions, each with the Lüliang plan's targets and 15 years of observations) and reports
// targets judged per second, and the plan-progress endpoint over HTTP under concurrent load (the
// production server in its own process, autocannon), each against a bare SQLite read of the same
// rows measured in the same run, and the endpoint against a bare Fastify route's ceiling.

const REGIONS = Number(process.env.BENCH_REGIONS ?? 3000);
const YEARS = 15;
const FIRST_YEAR = 2008;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const CONNECTIONS = 20;
const SERVER = path.join(repoRoot, 'server', 'dist', 'server.js');
const BARE = path.join(repoRoot, 'server', 'dist', 'bench', 'national', 'bareServer.js');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}
const ms = (x: number) => `${x.toFixed(3)} ms`;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jindu-bench-'));
  const dbPath = path.join(dir, 'bench.db');
  try {
    // 1. The real schema and seed, then a synthetic country built from the Lüliang plan.
    let t0 = performance.now();
    const app0 = await buildApp({ dbPath, serveWeb: false });
    await app0.close();
    const db = openDatabase(dbPath);
    const template = db.prepare("SELECT * FROM plans WHERE slug = 'lvliang-2014-2020'").get() as Record<string, unknown>;
    const templateTargets = db.prepare('SELECT * FROM targets WHERE plan_id = ? ORDER BY position').all(template.id) as Record<
      string,
      unknown
    >[];
    const templateMilestones = db
      .prepare('SELECT m.* FROM target_milestones m JOIN targets t ON t.id = m.target_id WHERE t.plan_id = ?')
      .all(template.id) as { target_id: number; year: number; value: number | null; clause: string }[];
    const indicators = [...new Set(templateTargets.map((t) => t.indicator_code as string))];
    const insertRegion = db.prepare("INSERT INTO regions VALUES (?, ?, ?, 'prefecture', '100000')");
    const insertPlan = db.prepare(
      `INSERT INTO plans (slug, kind, title_zh, title_en, doc_number, issuer_zh, issuer_en, issue_date, period_start,
         period_end, status, status_note, region_code, source_document_id, note)
       VALUES (@slug, @kind, @title_zh, @title_en, @doc_number, @issuer_zh, @issuer_en, @issue_date, @period_start,
         @period_end, @status, @status_note, @region_code, @source_document_id, @note)`,
    );
    const insertTarget = db.prepare(
      `INSERT INTO targets (plan_id, key, position, region_code, indicator_code, type, comparator, value, value_as_printed,
         value_min, value_max, value_unknown, target_year, base_year, base_value, benchmark_region_code, commitment, clause, note)
       VALUES (@plan_id, @key, @position, @region_code, @indicator_code, @type, @comparator, @value, @value_as_printed,
         @value_min, @value_max, @value_unknown, @target_year, @base_year, @base_value, @benchmark_region_code, @commitment, @clause, @note)`,
    );
    const insertMilestone = db.prepare('INSERT INTO target_milestones VALUES (?, ?, ?, ?)');
    const insertObservation = db.prepare(
      `INSERT INTO observation_revisions (region_code, indicator_code, year, value, published, vintage, is_sample,
         source_title, entered_by, entered_at, origin) VALUES (?, ?, ?, ?, 1, 'final', 1, 'benchmark (synthetic)', 'bench', ?, 'api')`,
    );
    const now = new Date().toISOString();
    let observations = 0;
    const planIds: number[] = [];
    db.transaction(() => {
      for (let r = 0; r < REGIONS; r++) {
        const code = String(500000 + r * 3);
        insertRegion.run(code, `合成地区${r}`, `Synthetic ${r}`);
        const planId = Number(insertPlan.run({ ...template, slug: `bench-${r}`, region_code: code }).lastInsertRowid);
        planIds.push(planId);
        for (const t of templateTargets) {
          const id = Number(insertTarget.run({ ...t, plan_id: planId, region_code: code }).lastInsertRowid);
          for (const m of templateMilestones.filter((x) => x.target_id === t.id))
            insertMilestone.run(id, m.year, m.value, m.clause);
        }
        for (const [i, indicator] of indicators.entries()) {
          // A plausible, varied series: a level with its own growth and some noise.
          const level = 5 + ((r * 7 + i * 13) % 200);
          const growth = 0.02 + ((r + i) % 15) / 100;
          for (let y = 0; y < YEARS; y++) {
            const noise = 1 + (((r * 31 + i * 17 + y * 7) % 11) - 5) / 100;
            insertObservation.run(
              code,
              indicator,
              FIRST_YEAR + y,
              Math.round(level * (1 + growth) ** y * noise * 100) / 100,
              now,
            );
            observations++;
          }
        }
      }
    })();
    db.pragma('optimize');
    const targets = REGIONS * templateTargets.length;
    console.log(
      `synthetic database: ${REGIONS} regions, ${targets} targets, ${observations} observations, built in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    // 2. Baseline: a bare SQLite read of exactly the rows the engine reads (each target's series).
    const repos = createRepositories(db);
    const seriesOf = db.prepare(
      'SELECT year, value, vintage, is_sample, id FROM observation_revisions WHERE region_code = ? AND indicator_code = ?',
    );
    const targetsOf = db.prepare('SELECT region_code, indicator_code, benchmark_region_code FROM targets WHERE plan_id = ?');
    t0 = performance.now();
    let rowsRead = 0;
    for (const planId of planIds) {
      for (const t of targetsOf.all(planId) as {
        region_code: string;
        indicator_code: string;
        benchmark_region_code: string | null;
      }[]) {
        rowsRead += seriesOf.all(t.region_code, t.indicator_code).length;
        if (t.benchmark_region_code) rowsRead += seriesOf.all(t.benchmark_region_code, t.indicator_code).length;
      }
    }
    const bareSeconds = (performance.now() - t0) / 1000;

    // 3. The engine through the service (uncached: each plan judged once).
    const service = createProgressService(repos);
    t0 = performance.now();
    let judged = 0;
    for (const planId of planIds) {
      const plan = repos.plans.find(String(planId));
      if (plan) judged += service.planProgress(plan, 2018).targets.length;
    }
    const judgeSeconds = (performance.now() - t0) / 1000;
    console.log(`\njudging every target (as of 2018)`);
    console.log(
      `  bare SQLite read of the same rows: ${rowsRead} rows in ${bareSeconds.toFixed(2)} s (${Math.round(targets / bareSeconds)} targets/s)`,
    );
    console.log(
      `  read + judge through the engine:   ${judged} targets in ${judgeSeconds.toFixed(2)} s (${Math.round(judged / judgeSeconds)} targets/s)`,
    );
    console.log(`  ratio engine / bare read:          ${(judgeSeconds / bareSeconds).toFixed(2)}×`);
    db.close();

    // 4. The plan-progress endpoint over HTTP, from outside: the production server (its own process, a
    // real port) under autocannon with 20 connections, against a bare SQLite read of one plan's rows
    // (in this process, one at a time: what one core could serve if reading were all there was to do)
    // and against a bare Fastify process answering a constant JSON object (the ceiling of a route).
    const pick = (i: number) => planIds[(i * 7919) % planIds.length] as number;
    const bare: number[] = [];
    const readDb = openDatabase(dbPath);
    const readSeries = readDb.prepare(
      'SELECT year, value, vintage, is_sample, id FROM observation_revisions WHERE region_code = ? AND indicator_code = ?',
    );
    const readTargets = readDb.prepare('SELECT region_code, indicator_code FROM targets WHERE plan_id = ?');
    for (let i = 100; i < 100 + REQUESTS; i++) {
      const s = performance.now();
      for (const t of readTargets.all(pick(i)) as { region_code: string; indicator_code: string }[])
        readSeries.all(t.region_code, t.indicator_code);
      bare.push(performance.now() - s);
    }
    readDb.close();

    const server = await startProcess(SERVER, { JINDU_DB: dbPath, JINDU_PUBLIC_READ: 'true' });
    const ceilingServer = await startProcess(BARE, {});
    try {
      // Each request a (plan, as-of year) pair not asked before while the server lives: never the memo.
      const years = Array.from({ length: YEARS + 1 }, (_, i) => FIRST_YEAR + i);
      let k = 0;
      const fresh = () => {
        const i = k++;
        return `/api/plans/${planIds[i % planIds.length]}/progress?asOf=${years[Math.floor(i / planIds.length) % years.length]}`;
      };
      const memoPath = `/api/plans/${pick(1)}/progress`;
      const c = { connections: CONNECTIONS };
      await load(server.url, { ...c, duration: WARMUP, next: fresh });
      await load(server.url, { ...c, duration: WARMUP, path: memoPath });
      await load(ceilingServer.url, { ...c, duration: WARMUP, path: '/const' });
      const uncached = await load(server.url, { ...c, duration: DURATION, next: fresh });
      const memo = await load(server.url, { ...c, duration: DURATION, path: memoPath });
      const ceiling = await load(ceilingServer.url, { ...c, duration: DURATION, path: '/const' });
      const failures = uncached.failures + memo.failures + ceiling.failures;
      const bareRate = 1000 / median(bare);
      console.log(
        `\nGET /api/plans/:id/progress over HTTP (production server, autocannon ${CONNECTIONS} connections, ${DURATION} s after ${WARMUP} s warm-up; plans of ${templateTargets.length} targets)`,
      );
      console.log(
        `  bare SQLite read of one plan's rows:  median ${ms(median(bare))} (${Math.round(bareRate)} plans/s on one core)`,
      );
      console.log(
        `  not cached (new plan × as-of each):  ${Math.round(uncached.rps)} req/s, p50 ${ms(uncached.p50)}, p99 ${ms(uncached.p99)}${k > planIds.length * years.length ? ' (the rotation wrapped: some may be memo hits)' : ''}`,
      );
      console.log(
        `  memoised (one plan):                 ${Math.round(memo.rps)} req/s, p50 ${ms(memo.p50)}, p99 ${ms(memo.p99)}`,
      );
      console.log(`  bare Fastify, constant JSON:         ${Math.round(ceiling.rps)} req/s`);
      console.log(`  not cached / bare read rate:         ${((uncached.rps / bareRate) * 100).toFixed(0)}%`);
      console.log(`  not cached / ceiling:                ${((uncached.rps / ceiling.rps) * 100).toFixed(1)}%`);
      console.log(`  memoised / ceiling:                  ${((memo.rps / ceiling.rps) * 100).toFixed(1)}%`);
      if (failures > 0) console.log(`  ${failures} requests failed or were not 2xx`);
    } finally {
      await server.stop();
      await ceilingServer.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
