import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { canWriteRegion } from '../domain/permissions.js';
import type { Repositories } from '../repositories/index.js';
import {
  ErrorResponse,
  errorResponses,
  IndicatorCode,
  NullableNumber,
  NullableString,
  RegionCode,
  Year,
} from '../schemas/common.js';
import { CurrentObservation } from '../schemas/observations.js';
import { NotFoundError, regionNotAssigned } from './errors.js';

// Entering or revising one figure by hand. Every figure is a new revision (nothing is overwritten),
// written together with its audit entry in one transaction.

const NewFigure = Type.Object(
  {
    region: RegionCode,
    indicator: IndicatorCode,
    year: Year,
    // NullableNumber, not Nullable(Type.Number()): the validator would coerce null to 0 (common.ts).
    value: NullableNumber({ description: 'null: not published ("—", "x"), never zero' }),
    vintage: Type.Union([Type.Literal('preliminary'), Type.Literal('final'), Type.Literal('revised')]),
    sourceTitle: Type.String({ minLength: 1, maxLength: 300 }),
    sourceUrl: Type.Optional(NullableString({ maxLength: 2000, pattern: '^https?://' })),
    quote: Type.Optional(NullableString({ maxLength: 2000 })),
    note: Type.Optional(NullableString({ maxLength: 2000 })),
    isSample: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const figureRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories }> = async (app, { repos }) => {
  app.post(
    '/api/observations/restore',
    {
      config: { access: 'figures' },
      schema: {
        summary: 'Restore an earlier revision of a figure: written as a new revision, audited',
        body: Type.Object({ revisionId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
        response: { 201: CurrentObservation, 409: ErrorResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = request.user;
      const old = repos.observations.revision(request.body.revisionId);
      if (!old) throw new NotFoundError(`No revision with id ${request.body.revisionId}`);
      if (!canWriteRegion(user, old.regionCode)) {
        return reply.status(403).send(regionNotAssigned(old.regionCode, 'change figures'));
      }
      // A withdrawal holds no figure to restore; taking a figure back is a revert of its upload.
      if (old.withdrawn) {
        return reply.status(409).send({
          statusCode: 409,
          error: 'Conflict',
          message: `Revision ${old.id} is a withdrawal, not a figure; it cannot be restored.`,
          code: 'revision_withdrawn',
        });
      }
      const now = new Date().toISOString();
      const written = repos.db.transaction(() => {
        const before = repos.observations.current(old.regionCode, old.indicatorCode).find((o) => o.year === old.year) ?? null;
        const id = repos.observations.append({
          regionCode: old.regionCode,
          indicatorCode: old.indicatorCode,
          year: old.year,
          value: old.value,
          vintage: old.vintage,
          isSample: old.isSample,
          sourceTitle: old.sourceTitle,
          sourceUrl: old.sourceUrl,
          quote: old.quote,
          note: `恢复第 ${old.id} 号修订 / restored revision ${old.id}${old.note ? `; ${old.note}` : ''}`,
          enteredBy: user?.name ?? 'unknown',
          enteredByUserId: user?.id ?? null,
          enteredAt: now,
          origin: 'form',
          restoredFromId: old.id,
        });
        repos.audit.record(
          {
            actor: user?.name ?? 'unknown',
            userId: user?.id ?? null,
            action: 'observation.restore',
            entity: 'observation',
            entityId: String(id),
            before: before ? { id: before.id, value: before.value, vintage: before.vintage } : null,
            after: { id, restoredFrom: old.id, value: old.value, vintage: old.vintage },
            origin: 'form',
            address: request.ip,
            regionCode: old.regionCode,
            indicatorCode: old.indicatorCode,
          },
          now,
        );
        return repos.observations.current(old.regionCode, old.indicatorCode).find((o) => o.year === old.year);
      })();
      if (!written) throw new Error('the restored figure cannot be read back');
      return reply.status(201).send(written);
    },
  );

  app.post(
    '/api/observations',
    {
      config: { access: 'figures' },
      schema: {
        summary: 'Enter or revise one figure: a new revision with its source, audited',
        body: NewFigure,
        response: { 201: CurrentObservation, ...errorResponses },
      },
    },
    async (request, reply) => {
      const f = request.body;
      const user = request.user;
      if (!canWriteRegion(user, f.region)) {
        return reply.status(403).send(regionNotAssigned(f.region, 'enter figures'));
      }
      if (!repos.reference.regionExists(f.region)) throw new NotFoundError(`No region with code ${f.region}`);
      if (!repos.reference.indicator(f.indicator)) throw new NotFoundError(`No indicator with code ${f.indicator}`);
      const now = new Date().toISOString();
      const written = repos.db.transaction(() => {
        const before = repos.observations.current(f.region, f.indicator).find((o) => o.year === f.year) ?? null;
        const id = repos.observations.append({
          regionCode: f.region,
          indicatorCode: f.indicator,
          year: f.year,
          value: f.value,
          vintage: f.vintage,
          isSample: f.isSample ?? false,
          sourceTitle: f.sourceTitle,
          sourceUrl: f.sourceUrl ?? null,
          quote: f.quote ?? null,
          note: f.note ?? null,
          enteredBy: user?.name ?? 'unknown',
          enteredByUserId: user?.id ?? null,
          enteredAt: now,
          origin: 'form',
        });
        const after = repos.observations.current(f.region, f.indicator).find((o) => o.year === f.year);
        const brief = (o: typeof before) =>
          o
            ? { id: o.id, year: o.year, value: o.value, vintage: o.vintage, sourceTitle: o.sourceTitle, isSample: o.isSample }
            : null;
        repos.audit.record(
          {
            actor: user?.name ?? 'unknown',
            userId: user?.id ?? null,
            action: before ? 'observation.revise' : 'observation.create',
            entity: 'observation',
            entityId: String(id),
            before: brief(before),
            after: brief(after ?? null),
            origin: 'form',
            address: request.ip,
            regionCode: f.region,
            indicatorCode: f.indicator,
          },
          now,
        );
        return after;
      })();
      if (!written) throw new Error('the figure just written cannot be read back');
      return reply.status(201).send(written);
    },
  );
};
