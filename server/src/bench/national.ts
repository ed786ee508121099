import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { hashPassword } from '../auth/password.js';
import { type Db, openDatabase } from '../db/connection.js';
import { readMigrationFiles } from '../db/migrate.js';
import { migrationsDir, repoRoot } from '../paths.js';
import { createRepositories } from '../repositories/index.js';
import { generateNational } from './national/generate.js';
import {
  BROWSER_HEADERS,
  type LoadResult,
  load,
  median,
  type Proc,
  percentile,
  rawRequest,
  startProcess,
  startSampler,
} from './national/http.js';
import { productionLaunch } from './national/launch.js';

// `npm run bench`: the table of issue 16, measured from outside against the production server
// (server/dist/server.js on a real port) on national databases of 30, 300 and 3,000 regions
// (`npm run gen:national`, cached by parameters), each figure beside a baseline measured in the same
// run: a bare Fastify process answering a constant JSON object (the ceiling) or the endpoint's own
// response bytes (same-bytes), a bare SQLite insert, the same reads before a change, or idle. Load:
// autocannon, 20 connections, after a warm-up, median of 3 rounds. Writes bench/results.md.
//
// Environment: BENCH_SIZES (30,300,3000), BENCH_DURATION (10 s per load), BENCH_WARMUP (3 s),
// BENCH_ROUNDS (3), BENCH_UPLOAD_ROWS (100000), BENCH_DURING_ROWS (59400), BENCH_MORE_REVISIONS
// (80000), BENCH_PHASES (reads,pdf,history,upload), BENCH_CACHE_DIR, BENCH_CPU_PROF_DIR (profile
// the server processes there, a folder per process, a file per thread), BENCH_OUT (bench/results.md). A quick run:
// BENCH_SIZES=30,300 BENCH_DURATION=2 BENCH_WARMUP=1 BENCH_ROUNDS=1 npm run bench.
// The PDF row is measured on the reads phase's server at the largest size: BENCH_PHASES=reads,pdf.

const env = process.env;
const SIZES = (env.BENCH_SIZES ?? '30,300,3000').split(',').map(Number);
const DURATION = Number(env.BENCH_DURATION ?? 10);
const WARMUP = Number(env.BENCH_WARMUP ?? 3);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 20;
const YEARS = 15;
const SEED = 1;
const UPLOAD_ROWS = Number(env.BENCH_UPLOAD_ROWS ?? 100_000);
const DURING_ROWS = Number(env.BENCH_DURING_ROWS ?? 59_400);
const MORE_REVISIONS = Number(env.BENCH_MORE_REVISIONS ?? 80_000);
// The PDF row: reports made to warm the thread, then reports measured (median).
const PDF_WARMUP = 3;
const PDF_REPORTS = 21;
const PHASES = new Set((env.BENCH_PHASES ?? 'reads,pdf,history,upload').split(','));
const CACHE_DIR = env.BENCH_CACHE_DIR ?? path.join(os.tmpdir(), 'jindu-bench-national');
const OUT = path.resolve(repoRoot, env.BENCH_OUT ?? path.join('bench', 'results.md'));
/** Bump when generate.ts writes different data: cached databases of another version are not reused. */
const GENERATOR_VERSION = 2;
/** Plans whose reads are measured before and after the added history. */
const HISTORY_PLANS = 300;
/** Open-loop sampling rate of the reads beside an upload. */
const SAMPLE_RATE = 50;

const LAUNCH = productionLaunch();
const SERVER = path.join(repoRoot, LAUNCH.script);
const BARE = path.join(repoRoot, 'server', 'dist', 'bench', 'national', 'bareServer.js');
const ADMIN = { name: 'bench-admin', password: 'bench password, not a real one' };

interface Row {
  what: string;
  size: string;
  figure: string;
  baseline: string;
  ratio: string;
  goal: string;
  met: boolean | null;
}
const rows: Row[] = [];
const notes: string[] = [];

const fmt = (x: number, digits = 0) =>
  x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (x: number) => `${fmt(x, x < 10 ? 2 : x < 100 ? 1 : 0)} ms`;
const rps = (x: number) => `${fmt(x, x < 10 ? 1 : 0)} req/s`;
const pct = (x: number) => `${fmt(x * 100, x < 0.1 ? 1 : 0)}%`;
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 1)} MB`;
const bytesText = (bytes: number) => (bytes < 1024 * 1024 ? `${fmt(bytes / 1024, 1)} KB` : mb(bytes));
const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));
function log(message: string) {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

// ---------------------------------------------------------------------------------------------
// Databases

/** The cached database of `regions` regions (generated when missing), and a fresh working copy of it. */
function workingCopy(regions: number, dir: string): string {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  // Named by the migrations it was made with too: a changed migration's checksum makes the server
  // refuse an older file, so such a file is made anew rather than reused.
  const schema = createHash('sha256')
    .update(
      readMigrationFiles(migrationsDir)
        .map((m) => `${m.name}:${m.checksum}`)
        .join('\n'),
    )
    .digest('hex')
    .slice(0, 8);
  const cached = path.join(CACHE_DIR, `national-r${regions}-y${YEARS}-s${SEED}-v${GENERATOR_VERSION}-m${schema}.db`);
  if (!fs.existsSync(cached)) {
    log(`generating ${cached}`);
    // Named by the process too: two benches generating the same database at once must not share a file.
    const partial = `${cached}.${process.pid}.partial`;
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
    generateNational(partial, { regions, years: YEARS, seed: SEED });
    fs.renameSync(partial, cached);
  }
  // In the run's own directory: two benches at once (or a bench and a test) must not share a copy.
  const work = path.join(dir, `work-r${regions}.db`);
  for (const f of [work, `${work}-wal`, `${work}-shm`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(cached, work);
  return work;
}

function withDb<T>(file: string, use: (db: Db) => T): T {
  const db = openDatabase(file);
  try {
    return use(db);
  } finally {
    db.close();
  }
}

interface Picks {
  plans: number[];
  generatedPlans: number[];
  memoPlan: number;
  overviewRegion: string;
  asOfYears: number[];
}

function picks(file: string): Picks {
  return withDb(file, (db) => {
    const plans = db.prepare('SELECT id FROM plans ORDER BY id').pluck().all() as number[];
    const generatedPlans = db.prepare("SELECT id FROM plans WHERE slug GLOB '[0-9]*' ORDER BY id").pluck().all() as number[];
    // A prefecture's plan: the plan page of a city, the common case.
    const memoPlan = db
      .prepare(
        `SELECT p.id FROM plans p JOIN regions r ON r.code = p.region_code
          WHERE r.level = 'prefecture' AND p.slug GLOB '[0-9]*' ORDER BY p.id LIMIT 1`,
      )
      .pluck()
      .get() as number;
    // The first page opens on the region with the most targets (web: chooseRegion).
    const overviewRegion = db
      .prepare(
        `SELECT p.region_code FROM plans p JOIN targets t ON t.plan_id = p.id
          GROUP BY p.region_code ORDER BY count(*) DESC, p.region_code LIMIT 1`,
      )
      .pluck()
      .get() as string;
    const { first, last } = db
      .prepare("SELECT min(year) AS first, max(year) AS last FROM observation_revisions WHERE entered_by = 'gen:national'")
      .get() as { first: number; last: number };
    const asOfYears = Array.from({ length: last - first + 2 }, (_, i) => first + i);
    return { plans, generatedPlans, memoPlan, overviewRegion, asOfYears };
  });
}

/**
 * (plan, as-of year) pairs in an order that asks for none twice while the server lives, so no
 * answer can come from a cache of the plan's progress; counts the requests past the end (repeats).
 */
function freshPairs(plans: readonly number[], years: readonly number[]) {
  let i = 0;
  const total = plans.length * years.length;
  return {
    next() {
      const k = i++ % total;
      return { plan: plans[k % plans.length] as number, asOf: years[Math.floor(k / plans.length)] as number };
    },
    get repeats() {
      return Math.max(0, i - total);
    },
    total,
  };
}

// ---------------------------------------------------------------------------------------------
// Processes

// One folder per server process, each thread's profile in it under node's own name (pid, thread id):
// a fixed --cpu-prof-name would have every thread (import worker, report pool) overwrite one file.
const profileArgs = (name: string) =>
  env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.join(env.BENCH_CPU_PROF_DIR, name)}`] : [];

/** Started as `npm run serve` starts production (its environment and node flags: national/launch.ts). */
function startServer(db: string, name: string): Promise<Proc> {
  return startProcess(SERVER, { ...LAUNCH.env, JINDU_DB: db, JINDU_PUBLIC_READ: 'true' }, [
    ...LAUNCH.nodeArgs,
    ...profileArgs(name),
  ]);
}

/**
 * The answer a URL asked again and again gets: the response cache compresses a URL's first answer
 * at a cheap setting and remakes it at the full setting in the thread pool once the URL is asked a
 * second time (plugins/responseCache.ts), so the first two answers are not what a memoised load gets.
 */
async function repeatedAnswer(url: string) {
  await rawRequest(url, { headers: BROWSER_HEADERS });
  await rawRequest(url, { headers: BROWSER_HEADERS });
  await sleep(0.2);
  return rawRequest(url, { headers: BROWSER_HEADERS });
}

/** Records the server's answers (bytes as sent, headers) and starts the bare process that replays them. */
async function startBare(server: Proc, paths: string[], dir: string): Promise<Proc> {
  const recorded = [];
  for (const p of paths) {
    const res = await repeatedAnswer(`${server.url}${p}`);
    if (res.status !== 200) throw new Error(`${p}: ${res.status}`);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) {
      if (v === undefined || ['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(k)) continue;
      headers[k] = Array.isArray(v) ? v.join(', ') : v;
    }
    recorded.push({ status: res.status, headers, body: res.body.toString('base64') });
  }
  const file = path.join(dir, 'recorded.json');
  fs.writeFileSync(file, JSON.stringify(recorded));
  return startProcess(BARE, { BARE_RESPONSES: file });
}

async function checked(label: string, run: Promise<LoadResult>): Promise<LoadResult> {
  const r = await run;
  if (r.failures > 0)
    notes.push(`${label}: ${r.failures} requests failed, timed out (10 s) or were not 2xx; ${r.requests} answered.`);
  return r;
}

/** Waits until the server answers /api/health within 50 ms again (its backlog answered), at most 3 min. */
async function drain(server: Proc) {
  const until = performance.now() + 180_000;
  while (performance.now() < until) {
    const started = performance.now();
    await rawRequest(`${server.url}/api/health`);
    if (performance.now() - started < 50) return;
    await sleep(0.5);
  }
  notes.push('The server was still busy 3 minutes after a load run.');
}

/** One user, one request after another, for `seconds`: every latency. */
async function oneUser(url: string, seconds: number): Promise<number[]> {
  const times: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until || times.length < 3) {
    const started = performance.now();
    const res = await rawRequest(url, { headers: BROWSER_HEADERS });
    times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  }
  return times;
}

// ---------------------------------------------------------------------------------------------
// Reads at one size

interface ReadFigures {
  plansP50: number;
  plansRps: number;
  plansBytes: number;
  plansSent: number;
}

async function reads(size: number, work: string, dir: string, largest: boolean): Promise<ReadFigures> {
  const pick = picks(work);
  const server = await startServer(work, `server-r${size}-reads`);
  try {
    const memoPath = `/api/plans/${pick.memoPlan}/progress`;
    const overviewPath = `/api/regions/${pick.overviewRegion}/overview`;
    const bare = await startBare(server, [memoPath, overviewPath], dir);
    try {
      const identity = await rawRequest(`${server.url}/api/plans`, { headers: { 'accept-encoding': 'identity' } });
      const sent = await rawRequest(`${server.url}/api/plans`, { headers: BROWSER_HEADERS });
      const memoBytes = (await repeatedAnswer(`${server.url}${memoPath}`)).body.length;
      const overviewBytes = (await repeatedAnswer(`${server.url}${overviewPath}`)).body.length;
      const fresh = freshPairs(pick.plans, pick.asOfYears);
      const uncachedPath = () => {
        const { plan, asOf } = fresh.next();
        return `/api/plans/${plan}/progress?asOf=${asOf}`;
      };
      const c = { connections: CONNECTIONS };
      // Each fixed path is loaded for a warm-up of its own just before it is measured, the server's and
      // the bare process's alike: in a round it follows other loads (the list, the uncached reads) that
      // leave the heap and the shared code in another state, and the bare process, doing less, warms
      // faster, so a cold start counted against the server alone.
      const warmed = async (label: string, url: string, path: string) => {
        await load(url, { ...c, duration: WARMUP, path });
        return checked(label, load(url, { ...c, duration: DURATION, path }));
      };
      log(`${size} regions: warm-up`);
      await load(server.url, { ...c, duration: WARMUP, path: memoPath });
      await load(server.url, { ...c, duration: WARMUP, next: uncachedPath });
      await load(server.url, { ...c, duration: WARMUP, path: overviewPath });
      for (const p of ['/same/0', '/same/1', '/const']) await load(bare.url, { ...c, duration: WARMUP, path: p });
      await load(server.url, { ...c, duration: WARMUP, path: '/api/plans' });
      await drain(server);

      const m: Record<string, number[]> = {};
      const put = (k: string, v: number) => {
        m[k] = [...(m[k] ?? []), v];
      };
      for (let round = 1; round <= ROUNDS; round++) {
        log(`${size} regions: round ${round} of ${ROUNDS}`);
        const memo = await warmed('progress memoised', server.url, memoPath);
        const same = await warmed('same bytes (progress)', bare.url, '/same/0');
        const ceiling = await warmed('ceiling', bare.url, '/const');
        const uncached = await checked('progress not cached', load(server.url, { ...c, duration: DURATION, next: uncachedPath }));
        // Requests autocannon gave up on at the end of the uncached run are still being judged.
        await drain(server);
        const overview = await warmed('overview memoised', server.url, overviewPath);
        const overviewSame = await warmed('same bytes (overview)', bare.url, '/same/1');
        put('memo', memo.rps);
        put('same', same.rps);
        put('ceiling', ceiling.rps);
        put('memoOfSame', memo.rps / same.rps);
        put('memoOfCeiling', memo.rps / ceiling.rps);
        put('uncached', uncached.rps);
        put('uncachedP50', uncached.p50);
        put('uncachedOfCeiling', uncached.rps / ceiling.rps);
        put('overview', overview.rps);
        put('overviewP50', overview.p50);
        put('overviewSame', overviewSame.rps);
        put('overviewOfSame', overview.rps / overviewSame.rps);
        put('overviewOfCeiling', overview.rps / ceiling.rps);
        // The list last, and drained after: requests autocannon gave up on are still being answered,
        // and would starve whatever is measured next.
        put('plansP50', median(await oneUser(`${server.url}/api/plans`, DURATION)));
        const plansLoad = await checked(
          '/api/plans under load',
          load(server.url, { ...c, duration: DURATION, path: '/api/plans' }),
        );
        put('plansRps', plansLoad.rps);
        await drain(server);
      }
      const med = (k: string) => median(m[k] ?? []);
      const s = String(size);
      rows.push({
        what: 'bare Fastify, constant JSON (the ceiling)',
        size: s,
        figure: rps(med('ceiling')),
        baseline: '—',
        ratio: '—',
        goal: '—',
        met: null,
      });
      rows.push({
        what: `plan progress, memoised (${fmt(memoBytes / 1024, 1)} KB as sent)`,
        size: s,
        figure: rps(med('memo')),
        baseline: `same bytes: ${rps(med('same'))}`,
        ratio: `${pct(med('memoOfSame'))} (${pct(med('memoOfCeiling'))} of ceiling)`,
        goal: '≥ 80% of same-bytes',
        met: med('memoOfSame') >= 0.8,
      });
      rows.push({
        what: 'plan progress, not cached (rotating plan × as-of)',
        size: s,
        figure: `${rps(med('uncached'))}, p50 ${ms(med('uncachedP50'))}`,
        baseline: `ceiling: ${rps(med('ceiling'))}`,
        ratio: pct(med('uncachedOfCeiling')),
        goal: '≥ 10% of ceiling',
        met: med('uncachedOfCeiling') >= 0.1,
      });
      if (fresh.repeats > 0)
        notes.push(
          `${size} regions: the rotation of ${fresh.total} (plan, as-of) pairs wrapped; ${fresh.repeats} requests asked for a pair already asked, and may have been cache hits.`,
        );
      rows.push({
        what: `overview of ${pick.overviewRegion}, memoised (${fmt(overviewBytes / 1024, 1)} KB as sent)`,
        size: s,
        figure: `${rps(med('overview'))}, p50 ${ms(med('overviewP50'))}`,
        baseline: `same bytes: ${rps(med('overviewSame'))}`,
        ratio: `${pct(med('overviewOfSame'))} (${pct(med('overviewOfCeiling'))} of ceiling)`,
        goal: '≥ 50% of same-bytes',
        met: med('overviewOfSame') >= 0.5,
      });
      if (largest) {
        const server_ = server.memory();
        const bare_ = bare.memory();
        rows.push({
          what: 'server RSS after the load run (peak)',
          size: s,
          figure: `${mb(server_.rss)} (peak ${mb(server_.peak)})`,
          baseline: `bare Fastify: ${mb(bare_.rss)} (peak ${mb(bare_.peak)})`,
          ratio: `${fmt(server_.rss / bare_.rss, 1)}×`,
          goal: '≤ 300 MB',
          met: server_.rss <= 300 * 1024 * 1024,
        });
        // Its own pairs, from the far end of the rotation: the same reports whatever the read phase
        // got through, and none of them judged (memoised) while it ran.
        if (PHASES.has('pdf')) await pdf(server, freshPairs([...pick.plans].reverse(), [...pick.asOfYears].reverse()));
      }
      return {
        plansP50: med('plansP50'),
        plansRps: med('plansRps'),
        plansBytes: identity.body.length,
        plansSent: sent.body.length,
      };
    } finally {
      await bare.stop();
    }
  } finally {
    await server.stop();
  }
}

/** The PDF report, warm, made anew each time (a new plan × as-of pair: never the report cache). */
async function pdf(server: Proc, fresh: ReturnType<typeof freshPairs>) {
  log('PDF reports');
  const time = async (p: string) => {
    const started = performance.now();
    const res = await rawRequest(`${server.url}${p}`, { headers: BROWSER_HEADERS });
    const elapsed = performance.now() - started;
    if (res.status !== 200) throw new Error(`${p}: ${res.status} ${res.body.toString().slice(0, 200)}`);
    return { elapsed, bytes: res.body.length };
  };
  const pdfPath = () => {
    const { plan, asOf } = fresh.next();
    return `/api/reports/plans/${plan}.pdf?asOf=${asOf}&lang=zh`;
  };
  const progressPath = () => {
    const { plan, asOf } = fresh.next();
    return `/api/plans/${plan}/progress?asOf=${asOf}`;
  };
  const first = await time(pdfPath()); // starts the worker, reads the font
  // "Warm" is a thread that has made a few reports (its per-thread word and glyph stores filled by
  // the vocabulary every report shares); each measured report is still a new plan and year, made anew.
  for (let i = 0; i < PDF_WARMUP; i++) await time(pdfPath());
  const renders: number[] = [];
  const judged: number[] = [];
  let bytes = 0;
  let last = '';
  for (let i = 0; i < PDF_REPORTS; i++) {
    last = pdfPath();
    const r = await time(last);
    renders.push(r.elapsed);
    bytes = r.bytes;
    judged.push((await time(progressPath())).elapsed);
  }
  const hit = median(await Promise.all([0, 1, 2].map(async () => (await time(last)).elapsed)));
  rows.push({
    what: `PDF report, warm, one user, made anew each time (${fmt(bytes / 1024)} KB)`,
    size: String(SIZES[SIZES.length - 1]),
    figure: `${ms(median(renders))}, median of ${PDF_REPORTS} after ${PDF_WARMUP} to warm (first ${ms(first.elapsed)}; from the report cache ${ms(hit)})`,
    baseline: `plan progress not cached: ${ms(median(judged))}`,
    ratio: `${fmt(median(renders) / median(judged), 1)}×`,
    goal: '≤ 100 ms',
    met: median(renders) <= 100,
  });
}

// ---------------------------------------------------------------------------------------------
// Writes at the largest size

async function history(size: number, work: string) {
  const pick = picks(work);
  const readSet = pick.generatedPlans.slice(0, HISTORY_PLANS);
  const measure = async (label: string) => {
    const server = await startServer(work, `server-r${size}-history-${label}`);
    try {
      const fresh = freshPairs(readSet, pick.asOfYears);
      const next = () => {
        const { plan, asOf } = fresh.next();
        return `/api/plans/${plan}/progress?asOf=${asOf}`;
      };
      await load(server.url, { connections: CONNECTIONS, duration: WARMUP, next });
      const results: number[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        log(`reads ${label} the added history: round ${round} of ${ROUNDS}`);
        results.push(
          (await checked(`reads ${label} history`, load(server.url, { connections: CONNECTIONS, duration: DURATION, next }))).rps,
        );
      }
      if (fresh.repeats > 0)
        notes.push(
          `Reads ${label} the added history: ${fresh.repeats} requests repeated a (plan, as-of) pair and may have been cache hits.`,
        );
      return median(results);
    } finally {
      await server.stop();
    }
  };
  const before = await measure('before');
  log(`adding ${MORE_REVISIONS} revisions to the figures of ${readSet.length} plans`);
  const added = withDb(work, (db) => addHistory(db, readSet));
  const after = await measure('after');
  rows.push({
    what: `plan progress not cached, after ${fmt(added)} more revisions of the figures read (${readSet.length} plans)`,
    size: String(size),
    figure: rps(after),
    baseline: `before: ${rps(before)}`,
    ratio: pct(after / before),
    goal: 'within 20% (≥ 80%)',
    met: after / before >= 0.8,
  });
}

/** More revisions of the figures the given plans read, written as the form writes them, one transaction. */
function addHistory(db: Db, plans: readonly number[]): number {
  const repos = createRepositories(db);
  const placeholders = plans.map(() => '?').join(',');
  const figures = db
    .prepare(
      `SELECT o.region_code AS regionCode, o.indicator_code AS indicatorCode, o.year, o.value, o.vintage
         FROM observation_revisions o
        WHERE o.id IN (SELECT max(id) FROM observation_revisions
                        WHERE (region_code, indicator_code) IN (SELECT DISTINCT region_code, indicator_code FROM targets WHERE plan_id IN (${placeholders}))
                        GROUP BY region_code, indicator_code, year)
          AND o.value IS NOT NULL
        ORDER BY o.region_code, o.indicator_code, o.year`,
    )
    .all(...plans) as { regionCode: string; indicatorCode: string; year: number; value: number; vintage: 'final' }[];
  let written = 0;
  db.transaction(() => {
    for (let k = 0; written < MORE_REVISIONS && figures.length > 0; k++) {
      for (const f of figures) {
        if (written >= MORE_REVISIONS) break;
        repos.observations.append({
          regionCode: f.regionCode,
          indicatorCode: f.indicatorCode,
          year: f.year,
          value: f.value,
          vintage: k % 2 === 0 ? 'revised' : 'final',
          isSample: false,
          sourceTitle: `bench: revision ${k + 1}`,
          sourceUrl: null,
          quote: null,
          note: null,
          enteredBy: 'bench',
          enteredAt: '2025-07-01T00:00:00.000Z',
          origin: 'form',
        });
        written++;
      }
    }
  })();
  return written;
}

interface UploadRow {
  region: string;
  indicator: string;
  year: number;
  value: number;
}

/** `n` rows changing existing figures of series not yet taken, from the last regions backwards. */
function uploadRows(db: Db, n: number, taken: Set<string>): UploadRow[] {
  const kinds = new Map(
    (db.prepare('SELECT code, kind, unit FROM indicators').all() as { code: string; kind: string; unit: string }[]).map((i) => [
      i.code,
      i,
    ]),
  );
  const series = db
    .prepare(
      "SELECT DISTINCT region_code, indicator_code FROM observation_revisions WHERE entered_by = 'gen:national' ORDER BY region_code DESC, indicator_code",
    )
    .raw()
    .iterate() as Iterable<[string, string]>;
  const current = db.prepare(
    'SELECT year, value FROM observation_revisions WHERE region_code = ? AND indicator_code = ? ORDER BY year, id',
  );
  const out: UploadRow[] = [];
  for (const [region, indicator] of series) {
    if (out.length >= n) break;
    const key = `${region}:${indicator}`;
    const kind = kinds.get(indicator);
    if (taken.has(key) || !kind || kind.unit === '是/否') continue;
    taken.add(key);
    const byYear = new Map<number, number | null>();
    for (const r of current.all(region, indicator) as { year: number; value: number | null }[]) byYear.set(r.year, r.value);
    for (const [year, value] of byYear) {
      if (out.length >= n) break;
      if (value === null) continue;
      // A changed figure, within what the checks accept (a share stays within 0–100, a count whole).
      const next =
        kind.kind === 'share'
          ? Math.round(value * 98) / 100
          : Number.isInteger(value)
            ? value + 1
            : Math.round(value * 102) / 100;
      out.push({ region, indicator, year, value: next === value ? value + 0.01 : next });
    }
  }
  if (out.length < n) throw new Error(`only ${out.length} figures to upload, wanted ${n}`);
  return out;
}

function csvOf(rows: UploadRow[]): Buffer {
  const lines = ['地区代码,指标代码,年份,数值,口径,来源'];
  for (const r of rows) lines.push(`${r.region},${r.indicator},${r.year},${r.value},初步核算,基准测试上传`);
  return Buffer.from(lines.join('\n'), 'utf8');
}

async function signIn(server: Proc): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: body.csrfToken };
}

/** Preview and commit of a file over HTTP, as the upload page does; the seconds of each. */
async function upload(server: Proc, session: { cookie: string; csrf: string }, file: Buffer, rowCount: number) {
  const auth = { cookie: session.cookie, 'x-csrf-token': session.csrf };
  let started = performance.now();
  // Phase boundaries (performance.now()), for placing slow reads beside what the upload was doing.
  const marks: Record<string, number> = { previewSent: started };
  const form = new FormData();
  form.append('defaultVintage', 'final');
  form.append('file', new Blob([file], { type: 'text/csv' }), 'bench.csv');
  const res = await fetch(`${server.url}/api/imports`, { method: 'POST', headers: auth, body: form });
  marks.previewHeaders = performance.now();
  const preview = (await res.json()) as {
    import?: { id: number; summary?: { errors: number } };
    warnedRows?: number[];
    issues?: unknown[];
    rows?: { status: string }[];
  };
  const previewSeconds = (performance.now() - started) / 1000;
  marks.previewRead = performance.now();
  if (res.status !== 201 || !preview.import) throw new Error(`preview: ${res.status} ${JSON.stringify(preview).slice(0, 300)}`);
  if ((preview.import.summary?.errors ?? 0) > 0)
    throw new Error(
      `preview: ${preview.import.summary?.errors} rows with errors, e.g. ${JSON.stringify(preview.rows?.filter((r) => r.status === 'error').slice(0, 2))}`,
    );
  started = performance.now();
  marks.commitSent = started;
  const commit = await fetch(`${server.url}/api/imports/${preview.import.id}/commit`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ acknowledged: preview.warnedRows ?? [] }),
  });
  const committed = (await commit.json()) as { written?: number };
  const commitSeconds = (performance.now() - started) / 1000;
  marks.commitRead = performance.now();
  if (commit.status !== 200) throw new Error(`commit: ${commit.status} ${JSON.stringify(committed).slice(0, 300)}`);
  if (committed.written !== rowCount) notes.push(`An upload of ${rowCount} rows wrote ${committed.written} figures.`);
  return { previewSeconds, commitSeconds, marks };
}

/**
 * The reads beside an upload by what the upload was doing when each was due: the preview (request
 * sent, answer not yet in), the preview's answer being read, the commit. Each: count, p99, max.
 */
function byPhase(busy: readonly number[], dues: readonly number[], marks: Record<string, number>) {
  const bounds: [string, number, number][] = [
    ['preview', marks.previewSent ?? 0, marks.previewHeaders ?? 0],
    ['preview answer', marks.previewHeaders ?? 0, marks.commitSent ?? 0],
    ['commit', marks.commitSent ?? 0, Number.POSITIVE_INFINITY],
  ];
  return bounds.map(([name, from, to]) => {
    const xs = busy.filter((_, i) => (dues[i] as number) >= from && (dues[i] as number) < to);
    return `${name}: ${xs.length} reads, p99 ${ms(percentile(xs, 99))}, max ${ms(xs.length ? Math.max(...xs) : Number.NaN)}`;
  });
}

async function uploads(size: number, work: string) {
  const pick = picks(work);
  const taken = new Set<string>();
  const { during, large } = withDb(work, (db) => {
    return { during: uploadRows(db, DURING_ROWS, taken), large: uploadRows(db, UPLOAD_ROWS, taken) };
  });
  const server = await startServer(work, `server-r${size}-uploads`);
  try {
    const session = await signIn(server);
    const readUrl = `${server.url}/api/plans/${pick.memoPlan}/progress`;
    await load(server.url, { connections: CONNECTIONS, duration: WARMUP, path: `/api/plans/${pick.memoPlan}/progress` });

    log(`reads idle, then beside a ${fmt(DURING_ROWS)}-row upload`);
    // The reader runs on a thread of its own, idle and busy alike, so the uploader's sending of its
    // body (on this thread) does not hold reads back before they reach the server.
    const idleReads = await startSampler(readUrl, SAMPLE_RATE);
    await sleep(DURATION);
    const idle = (await idleReads.stop()).times;
    let phases = { previewSeconds: 0, commitSeconds: 0, marks: {} as Record<string, number> };
    const busyReads = await startSampler(readUrl, SAMPLE_RATE);
    const running = upload(server, session, csvOf(during), during.length).then((p) => {
      phases = p;
    });
    await running.catch(() => {});
    const { times: busy, dues, sentLate } = await busyReads.stop();
    await running;
    const slow = 2 * percentile(idle, 99);
    const t0 = phases.marks.previewSent ?? 0;
    const when = Object.entries(phases.marks)
      .map(([k, v]) => `${k} ${fmt((v - t0) / 1000, 2)} s`)
      .join(', ');
    const slowAt = busy
      .map((x, i) => [x, dues[i] as number, sentLate[i] as number] as const)
      .filter(([x]) => x > slow)
      // A read sent late was held up on this side (the uploader's work or a busy core), not by the server.
      .map(([x, due, late]) => `${fmt((due - t0) / 1000, 2)} s: ${ms(x)}${late >= 1 ? ` (sent ${ms(late)} late)` : ''}`);
    // On the monotonic clock a --cpu-prof profile's timestamps use (µs), to find the phases in it.
    const t0Monotonic = Number(process.hrtime.bigint() / 1000n) - Math.round((performance.now() - t0) * 1000);
    log(`  phases: ${when} (previewSent at ${t0Monotonic} µs monotonic)`);
    for (const line of byPhase(busy, dues, phases.marks)) log(`  ${line}`);
    log(`  reads over 2× idle p99 (${ms(slow)}), due at: ${slowAt.join('; ') || 'none'}`);
    notes.push(
      `Reads beside the ${fmt(DURING_ROWS)}-row upload at ${size} regions, by phase: ${byPhase(busy, dues, phases.marks).join('; ')}.`,
    );
    rows.push({
      what: `plan progress read (${SAMPLE_RATE}/s, open loop) during a ${fmt(DURING_ROWS)}-row upload: p99 (max)`,
      size: String(size),
      figure: `${ms(percentile(busy, 99))} (max ${ms(Math.max(...busy))}; preview ${fmt(phases.previewSeconds, 1)} s, commit ${fmt(phases.commitSeconds, 1)} s)`,
      baseline: `idle: ${ms(percentile(idle, 99))} (max ${ms(Math.max(...idle))})`,
      ratio: `${fmt(percentile(busy, 99) / percentile(idle, 99), 1)}×`,
      goal: 'p99 within 2× of idle',
      met: percentile(busy, 99) <= 2 * percentile(idle, 99),
    });

    log(`a ${fmt(UPLOAD_ROWS)}-row upload over HTTP`);
    const big = await upload(server, session, csvOf(large), large.length);
    await server.stop();

    // The baseline: the same rows in one transaction of one prepared INSERT, on the same database.
    const bareSeconds = withDb(work, (db) => {
      const insert = db.prepare(
        `INSERT INTO observation_revisions (region_code, indicator_code, year, value, published, vintage, is_sample, source_title,
           entered_by, entered_at, origin) VALUES (?, ?, ?, ?, 1, 'preliminary', 0, '基准测试上传', 'bench', ?, 'upload')`,
      );
      const now = new Date().toISOString();
      const started = performance.now();
      db.transaction(() => {
        for (const r of large) insert.run(r.region, r.indicator, r.year, r.value, now);
      })();
      return (performance.now() - started) / 1000;
    });
    const httpSeconds = big.previewSeconds + big.commitSeconds;
    rows.push({
      what: `upload of ${fmt(UPLOAD_ROWS)} rows over HTTP, preview + commit`,
      size: String(size),
      figure: `${fmt(httpSeconds, 1)} s (preview ${fmt(big.previewSeconds, 1)} s, commit ${fmt(big.commitSeconds, 1)} s)`,
      baseline: `bare insert: ${fmt(bareSeconds, 2)} s`,
      ratio: pct(bareSeconds / httpSeconds),
      goal: '≥ 50% of bare',
      met: bareSeconds / httpSeconds >= 0.5,
    });
  } finally {
    await server.stop();
  }
}

async function createAdmin(work: string) {
  const passwordHash = await hashPassword(ADMIN.password);
  withDb(work, (db) => {
    createRepositories(db).users.create(
      { name: ADMIN.name, displayName: ADMIN.name, role: 'admin', regions: [], passwordHash },
      new Date().toISOString(),
    );
  });
}

// ---------------------------------------------------------------------------------------------

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return '?';
  }
}

function report(startedAt: Date, loadStart: number[], loadEnd: number[], minutes: number): string {
  const cpu = os.cpus()[0]?.model ?? '?';
  const dirty = git('status', '--porcelain', '--untracked-files=no') !== '' ? ' (with uncommitted changes)' : '';
  const la = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  const cell = (s: string) => s.replaceAll('|', '\\|');
  const lines = [
    '# `npm run bench`: national scale, measured from outside',
    '',
    `- date: ${startedAt.toISOString()} (${fmt(minutes, 1)} min)`,
    `- commit: ${git('rev-parse', '--short', 'HEAD')} on ${git('rev-parse', '--abbrev-ref', 'HEAD')}${dirty}`,
    `- machine: ${cpu}, ${os.cpus().length} cores, ${mb(os.totalmem())} memory; Node ${process.version}; ${os.type()} ${os.release()}`,
    `- load average (1 / 5 / 15 min) at start: ${la(loadStart)}; at end: ${la(loadEnd)}. Other engineers share these cores: figures are noisy, ratios (each against a baseline measured beside it, in the same round) less so.`,
    `- databases: \`npm run gen:national -- --regions N --years ${YEARS} --seed ${SEED}\` for N = ${SIZES.join(', ')} (the real seed plus N synthetic regions, about 40 targets each), cached in ${CACHE_DIR}; every run works on a fresh copy.`,
    `- server: started as \`npm run serve\` starts production (\`${[...Object.entries(LAUNCH.env).map(([k, v]) => `${k}=${v}`), 'node', ...LAUNCH.nodeArgs, LAUNCH.script].join(' ')}\`: production build, real port, LOG_LEVEL=warn) with JINDU_PUBLIC_READ=true, so reads need no session (as open-government mode serves them); the uploads sign in as an administrator (session cookie + CSRF token) as the upload page does.`,
    `- load: autocannon, ${CONNECTIONS} connections, ${DURATION} s per measurement after a ${WARMUP} s warm-up (and each fixed path warmed for ${WARMUP} s again just before it is measured, in every round), headers \`accept-encoding: gzip, deflate, br\`; every figure is the median of ${ROUNDS} round(s), each ratio the median of the per-round ratios. One user = one request after another on one connection.`,
    '- baselines: **ceiling** = a bare Fastify process answering `{"hello":"world"}`; **same bytes** = the same bare process answering the bytes the server sent for that URL (recorded once, compressed as sent, with its headers); **not cached** = each request a (plan, as-of year) pair not asked before while that server process lived; **bare insert** = the same rows through one prepared INSERT in one transaction on the same database; **idle** = the same open-loop reads with nothing else running.',
    '',
    '| what | regions | figure | baseline | ratio | goal | met |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${cell(r.what)} | ${r.size} | ${cell(r.figure)} | ${cell(r.baseline)} | ${cell(r.ratio)} | ${cell(r.goal)} | ${r.met === null ? '—' : r.met ? 'met' : '**not met**'} |`,
    ),
    '',
  ];
  if (notes.length > 0) lines.push('Notes:', '', ...notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

async function main() {
  const startedAt = new Date();
  const loadStart = os.loadavg();
  if (!fs.existsSync(SERVER) || !fs.existsSync(BARE)) throw new Error('build the server first: npm run build --workspace server');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jindu-bench-run-'));
  try {
    const plans: { size: number; figures: ReadFigures }[] = [];
    const largest = Math.max(...SIZES);
    for (const size of SIZES) {
      const work = workingCopy(size, dir);
      // A phase that fails is said in the notes; the others still run and the results are written.
      const phase = async (name: string, run: () => Promise<void>) => {
        if (!PHASES.has(name)) return;
        try {
          await run();
        } catch (error) {
          console.error(error);
          notes.push(`The ${name} phase at ${size} regions failed: ${(error as Error).message.slice(0, 400)}`);
        }
      };
      await phase('reads', async () => {
        plans.push({ size, figures: await reads(size, work, dir, size === largest) });
      });
      if (size === largest) {
        await createAdmin(work);
        await phase('history', () => history(size, work));
        await phase('upload', () => uploads(size, work));
      }
    }
    if (plans.length > 0) {
      const at = (i: number) => plans[i] as { size: number; figures: ReadFigures };
      const first = at(0);
      const last = at(plans.length - 1);
      // The list rows first: the issue's table starts with them.
      const listRows: Row[] = plans.map(({ size, figures }) => ({
        what: '`/api/plans`, one user, p50 (body as sent)',
        size: String(size),
        figure: `${ms(figures.plansP50)} (${bytesText(figures.plansBytes)}; ${bytesText(figures.plansSent)} compressed); ${rps(figures.plansRps)} under load`,
        baseline: size === first.size ? '—' : `at ${first.size}: ${ms(first.figures.plansP50)}`,
        ratio: size === first.size ? '—' : `${fmt(figures.plansP50 / first.figures.plansP50, 1)}×`,
        goal: size === last.size && plans.length > 1 ? `within 2× from ${first.size} to ${last.size}` : '—',
        met: size === last.size && plans.length > 1 ? last.figures.plansP50 / first.figures.plansP50 <= 2 : null,
      }));
      rows.unshift(...listRows);
    }
    const text = report(startedAt, loadStart, os.loadavg(), (Date.now() - startedAt.getTime()) / 60_000);
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, text);
    console.log(`\n${text}\nwritten to ${path.relative(repoRoot, OUT)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Exits when done: the sampler's keep-alive sockets would hold the process open.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
