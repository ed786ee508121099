import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { renderReportCsv } from '../reports/csv.js';
import type { Lang } from '../reports/labels.js';
import { buildReportModel } from '../reports/model.js';
import { renderReportPdf } from '../reports/pdf.js';
import { renderReportXlsx } from '../reports/xlsx.js';
import type { Repositories } from '../repositories/index.js';
import { errorResponses, RegionCode, Year } from '../schemas/common.js';
import { PlanParams } from '../schemas/plans.js';
import type { ProgressService } from '../services/progress.js';
import { BadRequestError, NotFoundError } from './errors.js';

/** A file download: Fastify sends the buffer as it is, with the content type set in the handler. */
const BinaryFile = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
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

/** The reports judge with the same progress service as the API, so their numbers are the API's. */
export const reportRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories; progress: ProgressService }> = async (
  app,
  options,
) => {
  const { repos, progress } = options;
  function model(id: string, query: { asOf?: number; lang?: Lang; region?: string }) {
    const plan = repos.plans.find(id);
    if (!plan) throw new NotFoundError(`No plan with id or slug "${id}"`);
    const lang = query.lang ?? 'zh';
    const asOf = query.asOf ?? null;
    const region = query.region ?? null;
    if (region !== null) {
      // An unknown code is a 404, as on the other routes that take a region; a known region without
      // a target in this plan would make an empty report: the request is wrong, not the data.
      if (!repos.reference.regionExists(region)) throw new NotFoundError(`No region with code ${region}`);
      if (!repos.plans.hasTargetIn(plan.id, region))
        throw new BadRequestError(`querystring field "region": plan ${plan.slug} has no target for region ${region}`, 'region');
    }
    const report = buildReportModel({ repos, progress }, { plan, asOf, lang, region });
    const file = (ext: string) => disposition(plan.slug, region, asOf, lang, ext);
    return { file, model: report };
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
        response: { 200: BinaryFile, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { file, model: report } = model(request.params.id, request.query);
      const { pdf } = await renderReportPdf(report);
      return reply.type('application/pdf').header('content-disposition', file('pdf')).send(pdf);
    },
  );

  app.get(
    '/api/reports/plans/:id.xlsx',
    {
      config: { access: 'read' },
      schema: {
        summary: 'The figures of the progress report as a workbook: a summary sheet and one sheet per target with figures',
        params: PlanParams,
        querystring: ReportQuery,
        response: { 200: BinaryFile, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { file, model: report } = model(request.params.id, request.query);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', file('xlsx'))
        .send(await renderReportXlsx(report));
    },
  );

  app.get(
    '/api/reports/plans/:id.csv',
    {
      config: { access: 'read' },
      schema: {
        summary: 'The figures of the progress report in long form (UTF-8 with BOM, or GB18030)',
        params: PlanParams,
        querystring: CsvQuery,
        response: { 200: BinaryFile, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { file, model: report } = model(request.params.id, request.query);
      const encoding = request.query.encoding ?? 'utf-8';
      return reply
        .type(`text/csv; charset=${encoding}`)
        .header('content-disposition', file('csv'))
        .send(renderReportCsv(report, encoding));
    },
  );
};
