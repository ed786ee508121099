import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The layers the code is written in (README, "How the code is written"), checked over the source
// rather than trusted: the progress method and import parsing stay pure, and only the repositories
// (and the database's own tooling: migrations, backup, seed loader, benches, CLIs) hold SQL or the
// connection, so another store behind the same repositories needs only them (docs/scaling.md).

const src = path.resolve(import.meta.dirname, '../../server/src');
const filesUnder = (dir: string): string[] =>
  fs
    .readdirSync(path.join(src, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(src, path.join(e.parentPath, e.name)));
const offending = (files: string[], test: (line: string) => boolean) =>
  files.flatMap((file) =>
    fs
      .readFileSync(path.join(src, file), 'utf8')
      .split('\n')
      .flatMap((line, i) =>
        test(line) && !line.trim().startsWith('//') && !line.trim().startsWith('*') ? [`${file}:${i + 1}`] : [],
      ),
  );

describe('layers', () => {
  it('keeps the domain pure: no Fastify, SQLite, repositories or database import in server/src/domain', () => {
    const files = filesUnder('domain');
    expect(files.length).toBeGreaterThan(30);
    const imports = /from '(?:fastify|@fastify\/[^']+|better-sqlite3|[./]*\/(?:repositories|db|routes|plugins)\/[^']+)'/;
    expect(offending(files, (line) => imports.test(line))).toEqual([]);
  });

  it('keeps SQL and the connection in the repositories: none in routes, services, plugins or reports', () => {
    const files = ['routes', 'services', 'plugins', 'reports'].flatMap(filesUnder);
    expect(files.length).toBeGreaterThan(60);
    const sql = /\brepos\.db\b|\.prepare\(|\bdb\.transaction\(|\bdb\.exec\(|\bdb\.pragma\(/;
    expect(offending(files, (line) => sql.test(line))).toEqual([]);
  });
});
