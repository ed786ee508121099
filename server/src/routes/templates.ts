import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import iconv from 'iconv-lite';
import { Type } from 'typebox';
import { toCsv } from '../domain/csv.js';
import { buildTemplate } from '../domain/template.js';
import type { Repositories } from '../repositories/index.js';
import { errorResponses, RegionCode } from '../schemas/common.js';
import { PlanParams } from '../schemas/plans.js';
import { NotFoundError } from './errors.js';

/** A file download: Fastify sends the buffer as it is, with the content type set in the handler. */
const BinaryFile = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });

const TemplateQuery = Type.Object(
  {
    region: Type.Optional(RegionCode),
    lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
    encoding: Type.Optional(Type.Union([Type.Literal('utf-8'), Type.Literal('gb18030')])),
  },
  { additionalProperties: false },
);

export const templateRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories }> = async (app, { repos }) => {
  function table(id: string, query: { region?: string; lang?: 'zh' | 'en' }) {
    const plan = repos.plans.find(id);
    if (!plan) throw new NotFoundError(`No plan with id or slug "${id}"`);
    const regionCode = query.region ?? plan.regionCode;
    const region = repos.reference.region(regionCode);
    if (!region) throw new NotFoundError(`No region with code ${regionCode}`);
    const codes = [
      ...new Set(
        repos.plans
          .targets(plan.id)
          .filter((t) => t.regionCode === regionCode)
          .map((t) => t.indicatorCode),
      ),
    ];
    const indicators = repos.reference.listIndicators().filter((i) => codes.includes(i.code));
    const first = (plan.periodStart ?? new Date().getFullYear()) - 1;
    const last = plan.periodEnd ?? first + 1;
    const years = Array.from({ length: last - first + 1 }, (_, k) => first + k);
    const lang = query.lang ?? 'zh';
    const fileBase = `${plan.slug}-${regionCode}-template`;
    return { plan, lang, fileBase, template: buildTemplate({ region, indicators, years, lang }) };
  }

  app.get(
    '/api/plans/:id/template.xlsx',
    {
      config: { access: 'figures' },
      schema: {
        summary: 'The upload template for a plan and region, as XLSX with an explanation sheet',
        params: PlanParams,
        querystring: TemplateQuery,
        response: { 200: BinaryFile, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { lang, fileBase, template } = table(request.params.id, request.query);
      // exceljs loaded on first use (as domain/import/xlsx.ts does): not in every server's memory.
      const { default: Excel } = await import('exceljs');
      const workbook = new Excel.Workbook();
      workbook.creator = 'Jindu';
      const sheet = workbook.addWorksheet(lang === 'zh' ? '数据' : 'figures', {
        views: [{ state: 'frozen', ySplit: 1, xSplit: 5 }],
      });
      sheet.addRow(template.header).font = { bold: true };
      for (const row of template.rows) sheet.addRow(row);
      sheet.columns.forEach((column, i) => {
        column.width = i === 1 || i === 3 ? 28 : i >= template.header.length - 2 ? 30 : 12;
      });
      const help = workbook.addWorksheet(lang === 'zh' ? '说明' : 'instructions');
      for (const row of template.explanation) help.addRow(row);
      help.getRow(1).font = { bold: true };
      help.getColumn(1).width = 26;
      help.getColumn(2).width = 100;
      const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${fileBase}.xlsx"`)
        .send(buffer);
    },
  );

  app.get(
    '/api/plans/:id/template.csv',
    {
      config: { access: 'figures' },
      schema: {
        summary: 'The upload template as CSV (UTF-8 with BOM, or GB18030)',
        params: PlanParams,
        querystring: TemplateQuery,
        response: { 200: BinaryFile, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { fileBase, template } = table(request.params.id, request.query);
      const text = toCsv([template.header, ...template.rows]);
      const gb = request.query.encoding === 'gb18030';
      // A BOM makes Chinese Excel open UTF-8 correctly; GB18030 is for older Excel and tools.
      const body = gb
        ? iconv.encode(text, 'gb18030')
        : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
      return reply
        .type(`text/csv; charset=${gb ? 'gb18030' : 'utf-8'}`)
        .header('content-disposition', `attachment; filename="${fileBase}.csv"`)
        .send(body);
    },
  );
};
