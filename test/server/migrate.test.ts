import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app.js';
import { openDatabase } from '../../server/src/db/connection.js';
import { MigrationError, migrate } from '../../server/src/db/migrate.js';
import { migrationsDir } from '../../server/src/paths.js';
import { tempDir } from '../helpers/db.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A private copy of the real migrations, so a test can change or remove one. */
function copyOfMigrations() {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const migrations = path.join(dir, 'migrations');
  fs.cpSync(migrationsDir, migrations, { recursive: true });
  return { dbPath: path.join(dir, 'jindu.db'), migrations };
}

describe('migrations', () => {
  it('apply in order on a fresh file, in WAL mode with foreign keys on, recording checksums', () => {
    const { dbPath, migrations } = copyOfMigrations();
    const db = openDatabase(dbPath);
    const { applied } = migrate(db, migrations);
    const files = fs.readdirSync(migrations).filter((f) => f.endsWith('.sql'));
    expect(applied).toEqual(files.sort());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const rows = db.prepare('SELECT name, checksum FROM schema_migrations ORDER BY version').all() as {
      name: string;
      checksum: string;
    }[];
    expect(rows.map((r) => r.name)).toEqual(files.sort());
    for (const r of rows) expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'regions',
        'plans',
        'indicators',
        'targets',
        'target_milestones',
        'observation_revisions',
        'audit_log',
      ]),
    );
    db.close();
  });

  it('re-applying is a no-op', () => {
    const { dbPath, migrations } = copyOfMigrations();
    const db = openDatabase(dbPath);
    migrate(db, migrations);
    const before = db.prepare('SELECT * FROM schema_migrations').all();
    expect(migrate(db, migrations).applied).toEqual([]);
    expect(db.prepare('SELECT * FROM schema_migrations').all()).toEqual(before);
    db.close();
  });

  it('refuses to start, naming the file, when an applied migration changed', async () => {
    const { dbPath, migrations } = copyOfMigrations();
    const db = openDatabase(dbPath);
    migrate(db, migrations);
    db.close();
    const file = path.join(migrations, '0001_initial_schema.sql');
    fs.appendFileSync(file, '\n-- an edit after the fact\n');
    await expect(buildApp({ dbPath, migrationsDir: migrations, seed: false })).rejects.toThrow(
      /0001_initial_schema\.sql has changed/,
    );
  });

  it('refuses to start when an applied migration disappeared', () => {
    const { dbPath, migrations } = copyOfMigrations();
    const db = openDatabase(dbPath);
    migrate(db, migrations);
    fs.rmSync(path.join(migrations, '0001_initial_schema.sql'));
    expect(() => migrate(db, migrations)).toThrow(MigrationError);
    expect(() => migrate(db, migrations)).toThrow(/0001_initial_schema\.sql is missing/);
    db.close();
  });

  it('applies a new migration after the applied ones, and rolls back a failing one whole', () => {
    const { dbPath, migrations } = copyOfMigrations();
    const db = openDatabase(dbPath);
    migrate(db, migrations);
    fs.writeFileSync(path.join(migrations, '0900_broken.sql'), 'CREATE TABLE half_done (x INTEGER);\nTHIS IS NOT SQL;');
    expect(() => migrate(db, migrations)).toThrow();
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
    fs.writeFileSync(path.join(migrations, '0900_broken.sql'), 'CREATE TABLE half_done (x INTEGER);');
    expect(migrate(db, migrations).applied).toEqual(['0900_broken.sql']);
    db.close();
  });

  it('rejects a file name that does not follow NNNN_<what>.sql', () => {
    const { dbPath, migrations } = copyOfMigrations();
    fs.writeFileSync(path.join(migrations, 'add-things.sql'), 'SELECT 1;');
    const db = openDatabase(dbPath);
    expect(() => migrate(db, migrations)).toThrow(/add-things\.sql/);
    db.close();
  });
});

describe('schema guarantees', () => {
  function migrated() {
    const db = openDatabase(':memory:');
    migrate(db, migrationsDir);
    db.prepare("INSERT INTO regions VALUES ('100000', '全国', 'China', 'country', NULL)").run();
    db.prepare(
      "INSERT INTO indicators (code, name_zh, name_en, unit, unit_en, direction, kind) VALUES ('rd_intensity', 'R&D', 'R&D', '%', '%', 'up', 'share')",
    ).run();
    return db;
  }
  const revision = `INSERT INTO observation_revisions (region_code, indicator_code, year, value, published, vintage, is_sample,
      source_title, entered_by, entered_at, origin) VALUES (?, ?, 2017, ?, ?, 'final', 0, 'test', 'test', '2026-01-01', 'seed')`;

  it('keeps observation revisions append-only', () => {
    const db = migrated();
    db.prepare(revision).run('100000', 'rd_intensity', 2.12, 1);
    expect(() => db.prepare('UPDATE observation_revisions SET value = 3').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM observation_revisions').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT value FROM observation_revisions').pluck().get()).toBe(2.12);
  });

  it('keeps the audit log append-only', () => {
    const db = migrated();
    db.prepare("INSERT INTO audit_log (at, actor, action, entity, origin) VALUES ('t', 'a', 'x', 'y', 'seed')").run();
    expect(() => db.prepare("UPDATE audit_log SET actor = 'someone else'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('enforces foreign keys and stores "not published" as null, never zero', () => {
    const db = migrated();
    expect(() => db.prepare(revision).run('999999', 'rd_intensity', 1, 1)).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare(revision).run('100000', 'rd_intensity', 0, 0)).toThrow(/CHECK/);
    db.prepare(revision).run('100000', 'rd_intensity', null, 0);
    expect(db.prepare('SELECT value, published FROM observations_current').get()).toEqual({ value: null, published: 0 });
  });

  it('derives the current value as the latest revision, with the revision count', () => {
    const db = migrated();
    db.prepare(revision).run('100000', 'rd_intensity', 2.12, 1);
    db.prepare(revision).run('100000', 'rd_intensity', 2.13, 1);
    const rows = db.prepare('SELECT value, revision_count FROM observations_current').all();
    expect(rows).toEqual([{ value: 2.13, revision_count: 2 }]);
  });
});
