import { type CatalogueIndicator, type Extraction, proposeTargets, type RegionRef } from '../domain/extract/index.js';
import { type DocumentFormat, DocumentUnreadable, documentText } from './read.js';

// Runs on a worker thread (./pool.ts): reading a .docx or a PDF and proposing the targets of a long
// document are CPU work that must not hold the event loop.

export interface ExtractTask {
  text?: string;
  bytes?: Uint8Array;
  fileName?: string;
  catalogue: CatalogueIndicator[];
  regions: RegionRef[];
}

export type ExtractOutput =
  | {
      ok: true;
      extraction: Extraction;
      source: { fileName: string | null; format: DocumentFormat | 'text'; encoding: string | null };
    }
  | { ok: false; code: DocumentUnreadable['code']; message: string };

export default async function extract(task: ExtractTask): Promise<ExtractOutput> {
  try {
    let text = task.text ?? '';
    let source: { fileName: string | null; format: DocumentFormat | 'text'; encoding: string | null } = {
      fileName: null,
      format: 'text',
      encoding: null,
    };
    if (task.bytes) {
      const read = await documentText(task.bytes, task.fileName ?? 'upload');
      text = read.text;
      source = { fileName: task.fileName ?? null, format: read.format, encoding: read.encoding };
    }
    const extraction = proposeTargets(text, task.catalogue, { regions: task.regions });
    return { ok: true, extraction, source };
  } catch (e) {
    if (e instanceof DocumentUnreadable) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
}
