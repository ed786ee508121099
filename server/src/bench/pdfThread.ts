import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../app.js';
import { renderReportPdf } from '../reports/pdf.js';
import type { RenderTask } from '../reports/render.js';

// `node server/dist/bench/pdfThread.js [runs] [out.pdf]`: the report thread's work for one PDF, in
// process: the seeded Lüliang plan's report (zh) laid out `runs` times (default 30) on a warm thread,
// after 5 to warm. Prints the median wall and CPU time per report (this thread's CPU: nothing else
// runs here), and the size. The model is built once, by the real service, and taken before the pool.

const RUNS = Number(process.argv[2] ?? 30);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jindu-pdf-thread-'));
const app = await buildApp({ dbPath: path.join(dir, 'seed.db'), serveWeb: false, publicRead: true, reports: { cacheBytes: 0 } });
let task: RenderTask | undefined;
const service = (app as unknown as { reportService: { pool: { render: (o: string, b: () => RenderTask) => unknown } } })
  .reportService;
service.pool.render = (_owner, build) => {
  task = build();
  throw new Error('taken');
};
await app.inject({ method: 'GET', url: '/api/reports/plans/lvliang-2014-2020.pdf?asOf=2020&lang=zh' });
await app.close();
fs.rmSync(dir, { recursive: true, force: true });
if (!task) throw new Error('no model');
const model = task.model;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
let bytes: Buffer = Buffer.alloc(0);
for (let i = 0; i < 5; i++) bytes = (await renderReportPdf(model)).pdf;
// PDF_PROF=file: a CPU profile of the timed runs only (not the start-up or the model).
const session = process.env.PDF_PROF ? new Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
const wall: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  const c = process.cpuUsage();
  bytes = (await renderReportPdf(model)).pdf;
  const d = process.cpuUsage(c);
  wall.push(performance.now() - t);
  cpu.push((d.user + d.system) / 1000);
}
if (session && process.env.PDF_PROF) {
  const { profile } = await session.post('Profiler.stop');
  fs.writeFileSync(process.env.PDF_PROF, JSON.stringify(profile));
}
if (process.argv[3]) fs.writeFileSync(process.argv[3], bytes);
console.log(
  `pdf ${(bytes.length / 1024).toFixed(0)} KB: wall median ${median(wall).toFixed(1)} ms, cpu median ${median(cpu).toFixed(1)} ms (${RUNS} runs)`,
);
