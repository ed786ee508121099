import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { webhookUrlProblem } from '../domain/webhooks.js';
import type { Repositories } from '../repositories/index.js';
import { errorResponses, Nullable } from '../schemas/common.js';
import { BadRequestError, NotFoundError } from './errors.js';

// Webhooks an administrator configures: group robots (企业微信, 钉钉) or any endpoint that hears of
// collection rounds' events. Sending is the dispatcher's (services/webhooks.ts), never the request's.

const Kind = Type.Union([Type.Literal('wecom'), Type.Literal('dingtalk'), Type.Literal('generic')]);
const Webhook = Type.Object({
  id: Type.Integer(),
  kind: Kind,
  url: Type.String(),
  signed: Type.Boolean({ description: 'a 钉钉 secret is set (the secret is never sent back)' }),
  enabled: Type.Boolean(),
  createdBy: Type.String(),
  createdAt: Type.String(),
});
const Delivery = Type.Object({
  id: Type.Integer(),
  webhookId: Type.Integer(),
  event: Type.String(),
  roundId: Nullable(Type.Integer()),
  state: Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  nextAttemptAt: Type.String(),
  lastStatus: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  createdAt: Type.String(),
  sentAt: Nullable(Type.String()),
});
const Params = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** The URL with its query (a robot's access token or key) masked, for the audit log. */
const masked = (url: string) => {
  // By index, not by a pattern: /\?.*$/ is quadratic on a URL of many question marks.
  const query = url.indexOf('?');
  return query === -1 ? url : `${url.slice(0, query)}?…`;
};

export const webhookRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories }> = async (app, { repos }) => {
  app.get(
    '/api/webhooks',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'The webhooks rounds’ events are posted to, with their latest deliveries',
        response: { 200: Type.Object({ webhooks: Type.Array(Webhook), deliveries: Type.Array(Delivery) }), ...errorResponses },
      },
    },
    async () => ({ webhooks: repos.webhooks.list(), deliveries: repos.webhooks.recentDeliveries(50) }),
  );

  app.post(
    '/api/webhooks',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Add a webhook: 企业微信 (wecom) or 钉钉 (dingtalk) group robot, or generic JSON; http(s) URLs only',
        body: Type.Object(
          {
            kind: Kind,
            url: Type.String({ minLength: 8, maxLength: 2000, pattern: '^https?://' }),
            secret: Type.Optional(
              Nullable(Type.String({ minLength: 1, maxLength: 200, description: '钉钉 加签 secret (SEC…)' })),
            ),
            enabled: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 201: Webhook, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = request.user;
      if (!user) throw new Error('the admin rule lets only a signed-in user here');
      const { kind, url, secret, enabled } = request.body;
      const problem = webhookUrlProblem(url);
      if (problem) throw new BadRequestError(`field "url": ${problem}`, 'url');
      if (secret && kind !== 'dingtalk')
        throw new BadRequestError('field "secret": only a 钉钉 (dingtalk) robot is signed', 'secret');
      const now = new Date().toISOString();
      const id = repos.transaction(() => {
        const created = repos.webhooks.create(
          { kind, url, secret: secret ?? null, enabled: enabled ?? true, createdBy: user.id },
          now,
        );
        repos.audit.record(
          {
            actor: user.name,
            userId: user.id,
            action: 'webhook.create',
            entity: 'webhook',
            entityId: String(created),
            before: null,
            after: { kind, url: masked(url), signed: Boolean(secret), enabled: enabled ?? true },
            origin: 'form',
            address: request.ip,
          },
          now,
        );
        return created;
      });
      const created = repos.webhooks.byId(id);
      if (!created) throw new Error('the webhook just created cannot be read back');
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/webhooks/:id',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Switch a webhook on or off',
        params: Params,
        body: Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Webhook, ...errorResponses },
      },
    },
    async (request) => {
      const user = request.user;
      if (!user) throw new Error('the admin rule lets only a signed-in user here');
      const before = repos.webhooks.byId(request.params.id);
      if (!before) throw new NotFoundError(`No webhook with id ${request.params.id}`);
      const now = new Date().toISOString();
      repos.transaction(() => {
        repos.webhooks.setEnabled(before.id, request.body.enabled);
        repos.audit.record(
          {
            actor: user.name,
            userId: user.id,
            action: 'webhook.update',
            entity: 'webhook',
            entityId: String(before.id),
            before: { enabled: before.enabled },
            after: { enabled: request.body.enabled },
            origin: 'form',
            address: request.ip,
          },
          now,
        );
      });
      const after = repos.webhooks.byId(before.id);
      if (!after) throw new Error('the webhook just changed cannot be read back');
      return after;
    },
  );

  app.delete(
    '/api/webhooks/:id',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Remove a webhook and its deliveries',
        params: Params,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = request.user;
      if (!user) throw new Error('the admin rule lets only a signed-in user here');
      const before = repos.webhooks.byId(request.params.id);
      if (!before) throw new NotFoundError(`No webhook with id ${request.params.id}`);
      const now = new Date().toISOString();
      repos.transaction(() => {
        repos.webhooks.remove(before.id);
        repos.audit.record(
          {
            actor: user.name,
            userId: user.id,
            action: 'webhook.delete',
            entity: 'webhook',
            entityId: String(before.id),
            before: { kind: before.kind, url: masked(before.url) },
            after: null,
            origin: 'form',
            address: request.ip,
          },
          now,
        );
      });
      return reply.status(204).send(null);
    },
  );
};
