import { buildApp } from '../../server/src/app.js';
import { tempDbPath } from './db.js';

/**
 * Starts the real application (real migrations, real seed, real SQLite file, and the production
 * web build from web/dist) on a free loopback port. `npm test` builds web/dist before vitest runs.
 */
export async function startServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const { dbPath, cleanup } = tempDbPath();
  const app = await buildApp({ dbPath, publicRead: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      cleanup();
    },
  };
}
