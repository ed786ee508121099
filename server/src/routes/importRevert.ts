import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Principal } from '../domain/permissions.js';
import { ErrorResponse, errorResponses, Nullable } from '../schemas/common.js';
import type { RevertHooks } from '../services/importRevert.js';
import { ImportRejected } from '../services/imports.js';
import type { ImportWorker } from '../services/importWorker.js';

const Vintage = Type.Union([Type.Literal('preliminary'), Type.Literal('final'), Type.Literal('revised')]);
const FigureState = Type.Object({
  revisionId: Type.Integer(),
  value: Nullable(Type.Number()),
  published: Type.Boolean(),
  vintage: Vintage,
  isSample: Type.Boolean(),
  withdrawn: Type.Boolean({ description: 'a withdrawal: the figure is not current' }),
});
const RevertFigure = Type.Object({
  regionCode: Type.String(),
  indicatorCode: Type.String(),
  year: Type.Integer(),
  uploaded: FigureState,
  current: Type.Object({
    ...FigureState.properties,
    importId: Nullable(Type.Integer({ description: 'the upload the current figure came from, if any' })),
    enteredBy: Type.String(),
    enteredAt: Type.String(),
  }),
  restoreTo: Nullable(FigureState),
  revisedSince: Type.Boolean(),
});
const RevertSummary = Type.Object({
  restore: Type.Integer({ description: 'figures going back to the revision before the upload' }),
  withdraw: Type.Integer({ description: 'figures the upload created, withdrawn (no longer current)' }),
  leftAlone: Type.Integer({ description: 'figures revised since the upload, kept' }),
  unchanged: Type.Integer({ description: 'figures revised since and already as before the upload' }),
  openSubmissions: Type.Optional(
    Type.Integer({ description: 'figures of the upload awaiting review or returned, withdrawn with it (review on)' }),
  ),
});
const RevertPlan = Type.Object({
  importId: Type.Integer(),
  fileName: Type.String(),
  includeRevisedSince: Type.Boolean(),
  fingerprint: Type.String({ description: 'the figures’ current revisions this plan was made from; send it with the revert' }),
  summary: RevertSummary,
  listed: Type.Integer({ description: 'the most figures each list carries' }),
  restore: Type.Array(RevertFigure),
  withdraw: Type.Array(RevertFigure),
  leftAlone: Type.Array(RevertFigure),
  unchanged: Type.Array(RevertFigure),
});
const RevertResult = Type.Object({ ...RevertPlan.properties, revertedAt: Type.String(), written: Type.Integer() });
const RejectedResponse = Type.Object({
  ...ErrorResponse.properties,
  messages: Type.Optional(Type.Object({ zh: Type.String(), en: Type.String() })),
  refusedRegions: Type.Optional(
    Type.Array(Type.String(), { description: 'region_not_assigned: the regions the user may no longer write' }),
  ),
});
const ImportParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const includeDescription =
  'also revert the figures revised since the upload (by a later upload, by hand, a restore or another revert); default: they are left alone';

/**
 * A revert's dry run and the revert itself run on the import worker (services/importRevert.ts there):
 * both read every figure the upload wrote, and the revert writes each anew.
 */
export const importRevertRoutes: FastifyPluginAsyncTypebox<{ worker: ImportWorker; hooks: RevertHooks }> = async (
  app,
  { worker, hooks },
) => {
  const user = (p: Principal | null): Principal => {
    if (!p) throw new ImportRejected(401, 'sign_in_required', { zh: '请先登录', en: 'Please sign in.' });
    return p;
  };
  // Refusals (ImportRejected) are answered by routes/errors.ts: the code, and the message in both languages.
  const refusals = { ...errorResponses, 403: RejectedResponse, 404: RejectedResponse, 409: RejectedResponse };

  app.get(
    '/api/imports/:id/revert',
    {
      config: { access: 'figures' },
      schema: {
        summary: 'What reverting a committed upload would do now (a dry run): figures restored, withdrawn, left alone',
        params: ImportParams,
        querystring: Type.Object(
          { includeRevisedSince: Type.Optional(Type.Boolean({ description: includeDescription })) },
          { additionalProperties: false },
        ),
        response: { 200: RevertPlan, ...refusals },
      },
    },
    async (request) => worker.revertPlan(request.params.id, user(request.user), request.query.includeRevisedSince ?? false),
  );

  app.post(
    '/api/imports/:id/revert',
    {
      config: { access: 'figures' },
      schema: {
        summary: 'Revert a committed upload: every figure it wrote goes back to what it was before, as new revisions',
        description:
          'By its uploader (still allowed for its regions) or an administrator, in one transaction with an audit entry import.revert. A figure the upload created is withdrawn (no longer current). Refused, writing nothing: 409 import_reverted (reverted already), 409 import_not_committed, 403 region_not_assigned, 409 revert_stale (a figure changed since the dry run whose fingerprint was sent).',
        params: ImportParams,
        body: Type.Object(
          {
            includeRevisedSince: Type.Optional(Type.Boolean({ description: includeDescription })),
            fingerprint: Type.Optional(
              Type.String({ pattern: '^[0-9a-f]{64}$', description: 'the dry run’s fingerprint, as confirmed by the user' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: RevertResult, ...refusals },
      },
    },
    async (request) =>
      worker.revert(
        request.params.id,
        user(request.user),
        {
          includeRevisedSince: request.body.includeRevisedSince ?? false,
          fingerprint: request.body.fingerprint,
          failAt: hooks.failRevertAt?.() ?? null,
        },
        request.ip,
      ),
  );
};
