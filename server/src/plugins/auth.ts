import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UserAccount } from '../api/types.js';
import { hashToken } from '../auth/tokens.js';
import { ACCESS_LEVELS, type Access, allows, type Principal } from '../domain/permissions.js';
import type { Repositories } from '../repositories/index.js';
import { toPrincipal } from '../repositories/users.js';

export const SESSION_COOKIE = 'jindu_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; see domain/permissions.ts. Every /api route must say. */
    access?: Access;
  }
  interface FastifyInstance {
    /** Every route as registered, with its access rule: what the authorization-matrix test walks. */
    routeTable: { method: string; url: string; access: Access | undefined }[];
  }
  interface FastifyRequest {
    user: Principal | null;
    account: UserAccount | null;
    session: { tokenHash: string; csrfToken: string } | null;
    sessionExpired: boolean;
  }
}

export interface AuthOptions {
  repos: Repositories;
  publicRead: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes that other plugins register (API docs, static files) and that need no rule of ours. */
export const isForeignRoute = (url: string) => !url.startsWith('/api/') || url.startsWith('/api/docs');

function deny(reply: FastifyReply, status: 401 | 403, message: string, code: string) {
  return reply.status(status).send({ statusCode: status, error: status === 401 ? 'Unauthorized' : 'Forbidden', message, code });
}

/**
 * Sessions from an httpOnly cookie, the route's access rule checked before anything else runs, and a
 * CSRF token required on every cookie-authenticated write. Registered on the root instance so its
 * hooks cover every route.
 */
export function registerAuth(app: FastifyInstance, { repos, publicRead }: AuthOptions): void {
  app.decorateRequest('user', null);
  app.decorateRequest('account', null);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionExpired', false);

  app.decorate('routeTable', []);
  // A route without a rule is a mistake that must not reach users: refuse to start.
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      app.routeTable.push({ method: String(method), url: route.url, access: route.config?.access });
    }
    if (isForeignRoute(route.url)) return;
    const access = route.config?.access;
    if (!access || !ACCESS_LEVELS.includes(access)) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule (config.access)`);
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    // The web app's files are public; only API calls look at the session, so an ended session is
    // noticed (and said so: session_expired) by the API call that meets it, not by a script file.
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const tokenHash = hashToken(token);
      const session = repos.users.session(tokenHash);
      const now = new Date().toISOString();
      if (session && session.expiresAt > now) {
        const account = repos.users.byId(session.userId);
        if (account && !account.disabled) {
          const { passwordHash: _hash, ...rest } = account;
          request.account = rest;
          request.user = toPrincipal(rest);
          request.session = { tokenHash, csrfToken: session.csrfToken };
        }
      } else {
        if (session) repos.users.deleteSession(tokenHash);
        request.sessionExpired = true;
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }

    const access = request.routeOptions.config?.access;
    if (!access) return;
    if (!allows(access, request.user, publicRead)) {
      if (!request.user) {
        return request.sessionExpired
          ? deny(reply, 401, 'Your session has expired; please sign in again.', 'session_expired')
          : deny(reply, 401, 'Please sign in.', 'sign_in_required');
      }
      return deny(reply, 403, 'Your role does not allow this.', 'forbidden');
    }
    if (!SAFE_METHODS.has(request.method) && request.session) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || sent !== request.session.csrfToken) {
        return deny(reply, 403, 'The form is out of date (CSRF token missing or wrong); reload the page and try again.', 'csrf');
      }
    }
  });
}
