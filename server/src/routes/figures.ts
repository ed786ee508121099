import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { type Static, Type } from 'typebox';
import type { FigureFinding } from '../domain/figureChecks.js';
import { canWriteRegion, type Principal } from '../domain/permissions.js';
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
import { FigureSubmission } from '../schemas/review.js';
import { checkFigureToWrite } from '../services/figureChecks.js';
import { ReviewRefused, submitFigureForReview } from '../services/review.js';
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
    explanation: Type.Optional(
      NullableString({
        maxLength: 2000,
        description: 'review on: 情况说明, the explanation a figure flagged by the review rules needs before it is submitted',
      }),
    ),
    acknowledgeWarnings: Type.Optional(
      Type.Boolean({
        description:
          'true: the figure checks’ warnings (outside the plausible range, a share typed as a fraction, a unit slip, a jump) have been checked; recorded in the audit entry',
      }),
    ),
  },
  { additionalProperties: false },
);

const Message = Type.Object({ zh: Type.String(), en: Type.String() });
/** A figure refused by its checks: 400 (cannot be true, field `value`) or 409 (warnings not acknowledged). */
const FigureRefusal = Type.Object({
  ...ErrorResponse.properties,
  messages: Type.Optional(Message),
  warnings: Type.Optional(Type.Array(Type.Object({ code: Type.String(), message: Message }))),
});

/** Thrown inside the write's transaction, so nothing is written; answered with its body. */
class FigureRefused extends Error {
  override name = 'FigureRefused';
  constructor(readonly body: Static<typeof FigureRefusal>) {
    super(body.message);
  }
}

const joined = (findings: readonly FigureFinding[]) => ({
  zh: findings.map((f) => f.message.zh).join('；'),
  en: findings.map((f) => f.message.en).join('; '),
});

/** A figure as the form sends it, in the words of the repositories (a revision or a submission). */
const figureOf = (f: Static<typeof NewFigure>) => ({
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
});

export const figureRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories }> = async (app, { repos }) => {
  /**
   * Review on (settings review_required): the figure waits for a reviewer as a pending submission
   * (202), checked by the review rules too; a flagged figure needs its explanation (400 naming
   * `explanation`). Nothing is published.
   */
  function submitForReview(f: Static<typeof NewFigure>, user: Principal, address: string, reply: FastifyReply) {
    try {
      const submission = submitFigureForReview(repos, { ...figureOf(f), explanation: f.explanation ?? null }, user, address);
      return reply.status(202).send(submission);
    } catch (error) {
      if (!(error instanceof ReviewRefused)) throw error;
      const field = typeof error.detail.field === 'string' ? error.detail.field : 'value';
      return reply.status(400).send({
        statusCode: 400,
        error: 'Bad Request',
        message: `field "${field}": ${error.messages.en}`,
        field,
        code: error.code,
        messages: error.messages,
        ...(Array.isArray(error.detail.checks)
          ? { warnings: error.detail.checks as { code: string; message: { zh: string; en: string } }[] }
          : {}),
      });
    }
  }

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
      const written = repos.transaction(() => {
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
      });
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
        description:
          'The figure is checked by its indicator (server/src/domain/figureChecks.ts): a figure that cannot be true (a negative or fractional count, a share outside 0–100%) answers 400 naming the field `value`; one with warnings answers 409 warnings_unacknowledged listing them, unless `acknowledgeWarnings` is true, which the audit entry records.',
        body: NewFigure,
        response: {
          201: CurrentObservation,
          202: FigureSubmission,
          ...errorResponses,
          400: FigureRefusal,
          409: FigureRefusal,
        },
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
      if (user && repos.settings.reviewRequired()) return submitForReview(f, user, request.ip, reply);
      const now = new Date().toISOString();
      const write = () =>
        repos.transaction(() => {
          const { errors, warnings } = checkFigureToWrite(repos, {
            regionCode: f.region,
            indicatorCode: f.indicator,
            year: f.year,
            value: f.value,
          });
          if (errors.length > 0) {
            const messages = joined(errors);
            throw new FigureRefused({
              statusCode: 400,
              error: 'Bad Request',
              message: `field "value": ${messages.en}`,
              field: 'value',
              code: errors[0]?.code ?? 'implausible_value',
              messages,
            });
          }
          if (warnings.length > 0 && f.acknowledgeWarnings !== true) {
            const messages = joined(warnings);
            throw new FigureRefused({
              statusCode: 409,
              error: 'Conflict',
              message: `${messages.en}. Check the figure; to write it as it is, send it again with acknowledgeWarnings: true.`,
              field: 'value',
              code: 'warnings_unacknowledged',
              messages,
              warnings: warnings.map(({ code, message }) => ({ code, message })),
            });
          }
          const before = repos.observations.current(f.region, f.indicator).find((o) => o.year === f.year) ?? null;
          const id = repos.observations.append({
            ...figureOf(f),
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
              after: {
                ...brief(after ?? null),
                // What the person who entered it said they had checked.
                ...(warnings.length > 0
                  ? { acknowledgedWarnings: warnings.map(({ code, message }) => ({ code, message })) }
                  : {}),
              },
              origin: 'form',
              address: request.ip,
              regionCode: f.region,
              indicatorCode: f.indicator,
            },
            now,
          );
          return after;
        });
      let written: ReturnType<typeof write>;
      try {
        written = write();
      } catch (error) {
        if (error instanceof FigureRefused) return reply.status(error.body.statusCode as 400 | 409).send(error.body);
        throw error;
      }
      if (!written) throw new Error('the figure just written cannot be read back');
      return reply.status(201).send(written);
    },
  );
};
