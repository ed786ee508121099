import { afterAll, beforeAll } from 'vitest';
import { type App, type AppOptions, buildApp } from '../../server/src/app.js';
import { tempDbPath } from './db.js';

/**
 * The real app on a fresh, migrated and seeded SQLite file for the tests of one file: built before
 * them, closed and removed after. `prepare` may add routes before the app is ready.
 */
export function useApp(options: Partial<AppOptions> = {}, prepare?: (app: App) => void) {
  const state: { app?: App; dbPath?: string; cleanup?: () => void } = {};
  beforeAll(async () => {
    const tmp = tempDbPath();
    state.cleanup = tmp.cleanup;
    state.dbPath = tmp.dbPath;
    state.app = await buildApp({ dbPath: tmp.dbPath, serveWeb: false, publicRead: true, ...options });
    prepare?.(state.app);
    await state.app.ready();
  });
  afterAll(async () => {
    await state.app?.close();
    state.cleanup?.();
  });
  const app = () => {
    if (!state.app) throw new Error('the app is built in beforeAll');
    return state.app;
  };
  /** The SQLite file, for tests that look at what a request wrote (a second connection, WAL). */
  const dbPath = () => {
    if (!state.dbPath) throw new Error('the app is built in beforeAll');
    return state.dbPath;
  };
  /** GET as JSON, with the status. */
  const get = async (url: string) => {
    const res = await app().inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.json() };
  };
  return { app, get, dbPath };
}
