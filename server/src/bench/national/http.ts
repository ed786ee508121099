import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';

// What the national bench measures with: processes started as in production (a real port, no
// inject), autocannon for load, an open-loop sampler for latency while something else runs, and raw
// HTTP reads that keep a response's bytes as sent (compressed), for the same-bytes baseline.

/** The headers a browser sends: the server compresses, as it does for the web app. */
export const BROWSER_HEADERS = { accept: 'application/json', 'accept-encoding': 'gzip, deflate, br' };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One GET, the body as received (not decompressed). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface Proc {
  url: string;
  pid: number;
  /** resident set now and its peak (VmHWM), in bytes */
  memory(): { rss: number; peak: number };
  stop(): Promise<void>;
}

/** Starts `node script` on a free port and waits until GET /api/health answers 200. */
export async function startProcess(script: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<Proc> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (c: Buffer) => {
    log = (log + c.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited (${child.exitCode}):\n${log}`);
    try {
      const res = await rawRequest(`${url}/api/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 180_000) throw new Error(`${script} did not answer in 180 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = child.pid as number;
  return {
    url,
    pid,
    memory() {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
      return { rss: kb('VmRSS'), peak: kb('VmHWM') };
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** responses other than 2xx (304 counts as one: the load sends no If-None-Match) and socket errors */
  failures: number;
}

/** autocannon against one URL, or a rotation of paths (`next` gives each request its path). */
export async function load(
  base: string,
  options: { connections: number; duration: number; path?: string; next?: () => string },
): Promise<LoadResult> {
  const result = await autocannon({
    url: base,
    connections: options.connections,
    duration: options.duration,
    headers: BROWSER_HEADERS,
    requests: [
      options.next
        ? {
            method: 'GET',
            setupRequest: (req) => {
              req.path = (options.next as () => string)();
              return req;
            },
          }
        : { method: 'GET', path: options.path ?? '/' },
    ],
  });
  return {
    rps: result.requests.total / Math.max(1e-9, result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

// One pool of sockets for every sampling, so that a later sampling does not pay for opening them.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/**
 * Open-loop latency: a GET every 1000/rate ms whatever the answers, each timed from when it was due,
 * until `until` settles. A blocked event loop shows as every request due while it was blocked
 * answering late, where a closed loop would wait politely and see one slow request.
 */
export async function sampleLatency(
  url: string,
  rate: number,
  until: Promise<unknown>,
  /** When given, each sample's due time (performance.now()) beside its latency, in the order answered. */
  dues?: number[],
  /**
   * When given, how late each sample was sent (ms after it was due), in the same order: the time this
   * process's own event loop or a core kept it from sending, which the latency counts but the server
   * never saw.
   */
  sentLate?: number[],
): Promise<number[]> {
  const times: number[] = [];
  const pending: Promise<void>[] = [];
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const interval = 1000 / rate;
  const start = performance.now();
  for (let i = 0; !done; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const late = performance.now() - due;
    pending.push(
      new Promise<void>((resolve) => {
        const req = http.get(url, { agent, headers: BROWSER_HEADERS }, (res) => {
          res.resume();
          res.on('end', () => {
            times.push(performance.now() - due);
            dues?.push(due);
            sentLate?.push(late);
            resolve();
          });
        });
        req.on('error', () => {
          times.push(Number.POSITIVE_INFINITY);
          dues?.push(due);
          sentLate?.push(late);
          resolve();
        });
      }),
    );
  }
  await Promise.all(pending);
  return times;
}

/**
 * sampleLatency on a thread of its own (national/sampler.ts): the reads are sent when due whatever
 * this thread is doing. Resolves once its connection is open and the first read is due, so that what
 * is to run beside the reads starts after; `stop()` ends the reads and gives them, dues moved to this
 * thread's clock.
 */
export async function startSampler(
  url: string,
  rate: number,
): Promise<{ stop: () => Promise<{ times: number[]; dues: number[]; sentLate: number[] }> }> {
  const worker = new Worker(new URL('./sampler.js', import.meta.url), { workerData: { url, rate } });
  const messages: unknown[] = [];
  let wake: () => void = () => {};
  let failed: Error | null = null;
  worker.on('message', (m) => {
    messages.push(m);
    wake();
  });
  worker.once('error', (e) => {
    failed = e;
    wake();
  });
  const next = async () => {
    while (messages.length === 0) {
      if (failed) throw failed;
      await new Promise<void>((r) => {
        wake = r;
      });
    }
    return messages.shift();
  };
  if ((await next()) !== 'ready') throw new Error('the sampler thread did not start');
  return {
    stop: async () => {
      worker.postMessage('stop');
      const { times, dues, sentLate, timeOrigin } = (await next()) as {
        times: number[];
        dues: number[];
        sentLate: number[];
        timeOrigin: number;
      };
      await worker.terminate();
      const shift = timeOrigin - performance.timeOrigin;
      return { times, dues: dues.map((d) => d + shift), sentLate };
    },
  };
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number;
}
export const median = (xs: readonly number[]) => percentile(xs, 50);
