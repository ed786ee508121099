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
    /** A file of the web app (given its rule at registration): no session is read for it. */
    webFile?: boolean;
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
  /** Who may read the API documentation (/api/docs): 'public', or 'self' for signed-in users only. */
  docsAccess: Extract<Access, 'public' | 'self'>;
  /** Demo mode: demo accounts' sessions count. Outside it they never do, even one another server made. */
  demo: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The rule of a route that another plugin registers (the API docs, the web app's files), chosen from
 * the pattern it was registered with, never from a request's URL. Anything else under /api/ is ours
 * and must declare its own rule.
 */
function foreignRule(pattern: string, docsAccess: Access): { access: Access; webFile?: boolean } | null {
  if (pattern === '/api/docs' || pattern.startsWith('/api/docs/')) return { access: docsAccess };
  if (pattern === '/api' || pattern.startsWith('/api/')) return null;
  return { access: 'public', webFile: true };
}

function deny(reply: FastifyReply, status: 401 | 403, message: string, code: string): false {
  reply.status(status).send({ statusCode: status, error: status === 401 ? 'Unauthorized' : 'Forbidden', message, code });
  return false;
}

/**
 * Sessions from an httpOnly cookie, the route's access rule checked before anything else runs, and a
 * CSRF token required on every cookie-authenticated write. Registered on the root instance so its
 * hooks cover every route.
 */
export function registerAuth(app: FastifyInstance, { repos, publicRead, docsAccess, demo }: AuthOptions): void {
  app.decorateRequest('user', null);
  app.decorateRequest('account', null);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionExpired', false);

  app.decorate('routeTable', []);
  // Every route leaves registration with a rule: other plugins' routes get theirs here, and one of
  // ours without a rule is a mistake that must not reach users, so the app refuses to start.
  app.addHook('onRoute', (route) => {
    if (!route.config?.access) {
      const rule = foreignRule(route.url, docsAccess);
      if (rule) route.config = { ...route.config, ...rule };
    }
    const access = route.config?.access;
    if (!access || !ACCESS_LEVELS.includes(access)) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule (config.access)`);
    }
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      app.routeTable.push({ method: String(method), url: route.url, access });
    }
  });

  // Callback style, as every hook before a cached answer (plugins/responseCache.ts): a read the cache
  // answers makes no promise here. The check answers the refusal itself, and then the request goes no further.
  app.addHook('onRequest', (request, reply, done) => {
    if (admit(request, reply)) done();
  });
  /** Whether the request may go on; when not, the refusal was sent. */
  function admit(request: FastifyRequest, reply: FastifyReply): boolean {
    // The decision comes from the route the router matched, whatever spelling of the URL led there
    // (/%61pi/users, //api/users, http://host/api/users and /api/users all match one route). A request
    // that matched nothing is answered by the not-found handler, which serves no data.
    if (request.is404) return true;
    const config = request.routeOptions.config;
    const access = config?.access;
    // Every route was given a rule at registration; fail closed should one ever be missing.
    if (!access) return deny(reply, 403, 'This route has no access rule.', 'forbidden');
    // The web app's files need no session, so an ended session is noticed (and said so:
    // session_expired) by the API call that meets it, not by a script file.
    if (config.webFile) return true;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const tokenHash = hashToken(token);
      const session = repos.users.session(tokenHash);
      const now = new Date().toISOString();
      if (session && session.expiresAt > now) {
        const account = repos.users.byId(session.userId);
        if (account && !account.disabled && (demo || !account.isDemo)) {
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
    return true;
  }

  // A signed-in answer is that user's alone, and the session's answers carry the CSRF token: no
  // browser cache or proxy keeps them. The web app's files stay cacheable.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.config?.webFile) return payload;
    const signsIn = String(reply.getHeader('set-cookie') ?? '').includes(`${SESSION_COOKIE}=`);
    if (request.session || signsIn) {
      const json = String(reply.getHeader('content-type') ?? '').includes('json');
      // A route whose bytes are cached and revalidated by ETag (plugins/responseCache.ts) carries no
      // session or token, only what every reader of the role sees: the browser may keep it, and must
      // ask again before each use.
      const revalidated = request.routeOptions.config?.cacheBytes === true;
      reply.header('cache-control', json && !revalidated ? 'no-store' : 'private, no-cache');
    }
    return payload;
  });
}
