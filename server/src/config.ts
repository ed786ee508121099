import { isIP } from 'node:net';
import path from 'node:path';
import { repoRoot } from './paths.js';

export interface Config {
  port: number;
  host: string;
  dbPath: string;
  /** Reading without signing in. */
  publicRead: boolean;
  /** Demo mode: demo accounts, and reading open unless JINDU_PUBLIC_READ says otherwise. */
  demo: boolean;
  /** The API documentation open to anyone (JINDU_PUBLIC_DOCS); else to signed-in users. */
  publicDocs: boolean;
  /** The proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (Fastify's trustProxy). */
  trustProxy: boolean | string[];
}

function flag(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new Error(`${name} must be true or false, got "${value}"`);
}

// proxy-addr's names for address ranges, which Fastify accepts beside addresses and CIDRs.
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  // A prefix length, or (IPv4 only) a dotted netmask such as 255.255.255.0.
  if (/^\d{1,3}$/.test(prefix)) return Number(prefix) <= (version === 4 ? 32 : 128);
  return version === 4 && isIP(prefix) === 4;
}

/**
 * JINDU_TRUST_PROXY: `true` (believe any peer: only when nothing but the proxy can reach the server),
 * `false`, or the proxies' addresses and CIDRs, comma-separated. Not a hop count: Fastify 5 ignores one,
 * since it cannot tell the proxy from a client that connects directly and sends its own headers.
 */
export function parseTrustProxy(value: string | undefined): boolean | string[] {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '' || trimmed === 'false') return false;
  if (trimmed === 'true') return true;
  const entries = trimmed
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  const bad = entries.find((e) => !isAddressOrCidr(e));
  if (bad !== undefined || entries.length === 0) {
    const hint = /^\d+$/.test(trimmed) ? ' (a hop count is not accepted: list the proxy’s address instead)' : '';
    throw new Error(
      `JINDU_TRUST_PROXY must be true, false, or comma-separated addresses/CIDRs of the proxies, got "${value}"${hint}`,
    );
  }
  return entries;
}

/** Reads the configuration from the environment (and --demo); the README lists every variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${env.PORT}"`);
  }
  const demo = argv.includes('--demo') || flag('JINDU_DEMO', env.JINDU_DEMO) === true;
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dbPath: path.resolve(repoRoot, env.JINDU_DB ?? path.join('data', 'jindu.db')),
    publicRead: flag('JINDU_PUBLIC_READ', env.JINDU_PUBLIC_READ) ?? demo,
    demo,
    publicDocs: flag('JINDU_PUBLIC_DOCS', env.JINDU_PUBLIC_DOCS) ?? demo,
    trustProxy: parseTrustProxy(env.JINDU_TRUST_PROXY),
  };
}
