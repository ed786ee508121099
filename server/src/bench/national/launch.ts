import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../paths.js';

// How production starts the server is said once, in the root package.json's `serve` script (which
// `npm start` runs too, and the README gives a real installation). The bench reads it from there
// and starts the server process the same way, so that no setting reaches the measured process that
// production lacks, nor the other way round (the memory settings there are what the RSS row measures).

export interface Launch {
  /** Environment the script sets before node (e.g. MALLOC_ARENA_MAX). */
  env: Record<string, string>;
  /** node's own flags, before the script. */
  nodeArgs: string[];
  /** The script, relative to the repository root. */
  script: string;
}

/** `VAR=value … node [flags…] server/dist/server.js`, the only form the `serve` script may take. */
export function parseServe(command: string): Launch {
  const words = command.trim().split(/\s+/);
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[i] as string); i++) {
    const [name, ...value] = (words[i] as string).split('=');
    env[name as string] = value.join('=');
  }
  if (words[i] !== 'node') throw new Error(`the serve script must run node: ${command}`);
  const rest = words.slice(i + 1);
  const scriptAt = rest.findIndex((w) => !w.startsWith('-'));
  if (scriptAt < 0) throw new Error(`the serve script names no script: ${command}`);
  return { env, nodeArgs: rest.slice(0, scriptAt), script: rest[scriptAt] as string };
}

export function productionLaunch(): Launch {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const serve = pkg.scripts.serve;
  if (!serve) throw new Error('package.json has no serve script');
  return parseServe(serve);
}
