import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './connection.js';

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
  /** The file starts with `-- migrate: foreign-keys-off`: a table rebuild (see withForeignKeysOff). */
  foreignKeysOff: boolean;
}

const FOREIGN_KEYS_OFF = /^-- migrate: foreign-keys-off\r?\n/;

const FILE_PATTERN = /^(\d{4})_[a-z0-9_]+\.sql$/;

export function readMigrationFiles(dir: string): MigrationFile[] {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.sql'));
  const migrations = files.map((name) => {
    const match = FILE_PATTERN.exec(name);
    if (!match) throw new MigrationError(`Migration file name "${name}" does not match NNNN_<what>.sql`);
    const sql = fs.readFileSync(path.join(dir, name), 'utf8');
    return { version: Number(match[1]), name, sql, checksum: sha256(sql), foreignKeysOff: FOREIGN_KEYS_OFF.test(sql) };
  });
  migrations.sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]?.version === migrations[i - 1]?.version) {
      throw new MigrationError(
        `Two migration files share version ${migrations[i]?.version}: ${migrations[i - 1]?.name}, ${migrations[i]?.name}`,
      );
    }
  }
  return migrations;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Applies the forward-only migrations in `dir` that are not yet applied, each in its own
 * transaction, and records them with their checksum. Refuses (throws, naming the file) when an
 * applied migration's file has changed or disappeared: the database would no longer match the code.
 */
export function migrate(db: Db, dir: string): { applied: string[] } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const files = readMigrationFiles(dir);
  const byVersion = new Map(files.map((f) => [f.version, f]));
  const appliedRows = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
    checksum: string;
  }[];

  for (const row of appliedRows) {
    const file = byVersion.get(row.version);
    if (!file || file.name !== row.name) {
      throw new MigrationError(`Applied migration ${row.name} is missing from ${dir}; refusing to start`);
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(
        `Applied migration ${row.name} has changed since it was applied (checksum differs); refusing to start. Add a new migration instead of editing an applied one.`,
      );
    }
  }

  const appliedVersions = new Set(appliedRows.map((r) => r.version));
  const applied: string[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const file of files) {
    if (appliedVersions.has(file.version)) continue;
    const apply = db.transaction(() => {
      db.exec(file.sql);
      if (file.foreignKeysOff) {
        // The rebuild must leave every reference whole: checked before the transaction commits.
        const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
        if (broken.length > 0) {
          const first = broken[0] as { table: string; parent: string };
          throw new MigrationError(
            `Migration ${file.name} leaves ${broken.length} broken foreign keys (first: ${first.table} → ${first.parent})`,
          );
        }
      }
      record.run(file.version, file.name, file.checksum, new Date().toISOString());
    });
    if (!file.foreignKeysOff) apply();
    else withForeignKeysOff(db, apply);
    applied.push(file.name);
  }
  return { applied };
}

/**
 * SQLite's table rebuild (https://sqlite.org/lang_altertable.html#otheralter) needs foreign-key
 * enforcement off, and the pragma is a no-op inside a transaction: so it is switched off here,
 * around the migration's transaction, and back on whatever happens.
 */
function withForeignKeysOff(db: Db, run: () => void): void {
  const before = db.pragma('foreign_keys', { simple: true });
  db.pragma('foreign_keys = OFF');
  try {
    run();
  } finally {
    db.pragma(`foreign_keys = ${before ? 'ON' : 'OFF'}`);
  }
}
