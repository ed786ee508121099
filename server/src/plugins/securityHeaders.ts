import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * The security headers of every answer (helmet's, with a strict CSP), as [name, value] pairs in the
 * order helmet sets them. None depends on the request (the CSP has no nonce), so helmet is run once,
 * at start, against a response that only records what is set: @fastify/helmet builds the middleware
 * anew on every request (parsing the CSP directives each time, 11% of a health check under load),
 * and even built once, applying it walks a dozen middleware functions per request.
 */
export const SECURITY_HEADERS: readonly (readonly [string, string])[] = recordHelmet();

function recordHelmet(): [string, string][] {
  const apply = helmet({
    // Strict: only the app's own scripts, styles, images and API. The built app uses no inline
    // script or style element (React sets styles through the DOM, which CSP does not restrict).
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Served over plain HTTP on a laptop too: HSTS belongs to the HTTPS proxy in front.
    strictTransportSecurity: false,
  });
  const headers = new Map<string, string>();
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  let failed: unknown = null;
  apply({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    failed = error ?? null;
  });
  if (failed || headers.size === 0) throw new Error(`helmet set no security headers: ${String(failed)}`);
  return [...headers];
}

const asObject = Object.fromEntries(SECURITY_HEADERS) as Record<string, string>;

/**
 * Sets the security headers on every answer, on Fastify's reply (not the raw response), so that
 * Fastify writes them with the route's own in one go. A route that needs another policy (the API
 * docs' page, whose inline script swagger-ui covers with `staticCSP`) sets its own header later,
 * which wins. A cached answer sent from memory (plugins/responseCache.ts) carries the same list.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(asObject);
    done();
  });
}
