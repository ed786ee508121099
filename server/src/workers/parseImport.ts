import { parseImportFile } from '../domain/import/index.js';
import type { ImportContext, ParseResult } from '../domain/import/types.js';

// The upload parser's worker (a piscina task file): reading a CSV or XLSX of 60,000 rows and
// interpreting it takes seconds of CPU, which on the main thread would hold every other request
// back. It runs compiled, as server/dist/workers/parseImport.js (services/parsePool.ts).

export interface ParseTask {
  bytes: Uint8Array;
  fileName: string;
  ctx: ImportContext;
}

export default function parse(task: ParseTask): Promise<ParseResult> {
  return parseImportFile(task.bytes, task.fileName, task.ctx);
}
