import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { SessionInfo, UserAccount } from '../api/types.js';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password.js';
import { SESSION_COOKIE } from '../plugins/auth.js';
import type { Repositories } from '../repositories/index.js';
import { ErrorResponse, errorResponses, Nullable, RoleSchema } from '../schemas/common.js';
import type { SignInService } from '../services/signIn.js';

export const SessionUser = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  regions: Type.Array(Type.String()),
  unitId: Nullable(Type.Integer()),
  isDemo: Type.Boolean(),
});

export interface SessionOptions {
  repos: Repositories;
  publicRead: boolean;
  demoAccounts: { name: string; role: string; password: string }[] | null;
  sessionHours: number;
  signIn: SignInService;
  /** The clock of signing in and out (tests move it forward to see the limits' waits pass). */
  clock: () => Date;
}

/** A sign-in refused by the limits: how long to wait, in seconds (also sent as Retry-After). */
const ThrottledResponse = Type.Object({
  ...ErrorResponse.properties,
  retryAfter: Type.Integer({ minimum: 1, description: 'seconds to wait before the next attempt' }),
});

const THROTTLED_MESSAGES = {
  pair: 'Too many failed sign-ins for this account from your address',
  account: 'Too many failed sign-ins for this account',
  address: 'Too many failed sign-ins from your address',
} as const;

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
      schema: { summary: 'Sign in', body: LoginBody, response: { 200: sessionReply, 429: ThrottledResponse, ...errorResponses } },
    },
    async (request, reply) => {
      const { name, password } = request.body;
      // A socket already closed has no address: such attempts share one, rather than fail.
      const result = await options.signIn.signIn(name, password, request.ip || 'unknown', options.clock());
      switch (result.kind) {
        case 'throttled': {
          const wait = result.retryAfterSeconds;
          const [count, unit] = wait < 60 ? [wait, 'second'] : [Math.ceil(wait / 60), 'minute'];
          const when = `${count} ${unit}${count === 1 ? '' : 's'}`;
          reply.header('retry-after', String(wait));
          return reply.status(429).send({
            statusCode: 429,
            error: 'Too Many Requests',
            message: `${THROTTLED_MESSAGES[result.scope]}; try again in ${when}.`,
            code: result.scope === 'address' ? 'address_throttled' : 'account_throttled',
            retryAfter: wait,
          });
        }
        case 'wrong_credentials':
          return reply
            .status(401)
            .send({ statusCode: 401, error: 'Unauthorized', message: 'Wrong name or password.', code: 'wrong_credentials' });
        case 'demo_account_disabled':
          return reply.status(401).send({
            statusCode: 401,
            error: 'Unauthorized',
            message: 'Demo accounts can sign in only while the server runs in demo mode.',
            code: 'demo_account_disabled',
          });
      }
      // Secure whenever the request reached us over HTTPS: behind a TLS proxy, request.protocol says
      // so only when JINDU_TRUST_PROXY trusts the proxy's X-Forwarded-Proto.
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        maxAge: options.sessionHours * 3600,
      });
      return describe({ account: result.user, session: { csrfToken: result.csrfToken } });
    },
  );

  app.delete(
    '/api/session',
    { config: { access: 'self' }, schema: { summary: 'Sign out', response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      if (request.session && request.user) {
        options.signIn.signOut(request.session, request.user, request.ip, options.clock());
      }
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
      repos.transaction(() => {
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
            address: request.ip,
          },
          now,
        );
      });
      return reply.status(204).send(null);
    },
  );
};
