import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type * as Api from '../api/types.js';
import { FIRST_YEAR, LAST_YEAR, targetProblems } from '../domain/targets.js';
import type { Repositories } from '../repositories/index.js';
import type { TargetCorrectable, TargetRow } from '../repositories/plans.js';
import { errorResponses, Nullable, NullableInteger, NullableNumber, NullableString } from '../schemas/common.js';
import { TargetCore } from '../schemas/plans.js';
import { NotFoundError } from './errors.js';

/** The fields PATCH /api/targets/:id may change, in the order the history lists them. */
export const CORRECTABLE_FIELDS: readonly Api.CorrectableField[] = [
  'value',
  'valueMin',
  'valueMax',
  'valueUnknown',
  'targetYear',
  'baseYear',
  'baseValue',
  'comparator',
  'commitment',
  'noteZh',
  'noteEn',
];

const Comparator = Type.Union([
  Type.Literal('at_least'),
  Type.Literal('at_most'),
  Type.Literal('about'),
  Type.Literal('exactly'),
]);
const Commitment = Type.Union([Type.Literal('binding'), Type.Literal('expected')]);

/**
 * The body of a correction. `clause` (the verbatim quote of the source document), `key`, `type`,
 * the plan, region and indicator are not in it: additionalProperties false answers 400 naming them.
 */
const TargetCorrection = Type.Object(
  {
    value: Type.Optional(NullableNumber()),
    valueMin: Type.Optional(NullableNumber()),
    valueMax: Type.Optional(NullableNumber()),
    valueUnknown: Type.Optional(Type.Boolean()),
    targetYear: Type.Optional(NullableInteger({ minimum: FIRST_YEAR, maximum: LAST_YEAR })),
    baseYear: Type.Optional(NullableInteger({ minimum: FIRST_YEAR, maximum: LAST_YEAR })),
    baseValue: Type.Optional(NullableNumber()),
    comparator: Type.Optional(Comparator),
    // Not Nullable(union of literals): null would be coerced to "" first; "" or null both mean none.
    commitment: Type.Optional(Type.Union([Commitment, Type.Literal(''), Type.Null()])),
    noteZh: Type.Optional(NullableString({ maxLength: 2000, description: 'the note in Chinese' })),
    noteEn: Type.Optional(NullableString({ maxLength: 2000, description: 'the note in English' })),
    reason: Type.String({ minLength: 1, maxLength: 500, description: 'why the target changes, e.g. 原文25%应为2.5%' }),
  },
  { additionalProperties: false },
);

const TargetRevision = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor: Type.String(),
  actorDisplayName: Nullable(Type.String()),
  reason: Type.String(),
  before: Type.Record(Type.String(), Type.Unknown()),
  after: Type.Record(Type.String(), Type.Unknown()),
});

const badRequest = (message: string, field: string | undefined, code: string) => ({
  statusCode: 400,
  error: 'Bad Request',
  message,
  ...(field ? { field } : {}),
  code,
});

function correctable(t: TargetRow): TargetCorrectable {
  const { value, valueMin, valueMax, valueUnknown, targetYear, baseYear, baseValue, comparator, commitment, noteZh, noteEn } = t;
  return { value, valueMin, valueMax, valueUnknown, targetYear, baseYear, baseValue, comparator, commitment, noteZh, noteEn };
}

function pick(from: TargetCorrectable, fields: readonly Api.CorrectableField[]): Partial<TargetCorrectable> {
  return Object.fromEntries(fields.map((f) => [f, from[f]]));
}

function targetCore(t: TargetRow): Api.TargetCore {
  const { position: _p, regionCode: _r, regionNameZh: _z, regionNameEn: _e, indicatorCode: _i, ...core } = t;
  return core;
}

export const targetRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories }> = async (app, { repos }) => {
  const find = (id: number) => {
    const found = repos.plans.targetById(id);
    const plan = found ? repos.plans.find(String(found.planId)) : undefined;
    if (!found || !plan) throw new NotFoundError(`No target with id ${id}`);
    return { target: found.target, plan };
  };

  app.patch(
    '/api/targets/:id',
    {
      config: { access: 'admin' },
      schema: {
        summary:
          'Correct a target (value, bounds, years, base, comparator, commitment, note in Chinese and English) with a reason; the clause stays as quoted',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: TargetCorrection,
        response: { 200: TargetCore, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { target, plan } = find(request.params.id);
      const { reason: rawReason, ...changes } = request.body;
      const reason = rawReason.trim();
      if (!reason)
        return reply
          .status(400)
          .send(badRequest('field "reason" is empty: say why the target changes', 'reason', 'reason_required'));
      const current = correctable(target);
      const { noteZh, noteEn, commitment, ...values } = changes;
      const next: TargetCorrectable = {
        ...current,
        ...values,
        ...(noteZh === undefined ? {} : { noteZh: noteZh?.trim() || null }),
        ...(noteEn === undefined ? {} : { noteEn: noteEn?.trim() || null }),
        ...(commitment === undefined ? {} : { commitment: commitment || null }),
      };
      const changed = CORRECTABLE_FIELDS.filter((f) => !Object.is(next[f], current[f]));
      if (changed.length === 0)
        return reply.status(400).send(badRequest('The correction changes nothing.', undefined, 'no_change'));

      // The seed's rules for a target of this type, on the target as it would become.
      const problem = targetProblems(
        { ...next, type: target.type, benchmarkRegion: target.benchmarkRegionCode, milestones: target.milestones },
        plan,
      )[0];
      if (problem) {
        // Milestones are not correctable here: a milestone after the target year is the target year's fault.
        const field = problem.field.startsWith('milestones') ? 'targetYear' : problem.field;
        return reply.status(400).send(badRequest(`field "${field}": ${problem.message}`, field, problem.code));
      }

      const actor = request.user;
      const now = new Date().toISOString();
      // One transaction: the row and its audit entry (which also moves the progress service's data
      // version, so no memoised judgement of the old target is served again).
      repos.db.transaction(() => {
        repos.plans.updateTarget(target.id, next);
        repos.audit.record(
          {
            actor: actor?.name ?? 'unknown',
            userId: actor?.id ?? null,
            action: 'target.update',
            entity: 'target',
            entityId: String(target.id),
            before: pick(current, changed),
            after: { ...pick(next, changed), reason },
            origin: 'form',
            address: request.ip,
            regionCode: target.regionCode,
            indicatorCode: target.indicatorCode,
          },
          now,
        );
      })();
      const updated = repos.plans.targetById(target.id);
      if (!updated) throw new Error('the target just corrected cannot be read back');
      return targetCore(updated.target);
    },
  );

  app.get(
    '/api/targets/:id/history',
    {
      config: { access: 'read' },
      schema: {
        summary: "A target's corrections, newest first: who, when, why, and each changed field before and after",
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 200: Type.Array(TargetRevision), ...errorResponses },
      },
    },
    async (request) => {
      const { target } = find(request.params.id);
      return repos.audit
        .ofEntity('target', String(target.id))
        .filter((e) => e.action === 'target.update')
        .map((e): Api.TargetRevision => {
          const { reason, ...after } = (e.after ?? {}) as Record<string, unknown>;
          return {
            id: e.id,
            at: e.at,
            actor: e.actor,
            actorDisplayName: e.actorDisplayName,
            reason: typeof reason === 'string' ? reason : '',
            before: (e.before ?? {}) as Api.TargetRevision['before'],
            after,
          };
        });
    },
  );
};
