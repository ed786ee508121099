import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { hashPassword, passwordProblem } from '../auth/password.js';
import type { Repositories } from '../repositories/index.js';
import { withoutHash } from '../repositories/users.js';
import { ErrorResponse, errorResponses, NullableInteger, RegionCode, RoleSchema } from '../schemas/common.js';
import { NotFoundError } from './errors.js';
import { SessionUser } from './session.js';

const UserView = Type.Object({
  ...SessionUser.properties,
  disabled: Type.Boolean(),
  createdAt: Type.String(),
  passwordChangedAt: Type.String(),
});
const Role = RoleSchema;
const UnitId = NullableInteger({ minimum: 1, description: 'the unit of the account; a reporter must have one' });
const badRequest = (message: string, field: string) => ({ statusCode: 400, error: 'Bad Request', message, field });

export interface UserRouteOptions {
  repos: Repositories;
  /** The clock the sign-in limits read: an unlock clears the failures before its time. */
  clock: () => Date;
}

export const userRoutes: FastifyPluginAsyncTypebox<UserRouteOptions> = async (app, { repos, clock }) => {
  const checkRegions = (regions: string[]) => regions.find((r) => !repos.reference.regionExists(r));
  /** A reporter enters figures on behalf of a unit: without one the account means nothing. */
  const unitProblem = (role: string, unitId: number | null) => {
    if (unitId !== null && !repos.units.byId(unitId)) return badRequest(`No unit with id ${unitId}`, 'unitId');
    if (role === 'reporter' && unitId === null) return badRequest('A reporter needs a unit (unitId).', 'unitId');
    return null;
  };

  app.get(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: { summary: 'Every account, with role and regions', response: { 200: Type.Array(UserView), ...errorResponses } },
    },
    async () => repos.users.list(),
  );

  app.post(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Create an account',
        body: Type.Object(
          {
            name: Type.String({ minLength: 2, maxLength: 64, pattern: '^[A-Za-z0-9_.@-]+$' }),
            displayName: Type.String({ minLength: 1, maxLength: 100 }),
            role: Role,
            regions: Type.Array(RegionCode, { maxItems: 50 }),
            unitId: Type.Optional(UnitId),
            password: Type.String({ minLength: 1, maxLength: 200 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: UserView, 409: ErrorResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const unknownRegion = checkRegions(body.regions);
      if (unknownRegion) return reply.status(400).send(badRequest(`No region with code ${unknownRegion}`, 'regions'));
      const badUnit = unitProblem(body.role, body.unitId ?? null);
      if (badUnit) return reply.status(400).send(badUnit);
      const problem = passwordProblem(body.password);
      if (problem) return reply.status(400).send(badRequest('The password needs at least 10 characters.', 'password'));
      if (repos.users.byName(body.name)) {
        return reply
          .status(409)
          .send({ statusCode: 409, error: 'Conflict', message: `The name "${body.name}" is taken.`, field: 'name' });
      }
      const passwordHash = await hashPassword(body.password);
      const now = new Date().toISOString();
      const actor = request.user;
      const id = repos.transaction(() => {
        const newId = repos.users.create({ ...body, passwordHash }, now);
        const created = repos.users.byId(newId);
        repos.audit.record(
          {
            actor: actor?.name ?? 'unknown',
            userId: actor?.id ?? null,
            action: 'user.create',
            entity: 'user',
            entityId: String(newId),
            before: null,
            after: created ? withoutHash(created) : null,
            origin: 'form',
            address: request.ip,
          },
          now,
        );
        return newId;
      });
      const created = repos.users.byId(id);
      if (!created) throw new Error('the account just created cannot be read back');
      return reply.status(201).send(withoutHash(created));
    },
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Change an account’s name shown, role, regions, unit, or disable it',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: Type.Object(
          {
            displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            role: Type.Optional(Role),
            regions: Type.Optional(Type.Array(RegionCode, { maxItems: 50 })),
            unitId: Type.Optional(UnitId),
            disabled: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: UserView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const existing = repos.users.byId(request.params.id);
      if (!existing) throw new NotFoundError(`No user with id ${request.params.id}`);
      const body = request.body;
      const unknownRegion = body.regions ? checkRegions(body.regions) : undefined;
      if (unknownRegion) return reply.status(400).send(badRequest(`No region with code ${unknownRegion}`, 'regions'));
      if (request.user?.id === existing.id && (body.disabled === true || (body.role && body.role !== 'admin'))) {
        return reply.status(400).send(badRequest('You cannot disable yourself or remove your own administrator role.', 'role'));
      }
      const role = body.role ?? existing.role;
      const unitId = body.unitId === undefined ? existing.unitId : body.unitId;
      const badUnit = unitProblem(role, unitId);
      if (badUnit) return reply.status(400).send(badUnit);
      const before = withoutHash(existing);
      const now = new Date().toISOString();
      repos.transaction(() => {
        repos.users.update(existing.id, {
          displayName: body.displayName ?? existing.displayName,
          role,
          unitId,
          disabled: body.disabled ?? existing.disabled,
          regions: body.regions ?? existing.regions,
        });
        const after = repos.users.byId(existing.id);
        repos.audit.record(
          {
            actor: request.user?.name ?? 'unknown',
            userId: request.user?.id ?? null,
            action: 'user.update',
            entity: 'user',
            entityId: String(existing.id),
            before,
            after: after ? withoutHash(after) : null,
            origin: 'form',
            address: request.ip,
          },
          now,
        );
      });
      const updated = repos.users.byId(existing.id);
      if (!updated) throw new Error('the account just updated cannot be read back');
      return withoutHash(updated);
    },
  );

  app.post(
    '/api/users/:id/password',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Reset another account’s password (ends every session of that account)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const target = repos.users.byId(request.params.id);
      if (!target) throw new NotFoundError(`No user with id ${request.params.id}`);
      // Not for one's own account: that goes through POST /api/session/password, which asks for the
      // current password. Otherwise whoever holds an administrator's session (a browser left signed
      // in, a stolen cookie) could set that administrator's password without knowing it and lock the
      // owner out; and resetting one's own account would end every session, the caller's own included.
      if (request.user?.id === target.id) {
        return reply.status(400).send({
          ...badRequest('Change your own password on the password page, which asks for the current one.', 'id'),
          code: 'own_password',
        });
      }
      const problem = passwordProblem(request.body.password);
      if (problem) {
        const message =
          problem === 'password_too_short' ? 'The password needs at least 10 characters.' : 'The password is too long.';
        return reply.status(400).send({ ...badRequest(message, 'password'), code: problem });
      }
      const passwordHash = await hashPassword(request.body.password);
      const now = new Date().toISOString();
      const actor = request.user;
      repos.transaction(() => {
        const sessionsEnded = repos.users.resetPassword(target.id, passwordHash, now);
        repos.audit.record(
          {
            actor: actor?.name ?? 'unknown',
            userId: actor?.id ?? null,
            action: 'user.password_reset',
            entity: 'user',
            entityId: String(target.id),
            // Who was reset and how many sign-ins it ended; never the password or its hash.
            before: null,
            after: { name: target.name, sessionsEnded },
            origin: 'form',
            address: request.ip,
          },
          now,
        );
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/users/:id/unlock',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Lift an account’s sign-in limits: its failed sign-ins so far no longer slow it down',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const target = repos.users.byId(request.params.id);
      if (!target) throw new NotFoundError(`No user with id ${request.params.id}`);
      const now = clock().toISOString();
      const actor = request.user;
      // The limits of the addresses the failures came from stay: an unlock frees the account, not
      // whoever was guessing its password.
      repos.transaction(() => {
        repos.signInAttempts.unlock(target.id, now);
        repos.audit.record(
          {
            actor: actor?.name ?? 'unknown',
            userId: actor?.id ?? null,
            action: 'user.unlock',
            entity: 'user',
            entityId: String(target.id),
            before: null,
            after: { name: target.name },
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
