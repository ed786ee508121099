import fs from 'node:fs';
import path from 'node:path';
import { Piscina } from 'piscina';
import { repoRoot } from '../paths.js';
import type { ExtractOutput, ExtractTask } from './worker.js';

// One worker thread for plan documents (as the reports have theirs, reports/pool.ts): a PDF or a
// .docx is parsed, and a plan's targets proposed, off the event loop. Started at the first use; a
// few tasks may wait, more are refused (503) rather than queued without end.

export const DOCUMENT_WORKER_FILE = path.join(repoRoot, 'server', 'dist', 'documents', 'worker.js');

export class DocumentsBusyError extends Error {
  readonly statusCode = 503;
  readonly code = 'documents_busy';
}

export function createDocumentPool(options: { maxQueue?: number; workerFile?: string; idleTimeoutMs?: number } = {}) {
  const workerFile = options.workerFile ?? DOCUMENT_WORKER_FILE;
  const maxQueue = options.maxQueue ?? 8;
  let pool: Piscina | null = null;
  let inFlight = 0;
  return {
    async run(task: ExtractTask): Promise<ExtractOutput> {
      if (inFlight > maxQueue) throw new DocumentsBusyError('too many documents are being read; try again in a minute');
      if (!pool) {
        if (!fs.existsSync(workerFile))
          throw new Error(
            `The document worker ${workerFile} is missing; build the server first: npm run build --workspace server`,
          );
        // Idle for 30 s, the thread ends and gives its heap back: documents are read now and then.
        pool = new Piscina({ filename: workerFile, minThreads: 0, maxThreads: 1, idleTimeout: options.idleTimeoutMs ?? 30_000 });
      }
      inFlight++;
      try {
        return (await pool.run(task)) as ExtractOutput;
      } finally {
        inFlight--;
      }
    },
    async close() {
      if (pool) await pool.destroy();
      pool = null;
    },
  };
}

export type DocumentPool = ReturnType<typeof createDocumentPool>;
