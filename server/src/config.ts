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
}

function flag(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new Error(`${name} must be true or false, got "${value}"`);
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
  };
}
