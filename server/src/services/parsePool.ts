import fs from 'node:fs';
import path from 'node:path';
import { Piscina } from 'piscina';
import type { ImportContext, ParseResult } from '../domain/import/types.js';
import { repoRoot } from '../paths.js';
import type { ParseTask } from '../workers/parseImport.js';

/** The compiled worker, whether the server runs from dist/ or its sources run under vitest (as reports/pool.ts). */
export const PARSE_WORKER_FILE = path.join(repoRoot, 'server', 'dist', 'workers', 'parseImport.js');
const SOURCES = [path.join(repoRoot, 'server', 'src', 'domain', 'import'), path.join(repoRoot, 'server', 'src', 'workers')];

function newestSource(dir: string): { file: string; mtimeMs: number } | null {
  if (!fs.existsSync(dir)) return null;
  let newest: { file: string; mtimeMs: number } | null = null;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    const found = entry.isDirectory()
      ? newestSource(file)
      : entry.name.endsWith('.ts')
        ? { file, mtimeMs: fs.statSync(file).mtimeMs }
        : null;
    if (found && (!newest || found.mtimeMs > newest.mtimeMs)) newest = found;
  }
  return newest;
}

/**
 * Upload files are parsed on a worker thread, so a large preview never blocks the event loop. One
 * thread by default: parsing is rare and the reports have their own pool (reports/pool.ts); a second
 * upload waits for the first rather than take the core the requests run on. The thread is started
 * on the first upload and let go after a minute idle.
 */
export function createParsePool(options: { threads?: number; workerFile?: string } = {}) {
  const workerFile = options.workerFile ?? PARSE_WORKER_FILE;
  let pool: Piscina | null = null;
  function workers(): Piscina {
    if (pool) return pool;
    const build = 'build the server first: npm run build --workspace server';
    if (!fs.existsSync(workerFile)) throw new Error(`The upload parser ${workerFile} is missing; ${build}`);
    // Under vitest (sources), a worker older than the parser's sources would test yesterday's parser.
    if (import.meta.url.endsWith('.ts') && workerFile === PARSE_WORKER_FILE) {
      const built = fs.statSync(workerFile).mtimeMs;
      for (const dir of SOURCES) {
        const source = newestSource(dir);
        if (source && source.mtimeMs > built)
          throw new Error(`The upload parser ${workerFile} is older than ${source.file}; ${build}`);
      }
    }
    pool = new Piscina({ filename: workerFile, minThreads: 0, maxThreads: options.threads ?? 1, idleTimeout: 60_000 });
    return pool;
  }
  return {
    parse(bytes: Uint8Array, fileName: string, ctx: ImportContext): Promise<ParseResult> {
      const task: ParseTask = { bytes, fileName, ctx };
      return workers().run(task) as Promise<ParseResult>;
    },
    close: async () => {
      await pool?.destroy();
      pool = null;
    },
  };
}

export type ParsePool = ReturnType<typeof createParsePool>;
