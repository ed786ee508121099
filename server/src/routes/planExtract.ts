import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type DocumentPool, DocumentsBusyError } from '../documents/pool.js';
import { catalogueOf } from '../domain/extract/index.js';
import type { Repositories } from '../repositories/index.js';
import { ErrorResponse, errorResponses } from '../schemas/common.js';
import { Extraction, ExtractText } from '../schemas/planExtract.js';

// POST /api/plans/extract: a plan's text (pasted, JSON `{ text }`) or its document (a multipart
// upload: .txt, .html, .docx or a text PDF) in, the targets proposed from it out. Nothing is saved:
// the administrator accepts, edits or rejects the proposals on the new-plan page, and the plan is
// saved through POST /api/plans, with the same checks as a plan file.

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

const ERRORS = { 400: 'Bad Request', 413: 'Payload Too Large', 422: 'Unprocessable Entity', 503: 'Service Unavailable' };
const refusal = (statusCode: keyof typeof ERRORS, code: string, message: string, field?: string) => ({
  statusCode,
  error: ERRORS[statusCode],
  message,
  code,
  ...(field ? { field } : {}),
});

export const planExtractRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories; documents: DocumentPool }> = async (
  app,
  { repos, documents },
) => {
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 2 } });

  app.post(
    '/api/plans/extract',
    {
      config: { access: 'admin' },
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        summary: 'Propose the targets of a plan from its text or document (.txt, .html, .docx, text PDF); saves nothing',
        consumes: ['application/json', 'multipart/form-data'],
        body: ExtractText,
        response: { 200: Extraction, 413: ErrorResponse, 422: ErrorResponse, 503: ErrorResponse, ...errorResponses },
      },
      // a multipart request has no JSON body to validate: its file is read below
      preValidation: async (request) => {
        if (request.isMultipart()) (request as { body: unknown }).body = { text: '-' };
      },
    },
    async (request, reply) => {
      let task: { text?: string; bytes?: Uint8Array; fileName?: string };
      if (request.isMultipart()) {
        let part: MultipartFile | undefined;
        try {
          part = await request.file();
        } catch {
          return reply
            .status(400)
            .send(refusal(400, 'upload_incomplete', 'the upload did not complete; upload it again', 'file'));
        }
        if (!part)
          return reply.status(400).send(refusal(400, 'file_missing', 'the request holds no file (form field "file")', 'file'));
        let bytes: Buffer;
        try {
          bytes = await part.toBuffer();
        } catch (e) {
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
            return reply.status(413).send(refusal(413, 'file_too_large', 'the file is larger than 20 MB', 'file'));
          return reply
            .status(400)
            .send(refusal(400, 'upload_incomplete', 'the upload did not complete; upload it again', 'file'));
        }
        if (part.file.truncated)
          return reply.status(413).send(refusal(413, 'file_too_large', 'the file is larger than 20 MB', 'file'));
        task = { bytes: new Uint8Array(bytes), fileName: part.filename || 'upload' };
      } else {
        task = { text: request.body.text };
      }
      const catalogue = catalogueOf(repos.reference.listIndicators(), repos.reference.listAliases());
      const regions = repos.reference.listRegions().map((r) => ({ code: r.code, nameZh: r.nameZh, parentCode: r.parentCode }));
      let out: Awaited<ReturnType<DocumentPool['run']>>;
      try {
        out = await documents.run({ ...task, catalogue, regions });
      } catch (e) {
        if (e instanceof DocumentsBusyError) {
          reply.header('Retry-After', '30');
          return reply.status(503).send(refusal(503, e.code, e.message));
        }
        throw e;
      }
      if (!out.ok) return reply.status(422).send(refusal(422, out.code, out.message, 'file'));
      return { ...out.extraction, source: out.source };
    },
  );
};
