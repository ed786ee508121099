import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type Db, openDatabase } from './connection.js';
import { migrate, readMigrationFiles } from './migrate.js';

// Backup and restore of the one SQLite file, safe while the server runs and writes.
//
// Backup uses SQLite's online backup API (better-sqlite3's `db.backup`): it copies pages under a read
// transaction and restarts on its own when another connection writes meanwhile, so the copy is one
// consistent state of the database — every upload in it whole, or absent — and writers are never
// blocked for longer than one step. Restore copies the backup's pages into the live file the same way,
// under SQLite's own locks, so a running server sees the restored data at its next read.

export class BackupError extends Error {}

export interface BackupReport {
  file: string;
  bytes: number;
  /** The last migration the copy holds. */
  migration: string | null;
  counts: Record<string, number>;
}

// Pages per step. Large enough that a backup of a national database takes a few steps (each a short
// read transaction), small enough that a step does not hold the file for long under heavy writing.
const PAGES_PER_STEP = 4096;

const COUNTED = ['plans', 'targets', 'observation_revisions', 'imports', 'audit_log', 'users'] as const;

function counts(db: Db): Record<string, number> {
  const out: Record<string, number> = {};
  for (const table of COUNTED) {
    out[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  return out;
}

function lastMigration(db: Db): string | null {
  const row = db.prepare('SELECT name FROM schema_migrations ORDER BY version DESC LIMIT 1').get() as
    | { name: string }
    | undefined;
  return row?.name ?? null;
}

function integrity(db: Db): string {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check).join('; ');
}

/** A copy of the database at `dbPath` written to `file` (atomically: a partial copy is never left under its name). */
export async function backupDatabase(dbPath: string, file: string): Promise<BackupReport> {
  if (!fs.existsSync(dbPath)) throw new BackupError(`No database at ${dbPath}`);
  const target = path.resolve(file);
  if (target === path.resolve(dbPath)) throw new BackupError('The backup file must not be the database itself');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial-${randomBytes(4).toString('hex')}`;
  // The backup holds password hashes and sessions: readable by its owner only, from the first byte.
  fs.closeSync(fs.openSync(partial, 'w', 0o600));
  const source = new Database(dbPath, { fileMustExist: true });
  source.pragma('busy_timeout = 5000');
  try {
    await source.backup(partial, { progress: () => PAGES_PER_STEP });
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    source.close();
  }
  const copy = new Database(partial);
  let report: BackupReport;
  try {
    // The copy is a rollback-journal file of its own: no -wal to carry around with it.
    copy.pragma('journal_mode = DELETE');
    const check = integrity(copy);
    if (check !== 'ok') throw new BackupError(`The copy failed its integrity check: ${check}`);
    report = { file: target, bytes: 0, migration: lastMigration(copy), counts: counts(copy) };
  } catch (error) {
    copy.close();
    fs.rmSync(partial, { force: true });
    throw error;
  }
  copy.close();
  fs.renameSync(partial, target);
  report.bytes = fs.statSync(target).size;
  return report;
}

export interface RestoreReport {
  /** Where the database as it was before the restore is kept. */
  keptAs: string | null;
  migration: string | null;
  /** Migrations the restore applied to bring an older backup up to this version of Jindu. */
  migrationsApplied: string[];
  counts: Record<string, number>;
}

/**
 * Checks a backup before anything is touched: a SQLite file that passes its integrity check, whose
 * migrations are those of this version of Jindu (a backup from a newer version, or a foreign file, is
 * refused). Throws a BackupError saying what is wrong.
 */
export function checkBackup(file: string, migrationsDir: string): void {
  if (!fs.existsSync(file)) throw new BackupError(`No backup file at ${file}`);
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} is not a SQLite database: ${(error as Error).message}`);
  }
  try {
    let check: string;
    try {
      check = integrity(db);
    } catch (error) {
      throw new BackupError(`${file} is not a readable SQLite database: ${(error as Error).message}`);
    }
    if (check !== 'ok') throw new BackupError(`${file} failed its integrity check: ${check}`);
    const hasMigrations = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (!hasMigrations) throw new BackupError(`${file} is not a Jindu database (it has no schema_migrations table)`);
    const ours = new Map(readMigrationFiles(migrationsDir).map((m) => [m.version, m]));
    const theirs = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as {
      version: number;
      name: string;
      checksum: string;
    }[];
    for (const m of theirs) {
      const mine = ours.get(m.version);
      if (!mine || mine.name !== m.name || mine.checksum !== m.checksum) {
        throw new BackupError(
          `${file} was made by another version of Jindu (its migration ${m.name} is not this version's); restore it with that version`,
        );
      }
    }
  } finally {
    db.close();
  }
}

/**
 * Restores `file` into the database at `dbPath`. The database as it was is first copied aside (online
 * backup), so a restore can itself be undone. The restored file then gets this version's pending
 * migrations and a new data-version epoch: caches and ETags made from the old file (the reports',
 * the browsers') are never taken for the restored data, whose version counter may repeat old values.
 */
export async function restoreDatabase(file: string, dbPath: string, migrationsDir: string): Promise<RestoreReport> {
  checkBackup(file, migrationsDir);
  let keptAs: string | null = null;
  if (fs.existsSync(dbPath)) {
    keptAs = `${dbPath}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}.bak`;
    await backupDatabase(dbPath, keptAs);
  } else {
    fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true, mode: 0o700 });
    fs.closeSync(fs.openSync(dbPath, 'a', 0o600));
  }
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(dbPath, { progress: () => PAGES_PER_STEP });
  } finally {
    source.close();
  }
  const db = openDatabase(dbPath);
  try {
    const { applied } = migrate(db, migrationsDir);
    db.prepare('UPDATE data_version SET epoch = lower(hex(randomblob(6))) WHERE id = 1').run();
    const check = integrity(db);
    if (check !== 'ok') throw new BackupError(`The restored database failed its integrity check: ${check}`);
    return { keptAs, migration: lastMigration(db), migrationsApplied: applied, counts: counts(db) };
  } finally {
    db.close();
  }
}

/**
 * A digest of the database's content: every row of every table in primary-key order. Two databases
 * with the same digest hold the same data. `data_version.epoch` (which tells copies apart on purpose)
 * and the migrations' `applied_at` times are left out.
 */
export function contentDigest(db: Db): string {
  const hash = createHash('sha256');
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  for (const { name } of tables) {
    const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[])
      .map((c) => c.name)
      .filter((c) => !(name === 'data_version' && c === 'epoch') && !(name === 'schema_migrations' && c === 'applied_at'));
    const quoted = columns.map((c) => `"${c}"`).join(', ');
    hash.update(`\u0000table ${name}\u0000`);
    // Ordered by every column: a deterministic order for tables with or without a rowid.
    for (const row of db.prepare(`SELECT ${quoted} FROM "${name}" ORDER BY ${quoted}`).raw().iterate()) {
      hash.update(JSON.stringify(row));
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}
