import fastJsonStringify from 'fast-json-stringify';
import type * as Api from '../api/types.js';
import type { Principal } from '../domain/permissions.js';
import type { Repositories } from '../repositories/index.js';
import { PREVIEW_ROWS, PreviewResponse } from '../schemas/imports.js';
import { distinctRows, LISTED_ISSUES, visibleImport } from './importWrites.js';

/**
 * An upload's preview as its answer shows it: the record, the listed issues, the first rows, and every
 * warned row. Read on the main thread for GET /api/imports/:id, and on the import worker right after
 * it stores a preview (see `previewAnswerBytes`).
 */
export function previewAnswer(repos: Repositories, importId: number, user: Principal): Api.ImportPreview {
  return {
    import: visibleImport(repos, importId, user),
    issues: repos.imports.issues(importId, LISTED_ISSUES),
    rows: repos.imports.rows(importId, null, 0, PREVIEW_ROWS),
    warnedRows: distinctRows(repos.imports.warned(importId)),
  };
}

// Fastify's own serialiser for the route's 201 (fast-json-stringify with the same schema): the bytes
// made here are the bytes the route would have made, extra properties dropped alike.
const serialize = fastJsonStringify(PreviewResponse);

/**
 * The preview answer as the bytes of its JSON, made where the preview was stored (the import worker).
 * Reading 500 rows and every warned row, and serialising them (~300 KB for a 59,400-row file), took the
 * event loop 50–150 ms in one piece after each large preview: every read that came meanwhile waited
 * for it. The main thread now only sends the bytes.
 */
export function previewAnswerBytes(repos: Repositories, importId: number, user: Principal): Uint8Array {
  return Buffer.from(serialize(previewAnswer(repos, importId, user)));
}
