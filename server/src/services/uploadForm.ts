import { Busboy } from '@fastify/busboy';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { fieldMessage, fieldProblem } from '../domain/requestFields.js';
import { RegionCode } from '../schemas/common.js';
import { ImportRejected } from './importWrites.js';

// An upload's multipart form (POST /api/imports), read on the import worker (workers/importWorker.ts)
// rather than on the event loop. Measured on the national bench (59,400 rows, 3 MB): busboy's search
// for the boundary, @fastify/multipart's streams and the copy into one buffer ran on the main thread
// in a burst per batch of socket reads while the body arrived, and plan-progress reads sent then
// waited behind them. The route now only collects the body's chunks (its content-type parser) and
// hands the whole body over; everything that reads it is here, with the route's refusals as they were.

/** The largest file accepted; the form around it may add its fields (UPLOAD_FORM_SLACK). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** The most a body may hold beyond its file: 10 fields of 10,000 characters and their part headers. */
export const UPLOAD_FORM_SLACK = 128 * 1024;
const LIMITS = { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 10_000 };

/** The form fields that come with an upload. */
export const UploadFields = Type.Object(
  {
    defaultVintage: Type.Union([Type.Literal('preliminary'), Type.Literal('final'), Type.Literal('revised')]),
    defaultSource: Type.Optional(Type.String({ maxLength: 300 })),
    region: Type.Optional(RegionCode),
  },
  { additionalProperties: false },
);

export function tooLarge() {
  const mb = MAX_UPLOAD_BYTES / 1024 / 1024;
  return new ImportRejected(413, 'file_too_large', {
    zh: `文件超过 ${mb} MB 上限；请分成几个文件或删去无关的工作表后再上传`,
    en: `The file is larger than the ${mb} MB limit; split it or remove unrelated sheets and upload again`,
  });
}

/** A request that is no form at all says so. */
export function notMultipart() {
  return new ImportRejected(400, 'not_multipart', {
    zh: '请求不是文件上传（multipart/form-data）；请通过上传页面选择文件',
    en: 'The request is not a file upload (multipart/form-data); choose the file on the upload page',
  });
}

/**
 * A multipart body that ended before the file did (the connection dropped, a proxy cut it short):
 * the file arrived incomplete, which is not the same as too large, and uploading again is the remedy.
 */
export function uploadIncomplete() {
  return new ImportRejected(400, 'upload_incomplete', {
    zh: '上传没有完成：文件在传输中被截断，只收到了一部分；未读取任何数据。请检查网络后重新上传',
    en: 'The upload did not complete: the file was cut off in transit and only part of it arrived; nothing was read. Check the connection and upload it again',
  });
}

export function fileMissing() {
  return new ImportRejected(
    400,
    'file_missing',
    {
      zh: '请求中没有文件；请选择要上传的文件',
      en: 'The request holds no file; choose the file to upload (form field "file")',
    },
    { field: 'file' },
  );
}

export interface UploadForm {
  file: Uint8Array;
  fileName: string;
  defaultVintage: 'preliminary' | 'final' | 'revised';
  defaultSource: string | null;
  region: string | null;
}

/**
 * The file and fields of an upload's whole multipart body, checked as the route checked them: the
 * first file (over MAX_UPLOAD_BYTES: 413 file_too_large), the fields other than it against
 * UploadFields (400 invalid_field), a body that is no form (not_multipart) or ends before its closing
 * boundary (upload_incomplete), no file (file_missing). Refusals are thrown as ImportRejected.
 */
export async function readUploadForm(body: Uint8Array, contentType: string): Promise<UploadForm> {
  let boy: InstanceType<typeof Busboy>;
  try {
    boy = new Busboy({ headers: { 'content-type': contentType }, limits: LIMITS });
  } catch {
    // No multipart type, or no boundary: not a form this route can read.
    throw notMultipart();
  }
  const fields: Record<string, string> = {};
  let file: { chunks: Buffer[]; name: string; truncated: () => boolean } | null = null;
  await new Promise<void>((resolve, reject) => {
    boy.on('field', (name, value) => {
      if (name !== 'file') fields[name] = value;
    });
    boy.on('file', (_field, stream, filename) => {
      if (file) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      file = { chunks, name: filename, truncated: () => stream.truncated };
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', reject);
    });
    // More fields than allowed: refused as @fastify/multipart refused it (an unreadable form).
    boy.on('fieldsLimit', () => reject(uploadIncomplete()));
    boy.on('partsLimit', () => reject(uploadIncomplete()));
    boy.on('error', () => reject(uploadIncomplete()));
    boy.on('finish', resolve);
    boy.end(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  });
  const found = file as { chunks: Buffer[]; name: string; truncated: () => boolean } | null;
  if (!found) throw fileMissing();
  // Busboy marks a file cut at the size limit as truncated: over the limit, whatever else.
  if (found.truncated()) throw tooLarge();
  if (!Value.Check(UploadFields, fields)) {
    const problem = fieldProblem([...Value.Errors(UploadFields, fields)]);
    throw new ImportRejected(400, 'invalid_field', fieldMessage(problem), { ...problem });
  }
  const bytes = Buffer.concat(found.chunks);
  return {
    file: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    fileName: found.name || 'upload',
    defaultVintage: fields.defaultVintage as UploadForm['defaultVintage'],
    defaultSource: fields.defaultSource?.trim() || null,
    region: fields.region ?? null,
  };
}
