import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { CsvEncoding } from '../reports/csv.js';
import type { Lang } from '../reports/labels.js';
import { ReportsBusyError } from '../reports/pool.js';
import type { ReportFormat, ReportScope, ReportService } from '../reports/service.js';
import type { Repositories } from '../repositories/index.js';
import { ErrorResponse, errorResponses, RegionCode, Year } from '../schemas/common.js';
import { PlanParams } from '../schemas/plans.js';
import { BadRequestError, NotFoundError } from './errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The reports' worker pool and cache (buildApp decorates the app with it; tests read its counts). */
    reportService: ReportService;
  }
}

const LangField = Type.Union([Type.Literal('zh'), Type.Literal('en')], { description: 'report language (default zh)' });
const RegionField = Type.String({
  ...RegionCode,
  description: "narrows the report to the plan's targets for this region (GB/T 2260 code); default: the whole plan",
});
const ReportQuery = Type.Object(
  {
    asOf: Type.Optional(Year),
    lang: Type.Optional(LangField),
    region: Type.Optional(RegionField),
  },
  { additionalProperties: false },
);
const CsvQuery = Type.Object(
  {
    asOf: Type.Optional(Year),
    lang: Type.Optional(LangField),
    region: Type.Optional(RegionField),
    encoding: Type.Optional(Type.Union([Type.Literal('utf-8'), Type.Literal('gb18030')])),
  },
  { additionalProperties: false },
);

/** An ASCII file name for old clients and the UTF-8 one (RFC 5987) for the rest. */
function disposition(slug: string, region: string | null, asOf: number | null, lang: Lang, ext: string): string {
  const name = `${slug}${region === null ? '' : `-${region}`}-progress${asOf === null ? '' : `-${asOf}`}-${lang}.${ext}`;
  return `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const CONTENT_TYPES: Record<Exclude<ReportFormat, 'csv'>, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The answers a report route may give besides the file: 304 to a current ETag, 429 and 503 when busy. */
const reportResponses = {
  // A file download: Fastify sends the buffer as it is, with the content type set in the handler.
  200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }),
  304: Type.Null({ description: 'Not modified: the ETag sent in If-None-Match is the current one' }),
  ...errorResponses,
  // Too many of this reader's reports being made at once; the queue is full. Retry-After says when to retry.
  429: ErrorResponse,
  503: ErrorResponse,
};

/** What the web app shows when a report is refused for now, in the reader's language. */
function busyMessages(code: 'reports_per_reader_limit' | 'reports_queue_full', seconds: number) {
  return code === 'reports_per_reader_limit'
    ? {
        zh: `您同时请求生成的报告过多；请等正在生成的报告完成（约 ${seconds} 秒）后再下载。`,
        en: `Too many of your reports are being made at once; download again when they are done, in about ${seconds} s.`,
      }
    : {
        zh: `报告生成排队已满，请约 ${seconds} 秒后再下载。`,
        en: `Too many reports are waiting to be made; download again in about ${seconds} s.`,
      };
}

/**
 * The reports judge with the same progress service as the API, so their numbers are the API's. They
 * are made by the report service: on worker threads, a few at a time, kept until the data changes.
 */
export const reportRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories; reports: ReportService }> = async (app, options) => {
  const { repos, reports } = options;
  function scope(id: string, query: { asOf?: number; lang?: Lang; region?: string }): ReportScope {
    const plan = repos.plans.find(id);
    if (!plan) throw new NotFoundError(`No plan with id or slug "${id}"`);
    const region = query.region ?? null;
    if (region !== null) {
      // An unknown code is a 404, as on the other routes that take a region; a known region without
      // a target in this plan would make an empty report: the request is wrong, not the data.
      if (!repos.reference.regionExists(region)) throw new NotFoundError(`No region with code ${region}`);
      if (!repos.plans.hasTargetIn(plan.id, region))
        throw new BadRequestError(`querystring field "region": plan ${plan.slug} has no target for region ${region}`, 'region');
    }
    return { plan, asOf: query.asOf ?? null, lang: query.lang ?? 'zh', region };
  }

  async function send(
    request: FastifyRequest,
    reply: FastifyReply,
    format: ReportFormat,
    id: string,
    query: { asOf?: number; lang?: Lang; region?: string; encoding?: CsvEncoding },
  ) {
    const s = scope(id, query);
    // Caps count per signed-in user, else per address (behind a proxy: see JINDU_TRUST_PROXY).
    const owner = request.user ? `user:${request.user.id}` : `address:${request.ip}`;
    try {
      const answer = await reports.report(s, format, {
        owner,
        encoding: query.encoding,
        ifNoneMatch: request.headers['if-none-match'],
      });
      // private: reading may need a session; no-cache: a browser keeps the file but asks (If-None-Match) each time.
      reply.header('etag', answer.etag).header('cache-control', 'private, no-cache');
      if (answer.status === 304) return reply.status(304).send();
      const type = format === 'csv' ? `text/csv; charset=${query.encoding ?? 'utf-8'}` : CONTENT_TYPES[format];
      return reply
        .type(type)
        .header('content-disposition', disposition(s.plan.slug, s.region, s.asOf, s.lang, format))
        .send(answer.bytes);
    } catch (error) {
      if (!(error instanceof ReportsBusyError)) throw error;
      return reply
        .status(error.statusCode)
        .header('retry-after', String(error.retryAfter))
        .send({
          statusCode: error.statusCode,
          error: error.statusCode === 429 ? 'Too Many Requests' : 'Service Unavailable',
          message: error.message,
          code: error.code,
          messages: busyMessages(error.code, error.retryAfter),
        });
    }
  }

  app.get(
    '/api/reports/plans/:id.pdf',
    {
      config: { access: 'read' },
      schema: {
        summary:
          'The progress report (进展报告) of a plan, or of its targets for one region, as an A4 PDF, in Chinese or English, as of a year',
        params: PlanParams,
        querystring: ReportQuery,
        response: reportResponses,
      },
    },
    (request, reply) => send(request, reply, 'pdf', request.params.id, request.query),
  );

  app.get(
    '/api/reports/plans/:id.xlsx',
    {
      config: { access: 'read' },
      schema: {
        summary: 'The figures of the progress report as a workbook: a summary sheet and one sheet per target with figures',
        params: PlanParams,
        querystring: ReportQuery,
        response: reportResponses,
      },
    },
    (request, reply) => send(request, reply, 'xlsx', request.params.id, request.query),
  );

  app.get(
    '/api/reports/plans/:id.docx',
    {
      config: { access: 'read' },
      schema: {
        summary:
          'The progress briefing (进展简报) of a plan, or of its targets for one region, as a Word document (A4, in the format of a government document) to edit and forward, in Chinese or English, as of a year',
        params: PlanParams,
        querystring: ReportQuery,
        response: reportResponses,
      },
    },
    (request, reply) => send(request, reply, 'docx', request.params.id, request.query),
  );

  app.get(
    '/api/reports/plans/:id.csv',
    {
      config: { access: 'read' },
      schema: {
        summary: 'The figures of the progress report in long form (UTF-8 with BOM, or GB18030)',
        params: PlanParams,
        querystring: CsvQuery,
        response: reportResponses,
      },
    },
    (request, reply) => send(request, reply, 'csv', request.params.id, request.query),
  );
};
