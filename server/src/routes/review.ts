import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Principal } from '../domain/permissions.js';
import { isReviewer } from '../domain/review.js';
import { errorResponses } from '../schemas/common.js';
import {
  FigureSubmission,
  PendingBatch,
  PendingQuery,
  ResubmitBody,
  ReviewDecisionBody,
  ReviewDecisionResult,
  ReviewRefusal,
  ReviewSettings,
} from '../schemas/review.js';
import { ReviewRefused, type ReviewService } from '../services/review.js';

// Review before publication: the reviewer's queue and decisions, the reporter's own submissions and
// resubmission, and the installation's switch. The rules are in domain/review.ts and
// services/review.ts; these routes parse, call and reply.

const refusals = { ...errorResponses, 400: ReviewRefusal, 403: ReviewRefusal, 404: ReviewRefusal, 409: ReviewRefusal };

const NOT_A_REVIEWER = {
  zh: '只有审核人和管理员可以审核数据',
  en: 'Only reviewers and administrators review figures',
};

export const reviewRoutes: FastifyPluginAsyncTypebox<{ review: ReviewService }> = async (app, { review }) => {
  const signedIn = (p: Principal | null): Principal => {
    if (!p) throw new ReviewRefused(401, 'sign_in_required', { zh: '请先登录', en: 'Please sign in.' });
    return p;
  };
  const reviewer = (p: Principal | null): Principal => {
    const user = signedIn(p);
    if (!isReviewer(user)) throw new ReviewRefused(403, 'forbidden', NOT_A_REVIEWER);
    return user;
  };
  // Refusals (ReviewRefused and the like) are answered by routes/errors.ts, in both languages.

  app.get(
    '/api/review/pending',
    {
      config: { access: 'review' },
      schema: {
        summary:
          'Pending figures of the regions I review, by submission, with checks, explanation and what approval would change',
        querystring: PendingQuery,
        response: { 200: Type.Object({ batches: Type.Array(PendingBatch) }), ...refusals },
      },
    },
    async (request) => ({ batches: review.pending(reviewer(request.user), request.query.region ?? null) }),
  );

  app.post(
    '/api/review/decisions',
    {
      config: { access: 'review' },
      schema: {
        summary: 'Approve (publish) or return figures, a list or a whole submission; one transaction, one audit entry',
        description:
          'Returning needs a reason. Nobody decides their own submission (403 own_submission); a figure decided already answers 409 already_decided; approving a figure whose published value changed after it was submitted answers 409 changed_since_submission (return it instead); nothing is changed when one is refused.',
        body: ReviewDecisionBody,
        response: { 200: ReviewDecisionResult, ...refusals },
      },
    },
    async (request) => review.decide(reviewer(request.user), request.body, request.ip),
  );

  app.get(
    '/api/review/mine',
    {
      config: { access: 'self' },
      schema: {
        summary: 'My submissions: returned (with the reason) first, then pending, then approved and withdrawn',
        response: { 200: Type.Object({ submissions: Type.Array(FigureSubmission) }), ...refusals },
      },
    },
    async (request) => ({ submissions: review.mine(signedIn(request.user)) }),
  );

  app.post(
    '/api/review/submissions/:id/resubmit',
    {
      config: { access: 'figures' },
      schema: {
        summary: 'Submit a returned figure again with a changed value or explanation; the old submission is withdrawn',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
        body: ResubmitBody,
        response: { 201: FigureSubmission, ...refusals },
      },
    },
    async (request, reply) =>
      reply.status(201).send(review.resubmit(request.params.id, signedIn(request.user), request.body, request.ip)),
  );

  app.get(
    '/api/settings/review',
    {
      config: { access: 'self' },
      schema: {
        summary: 'Whether figures wait for a reviewer before they are published',
        response: { 200: ReviewSettings, ...errorResponses },
      },
    },
    async () => ({ reviewRequired: review.reviewRequired() }),
  );

  app.put(
    '/api/settings/review',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Switch review before publication on or off for the installation (audited)',
        body: ReviewSettings,
        response: { 200: ReviewSettings, ...errorResponses },
      },
    },
    async (request) => review.setReviewRequired(signedIn(request.user), request.body.reviewRequired, request.ip),
  );
};
