import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Piscina } from 'piscina';
import { repoRoot } from '../paths.js';
import type { RenderTask } from './render.js';
import type { RenderOutput } from './worker.js';

// Reports are laid out on worker threads: a PDF takes seconds of CPU, and on the event loop it held
// every other request (/api/health at 2.8 s under 20 parallel PDFs). How many run at once is capped
// per reader and in all, so that a flood of report requests is refused at once with a Retry-After
// rather than queued without end.

/**
 * The compiled worker, whether the server runs from dist/ or its TypeScript sources run under
 * vitest: a worker thread cannot load .ts on Node 20. `npm start` and `npm test` build first.
 */
export const WORKER_FILE = path.join(repoRoot, 'server', 'dist', 'reports', 'worker.js');
const SOURCE_DIR = path.join(repoRoot, 'server', 'src', 'reports');

export interface ReportPoolOptions {
  /** Worker threads (default: one core left to the event loop, at least one). */
  threads?: number;
  /** Renders that may wait for a thread beyond those running (default 4 per thread); then 503. */
  maxQueue?: number;
  /** Renders one reader (a signed-in user, else an address) may have running or waiting (default 2); then 429. */
  perOwner?: number;
  /** How long an idle thread (and the fonts it holds) is kept (default 30 s). */
  idleTimeoutMs?: number;
  /** Tests point elsewhere; default WORKER_FILE. */
  workerFile?: string;
}

/** A render refused for now: too many of the reader's own (429) or of everyone's (503). */
export class ReportsBusyError extends Error {
  override name = 'ReportsBusyError';
  constructor(
    readonly statusCode: 429 | 503,
    readonly code: 'reports_per_reader_limit' | 'reports_queue_full',
    /** Seconds until trying again is likely to succeed (the Retry-After header). */
    readonly retryAfter: number,
    message: string,
  ) {
    super(message);
  }
}

export interface RenderResult {
  bytes: Buffer;
  /** The worker thread that made it (never the main thread's 0). */
  threadId: number;
  ms: number;
}

/** Main-thread modules of this folder: the worker never loads them, so a change to them needs no build. */
const MAIN_THREAD_ONLY = new Set(['pool.ts', 'service.ts', 'cache.ts']);

/** The newest modification time of the report sources the worker is built from. */
function newestSource(dir = SOURCE_DIR): { file: string; mtimeMs: number } | null {
  if (!fs.existsSync(dir)) return null;
  let newest: { file: string; mtimeMs: number } | null = null;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    const found = entry.isDirectory()
      ? newestSource(file)
      : entry.name.endsWith('.ts') && !(dir === SOURCE_DIR && MAIN_THREAD_ONLY.has(entry.name))
        ? { file, mtimeMs: fs.statSync(file).mtimeMs }
        : null;
    if (found && (!newest || found.mtimeMs > newest.mtimeMs)) newest = found;
  }
  return newest;
}

/**
 * Refuses a missing worker, and, when the server runs from its TypeScript sources (the tests), a
 * worker built before the report sources last changed: the tests would check yesterday's renderer.
 */
function checkWorker(workerFile: string): void {
  const build = 'build the server first: npm run build --workspace server';
  if (!fs.existsSync(workerFile)) throw new Error(`The report worker ${workerFile} is missing; ${build}`);
  if (!import.meta.url.endsWith('.ts') || workerFile !== WORKER_FILE) return;
  const source = newestSource();
  if (source && source.mtimeMs > fs.statSync(workerFile).mtimeMs)
    throw new Error(`The report worker ${workerFile} is older than ${source.file}; ${build}`);
}

/**
 * A report thread's V8 heap: the old generation capped, so that a runaway render ends its own thread
 * (the request fails, piscina starts another) rather than the server. The young generation is left
 * at V8's default (two 16 MB semi-spaces): measured on the 3,000-region database, 4 MB semi-spaces
 * cost 7% more render time and 2 MB ones 19% (more scavenges, more promoted); the thread's memory is
 * given back instead by ending it when idle (idleTimeout below).
 */
const REPORT_WORKER_LIMITS = { maxOldGenerationSizeMb: 512 };

export function createReportPool(options: ReportPoolOptions = {}) {
  const threads = options.threads ?? Math.max(1, os.availableParallelism() - 1);
  const maxQueue = options.maxQueue ?? threads * 4;
  const perOwner = options.perOwner ?? 2;
  const workerFile = options.workerFile ?? WORKER_FILE;
  /** Renders running or waiting for a thread, per reader and in all. */
  const perReader = new Map<string, number>();
  let inFlight = 0;
  let completed = 0;
  const threadIds = new Set<number>();
  /** A running average of one render, for Retry-After; first guess between a workbook and a PDF. */
  let averageMs = 1500;
  /** How long the latest renders took on their thread, newest last (what a render costs, for the bench and tests). */
  const recentMs: number[] = [];

  // Started at the first render: an app that never makes a report starts no thread and reads no font.
  let pool: Piscina | null = null;
  let workerError: Error | null = null;
  function piscina(): Piscina {
    if (pool) return pool;
    try {
      checkWorker(workerFile);
    } catch (error) {
      // Said once on stderr as well: the 500 it causes hides the reason from the client by design.
      if (!workerError) process.emitWarning((error as Error).message);
      workerError = error as Error;
      throw error;
    }
    pool = new Piscina({
      filename: workerFile,
      minThreads: 0,
      maxThreads: threads,
      // Renders wait in `waiting` below, and at most `threads` are handed to piscina: its own queue
      // only bridges the moment between one task's end and the next's start.
      maxQueue: threads,
      // A thread holds ~100 MB (its own V8 heap, the two parsed faces, the shared word layouts): kept
      // for a burst of reports, given back soon after. The next render starts one again (~1 s).
      idleTimeout: options.idleTimeoutMs ?? 30_000,
      resourceLimits: REPORT_WORKER_LIMITS,
    });
    return pool;
  }

  /** Seconds for `ahead` renders to pass through the threads, at the average pace; 1 s to 2 min. */
  const retryAfter = (ahead: number) => Math.min(120, Math.max(1, Math.ceil((averageMs * ahead) / threads / 1000)));

  /** Starts of the renders admitted but waiting for a thread, oldest first. */
  const waiting: (() => void)[] = [];
  let running = 0;

  /**
   * Takes a place for `owner` (throwing ReportsBusyError at once when there is none), then, when a
   * thread is free, builds the task and runs it there. The task is built only then, one at a time:
   * twenty queued reports do not build twenty models in one turn of the event loop.
   */
  function render(owner: string, buildTask: () => RenderTask): Promise<RenderResult> {
    const mine = perReader.get(owner) ?? 0;
    if (mine >= perOwner) {
      const wait = retryAfter(1);
      throw new ReportsBusyError(
        429,
        'reports_per_reader_limit',
        wait,
        `Too many reports at once: ${perOwner} of yours are being made. Try again when one is ready (in about ${wait} s).`,
      );
    }
    if (inFlight >= threads + maxQueue) {
      const wait = retryAfter(inFlight - threads + 1);
      throw new ReportsBusyError(
        503,
        'reports_queue_full',
        wait,
        `The server is making as many reports as it can (${threads} at once, ${maxQueue} waiting). Try again in about ${wait} s.`,
      );
    }
    const workers = piscina(); // a missing or stale worker is said here, before a place is taken
    perReader.set(owner, mine + 1);
    inFlight++;
    return new Promise<RenderResult>((resolve, reject) => {
      const finish = () => {
        inFlight--;
        const left = (perReader.get(owner) ?? 1) - 1;
        if (left > 0) perReader.set(owner, left);
        else perReader.delete(owner);
        // The thread passes to the oldest waiting render, a turn later: requests that arrived
        // meanwhile (a health check, a cached report) are answered first.
        const next = waiting.shift();
        if (next) setImmediate(next);
        else running--;
      };
      const start = () => {
        let task: RenderTask;
        try {
          task = buildTask();
        } catch (error) {
          finish();
          reject(error);
          return;
        }
        (workers.run(task) as Promise<RenderOutput>).then(
          (out) => {
            finish();
            completed++;
            threadIds.add(out.threadId);
            averageMs = 0.8 * averageMs + 0.2 * out.ms;
            recentMs.push(out.ms);
            if (recentMs.length > 64) recentMs.shift();
            resolve({ bytes: Buffer.from(out.bytes), threadId: out.threadId, ms: out.ms });
          },
          (error: unknown) => {
            finish();
            reject(error);
          },
        );
      };
      if (running < threads) {
        running++;
        start();
      } else waiting.push(start);
    });
  }

  return {
    render,
    stats: () => ({
      threads,
      maxQueue,
      perOwner,
      inFlight,
      completed,
      threadIds: [...threadIds],
      averageMs,
      recentMs: [...recentMs],
      /** Worker threads running now: 0 before the first render and after an idle spell. */
      alive: pool?.threads.length ?? 0,
    }),
    async close(): Promise<void> {
      await pool?.close();
      pool = null;
    },
  };
}

export type ReportPool = ReturnType<typeof createReportPool>;
