import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { sampleLatency } from './http.js';

// The open-loop reader of the national bench, on its own thread. On the bench's main thread, the
// reads due while it sent a 3 MB upload body left 13–46 ms late (its event loop was writing the
// body), and that wait was counted as the server's; a reader on its own thread, like a user on
// another machine, sends on time whatever the uploader does.

const { url, rate } = workerData as { url: string; rate: number };
let stop: () => void = () => {};
const until = new Promise<void>((resolve) => {
  stop = resolve;
});
parentPort?.once('message', () => stop());
// One read first, unmeasured, so the connection is open before the first measured one is due; then
// the bench is told to start what runs beside the reads.
await sampleLatency(url, 1, Promise.resolve());
parentPort?.postMessage('ready');
const dues: number[] = [];
const sentLate: number[] = [];
const times = await sampleLatency(url, rate, until, dues, sentLate);
// Dues on this thread's clock, moved to the bench's main thread's (their time origins differ).
parentPort?.postMessage({ times, dues, sentLate, timeOrigin: performance.timeOrigin });
