import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { SessionInfo, UserAccount } from '../api/types.js';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { SESSION_COOKIE } from '../plugins/auth.js';
import type { Repositories } from '../repositories/index.js';
import { ErrorResponse, errorResponses, Nullable } from '../schemas/common.js';

export const SessionUser = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  displayName: Type.String(),
  role: Type.Union([Type.Literal('viewer'), Type.Literal('statistician'), Type.Literal('admin')]),
  regions: Type.Array(Type.String()),
  isDemo: Type.Boolean(),
});

export interface SessionOptions {
  repos: Repositories;
  publicRead: boolean;
  demoAccounts: { name: string; role: string; password: string }[] | null;
  sessionHours: number;
  /** Failed sign-ins that lock an account, and the window they count in. */
  lockout: { perAccount: number; perAddress: number; minutes: number };
}

const LoginBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const sessionRoutes: FastifyPluginAsyncTypebox<SessionOptions> = async (app, options) => {
  const { repos } = options;
  const sessionReply = Type.Object({
    user: Nullable(SessionUser),
    csrfToken: Nullable(Type.String()),
    publicRead: Type.Boolean(),
    demo: Type.Boolean(),
    demoAccounts: Type.Array(Type.Object({ name: Type.String(), role: Type.String(), password: Type.String() })),
  });
  const describe = (request: { account: UserAccount | null; session: { csrfToken: string } | null }): SessionInfo => ({
    user: request.account,
    csrfToken: request.session?.csrfToken ?? null,
    publicRead: options.publicRead,
    demo: options.demoAccounts !== null,
    demoAccounts: options.demoAccounts ?? [],
  });

  app.get(
    '/api/session',
    {
      config: { access: 'public' },
      schema: { summary: 'Who is signed in, the CSRF token for writes, and the site settings', response: { 200: sessionReply } },
    },
    async (request) => describe(request),
  );

  app.post(
    '/api/session',
    {
      config: { access: 'public' },
      schema: { summary: 'Sign in', body: LoginBody, response: { 200: sessionReply, 429: ErrorResponse, ...errorResponses } },
    },
    async (request, reply) => {
      const { name, password } = request.body;
      const address = request.ip;
      const now = new Date();
      const since = new Date(now.getTime() - options.lockout.minutes * 60_000).toISOString();
      const failures = repos.users.recentFailures(name, address, since);
      const retryIn = (last: string | null) =>
        Math.max(
          1,
          Math.ceil(((last ? Date.parse(last) : now.getTime()) + options.lockout.minutes * 60_000 - now.getTime()) / 60_000),
        );
      if (failures.byName.n >= options.lockout.perAccount) {
        return reply.status(429).send({
          statusCode: 429,
          error: 'Too Many Requests',
          message: `Too many failed sign-ins for this account; try again in ${retryIn(failures.byName.last)} minutes.`,
          code: 'account_locked',
        });
      }
      if (failures.byAddress.n >= options.lockout.perAddress) {
        return reply.status(429).send({
          statusCode: 429,
          error: 'Too Many Requests',
          message: `Too many failed sign-ins from this address; try again in ${retryIn(failures.byAddress.last)} minutes.`,
          code: 'address_locked',
        });
      }
      const account = repos.users.byName(name);
      // Verify against a dummy hash for unknown names too, so timing does not reveal which names exist.
      const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
      if (!account || !ok || account.disabled) {
        repos.users.recordAttempt(name, address, now.toISOString(), false);
        return reply
          .status(401)
          .send({ statusCode: 401, error: 'Unauthorized', message: 'Wrong name or password.', code: 'wrong_credentials' });
      }
      const token = newToken();
      const csrfToken = newToken();
      const tokenHash = hashToken(token);
      repos.db.transaction(() => {
        repos.users.recordAttempt(name, address, now.toISOString(), true);
        repos.users.createSession(
          {
            tokenHash,
            userId: account.id,
            csrfToken,
            expiresAt: new Date(now.getTime() + options.sessionHours * 3_600_000).toISOString(),
          },
          now.toISOString(),
        );
      })();
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        maxAge: options.sessionHours * 3600,
      });
      const { passwordHash: _hash, ...user } = account;
      return { ...describe({ account: user, session: { csrfToken } }) };
    },
  );

  app.delete(
    '/api/session',
    { config: { access: 'self' }, schema: { summary: 'Sign out', response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      if (request.session) repos.users.deleteSession(request.session.tokenHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/session/password',
    {
      config: { access: 'self' },
      schema: {
        summary: 'Change the signed-in user’s password (ends their other sessions)',
        body: Type.Object(
          {
            currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
            newPassword: Type.String({ minLength: 1, maxLength: 200 }),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = request.user;
      const session = request.session;
      if (!user || !session)
        return reply.status(401).send({ statusCode: 401, error: 'Unauthorized', message: 'Please sign in.' });
      const account = repos.users.byId(user.id);
      if (!account || !(await verifyPassword(request.body.currentPassword, account.passwordHash))) {
        return reply.status(400).send({
          statusCode: 400,
          error: 'Bad Request',
          message: 'The current password is wrong.',
          field: 'currentPassword',
          code: 'wrong_password',
        });
      }
      const problem = passwordProblem(request.body.newPassword);
      if (problem) {
        return reply.status(400).send({
          statusCode: 400,
          error: 'Bad Request',
          message:
            problem === 'password_too_short' ? 'The new password needs at least 10 characters.' : 'The new password is too long.',
          field: 'newPassword',
          code: problem,
        });
      }
      const hash = await hashPassword(request.body.newPassword);
      const now = new Date().toISOString();
      repos.db.transaction(() => {
        repos.users.setPassword(user.id, hash, now, session.tokenHash);
        repos.audit.record(
          {
            actor: user.name,
            userId: user.id,
            action: 'user.password_change',
            entity: 'user',
            entityId: String(user.id),
            before: null,
            after: null,
            origin: 'form',
          },
          now,
        );
      })();
      return reply.status(204).send(null);
    },
  );
};

// A valid scrypt hash of a random string, verified against when the name is unknown.
const DUMMY_HASH = await hashPassword(`unknown-${Math.random()}`);
