import fs from 'node:fs';
import os from 'node:os';
import type { CommitResult, RevertPlan, RevertResult } from '../api/types.js';
import { openDatabase } from '../db/connection.js';
import { parseImportFile } from '../domain/import/index.js';
import type { ImportContext, ParseResult } from '../domain/import/types.js';
import type { Principal } from '../domain/permissions.js';
import { createRepositories } from '../repositories/index.js';
import { previewAnswerBytes } from '../services/importPreviewAnswer.js';
import { createImportRevertService, type RevertOptions } from '../services/importRevert.js';
import type { PreviewFormInput } from '../services/importWorker.js';
import {
  type CommitRequest,
  createImportWrites,
  ImportRejected,
  importContext,
  type PreviewInput,
} from '../services/importWrites.js';
import { readUploadForm } from '../services/uploadForm.js';

// The import worker (a piscina task file, services/importWorker.ts): an upload's parse, checks and
// writes, off the event loop. Reading a 100,000-row file, comparing it with the figures held and
// storing its preview takes seconds, and so does committing it; on the main thread every other
// request waited for them. The worker has its own connection to the same file: WAL lets the main
// thread read on while it writes, and each write is one transaction here as it was there. It runs
// compiled, as server/dist/workers/importWorker.js.

/** How much lower than the process this thread runs: a nice of +5 gives the event loop about three times its weight. */
const NICENESS = 5;

// The upload's seconds of CPU give way to the requests when both want a core: on a machine of two
// cores shared with other work, reads measured during a large upload waited for this thread's
// time slices. On Linux niceness is per thread (setpriority(2)); elsewhere the thread keeps the
// process's priority. With a core to spare nothing changes: the thread still gets all of its own.
try {
  const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
  os.setPriority(tid, Math.min(19, os.getPriority(tid) + NICENESS));
} catch {
  // Not Linux, or not allowed: the upload runs at the process's priority.
}

export type ImportTask =
  | { kind: 'parse'; bytes: Uint8Array; fileName: string; ctx: ImportContext }
  | {
      kind: 'preview';
      dbPath: string;
      input: PreviewInput & { defaultRegionCode: string | null };
      /** Answer the preview's JSON bytes too (services/importPreviewAnswer.ts), not only its id. */
      answer?: boolean;
    }
  /** An upload's whole multipart body (services/uploadForm.ts), read here, then as 'preview' with the answer. */
  | { kind: 'previewForm'; dbPath: string; input: PreviewFormInput }
  | {
      kind: 'previewParsed';
      dbPath: string;
      parsed: Omit<ParseResult, 'fileType'> & { fileType: string | null };
      input: PreviewInput;
    }
  | { kind: 'commit'; dbPath: string; request: CommitRequest }
  /** A revert's dry run, and the revert (services/importRevert.ts). */
  | { kind: 'revertPlan'; dbPath: string; importId: number; user: Principal; includeRevisedSince: boolean }
  | { kind: 'revert'; dbPath: string; importId: number; user: Principal; options: RevertOptions; address: string | null };

/** A refusal crosses back as data (an Error loses its class on the way) and is thrown again there. */
export interface Refusal {
  refused: { statusCode: number; code: string; messages: { zh: string; en: string }; detail: Record<string, unknown> };
}
export type ImportTaskResult =
  | ParseResult
  | { importId: number; answer?: Uint8Array }
  | { committed: CommitResult }
  | { revertPlan: RevertPlan }
  | { reverted: RevertResult }
  | Refusal;

// One connection per database file, kept while the thread lives (an app's pool has one file; tests
// run several apps in one process, each with its own pool).
const writers = new Map<
  string,
  ReturnType<typeof createImportWrites> & {
    repos: ReturnType<typeof createRepositories>;
    context: () => ImportContext;
    reverts: ReturnType<typeof createImportRevertService>;
  }
>();
function writesTo(dbPath: string) {
  let found = writers.get(dbPath);
  if (!found) {
    const db = openDatabase(dbPath);
    // Waiting for the main thread's write lock blocks nobody here: wait longer than it would.
    db.pragma('busy_timeout = 30000');
    const repos = createRepositories(db);
    found = {
      ...createImportWrites(repos),
      repos,
      context: () => importContext(repos),
      reverts: createImportRevertService(repos),
    };
    writers.set(dbPath, found);
  }
  return found;
}

function refusal(e: unknown): Refusal {
  if (!(e instanceof ImportRejected)) throw e;
  return { refused: { statusCode: e.statusCode, code: e.code, messages: e.messages, detail: e.detail } };
}

/** Parses, checks and stores an upload's preview; its id, and with `answer` its answer's JSON bytes. */
async function preview(
  writes: ReturnType<typeof writesTo>,
  { defaultRegionCode, ...input }: PreviewInput & { defaultRegionCode: string | null },
  answer: boolean,
): Promise<{ importId: number; answer?: Uint8Array }> {
  const parsed = await parseImportFile(input.bytes, input.fileName, { ...writes.context(), defaultRegionCode });
  if (parsed.fatal) throw new ImportRejected(422, parsed.fatal.code, parsed.fatal.message);
  const importId = writes.storePreview(parsed, input);
  if (!answer) return { importId };
  // A few hundred KB, cloned back (~0.2 ms): piscina moves only a task's whole result.
  return { importId, answer: previewAnswerBytes(writes.repos, importId, input.user) };
}

export default async function run(task: ImportTask): Promise<ImportTaskResult> {
  if (task.kind === 'parse') return parseImportFile(task.bytes, task.fileName, task.ctx);
  const writes = writesTo(task.dbPath);
  try {
    switch (task.kind) {
      case 'preview':
        return await preview(writes, task.input, task.answer ?? false);
      case 'previewForm': {
        const { body, contentType, ...rest } = task.input;
        const form = await readUploadForm(body, contentType);
        const input = {
          ...rest,
          bytes: form.file,
          fileName: form.fileName,
          defaultVintage: form.defaultVintage,
          defaultSource: form.defaultSource,
          defaultRegionCode: form.region,
        };
        return await preview(writes, input, true);
      }
      case 'previewParsed':
        return { importId: writes.storePreview(task.parsed, task.input) };
      case 'commit':
        return { committed: writes.commit(task.request) };
      case 'revertPlan':
        return { revertPlan: writes.reverts.preview(task.importId, task.user, task.includeRevisedSince) };
      case 'revert':
        return { reverted: writes.reverts.revert(task.importId, task.user, task.options, task.address) };
    }
  } catch (e) {
    return refusal(e);
  }
}
