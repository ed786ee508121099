import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DataVersion } from '../repositories/dataVersion.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The answer is the same for every reader of the same access class until the data changes: its
     * final bytes (compressed as the client accepts) are kept and sent again, with an ETag.
     */
    cacheBytes?: boolean;
  }
  interface FastifyRequest {
    /** Set by the response cache for a cacheable route: the key, and whether the bytes came from it. */
    responseCache?: { key: string; epoch: string; version: number; hit: boolean };
  }
}

type Encoding = 'br' | 'gzip' | 'identity';

interface Entry {
  key: string;
  version: number;
  etag: string;
  /** The variants made so far: identity always, the compressed ones on first demand. */
  bytes: Partial<Record<Encoding, Buffer>>;
  size: number;
}

export interface ResponseCacheOptions {
  /** The data version: a key carries it, so an entry is never stale (repositories/dataVersion.ts). */
  dataVersion: () => DataVersion;
  /** Most bytes kept, all variants counted (default 32 MiB): least recently used first out. */
  maxBytes?: number;
}

/** Answers smaller than this are sent as they are (the compress plugin's threshold too). */
const COMPRESS_THRESHOLD = 1024;

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);
// Quality 5: within a few per cent of brotli's best size on this JSON at a tenth of the time; each
// variant is made once per data version, in libuv's thread pool, off the event loop.
const BROTLI_OPTIONS = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } };

/** The best encoding the client accepts (br before gzip; a q=0 refuses one). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    if (name) accepted.set(name, q ? Number(q[1]) : 1);
  }
  const weight = (e: string) => accepted.get(e) ?? accepted.get('*') ?? 0;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return 'identity';
}

/**
 * Cached bytes for hot read routes (plan progress, the overview, the lists): the answer as sent, per
 * data version, route and query, and access class, kept compressed so that a hit costs a lookup
 * and a write, with no serialising or compressing.
 *
 * The key. The data version changes on every write a reader could see (figures, plans, targets,
 * regions, indicators, comments: migration 0009), so a key never names stale bytes. The access
 * class is part of it: today every reader of these routes gets the same answer, but a route that
 * came to answer per role must never hand one role's bytes to another, so the role (or
 * "anonymous") is in the key. No route marked cacheBytes may answer per user beyond that.
 *
 * Revalidation. Every cached answer has an ETag (a hash of its bytes) and a 304 to If-None-Match.
 * Caching headers: a signed-in answer was `no-store` (issue 10: no browser or proxy keeps a user's
 * answers). For these routes it is `private, no-cache` instead (plugins/auth.ts): no shared cache
 * keeps it, and the browser must ask again every time, so nothing is ever shown that the server
 * would no longer send; what the browser may keep is the plan data every reader of the role sees,
 * with no session token or CSRF token in it (those routes stay no-store). An anonymous answer is
 * `no-cache`. `Vary: Accept-Encoding`, since the bytes differ by encoding.
 */
export function registerResponseCache(app: FastifyInstance, options: ResponseCacheOptions): void {
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const entries = new Map<string, Entry>();
  let size = 0;
  let newest = Number.NEGATIVE_INFINITY;
  let newestEpoch = '';

  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    size -= entry.size;
  };
  const makeRoom = (bytes: number) => {
    while (size + bytes > maxBytes && entries.size > 0) drop(entries.keys().next().value as string);
  };
  // A variant made for an entry no longer kept (evicted meanwhile, or too large) is sent, not kept.
  const grow = (entry: Entry, encoding: Encoding, bytes: Buffer) => {
    if (entries.get(entry.key) !== entry) return;
    makeRoom(bytes.byteLength);
    if (entries.get(entry.key) !== entry) return;
    entry.bytes[encoding] = bytes;
    entry.size += bytes.byteLength;
    size += bytes.byteLength;
  };

  async function variant(entry: Entry, encoding: Encoding): Promise<Buffer> {
    const identity = entry.bytes.identity as Buffer;
    if (encoding === 'identity' || identity.byteLength < COMPRESS_THRESHOLD) return identity;
    const kept = entry.bytes[encoding];
    if (kept) return kept;
    const made = encoding === 'br' ? await brotli(identity, BROTLI_OPTIONS) : await gzip(identity);
    grow(entry, encoding, made);
    return made;
  }

  function send(request: FastifyRequest, reply: FastifyReply, entry: Entry, bytes: Buffer, encoding: Encoding) {
    reply.header('etag', entry.etag);
    reply.header('vary', 'Accept-Encoding');
    // Signed in, plugins/auth.ts makes it `private, no-cache`.
    if (!request.user) reply.header('cache-control', 'no-cache');
    if (request.headers['if-none-match'] === entry.etag) {
      reply.code(304);
      return '';
    }
    reply.type('application/json; charset=utf-8');
    // "identity" is set too: it tells the compress plugin the bytes are final.
    reply.header('content-encoding', bytes === entry.bytes.identity ? 'identity' : encoding);
    return bytes;
  }

  const accessClass = (request: FastifyRequest) => (request.user ? `role:${request.user.role}` : 'anonymous');

  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config?.cacheBytes || request.method !== 'GET') return;
    const { version, epoch } = options.dataVersion();
    // The URL as the router read it, query included (validated by the route's schema already).
    const key = `${epoch}:${version}|${accessClass(request)}|${request.routeOptions.url}|${request.url}`;
    request.responseCache = { key, epoch, version, hit: false };
    const entry = entries.get(key);
    if (!entry) return;
    // Map keeps insertion order: re-inserting makes this the most recently used.
    entries.delete(key);
    entries.set(key, entry);
    request.responseCache.hit = true;
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    const bytes = await variant(entry, encoding);
    const body = send(request, reply, entry, bytes, encoding);
    return reply.send(body);
  });

  // Global, so it runs before the compress plugin's route hook: the bytes it keeps are the JSON.
  app.addHook('onSend', async (request, reply, payload) => {
    const cache = request.responseCache;
    if (!cache || cache.hit || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const identity = typeof payload === 'string' ? Buffer.from(payload) : payload;
    const etag = `"${createHash('sha1').update(identity).digest('base64url')}"`;
    const entry: Entry = { key: cache.key, version: cache.version, etag, bytes: { identity }, size: identity.byteLength };
    if (cache.epoch !== newestEpoch) {
      // Another database file under the same server (re-seeded): its counter starts again.
      newestEpoch = cache.epoch;
      newest = Number.NEGATIVE_INFINITY;
    }
    if (cache.version > newest) {
      // A newer version makes every older entry unreachable: drop them now rather than let them age out.
      newest = cache.version;
      for (const [k, e] of entries) if (e.version < newest || !k.startsWith(`${newestEpoch}:`)) drop(k);
    }
    // Bytes of an older version than the newest are sent but not kept: nobody will ask for them again.
    if (cache.version >= newest && identity.byteLength <= maxBytes / 4) {
      drop(cache.key);
      makeRoom(identity.byteLength);
      entries.set(cache.key, entry);
      size += identity.byteLength;
    }
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    return send(request, reply, entry, await variant(entry, encoding), encoding);
  });

  app.decorate('responseCacheStats', () => ({ entries: entries.size, bytes: size, maxBytes }));
}

declare module 'fastify' {
  interface FastifyInstance {
    /** What the response cache holds (for tests and the bench). */
    responseCacheStats: () => { entries: number; bytes: number; maxBytes: number };
  }
}
