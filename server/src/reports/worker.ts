import { performance } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { numeralsApart, reportFonts } from './fonts.js';
import { type RenderTask, renderReport } from './render.js';

// The report worker (a piscina task file). It runs compiled, as server/dist/reports/worker.js: a
// worker thread cannot load TypeScript on Node 20, and the pool (pool.ts) always points here.

/** What a render sends back: the bytes (their memory moved to the caller, not copied) and who made them. */
export interface RenderOutput {
  bytes: ArrayBuffer;
  threadId: number;
  ms: number;
}

// The two 10 MB font faces are read and parsed when the thread starts, once, not per document.
// So is the check that lets figures be set from their characters (fonts.ts).
for (const face of Object.values(reportFonts())) numeralsApart(face);

/** The bytes in an ArrayBuffer of their own: a small Buffer may be a view into Node's shared pool. */
function ownBuffer(buf: Buffer): ArrayBuffer {
  if (buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength && buf.buffer instanceof ArrayBuffer) return buf.buffer;
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

export default async function render(task: RenderTask) {
  const started = performance.now();
  const bytes = ownBuffer(await renderReport(task));
  const output: RenderOutput = { bytes, threadId, ms: performance.now() - started };
  // piscina transfers the buffer named by transferableSymbol and resolves the task with valueSymbol's value.
  return move({ [transferableSymbol]: bytes, [valueSymbol]: output } as never);
}
