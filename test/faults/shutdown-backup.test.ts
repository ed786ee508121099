import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { contentDigest } from '../../server/src/db/backup.js';
import { tempDbPath } from '../helpers/db.js';
import {
  commit,
  figuresCsv,
  kill,
  prepareFaultDatabase,
  repoRoot,
  type ServerProcess,
  signIn,
  startServerProcess,
  uploadPreview,
} from '../helpers/serverProcess.js';

// Graceful shutdown, and `npm run db:backup` / `db:restore` against a server that keeps writing.

const REGIONS = Array.from({ length: 60 }, (_, i) => String(900000 + i * 3));
const YEARS = Array.from({ length: 15 }, (_, i) => 2008 + i);

const started: ServerProcess[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const s of started.splice(0)) await kill(s);
  for (const c of cleanups.splice(0)) c();
});

async function setUp() {
  const tmp = tempDbPath();
  cleanups.push(tmp.cleanup);
  await prepareFaultDatabase(tmp.dbPath, REGIONS);
  const server = await startServerProcess(tmp.dbPath);
  started.push(server);
  return { dbPath: tmp.dbPath, dir: path.dirname(tmp.dbPath), server };
}

function cli(script: 'backup' | 'restore', file: string, dbPath: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, `server/dist/cli/${script}.js`), file], {
      cwd: repoRoot,
      env: { ...process.env, JINDU_DB: dbPath },
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('exit', (code) => resolve({ code, output }));
  });
}

function withDb<T>(file: string, f: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return f(db);
  } finally {
    db.close();
  }
}

/** Every committed upload in the file is whole: as many revisions as its preview had new and changed rows. */
function uploadsWhole(file: string): { committed: number; partial: number[] } {
  return withDb(file, (db) => {
    const imports = db.prepare("SELECT id, summary_json FROM imports WHERE status = 'committed'").all() as {
      id: number;
      summary_json: string;
    }[];
    const count = db.prepare('SELECT count(*) AS n FROM observation_revisions WHERE import_id = ?');
    const partial = imports
      .filter((i) => {
        const s = JSON.parse(i.summary_json) as { new: number; changed: number };
        return (count.get(i.id) as { n: number }).n !== s.new + s.changed;
      })
      .map((i) => i.id);
    return { committed: imports.length, partial };
  });
}

describe('graceful shutdown', () => {
  it('on SIGTERM finishes the request in flight, then exits 0 with the database closed cleanly', {
    timeout: 60_000,
  }, async () => {
    const { dbPath, server } = await setUp();
    const session = await signIn(server.url);
    const file = figuresCsv(REGIONS, YEARS, 1);
    const preview = await uploadPreview(server.url, session, file.bytes);
    // The commit is under way when the signal arrives; it must finish, not be cut.
    const pending = commit(server.url, session, preview.import.id, preview.warnedRows);
    await new Promise((r) => setTimeout(r, 30));
    server.child.kill('SIGTERM');
    const res = await pending;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { written: number }).written).toBe(file.rows);
    expect(await server.exited).toBe(0);
    // Closed cleanly: the last connection checkpointed the write-ahead log into the file and removed it.
    expect(fs.existsSync(`${dbPath}-wal`)).toBe(false);
    expect(withDb(dbPath, (db) => (db.pragma('integrity_check') as { integrity_check: string }[])[0]?.integrity_check)).toBe(
      'ok',
    );
    // Once it has begun to close, the server takes no new connection.
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  });
});

describe('db:backup and db:restore', () => {
  it('backs up while uploads go on, and restores a copy equal to the backup', { timeout: 120_000 }, async () => {
    const { dbPath, dir, server } = await setUp();
    const session = await signIn(server.url);
    // Uploads, one after another, for as long as the backup runs.
    let writing = true;
    let committed = 0;
    const writer = (async () => {
      for (let shift = 1; writing; shift++) {
        const file = figuresCsv(REGIONS.slice(0, 20), YEARS, shift);
        const preview = await uploadPreview(server.url, session, file.bytes);
        const res = await commit(server.url, session, preview.import.id, preview.warnedRows);
        expect(res.status).toBe(200);
        committed++;
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    const backupFile = path.join(dir, 'backups', 'jindu-backup.db');
    const backup = await cli('backup', backupFile, dbPath);
    writing = false;
    await writer;
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toContain('integrity ok');
    expect(committed).toBeGreaterThan(0);
    // Readable by its owner only: it holds password hashes.
    expect(fs.statSync(backupFile).mode & 0o077).toBe(0);
    // One consistent state: integrity ok, and every upload in it whole.
    expect(withDb(backupFile, (db) => (db.pragma('integrity_check') as { integrity_check: string }[])[0]?.integrity_check)).toBe(
      'ok',
    );
    const inBackup = uploadsWhole(backupFile);
    expect(inBackup.partial).toEqual([]);
    const backupDigest = withDb(backupFile, contentDigest);

    // Restore into a new installation's path: equal to the backup, row for row.
    const restoredPath = path.join(dir, 'restored', 'jindu.db');
    const restore = await cli('restore', backupFile, restoredPath);
    expect(restore.code, restore.output).toBe(0);
    expect(withDb(restoredPath, contentDigest)).toBe(backupDigest);
    // The round trip: a backup of the restored database equals the first backup.
    const again = path.join(dir, 'backups', 'again.db');
    expect((await cli('backup', again, restoredPath)).code).toBe(0);
    expect(withDb(again, contentDigest)).toBe(backupDigest);
    // A restored database is told apart from the one it came from (caches and ETags are not reused).
    const epoch = (file: string) =>
      withDb(file, (db) => (db.prepare('SELECT epoch FROM data_version').get() as { epoch: string }).epoch);
    expect(epoch(restoredPath)).not.toBe(epoch(backupFile));

    // Restore over the live database while its server runs: the server answers with the restored data,
    // without the upload made after the backup.
    const late = await uploadPreview(server.url, session, figuresCsv(REGIONS.slice(20, 30), YEARS, 99).bytes);
    expect((await commit(server.url, session, late.import.id, late.warnedRows)).status).toBe(200);
    const liveBefore = withDb(dbPath, (db) => (db.prepare('SELECT count(*) AS n FROM imports').get() as { n: number }).n);
    const restoreLive = await cli('restore', backupFile, dbPath);
    expect(restoreLive.code, restoreLive.output).toBe(0);
    expect(restoreLive.output).toContain('kept as');
    const keptAs = /kept as (\S+)/.exec(restoreLive.output)?.[1] ?? '';
    expect(withDb(keptAs, (db) => (db.prepare('SELECT count(*) AS n FROM imports').get() as { n: number }).n)).toBe(liveBefore);
    expect(withDb(dbPath, contentDigest)).toBe(backupDigest);
    const list = await fetch(`${server.url}/api/imports`, { headers: { cookie: session.cookie } });
    expect(list.status).toBe(200);
    const ids = ((await list.json()) as { id: number }[]).map((i) => i.id);
    expect(ids).not.toContain(late.import.id);
    expect(ids.length).toBe(
      withDb(backupFile, (db) => (db.prepare('SELECT count(*) AS n FROM imports').get() as { n: number }).n),
    );
  });

  it('refuses a file that is not a Jindu backup, and leaves the database as it was', { timeout: 60_000 }, async () => {
    const { dbPath, dir, server } = await setUp();
    await kill(server, 'SIGTERM');
    const before = withDb(dbPath, contentDigest);
    const junk = path.join(dir, 'junk.db');
    fs.writeFileSync(junk, 'SQLite format 3\u0000 but not really a database'.repeat(200));
    const other = path.join(dir, 'other.db');
    const foreign = new Database(other);
    foreign.exec('CREATE TABLE notes (body TEXT)');
    foreign.close();
    for (const file of [junk, other, path.join(dir, 'missing.db')]) {
      const res = await cli('restore', file, dbPath);
      expect(res.code, res.output).toBe(1);
      expect(res.output).toContain('unchanged');
    }
    expect(withDb(dbPath, contentDigest)).toBe(before);
  });
});
