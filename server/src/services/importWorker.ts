import fs from 'node:fs';
import path from 'node:path';
import { Piscina } from 'piscina';
import type { CommitResult, RevertPlan, RevertResult } from '../api/types.js';
import type { ImportContext, ParseResult } from '../domain/import/types.js';
import type { Principal } from '../domain/permissions.js';
import { repoRoot } from '../paths.js';
import type { ImportTask, ImportTaskResult } from '../workers/importWorker.js';
import type { RevertOptions } from './importRevert.js';
import { type CommitRequest, ImportRejected, type PreviewInput } from './importWrites.js';

/** An upload as the route received it: the form's bytes and type, read on the worker (services/uploadForm.ts). */
export interface PreviewFormInput {
  body: Uint8Array;
  contentType: string;
  user: PreviewInput['user'];
  address?: string | null;
}

/** The compiled worker, whether the server runs from dist/ or its sources run under vitest (as reports/pool.ts). */
export const IMPORT_WORKER_FILE = path.join(repoRoot, 'server', 'dist', 'workers', 'importWorker.js');
// What the worker loads: the parser, the checks, the repositories and the writes.
const SOURCES = [
  'domain',
  'repositories',
  'db',
  'workers',
  path.join('services', 'importWrites.ts'),
  path.join('services', 'review.ts'),
  path.join('services', 'importPreviewAnswer.ts'),
  path.join('services', 'importRevert.ts'),
  path.join('services', 'uploadForm.ts'),
  'schemas',
].map((p) => path.join(repoRoot, 'server', 'src', p));

function newestSource(file: string): { file: string; mtimeMs: number } | null {
  if (!fs.existsSync(file)) return null;
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return file.endsWith('.ts') ? { file, mtimeMs: stat.mtimeMs } : null;
  let newest: { file: string; mtimeMs: number } | null = null;
  for (const entry of fs.readdirSync(file)) {
    const found = newestSource(path.join(file, entry));
    if (found && (!newest || found.mtimeMs > newest.mtimeMs)) newest = found;
  }
  return newest;
}

/**
 * An upload's parse, checks and writes run on one worker thread with its own connection to the
 * database file (workers/importWorker.ts), so neither a large preview nor its commit blocks the
 * event loop. One thread: SQLite takes one writer at a time anyway, the reports have their own pool
 * (reports/pool.ts), and a second upload waits for the first rather than take the core the requests
 * run on. The thread is started on the first upload and let go after a minute idle.
 */
export function createImportWorker(options: { dbPath: string; workerFile?: string }) {
  const workerFile = options.workerFile ?? IMPORT_WORKER_FILE;
  let pool: Piscina | null = null;
  function workers(): Piscina {
    if (pool) return pool;
    const build = 'build the server first: npm run build --workspace server';
    if (!fs.existsSync(workerFile)) throw new Error(`The import worker ${workerFile} is missing; ${build}`);
    // Under vitest (sources), a worker older than its sources would test yesterday's code.
    if (import.meta.url.endsWith('.ts') && workerFile === IMPORT_WORKER_FILE) {
      const built = fs.statSync(workerFile).mtimeMs;
      for (const dir of SOURCES) {
        const source = newestSource(dir);
        if (source && source.mtimeMs > built)
          throw new Error(`The import worker ${workerFile} is older than ${source.file}; ${build}`);
      }
    }
    pool = new Piscina({ filename: workerFile, minThreads: 0, maxThreads: 1, idleTimeout: 60_000 });
    return pool;
  }
  /** The tasks under way that write (all but a parse and a revert's dry run): see `writesSettled`. */
  const writing = new Set<Promise<unknown>>();
  async function run(task: ImportTask, transferList?: ArrayBuffer[]): Promise<Exclude<ImportTaskResult, { refused: unknown }>> {
    const running = workers().run(task, transferList ? { transferList } : undefined) as Promise<ImportTaskResult>;
    if (task.kind !== 'parse' && task.kind !== 'revertPlan') {
      writing.add(running);
      running.then(
        () => writing.delete(running),
        () => writing.delete(running),
      );
    }
    const result = await running;
    if ('refused' in result) {
      const { statusCode, code, messages, detail } = result.refused;
      throw new ImportRejected(statusCode, code, messages, detail);
    }
    return result;
  }
  const dbPath = options.dbPath;
  /** The bytes' memory, to hand over rather than copy, when they alone own it (else copied). */
  const movable = (bytes: Uint8Array): ArrayBuffer[] | undefined =>
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
      ? [bytes.buffer]
      : undefined;
  return {
    /** Only parses (no database): the upload's first step on its own. */
    parse: async (bytes: Uint8Array, fileName: string, ctx: ImportContext) =>
      (await run({ kind: 'parse', bytes, fileName, ctx })) as ParseResult,
    /** Parses, checks and stores an upload's preview (one transaction); its id. Refusals are thrown as ImportRejected. */
    preview: async (input: PreviewInput & { defaultRegionCode: string | null }) =>
      ((await run({ kind: 'preview', dbPath, input })) as { importId: number }).importId,
    /**
     * As `preview`, and the preview's answer as JSON bytes (services/importPreviewAnswer.ts), read
     * and serialised on the worker. The file's bytes are handed over, not copied, when they own
     * their memory: the caller must not use them after.
     */
    previewAnswered: async (input: PreviewInput & { defaultRegionCode: string | null }) => {
      const result = await run({ kind: 'preview', dbPath, input, answer: true }, movable(input.bytes));
      return result as { importId: number; answer: Uint8Array };
    },
    /**
     * As `previewAnswered`, from the upload's whole multipart body (services/uploadForm.ts): the form
     * is read on the worker too. The body is handed over, not copied, when it owns its memory.
     */
    previewForm: async (input: PreviewFormInput) => {
      const result = await run({ kind: 'previewForm', dbPath, input }, movable(input.body));
      return result as { importId: number; answer: Uint8Array };
    },
    /** Checks and stores the preview of figures read elsewhere (a bulletin's). */
    previewParsed: async (parsed: Omit<ParseResult, 'fileType'> & { fileType: string | null }, input: PreviewInput) =>
      ((await run({ kind: 'previewParsed', dbPath, parsed, input })) as { importId: number }).importId,
    /** Commits a preview (one immediate transaction). */
    commit: async (request: CommitRequest): Promise<CommitResult> =>
      ((await run({ kind: 'commit', dbPath, request })) as { committed: CommitResult }).committed,
    /** What reverting a committed upload would do now (a dry run; services/importRevert.ts). */
    revertPlan: async (importId: number, user: Principal, includeRevisedSince: boolean): Promise<RevertPlan> =>
      ((await run({ kind: 'revertPlan', dbPath, importId, user, includeRevisedSince })) as { revertPlan: RevertPlan }).revertPlan,
    /** Reverts a committed upload in one immediate transaction (services/importRevert.ts). */
    revert: async (importId: number, user: Principal, options: RevertOptions, address: string | null): Promise<RevertResult> =>
      ((await run({ kind: 'revert', dbPath, importId, user, options, address })) as { reverted: RevertResult }).reverted,
    /**
     * Resolves when the writing tasks under way now have ended (not those started after: nothing
     * waits forever behind a stream of uploads). A write on the main thread's connection waits for
     * this first, without blocking: better-sqlite3 waits for a busy database synchronously, so a
     * sign-in meeting a 3-second commit's write lock would have held the event loop, and every read,
     * for those seconds.
     */
    writesSettled: (): Promise<unknown> | undefined => (writing.size > 0 ? Promise.allSettled([...writing]) : undefined),
    close: async () => {
      await pool?.destroy();
      pool = null;
    },
  };
}

export type ImportWorker = ReturnType<typeof createImportWorker>;
