import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseServe, productionLaunch } from '../../server/src/bench/national/launch.js';
import { repoRoot } from '../../server/src/paths.js';

// Production starts the server one way, `npm run serve` (npm start runs it too), and the national
// bench reads that script to start the process whose memory it measures the same way.

describe('the production launch', () => {
  it('reads the environment, node flags and script of a serve command', () => {
    expect(parseServe('MALLOC_ARENA_MAX=2 A_B=x=y node --max-semi-space-size=8 server/dist/server.js')).toEqual({
      env: { MALLOC_ARENA_MAX: '2', A_B: 'x=y' },
      nodeArgs: ['--max-semi-space-size=8'],
      script: 'server/dist/server.js',
    });
    expect(() => parseServe('tsx server/src/server.ts')).toThrow(/must run node/);
  });

  it('is the serve script of package.json, which npm start runs, with glibc malloc held to two arenas and a small young generation', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    expect(pkg.scripts.start).toBe('npm run build && npm run serve -- --demo');
    const launch = productionLaunch();
    expect(launch.env).toEqual({ MALLOC_ARENA_MAX: '2' });
    expect(launch.nodeArgs).toEqual(['--max-semi-space-size=4']);
    expect(launch.script).toBe('server/dist/server.js');
    expect(fs.existsSync(path.join(repoRoot, 'server/src/server.ts'))).toBe(true);
  });
});
