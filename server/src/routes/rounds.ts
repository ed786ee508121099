import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { toCsv } from '../domain/csv.js';
import { buildTemplate } from '../domain/template.js';
import type { Repositories } from '../repositories/index.js';
import { errorResponses } from '../schemas/common.js';
import { PlanParams } from '../schemas/plans.js';
import { NewRound, PlanCompleteness, Round, RoundDetail, RoundParams, RoundSummary, Todo } from '../schemas/rounds.js';
import { RoundRefused, type RoundService } from '../services/rounds.js';
import { NotFoundError } from './errors.js';

const BinaryFile = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });

function refuse(reply: FastifyReply, error: unknown) {
  if (!(error instanceof RoundRefused)) throw error;
  return reply.status(error.statusCode).send({
    statusCode: error.statusCode,
    error: error.statusCode === 404 ? 'Not Found' : error.statusCode === 409 ? 'Conflict' : 'Bad Request',
    message: error.message,
    code: error.code,
    ...(error.field ? { field: error.field } : {}),
  });
}

export const roundRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories; rounds: RoundService }> = async (
  app,
  { repos, rounds },
) => {
  app.post(
    '/api/rounds',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Open a collection round: the figures the plans in force need that year, each with the unit that owes it',
        description:
          'The items are listed by server/src/domain/rounds.ts (owedFigures) and stored as they are now; their status is derived each time. 409 nothing_owed when no plan of the region is in force that year.',
        body: NewRound,
        response: { 201: Round, 409: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = request.user;
      if (!user) throw new Error('the admin rule lets only a signed-in user here');
      try {
        return reply.status(201).send(rounds.open(request.body, user, request.ip));
      } catch (error) {
        return refuse(reply, error);
      }
    },
  );

  app.get(
    '/api/rounds',
    {
      config: { access: 'read' },
      schema: {
        summary: 'Every collection round, newest first, with its counts per status',
        response: { 200: Type.Object({ rounds: Type.Array(RoundSummary) }), ...errorResponses },
      },
    },
    async () => ({ rounds: rounds.list() }),
  );

  app.get(
    '/api/rounds/:id',
    {
      config: { access: 'read' },
      schema: {
        summary: 'A round’s items with their status (owed, submitted, returned, approved, overdue) and counts per unit',
        params: RoundParams,
        response: { 200: RoundDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      try {
        return rounds.detail(request.params.id);
      } catch (error) {
        return refuse(reply, error);
      }
    },
  );

  app.post(
    '/api/rounds/:id/close',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Close a round: it leaves the to-do lists; its items and their status stay readable',
        params: RoundParams,
        response: { 200: Round, 409: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = request.user;
      if (!user) throw new Error('the admin rule lets only a signed-in user here');
      try {
        return rounds.close(request.params.id, user, request.ip);
      } catch (error) {
        return refuse(reply, error);
      }
    },
  );

  app.get(
    '/api/rounds/:id/todo',
    {
      config: { access: 'self' },
      schema: {
        summary: 'The items of an open round I am asked to fill (a reporter: my unit’s), with the last three years’ figures',
        params: RoundParams,
        response: { 200: Todo, ...errorResponses },
      },
    },
    async (request) => {
      if (!repos.rounds.round(request.params.id)) throw new NotFoundError(`No collection round with id ${request.params.id}`);
      return { rounds: rounds.todo(request.user as NonNullable<typeof request.user>, request.params.id), units: rounds.units() };
    },
  );

  app.get(
    '/api/rounds/todo',
    {
      config: { access: 'self' },
      schema: {
        summary: 'The items of every open round I am asked to fill, with the last three years’ figures',
        response: { 200: Todo, ...errorResponses },
      },
    },
    async (request) => ({ rounds: rounds.todo(request.user as NonNullable<typeof request.user>), units: rounds.units() }),
  );

  app.get(
    '/api/rounds/:id/template.csv',
    {
      config: { access: 'self' },
      schema: {
        summary: 'The upload template of the round’s items I am asked to fill (UTF-8 with BOM, Chinese headers)',
        params: RoundParams,
        querystring: Type.Object(
          { lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])) },
          { additionalProperties: false },
        ),
        response: { 200: BinaryFile, ...errorResponses },
      },
    },
    async (request, reply) => {
      const round = repos.rounds.round(request.params.id);
      if (!round) throw new NotFoundError(`No collection round with id ${request.params.id}`);
      const lang = request.query.lang ?? 'zh';
      const items = rounds.todo(request.user as NonNullable<typeof request.user>, round.id)[0]?.items ?? [];
      const regions = new Map(repos.reference.listRegions().map((r) => [r.code, r] as const));
      const indicators = new Map(repos.reference.listIndicators().map((i) => [i.code, i] as const));
      let header: string[] = buildTemplate({
        region: { code: '', nameZh: '', nameEn: '' },
        indicators: [],
        years: [round.year],
        lang,
      }).header;
      const rows: (string | number | null)[][] = [];
      for (const code of [...new Set(items.map((i) => i.regionCode))]) {
        const region = regions.get(code);
        if (!region) continue;
        const inds = items.filter((i) => i.regionCode === code).flatMap((i) => indicators.get(i.indicatorCode) ?? []);
        const table = buildTemplate({ region, indicators: inds, years: [round.year], lang });
        header = table.header;
        rows.push(...table.rows);
      }
      const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(toCsv([header, ...rows]), 'utf8')]);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="round-${round.id}-${round.year}-template.csv"`)
        .send(body);
    },
  );

  app.get(
    '/api/plans/:id/completeness',
    {
      config: { access: 'read' },
      schema: {
        summary: 'How complete the latest collection round asking for this plan’s figures is (null: no round has)',
        params: PlanParams,
        response: { 200: PlanCompleteness, ...errorResponses },
      },
    },
    async (request) => {
      const plan = repos.plans.find(request.params.id);
      if (!plan) throw new NotFoundError(`No plan with id or slug "${request.params.id}"`);
      return { completeness: rounds.planCompleteness(plan.id) };
    },
  );
};
