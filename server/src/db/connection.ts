import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/** Opens (creating if needed) a SQLite database in WAL mode with foreign keys enforced. */
export function openDatabase(dbPath: string): Db {
  if (dbPath !== ':memory:') createPrivately(dbPath);
  const db = new Database(dbPath);
  if (dbPath !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // WAL makes NORMAL durable against application crashes; only a power cut can lose the last commit.
  db.pragma('synchronous = NORMAL');
  return db;
}

/**
 * The database holds password hashes and sessions: a new file (and the folder made for it) is
 * readable by its owner only. SQLite gives the -wal and -shm files the database file's own mode.
 */
function createPrivately(dbPath: string): void {
  fs.mkdirSync(path.dirname(dbPath), { recursive: true, mode: 0o700 });
  if (!fs.existsSync(dbPath)) fs.closeSync(fs.openSync(dbPath, 'a', 0o600));
}

/** The database files that others than the owner may read or write (said at start, not changed). */
export function filesOpenToOthers(dbPath: string): string[] {
  return [dbPath, `${dbPath}-wal`, `${dbPath}-shm`].filter((file) => {
    try {
      return (fs.statSync(file).mode & 0o077) !== 0;
    } catch {
      return false;
    }
  });
}
