import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type * as Api from '../api/types.js';
import { type BulletinProposal, MAX_BULLETIN_CHARS, readBulletin } from '../domain/bulletin.js';
import { toCsv } from '../domain/csv.js';
import { DEFAULT_IMPORT_LIMITS } from '../domain/import/index.js';
import type { ParsedFigure } from '../domain/import/types.js';
import { canWriteRegion, type Principal } from '../domain/permissions.js';
import { PREVIEW_LIFETIME_HOURS } from '../domain/preview.js';
import { Refusal } from '../domain/refusal.js';
import { type FieldProblem, fieldMessage, fieldProblem } from '../domain/requestFields.js';
import { ErrorResponse, errorResponses, Nullable, Offset, RegionCode } from '../schemas/common.js';
import { ImportRecord, Message, PreviewResponse, Row } from '../schemas/imports.js';
import { ImportRejected, type ImportService } from '../services/imports.js';
import { MAX_UPLOAD_BYTES, notMultipart, tooLarge, UPLOAD_FORM_SLACK, uploadIncomplete } from '../services/uploadForm.js';
import { refusalBody } from './errors.js';

const ImportParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const RejectedResponse = Type.Object({
  ...ErrorResponse.properties,
  messages: Type.Optional(Message),
  // A refused commit says what it found (see CommitRefusal in api/types.ts), for the page to name it.
  expiredAfterHours: Type.Optional(Type.Integer({ description: 'preview_expired: how long a preview may be committed' })),
  changedRows: Type.Optional(Type.Integer({ description: 'preview_stale: how many rows’ figures changed since the preview' })),
  refused: Type.Optional(
    Type.Array(Type.Object({ regionCode: Type.String(), rows: Type.Array(Type.Integer()) }), {
      description: 'region_not_assigned: the rows of each region the committer may no longer write',
    }),
  ),
  unacknowledgedRows: Type.Optional(
    Type.Array(Type.Integer(), { description: 'warnings_unacknowledged: the warned rows not acknowledged (the first 1,000)' }),
  ),
  unexplainedRows: Type.Optional(
    Type.Array(Type.Integer(), { description: 'explanation_required: the flagged rows without an explanation (review on)' }),
  ),
  unacknowledgedCount: Type.Optional(
    Type.Integer({ description: 'warnings_unacknowledged: how many warned rows were not acknowledged' }),
  ),
});

/**
 * The body of a commit: the rows whose warnings the committer has checked. Row numbers rather than
 * "all": the record then says which rows a person looked at. As many as a file may have rows.
 */
const CommitBody = Type.Object(
  {
    acknowledged: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1 }), {
        maxItems: DEFAULT_IMPORT_LIMITS.maxRows,
        description: 'the rows whose warnings were checked; every row listed in warnedRows must be here',
      }),
    ),
    explanations: Type.Optional(
      Type.Record(Type.String({ pattern: '^[0-9]+$' }), Type.String({ maxLength: 2000 }), {
        description:
          'review on: the explanation (情况说明) of each flagged row, by row number; every row listed in warnedRows needs one (400 explanation_required)',
      }),
    ),
  },
  { additionalProperties: false },
);
/** Room for an acknowledgement of every row of the largest file (200,000 row numbers as JSON). */
const COMMIT_BODY_LIMIT = 2 * 1024 * 1024;

/** A 400 of the upload routes: what was wrong, in both languages, and for invalid_field its details. */
const BadRequestResponse = Type.Object({
  ...RejectedResponse.properties,
  reason: Type.Optional(Type.String({ description: 'invalid_field: missing, not_allowed, too_long, too_short, bad_format …' })),
  limit: Type.Optional(Type.Number()),
  allowed: Type.Optional(Type.Array(Type.String())),
  item: Type.Optional(Type.Integer({ description: 'invalid_field: the figure of the grid, from 1' })),
});

const Vintage = Type.Union([Type.Literal('preliminary'), Type.Literal('final'), Type.Literal('revised')]);
const BulletinBody = Type.Object(
  {
    region: RegionCode,
    year: Type.Integer({ minimum: 1949, maximum: 2100, description: 'the year the bulletin reports' }),
    sourceTitle: Type.String({
      minLength: 1,
      maxLength: 300,
      description: 'the bulletin, e.g. 吕梁市2017年国民经济和社会发展统计公报',
    }),
    sourceUrl: Type.Optional(Type.String({ maxLength: 1000, pattern: '^https?://[^\\s]+$' })),
    vintage: Vintage,
    text: Type.String({ minLength: 1, maxLength: MAX_BULLETIN_CHARS, description: 'the paragraph as pasted' }),
    accept: Type.Optional(
      Type.Array(Type.Integer({ minimum: 0 }), { maxItems: 500, description: 'the proposals (by index) to preview' }),
    ),
  },
  { additionalProperties: false },
);
const BulletinChangeSchema = Type.Object({
  text: Type.String(),
  value: Type.Number(),
  unit: Type.String(),
  direction: Type.String(),
});
const BulletinReadingSchema = Type.Object({
  proposals: Type.Array(
    Type.Object({
      index: Type.Integer(),
      indicatorCode: Type.String(),
      term: Type.String(),
      value: Type.Number(),
      unit: Type.String(),
      printed: Type.Object({ value: Type.String(), unit: Type.String() }),
      conversion: Nullable(Type.Object({ fromUnit: Type.String(), toUnit: Type.String(), factor: Type.Number() })),
      sentence: Type.String(),
      changes: Type.Array(BulletinChangeSchema, { description: 'growth rates and changes: shown, never stored as the value' }),
    }),
  ),
  skipped: Type.Array(
    Type.Object({
      sentence: Type.String(),
      text: Type.String(),
      reason: Type.String({ description: 'no_indicator, unit_mismatch or change_only' }),
      indicatorCode: Nullable(Type.String()),
      changes: Type.Array(BulletinChangeSchema),
    }),
  ),
});

/** The error answers of every route here: a 400 says what was wrong in both languages. */
const importErrors = { ...errorResponses, 400: BadRequestResponse };

/** A refusal as the routes of uploads answer it: a stable code and the message in both languages. */
function refusal(statusCode: number, code: string, messages: { zh: string; en: string }) {
  return refusalBody(new Refusal(statusCode, code, messages));
}

/** 400 invalid_field: the field, why (reason, limit, allowed, item) and the message in both languages. */
function invalidField(problem: FieldProblem) {
  return { ...refusal(400, 'invalid_field', fieldMessage(problem)), ...problem };
}

export const importRoutes: FastifyPluginAsyncTypebox<{ imports: ImportService }> = async (app, { imports }) => {
  const bulletinIndicators = () => imports.bulletinTerms();
  // An upload's form is only collected here, chunk by chunk, and read on the import worker
  // (services/uploadForm.ts): reading it on the event loop (busboy, @fastify/multipart's streams)
  // held back the requests that arrived while its body did. The limit leaves room for the fields;
  // the file's own limit is checked where the form is read.
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES + UPLOAD_FORM_SLACK },
    (_request, body, done) => done(null, body),
  );

  const user = (p: Principal | null): Principal => {
    if (!p) throw new ImportRejected(401, 'sign_in_required', { zh: '请先登录', en: 'Please sign in.' });
    return p;
  };
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof Refusal) return reply.status(error.statusCode as number).send(refusalBody(error));
    // An upload's body over the limit, or shorter than it said (cut off in transit), as the form's
    // reader would have refused them.
    if (request.routeOptions.url === '/api/imports' && request.method === 'POST') {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(413).send(refusalBody(tooLarge()));
      if (error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return reply.status(400).send(refusalBody(uploadIncomplete()));
    }
    // A field the schema refused (the grid's figures, a query): said in both languages, with the
    // reason and its bound for the page to say it with its own labels.
    if (error.validation) return reply.status(400).send(invalidField(fieldProblem(error.validation)));
    if (error.statusCode === 400) {
      return reply.status(400).send(
        refusal(400, 'bad_request', {
          zh: '请求无法读取（格式不对）；请刷新页面后重试',
          en: `The request cannot be read (${error.message}); reload the page and try again`,
        }),
      );
    }
    throw error;
  });
  const preview = (id: number, p: Principal): Api.ImportPreview => imports.previewAnswer(id, p);
  /**
   * A preview's answer as the import worker made it: the 201's JSON, serialised there with this
   * route's schema (services/importPreviewAnswer.ts), so the event loop only sends (and the compress
   * plugin compresses, in libuv's pool) the bytes.
   */
  const sendPreview = (reply: FastifyReply, answer: Uint8Array) =>
    reply
      .status(201)
      .type('application/json; charset=utf-8')
      .send(Buffer.from(answer.buffer, answer.byteOffset, answer.byteLength));

  app.post(
    '/api/imports',
    {
      config: { access: 'figures' },
      schema: {
        summary: 'Upload a figures file (XLSX, CSV or tab-separated; UTF-8 or GBK): returns the preview, writes no figure',
        consumes: ['multipart/form-data'],
        response: { 201: PreviewResponse, 413: RejectedResponse, 422: RejectedResponse, ...importErrors },
      },
    },
    async (request, reply) => {
      const p = user(request.user);
      const body = request.body;
      const contentType = request.headers['content-type'];
      if (!Buffer.isBuffer(body) || !contentType) throw notMultipart();
      // The whole form goes to the import worker, which reads it, checks its fields and the file.
      const { answer } = await imports.previewForm({ body, contentType, user: p, address: request.ip });
      return sendPreview(reply, answer);
    },
  );

  app.post(
    '/api/imports/grid',
    {
      config: { access: 'figures' },
      schema: {
        summary: 'Figures typed into the entry grid: checked and previewed exactly like an uploaded file',
        body: Type.Object(
          {
            region: RegionCode,
            defaultVintage: Type.Union([Type.Literal('preliminary'), Type.Literal('final'), Type.Literal('revised')]),
            defaultSource: Type.Optional(Type.String({ maxLength: 300 })),
            figures: Type.Array(
              Type.Object(
                {
                  indicator: Type.String({ minLength: 1, maxLength: 100 }),
                  year: Type.Integer({ minimum: 1949, maximum: 2100 }),
                  value: Type.String({ maxLength: 100, description: 'as typed: "1,234.5", "2.6%", "—" …' }),
                  vintage: Type.Optional(
                    Type.Union([Type.Literal('preliminary'), Type.Literal('final'), Type.Literal('revised')]),
                  ),
                  source: Type.Optional(Type.String({ maxLength: 300 })),
                  note: Type.Optional(Type.String({ maxLength: 1000 })),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 500 },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: PreviewResponse, 422: RejectedResponse, ...importErrors },
      },
    },
    async (request, reply) => {
      const p = user(request.user);
      const { region, defaultVintage, defaultSource, figures } = request.body;
      // The grid becomes a small CSV and goes through the very parser and checks an upload does.
      const csv = toCsv(
        [
          ['地区代码', '指标', '年份', '数值', '口径', '来源', '备注'],
          ...figures.map((f) => [region, f.indicator, f.year, f.value, f.vintage ?? '', f.source ?? '', f.note ?? '']),
        ],
        { neutralize: false },
      );
      const { answer } = await imports.previewAnswered({
        bytes: new TextEncoder().encode(csv),
        fileName: 'grid-entry.csv',
        user: p,
        address: request.ip,
        defaultVintage,
        defaultSource: defaultSource?.trim() || null,
        defaultRegionCode: region,
      });
      return sendPreview(reply, answer);
    },
  );

  // A bulletin paragraph (统计公报) pasted by a statistician: its sentences read into proposed figures
  // (domain/bulletin.ts). Without `accept`, only the reading is answered (nothing stored); with it,
  // the chosen proposals go through the very checks and preview an upload's rows do, and the
  // ordinary commit writes them, each with its sentence as the quote.
  app.post(
    '/api/imports/bulletin',
    {
      config: { access: 'figures' },
      schema: {
        summary:
          'Figures proposed from a pasted bulletin paragraph (统计公报); with accept, the chosen ones previewed like an upload',
        body: BulletinBody,
        response: {
          200: Type.Object({ reading: BulletinReadingSchema }),
          201: Type.Object({ reading: BulletinReadingSchema, ...PreviewResponse.properties }),
          ...importErrors,
        },
      },
    },
    async (request, reply) => {
      const p = user(request.user);
      const { region, year, sourceTitle, sourceUrl, vintage, text, accept } = request.body;
      if (!canWriteRegion(p, region))
        throw new ImportRejected(403, 'region_not_assigned', {
          zh: `您无权录入该地区（${region}）的数据`,
          en: `You may enter figures only for your own regions, not ${region}.`,
        });
      const reading = readBulletin(text, bulletinIndicators());
      const listed = {
        proposals: reading.proposals.map((proposal, index) => ({ index, ...proposal })),
        skipped: reading.skipped,
      };
      if (accept === undefined) return reply.status(200).send({ reading: listed });

      const chosen = [...new Set(accept)].sort((a, b) => a - b);
      const wrong = chosen.find((i) => i >= reading.proposals.length);
      if (chosen.length === 0 || wrong !== undefined)
        return reply.status(400).send(
          refusal(400, 'invalid_field', {
            zh:
              chosen.length === 0
                ? '请至少选择一个数据（accept）'
                : `没有第 ${wrong} 个建议数据（accept）；共 ${reading.proposals.length} 个`,
            en:
              chosen.length === 0
                ? 'field "accept": choose at least one figure'
                : `field "accept": there is no proposal ${wrong}; there are ${reading.proposals.length}`,
          }),
        );
      const title = sourceTitle.trim();
      const figures: ParsedFigure[] = chosen.map((index, k) => {
        const f = reading.proposals[index] as BulletinProposal;
        return {
          row: k + 1,
          sheet: null,
          regionCode: region,
          indicatorCode: f.indicatorCode,
          year,
          value: f.value,
          published: true,
          rawValue: `${f.printed.value}${f.printed.unit}`,
          column: '',
          vintage,
          sourceTitle: title,
          sourceUrl: sourceUrl?.trim() || null,
          // The change the sentence gives beside the figure is kept in words, never as a value.
          note: f.changes.length > 0 ? f.changes.map((c) => c.text).join('；') : null,
          quote: f.sentence,
          conversion: f.conversion,
        };
      });
      const id = await imports.previewParsed(
        {
          fileType: 'bulletin',
          encoding: null,
          sheet: null,
          layout: null,
          hasSourceColumn: true,
          rowsRead: figures.length,
          figures,
          issues: [],
          issueCount: { errors: 0, warnings: 0 },
          fatal: null,
        },
        {
          bytes: new TextEncoder().encode(text),
          fileName: title.slice(0, 200),
          user: p,
          address: request.ip,
          defaultVintage: vintage,
          defaultSource: title,
        },
      );
      return reply.status(201).send({ reading: listed, ...preview(id, p) });
    },
  );

  app.get(
    '/api/imports',
    {
      config: { access: 'figures' },
      schema: {
        summary: 'Upload history: who uploaded what, when, and what became of it',
        response: { 200: Type.Array(ImportRecord), ...importErrors },
      },
    },
    async (request) => imports.list(user(request.user)),
  );

  app.get(
    '/api/imports/:id',
    {
      config: { access: 'figures' },
      schema: {
        summary: 'One upload’s preview: counts, issues and the first rows',
        params: ImportParams,
        response: { 200: PreviewResponse, ...importErrors, 404: RejectedResponse },
      },
    },
    async (request) => preview(request.params.id, user(request.user)),
  );

  app.get(
    '/api/imports/:id/rows',
    {
      config: { access: 'figures' },
      schema: {
        summary: 'An upload’s rows, filtered by status, a page at a time',
        params: ImportParams,
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union([Type.Literal('new'), Type.Literal('changed'), Type.Literal('unchanged')])),
            offset: Type.Optional(Offset),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(Row), ...importErrors, 404: RejectedResponse },
      },
    },
    async (request) =>
      imports.rows(
        request.params.id,
        user(request.user),
        request.query.status ?? null,
        request.query.offset ?? 0,
        request.query.limit ?? 200,
      ),
  );

  app.post(
    '/api/imports/:id/commit',
    {
      config: { access: 'figures' },
      bodyLimit: COMMIT_BODY_LIMIT,
      // No body is an empty acknowledgement: a preview without warnings needs none.
      preValidation: async (request) => {
        if (request.body === undefined || request.body === null) request.body = {};
      },
      schema: {
        summary: 'Write the preview’s new and changed figures, all in one transaction; a second commit writes nothing',
        description: `Refused, writing nothing, when a row with a warning is not among \`acknowledged\` (409 warnings_unacknowledged, naming the rows), when the preview is older than ${PREVIEW_LIFETIME_HOURS} hours (410 preview_expired), when the committer may no longer write one of its regions (403 region_not_assigned), or when a figure it compared with has been revised since (409 preview_stale). A preview without warnings may be committed without a body.`,
        params: ImportParams,
        body: CommitBody,
        response: {
          200: Type.Object({
            importId: Type.Integer(),
            written: Type.Integer(),
            alreadyCommitted: Type.Boolean(),
            pendingReview: Type.Optional(
              Type.Integer({ description: 'review on: how many figures wait for a reviewer; none was published' }),
            ),
          }),
          409: RejectedResponse,
          410: RejectedResponse,
          ...importErrors,
          403: RejectedResponse,
          404: RejectedResponse,
        },
      },
    },
    async (request) =>
      imports.commit(
        request.params.id,
        user(request.user),
        request.ip,
        request.body.acknowledged ?? [],
        request.body.explanations ?? {},
      ),
  );

  app.delete(
    '/api/imports/:id',
    {
      config: { access: 'figures' },
      schema: {
        summary: 'Discard a preview',
        params: ImportParams,
        response: { 204: Type.Null(), 409: RejectedResponse, ...importErrors, 404: RejectedResponse },
      },
    },
    async (request, reply) => {
      imports.discard(request.params.id, user(request.user), request.ip);
      return reply.status(204).send(null);
    },
  );
};
