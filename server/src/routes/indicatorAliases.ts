import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Principal } from '../domain/permissions.js';
import { ErrorResponse, errorResponses, IndicatorCode } from '../schemas/common.js';
import { AliasRefused, type IndicatorAliasService } from '../services/indicatorAliases.js';

const IndicatorAlias = Type.Object({
  id: Type.Integer(),
  indicatorCode: Type.String(),
  alias: Type.String(),
  createdAt: Type.String(),
  createdBy: Type.String({ description: "'seed', 'migration' or the administrator who added it" }),
});
const Refused = Type.Object({
  ...ErrorResponse.properties,
  messages: Type.Optional(Type.Object({ zh: Type.String(), en: Type.String() })),
  takenBy: Type.Optional(Type.String({ description: 'alias_taken: the indicator that has this name already' })),
  max: Type.Optional(Type.Integer()),
});
const Params = Type.Object({ code: IndicatorCode });

/** The other names of the catalogue's indicators, matched in uploads; administrators edit them. */
export const indicatorAliasRoutes: FastifyPluginAsyncTypebox<{ aliases: IndicatorAliasService }> = async (app, { aliases }) => {
  // Refusals (AliasRefused) are answered by routes/errors.ts: the code, and the message in both languages.
  // The access rule lets only a signed-in administrator through; the check keeps the type honest.
  const admin = (p: Principal | null): Principal => {
    if (!p) throw new AliasRefused(401, 'sign_in_required', { zh: '请先登录', en: 'Please sign in.' });
    return p;
  };

  app.get(
    '/api/indicator-aliases',
    {
      config: { access: 'read' },
      schema: {
        summary: 'Every alias of every indicator (other names an upload matches)',
        response: { 200: Type.Array(IndicatorAlias), ...errorResponses },
      },
    },
    async () => aliases.list(),
  );

  app.get(
    '/api/indicators/:code/aliases',
    {
      config: { access: 'read' },
      schema: {
        summary: "An indicator's aliases: other names (高企, high-tech enterprises) an upload matches",
        params: Params,
        response: { 200: Type.Array(IndicatorAlias), ...errorResponses, 404: Refused },
      },
    },
    async (request) => aliases.of(request.params.code),
  );

  app.post(
    '/api/indicators/:code/aliases',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Add an alias; refused (409) when it is already a name or alias of this or another indicator',
        params: Params,
        body: Type.Object({ alias: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
        response: { 201: IndicatorAlias, ...errorResponses, 400: Refused, 404: Refused, 409: Refused },
      },
    },
    async (request, reply) => {
      const added = aliases.add(request.params.code, request.body.alias, admin(request.user), request.ip);
      return reply.status(201).send(added);
    },
  );

  app.delete(
    '/api/indicators/:code/aliases/:id',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Remove an alias (the audit log keeps it)',
        params: Type.Object({ code: IndicatorCode, id: Type.Integer({ minimum: 1 }) }),
        response: { 204: Type.Null(), ...errorResponses, 404: Refused },
      },
    },
    async (request, reply) => {
      aliases.remove(request.params.code, request.params.id, admin(request.user), request.ip);
      return reply.status(204).send(null);
    },
  );
};
