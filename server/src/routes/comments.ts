import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { canWriteRegion } from '../domain/permissions.js';
import type { Repositories } from '../repositories/index.js';
import { errorResponses, Nullable, Year } from '../schemas/common.js';
import { NotFoundError, regionNotAssigned } from './errors.js';

export const Comment = Type.Object({
  id: Type.Integer(),
  targetId: Type.Integer(),
  year: Type.Integer(),
  body: Type.String(),
  authorName: Type.String(),
  authorDisplayName: Type.String(),
  createdAt: Type.String(),
  replacesId: Nullable(Type.Integer()),
});

export const commentRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories }> = async (app, { repos }) => {
  const targetOf = (id: number) => {
    const found = repos.plans.targetById(id);
    if (!found) throw new NotFoundError(`No target with id ${id}`);
    return found.target;
  };

  app.get(
    '/api/targets/:id/comments',
    {
      config: { access: 'read' },
      schema: {
        summary: 'The current commentary on a target, by year, with author and date',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 200: Type.Array(Comment), ...errorResponses },
      },
    },
    async (request) => {
      targetOf(request.params.id);
      return repos.comments.ofTarget(request.params.id);
    },
  );

  app.post(
    '/api/targets/:id/comments',
    {
      config: { access: 'figures' },
      schema: {
        summary: 'Comment on a target and year (statisticians of its region); replacesId corrects an earlier comment',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: Type.Object(
          {
            year: Year,
            body: Type.String({ minLength: 1, maxLength: 2000 }),
            replacesId: Type.Optional(Type.Integer({ minimum: 1 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Comment, ...errorResponses },
      },
    },
    async (request, reply) => {
      const target = targetOf(request.params.id);
      const user = request.user;
      if (!user || !canWriteRegion(user, target.regionCode)) {
        return reply.status(403).send(regionNotAssigned(target.regionCode, 'comment on targets'));
      }
      const body = request.body.body.trim();
      if (body.length === 0) {
        return reply.status(400).send({ statusCode: 400, error: 'Bad Request', message: 'field "body" is empty', field: 'body' });
      }
      const replaces = request.body.replacesId ? repos.comments.byId(request.body.replacesId) : undefined;
      if (request.body.replacesId && (!replaces || replaces.targetId !== target.id)) {
        return reply.status(400).send({
          statusCode: 400,
          error: 'Bad Request',
          message: 'field "replacesId" names no comment of this target',
          field: 'replacesId',
        });
      }
      const now = new Date().toISOString();
      const id = repos.transaction(() => {
        const newId = repos.comments.add({
          targetId: target.id,
          year: request.body.year,
          body,
          authorId: user.id,
          createdAt: now,
          replacesId: replaces?.id ?? null,
        });
        repos.audit.record(
          {
            actor: user.name,
            userId: user.id,
            action: replaces ? 'comment.replace' : 'comment.create',
            entity: 'comment',
            entityId: String(newId),
            before: replaces ? { id: replaces.id, body: replaces.body } : null,
            after: { targetId: target.id, year: request.body.year, body },
            origin: 'form',
            address: request.ip,
            regionCode: target.regionCode,
            indicatorCode: target.indicatorCode,
          },
          now,
        );
        return newId;
      });
      const created = repos.comments.byId(id);
      if (!created) throw new Error('the comment just written cannot be read back');
      return reply.status(201).send(created);
    },
  );
};
