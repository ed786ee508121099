import { createHash } from 'node:crypto';
import net from 'node:net';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, onSendHookHandler } from 'fastify';
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
    responseCache: { key: string; epoch: string; version: number } | null;
  }
}

type Encoding = 'br' | 'gzip' | 'identity';

/** One encoding of an answer: its bytes and every header it is sent with, made once. */
interface Variant {
  bytes: Buffer;
  /** The cache's own headers, for an answer sent through Fastify (a miss). */
  headers: Record<string, string>;
  /** The whole header list, security headers first, for a hit written straight to the socket. */
  raw: string[];
  /** Made quickly for a first answer: remade at the full setting once the URL is asked again. */
  quick?: boolean;
}

interface Entry {
  key: string;
  etag: string;
  identity: Buffer;
  /** `private, no-cache` signed in, `no-cache` anonymous: the access class is in the key. */
  cacheControl: string;
  /** The variants made so far: identity always, the compressed ones on first demand. */
  variants: Partial<Record<Encoding, Variant>>;
  /** The headers of a 304 (no body, so no type, encoding or length), as `headers` and `raw` above. */
  notModified: Record<string, string>;
  notModifiedRaw: string[];
  size: number;
}

export interface ResponseCacheOptions {
  /** The data version: the cache holds the answers of one version only (repositories/dataVersion.ts). */
  dataVersion: () => DataVersion;
  /**
   * The same, with other connections' commits asked about once per event-loop turn: used for a
   * request read from a socket in this turn (see dataVersion.ts for why that is not stale).
   */
  dataVersionThisTurn?: () => DataVersion;
  /**
   * Most bytes kept, all variants counted (default 16 MiB): least recently used first out. The count
   * is the memory held: every kept buffer owns exactly its bytes (see `owned`).
   */
  maxBytes?: number;
  /** Headers every answer carries (plugins/securityHeaders.ts): a hit written from memory sends them too. */
  staticHeaders?: readonly (readonly [string, string])[];
}

/**
 * 16 MiB: one data version's hot answers (a plan's progress is ~20 KB as JSON and 3 KB as brotli, so
 * ~700 plan × as-of answers; the overview and the lists a few more). At 3,000 regions the server's
 * resident set after the national bench's reads was 290–400 MB against a 300 MB goal, and this cache
 * was the largest single part of it after the V8 heap (47.7 MB of array buffers for a 32 MiB budget,
 * before `owned`). A miss costs one judging (1–5 ms of CPU for a plan), not a failure.
 */
export const DEFAULT_RESPONSE_CACHE_BYTES = 16 * 1024 * 1024;

/**
 * The bytes alone, in memory of their own: zlib hands its output back as a view of its 16 KiB
 * output chunk (a 3 KB brotli answer held 16 KiB), and Buffer.from(string) a view of a shared 8 KiB
 * pool slab for small answers, so that a kept view held several times its length and the byte
 * budget was not the memory held (measured: 47.7 MB of array buffers under a 32 MiB budget).
 */
export function owned(bytes: Buffer): Buffer {
  if (bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength) return bytes;
  const copy = Buffer.allocUnsafeSlow(bytes.byteLength);
  bytes.copy(copy);
  return copy;
}

/** Answers smaller than this are sent as they are (the compress plugin's threshold too). */
const COMPRESS_THRESHOLD = 1024;

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);
// Quality 5: within a few per cent of brotli's best size on this JSON at a tenth of the time; such
// a variant is made once per data version, in libuv's thread pool, off the event loop.
const BROTLI_OPTIONS = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } };

// The first answer for a URL is compressed at once, on the event loop, at a cheap setting. Most
// URLs of plan progress (a plan × an as-of year) are asked once per data version, and for them the
// full setting cost more than the judging's own serialising: brotli 5 in the thread pool took
// ~0.5 ms of CPU per 18–27 KB answer on these 2 cores (the pool's thread competes with the event
// loop for them), brotli 3 on the loop ~0.14 ms for ~15% more bytes, gzip 1 ~0.08 ms. Brotli 1 is
// brotli's fast path (qualities 0–1 use another compressor than 2 and up): on 700 answers of plan
// progress at 3,000 regions (22.7 KB each) 130–160 µs against brotli 3's 185–250 µs and gzip 1's
// 180–200 µs, for 4.1 KB against 3.6 and 4.0 KB (5.5× smaller than the JSON). A URL asked
// again gets its variant remade at the full setting in the pool, after that hit is answered
// (`quick` variants). Above QUICK_LIMIT even the cheap setting would hold the loop too long, and
// the pool makes the first variant too.
const QUICK_LIMIT = 64 * 1024;
const QUICK_BROTLI_OPTIONS = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } };
const QUICK_GZIP_OPTIONS = { level: 1 };

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

// Browsers send one of a handful of Accept-Encoding values: each is parsed once.
const encodingOf = new Map<string, Encoding>();
function encodingFor(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  let encoding = encodingOf.get(acceptEncoding);
  if (encoding === undefined) {
    encoding = chooseEncoding(acceptEncoding);
    if (encodingOf.size >= 256) encodingOf.clear();
    encodingOf.set(acceptEncoding, encoding);
  }
  return encoding;
}

/**
 * Cached bytes for hot read routes (plan progress, the overview, the lists): the answer as sent, per
 * data version, route and query, and access class, kept compressed so that a hit costs a lookup
 * and a write, with no serialising or compressing.
 *
 * The key. The data version changes on every write a reader could see (figures, plans, targets,
 * regions, indicators, comments: migration 0009); the cache holds the answers of one data version
 * only, and empties itself when it sees another, so no stale bytes are kept. The access class is
 * part of the key: today every reader of these routes gets the same answer, but a route that
 * came to answer per role must never hand one role's bytes to another, so the role (or
 * "anonymous") is in the key. No route marked cacheBytes may answer per user beyond that.
 *
 * A hit is answered in the route's onRequest hook: after the access rule (plugins/auth.ts, an
 * instance hook, runs before a route's own), before parsing, validation, the handler and
 * serialising. The URL of a hit was validated when its answer was made (a 200 of that very URL;
 * validation depends on the URL alone). Its headers were made with the bytes.
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
  const maxBytes = options.maxBytes ?? DEFAULT_RESPONSE_CACHE_BYTES;
  const dataVersionThisTurn = options.dataVersionThisTurn ?? options.dataVersion;
  const entries = new Map<string, Entry>();
  let size = 0;
  // The data version whose answers the cache holds.
  let heldVersion = Number.NaN;
  let heldEpoch = '';

  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    size -= entry.size;
  };
  const makeRoom = (bytes: number) => {
    while (size + bytes > maxBytes && entries.size > 0) drop(entries.keys().next().value as string);
  };

  /** The cache moves to the version a request reads: answers of any other are never asked for again. */
  const hold = ({ version, epoch }: DataVersion) => {
    if (version === heldVersion && epoch === heldEpoch) return;
    entries.clear();
    size = 0;
    heldVersion = version;
    heldEpoch = epoch;
  };

  const staticHeaders = (options.staticHeaders ?? []).flat();
  const rawHeaders = (headers: Record<string, string>) => [...staticHeaders, ...Object.entries(headers).flat()];

  function makeVariant(entry: Entry, encoding: Encoding, bytes: Buffer, quick = false): Variant {
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      etag: entry.etag,
      vary: 'Accept-Encoding',
      'cache-control': entry.cacheControl,
      // "identity" is said too: it tells the compress plugin the bytes are final.
      'content-encoding': encoding,
      'content-length': String(bytes.byteLength),
    };
    return quick ? { bytes, headers, raw: rawHeaders(headers), quick } : { bytes, headers, raw: rawHeaders(headers) };
  }

  // A variant made for an entry no longer kept (evicted meanwhile, or too large) is sent, not kept.
  // A variant that replaces a quick one takes its place in the count.
  const grow = (entry: Entry, encoding: Encoding, variant: Variant) => {
    if (entries.get(entry.key) !== entry) return;
    const replaced = entry.variants[encoding]?.bytes.byteLength ?? 0;
    makeRoom(variant.bytes.byteLength - replaced);
    if (entries.get(entry.key) !== entry) return;
    entry.variants[encoding] = variant;
    entry.size += variant.bytes.byteLength - replaced;
    size += variant.bytes.byteLength - replaced;
  };

  async function makeCompressed(entry: Entry, encoding: 'br' | 'gzip'): Promise<Variant> {
    const made = encoding === 'br' ? await brotli(entry.identity, BROTLI_OPTIONS) : await gzip(entry.identity);
    const variant = makeVariant(entry, encoding, owned(made));
    grow(entry, encoding, variant);
    return variant;
  }

  /** A first answer's variant: made at once at the cheap setting when small enough (see QUICK_LIMIT). */
  function makeFirst(entry: Entry, encoding: 'br' | 'gzip'): Variant | Promise<Variant> {
    if (entry.identity.byteLength > QUICK_LIMIT) return makeCompressed(entry, encoding);
    const made =
      encoding === 'br'
        ? zlib.brotliCompressSync(entry.identity, QUICK_BROTLI_OPTIONS)
        : zlib.gzipSync(entry.identity, QUICK_GZIP_OPTIONS);
    const variant = makeVariant(entry, encoding, owned(made), true);
    grow(entry, encoding, variant);
    return variant;
  }

  // The quick variants being remade, so that a run of hits on one starts one remaking.
  const remaking = new Set<Variant>();
  const remake = (entry: Entry, encoding: 'br' | 'gzip', quick: Variant) => {
    if (remaking.has(quick)) return;
    remaking.add(quick);
    makeCompressed(entry, encoding).then(
      () => remaking.delete(quick),
      // The quick bytes stay: they are a correct answer, only larger.
      () => remaking.delete(quick),
    );
  };

  /** The variant kept, or undefined when it must be made first (compressed, off the event loop). */
  const keptVariant = (entry: Entry, encoding: Encoding): Variant | undefined =>
    encoding === 'identity' || entry.identity.byteLength < COMPRESS_THRESHOLD
      ? entry.variants.identity
      : entry.variants[encoding];

  const accessClass = (request: FastifyRequest) => (request.user ? `role:${request.user.role}` : 'anonymous');

  /**
   * A hit is written straight to the socket with the headers made with its bytes: no onSend hook,
   * no serialiser, no header built per request (Fastify still runs the onResponse hooks and logs).
   * What the earlier onRequest hooks put on Fastify's reply is the security headers, which the list
   * carries, and, for an ended session, the cookie that clears it: that one answer goes through
   * Fastify, whose cookie plugin writes it.
   */
  function sendHit(request: FastifyRequest, reply: FastifyReply, entry: Entry, variant: Variant) {
    const notModified = request.headers['if-none-match'] === entry.etag;
    if (request.sessionExpired) {
      if (notModified) reply.code(304).headers(entry.notModified).send();
      else reply.headers(variant.headers).send(variant.bytes);
      return;
    }
    reply.hijack();
    if (notModified) {
      reply.raw.writeHead(304, entry.notModifiedRaw);
      reply.raw.end();
    } else {
      reply.raw.writeHead(200, variant.raw);
      reply.raw.end(variant.bytes);
    }
  }

  // The request reads the version once per turn when it came from a socket (see dataVersion.ts);
  // an injected one (tests, tools) is not read in a poll, and asks each time.
  const versionFor = (request: FastifyRequest) =>
    request.raw.socket instanceof net.Socket ? dataVersionThisTurn() : options.dataVersion();

  const lookup: onRequestHookHandler = (request, reply, done) => {
    if (request.method !== 'GET') {
      done();
      return;
    }
    const dataVersion = versionFor(request);
    hold(dataVersion);
    const key = `${accessClass(request)}|${request.url}`;
    const entry = entries.get(key);
    if (!entry) {
      request.responseCache = { key, epoch: dataVersion.epoch, version: dataVersion.version };
      done();
      return;
    }
    // Map keeps insertion order: re-inserting makes this the most recently used.
    entries.delete(key);
    entries.set(key, entry);
    const encoding = encodingFor(request.headers['accept-encoding']);
    const variant = keptVariant(entry, encoding);
    if (variant) {
      sendHit(request, reply, entry, variant);
      if (variant.quick) remake(entry, encoding as 'br' | 'gzip', variant);
      return;
    }
    makeCompressed(entry, encoding as 'br' | 'gzip').then(
      (made) => sendHit(request, reply, entry, made),
      (error: Error) => done(error),
    );
  };

  // First of the route's onSend hooks, so before the compress plugin's: the bytes it keeps are the JSON.
  const store: onSendHookHandler = async (request, reply, payload) => {
    const cache = request.responseCache;
    if (!cache || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const identity = owned(typeof payload === 'string' ? Buffer.from(payload) : payload);
    const etag = `"${createHash('sha1').update(identity).digest('base64url')}"`;
    const cacheControl = request.user ? 'private, no-cache' : 'no-cache';
    const entry: Entry = {
      key: cache.key,
      etag,
      identity,
      cacheControl,
      variants: {},
      notModified: { etag, vary: 'Accept-Encoding', 'cache-control': cacheControl },
      notModifiedRaw: [],
      size: identity.byteLength,
    };
    entry.notModifiedRaw = rawHeaders(entry.notModified);
    entry.variants.identity = makeVariant(entry, 'identity', identity);
    // Bytes of another version than the one held (a write came while this answer was made) are
    // sent but not kept: nobody will ask for them again.
    if (cache.version === heldVersion && cache.epoch === heldEpoch && identity.byteLength <= maxBytes / 4) {
      drop(cache.key);
      makeRoom(identity.byteLength);
      entries.set(cache.key, entry);
      size += identity.byteLength;
    }
    if (request.headers['if-none-match'] === etag) {
      reply.removeHeader('content-type');
      reply.code(304).headers(entry.notModified);
      return '';
    }
    const encoding = encodingFor(request.headers['accept-encoding']);
    const variant = keptVariant(entry, encoding) ?? (await makeFirst(entry, encoding as 'br' | 'gzip'));
    reply.headers(variant.headers);
    return variant.bytes;
  };

  app.decorateRequest('responseCache', null);
  // Only the routes that ask for it carry the hooks: the others pay nothing.
  app.addHook('onRoute', (route) => {
    if (!route.config?.cacheBytes) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.includes('GET')) return;
    route.onRequest = [...toArray(route.onRequest), lookup];
    route.onSend = [store, ...toArray(route.onSend)];
  });

  app.decorate('responseCacheStats', () => {
    // The memory the kept buffers hold, each backing store once: what `bytes` must account for.
    const stores = new Set<ArrayBufferLike>();
    for (const entry of entries.values()) for (const v of Object.values(entry.variants)) if (v) stores.add(v.bytes.buffer);
    let heldBytes = 0;
    for (const store of stores) heldBytes += store.byteLength;
    return { entries: entries.size, bytes: size, heldBytes, maxBytes };
  });
}

const toArray = <T>(hooks: T | T[] | undefined): T[] => (hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]);

declare module 'fastify' {
  interface FastifyInstance {
    /** What the response cache holds (for tests and the bench). */
    responseCacheStats: () => { entries: number; bytes: number; heldBytes: number; maxBytes: number };
  }
}
