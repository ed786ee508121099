import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app.js';
import { openDatabase } from '../../server/src/db/connection.js';
import { repoRoot } from '../../server/src/paths.js';
import { tempDbPath } from '../helpers/db.js';

// The built command (npm test builds the server before vitest runs).
const CLI = path.join(repoRoot, 'server', 'dist', 'cli', 'user-create.js');
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('npm run user:create', () => {
  it('creates the first administrator from JINDU_ADMIN_PASSWORD, who can then sign in', async () => {
    const { dbPath, cleanup } = tempDbPath();
    cleanups.push(cleanup);
    const out = execFileSync('node', [CLI, '--role', 'admin', '--name', 'wang', '--display-name', '王管理员'], {
      env: { ...process.env, JINDU_DB: dbPath, JINDU_ADMIN_PASSWORD: 'scripted install password' },
      encoding: 'utf8',
    });
    expect(out).toMatch(/Created admin "wang"/);
    const app = await buildApp({ dbPath, serveWeb: false });
    const res = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { name: 'wang', password: 'scripted install password' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ name: 'wang', displayName: '王管理员', role: 'admin', isDemo: false });
    await app.close();
  });

  it('refuses without a password source, a short password, or a bad role, and creates nothing', () => {
    const { dbPath, cleanup } = tempDbPath();
    cleanups.push(cleanup);
    const run = (args: string[], env: Record<string, string> = {}) =>
      spawnSync('node', [CLI, ...args], {
        env: { ...process.env, JINDU_DB: dbPath, JINDU_ADMIN_PASSWORD: '', ...env },
        encoding: 'utf8',
        stdio: 'pipe',
      });
    const noPassword = spawnSync('node', [CLI, '--role', 'admin', '--name', 'li'], {
      env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'JINDU_ADMIN_PASSWORD')), JINDU_DB: dbPath },
      encoding: 'utf8',
      stdio: 'pipe',
    });
    expect(noPassword.status).toBe(1);
    expect(noPassword.stderr).toMatch(/JINDU_ADMIN_PASSWORD/);
    const short = run(['--role', 'admin', '--name', 'li'], { JINDU_ADMIN_PASSWORD: 'short' });
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/at least 10 characters/);
    const badRole = run(['--role', 'root', '--name', 'li'], { JINDU_ADMIN_PASSWORD: 'long enough password' });
    expect(badRole.status).toBe(1);
    expect(badRole.stderr).toMatch(/usage/);
  });
});

describe('demo mode', () => {
  it('creates the demo accounts, flags them, and lists them on the session answer', async () => {
    const { dbPath, cleanup } = tempDbPath();
    cleanups.push(cleanup);
    const app = await buildApp({ dbPath, serveWeb: false, demo: true, demoReview: true });
    const session = (await app.inject({ method: 'GET', url: '/api/session' })).json();
    expect(session.demo).toBe(true);
    expect(session.demoAccounts.map((a: { name: string }) => a.name)).toEqual([
      'demo-admin',
      'demo-statistician',
      'demo-viewer',
      'demo-reporter',
      'demo-reviewer',
    ]);
    // The demo shows review before publication, with a reporter of Lüliang's S&T bureau.
    expect((await app.inject({ method: 'GET', url: '/api/settings/review' })).statusCode).toBe(401);
    const db = openDatabase(dbPath);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'review_required'").pluck().get()).toBe('1');
    expect(
      db.prepare("SELECT u.name_zh FROM users a JOIN units u ON u.id = a.unit_id WHERE a.name = 'demo-reporter'").pluck().get(),
    ).toMatch(/科学技术局|科技局/);
    db.close();
    const res = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { name: 'demo-statistician', password: 'jindu-demo-statistician' },
    });
    expect(res.json().user).toMatchObject({ isDemo: true, regions: ['141100'] });
    await app.close();
  });

  it('is off by default: no accounts, nothing listed', async () => {
    const { dbPath, cleanup } = tempDbPath();
    cleanups.push(cleanup);
    const app = await buildApp({ dbPath, serveWeb: false });
    const session = (await app.inject({ method: 'GET', url: '/api/session' })).json();
    expect(session).toMatchObject({ demo: false, demoAccounts: [], user: null, publicRead: false });
    await app.close();
  });
});
