import { buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { openDatabase } from '../../server/src/db/connection.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { tempDbPath } from './db.js';

/** An account the test creates before the browser arrives (the role's usual regions, or none). */
export interface TestUser {
  name: string;
  displayName: string;
  role: 'viewer' | 'statistician' | 'reporter' | 'reviewer' | 'admin';
  regions?: string[];
  /** A reporter's unit as its documents print it (市科技局), of the user's first region: the seeded one, else made. */
  unit?: string;
  /** The same, as the collection-round test names it. */
  unitZh?: string;
  password: string;
}

export interface ServerOptions {
  /** Reading without signing in (default true, as the read-side browser tests expect). */
  publicRead?: boolean;
  /** Demo mode: the three demo accounts, and the demo banner on the sign-in page. */
  demo?: boolean;
  /** Accounts to create in the fresh database. */
  users?: TestUser[];
  /** Review before publication switched on (settings.review_required), as an administrator would. */
  reviewRequired?: boolean;
}

/** The unit of a region printed as `asPrinted`: the seeded one, or one made for the test. */
function unitOf(repos: ReturnType<typeof createRepositories>, regionCode: string, asPrinted: string): number {
  const found = repos.units.resolve(regionCode, asPrinted);
  if (found) return found.id;
  const id = repos.units.create({ regionCode, nameZh: asPrinted, nameEn: asPrinted, kind: 'department' });
  repos.units.addAlias(regionCode, asPrinted, id);
  return id;
}

export interface TestServer {
  url: string;
  /** The SQLite file, for tests that change it behind the app's back (an expired session). */
  dbPath: string;
  close: () => Promise<void>;
}

/**
 * Starts the real application (real migrations, real seed, real SQLite file, and the production
 * web build from web/dist) on a free loopback port. `npm test` builds web/dist before vitest runs.
 */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const { dbPath, cleanup } = tempDbPath();
  const app = await buildApp({ dbPath, publicRead: options.publicRead ?? true, demo: options.demo ?? false });
  if (options.users?.length || options.reviewRequired) {
    // A second connection to the same file (WAL), as `npm run user:create` would open it.
    const db = openDatabase(dbPath);
    try {
      const repos = createRepositories(db);
      const now = new Date().toISOString();
      if (options.reviewRequired) repos.settings.set('review_required', '1');
      for (const user of options.users ?? []) {
        const passwordHash = await hashPassword(user.password);
        const { name, displayName, role } = user;
        const regions = user.regions ?? [];
        const unitName = user.unit ?? user.unitZh;
        const unitId = unitName && regions[0] ? unitOf(repos, regions[0], unitName) : null;
        repos.users.create({ name, displayName, role, regions, unitId, passwordHash }, now);
      }
    } finally {
      db.close();
    }
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    dbPath,
    close: async () => {
      await app.close();
      cleanup();
    },
  };
}
