import path from 'node:path';
import { repoRoot } from './paths.js';

export interface Config {
  port: number;
  host: string;
  dbPath: string;
}

/** Reads the configuration from the environment; the README lists every variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${env.PORT}"`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dbPath: path.resolve(repoRoot, env.JINDU_DB ?? path.join('data', 'jindu.db')),
  };
}
