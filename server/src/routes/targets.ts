import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type * as Api from '../api/types.js';
import { planProblems } from '../domain/planFile.js';
import { FIRST_YEAR, LAST_YEAR } from '../domain/targets.js';
import type { Repositories } from '../repositories/index.js';
import type { TargetCorrectable, TargetRow } from '../repositories/plans.js';
import { errorResponses, Nullable, NullableInteger, NullableNumber, NullableString } from '../schemas/common.js';
import { PlanFileMilestone } from '../schemas/planFile.js';
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
  'clause',
  'milestones',
];

const Comparator = Type.Union([
  Type.Literal('at_least'),
  Type.Literal('at_most'),
  Type.Literal('about'),
  Type.Literal('exactly'),
]);
const Commitment = Type.Union([Type.Literal('binding'), Type.Literal('expected')]);

/**
 * The body of a correction. `key`, `type`, the plan, region and indicator are not in it:
 * additionalProperties false answers 400 naming them. A clause (the target's, or a milestone's) may
 * be re-quoted, and must then be verbatim in the plan's document, as a plan file's is.
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
    clause: Type.Optional(
      Type.String({ minLength: 1, maxLength: 2000, description: "the target's clause, verbatim in the plan's document" }),
    ),
    milestones: Type.Optional(
      Type.Array(PlanFileMilestone, { maxItems: 50, description: 'the interim milestones, replacing the list as a whole' }),
    ),
    reason: Type.String({ minLength: 1, maxLength: 500, description: 'why the target changes, e.g. 原文25%应为2.5%' }),
  },
  { additionalProperties: false },
);

const TargetRevision = Type.Object({
  id: Type.Integer(),
  action: Type.Union([Type.Literal('create'), Type.Literal('update')], {
    description: 'create: the target added to a saved plan (before empty); update: a correction',
  }),
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
  const { clause, milestones } = t;
  return {
    value,
    valueMin,
    valueMax,
    valueUnknown,
    targetYear,
    baseYear,
    baseValue,
    comparator,
    commitment,
    noteZh,
    noteEn,
    clause,
    milestones,
  };
}

/** Whether a field is the same after the correction (milestones compared as their list, in year order). */
function same(field: Api.CorrectableField, a: TargetCorrectable, b: TargetCorrectable): boolean {
  if (field !== 'milestones') return Object.is(a[field], b[field]);
  const key = (ms: TargetCorrectable['milestones']) =>
    JSON.stringify([...ms].sort((x, y) => x.year - y.year).map((m) => [m.year, m.value, m.clause]));
  return key(a.milestones) === key(b.milestones);
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
          'Correct a target (value, bounds, years, base, comparator, commitment, milestones, clause, note in Chinese and English) with a reason; a retired target is refused (409)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: TargetCorrection,
        response: { 200: TargetCore, 409: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) => {
      const { target, plan } = find(request.params.id);
      const { reason: rawReason, ...changes } = request.body;
      if (target.retired)
        return reply.status(409).send({
          statusCode: 409,
          error: 'Conflict',
          message: `The target was retired on ${target.retired.at.slice(0, 10)} by ${target.retired.by}: a retired target is not corrected.`,
          code: 'target_retired',
        });
      const reason = rawReason.trim();
      if (!reason)
        return reply
          .status(400)
          .send(badRequest('field "reason" is empty: say why the target changes', 'reason', 'reason_required'));
      const current = correctable(target);
      const { noteZh, noteEn, commitment, clause, milestones, ...values } = changes;
      const next: TargetCorrectable = {
        ...current,
        ...values,
        ...(noteZh === undefined ? {} : { noteZh: noteZh?.trim() || null }),
        ...(noteEn === undefined ? {} : { noteEn: noteEn?.trim() || null }),
        ...(commitment === undefined ? {} : { commitment: commitment || null }),
        ...(clause === undefined ? {} : { clause: clause.trim() }),
        ...(milestones === undefined
          ? {}
          : { milestones: [...milestones].sort((a, b) => a.year - b.year).map((m) => ({ ...m, clause: m.clause.trim() })) }),
      };
      const changed = CORRECTABLE_FIELDS.filter((f) => !same(f, next, current));
      if (changed.length === 0)
        return reply.status(400).send(badRequest('The correction changes nothing.', undefined, 'no_change'));

      // A plan file's checks on the target as it would become (its type's rules, its clauses verbatim
      // in the document): a correction, a form's new target and a file say the same.
      const document = repos.plans.documentByFileName(plan.sourceFileName);
      const problem = planProblems(
        {
          periodStart: plan.periodStart,
          periodEnd: plan.periodEnd,
          regionCode: plan.regionCode,
          sourceFile: plan.sourceFileName,
          targets: [
            {
              ...next,
              key: target.key,
              indicator: target.indicatorCode,
              region: target.regionCode,
              type: target.type,
              benchmarkRegion: target.benchmarkRegionCode,
            },
          ],
        },
        {
          regionExists: (code) => repos.reference.regionExists(code),
          indicatorExists: () => true,
          documentBody: document?.body ?? null,
        },
      )[0];
      if (problem) {
        const path = problem.path.replace(/^targets\[0\]\./, '');
        // Milestones left as they were: one after the target year is the target year's fault.
        const field = path.startsWith('milestones') && !changed.includes('milestones') ? 'targetYear' : path;
        return reply.status(400).send(badRequest(`field "${field}": ${problem.message}`, field, problem.code));
      }

      const actor = request.user;
      const now = new Date().toISOString();
      // One transaction: the row and its audit entry (which also moves the progress service's data
      // version, so no memoised judgement of the old target is served again).
      repos.transaction(() => {
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
      });
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
        summary:
          "A target's corrections, and its addition to a saved plan, newest first: who, when, why, and each changed field before and after",
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 200: Type.Array(TargetRevision), ...errorResponses },
      },
    },
    async (request) => {
      const { target } = find(request.params.id);
      return repos.audit
        .ofEntity('target', String(target.id))
        .filter((e) => e.action === 'target.update' || e.action === 'target.create')
        .map((e): Api.TargetRevision => {
          const { reason, ...after } = (e.after ?? {}) as Record<string, unknown>;
          return {
            id: e.id,
            action: e.action === 'target.create' ? 'create' : 'update',
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
