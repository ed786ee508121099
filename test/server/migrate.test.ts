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

  it('0006 flags the stored previews that replace a sample figure, as the figures stood when each was made', () => {
    const { dbPath, migrations } = copyOfMigrations();
    const later = path.join(migrations, '..', 'later');
    fs.mkdirSync(later);
    for (const f of fs.readdirSync(migrations).filter((f) => f >= '0006'))
      fs.renameSync(path.join(migrations, f), path.join(later, f));
    const db = openDatabase(dbPath);
    migrate(db, migrations);
    db.prepare("INSERT INTO regions VALUES ('141100', '吕梁市', 'Lüliang', 'prefecture', NULL)").run();
    db.prepare(
      "INSERT INTO indicators (code, name_zh, name_en, unit, unit_en, direction, kind) VALUES ('high_tech_firms', '高新技术企业数', 'High-tech firms', '家', 'firms', 'up', 'stock')",
    ).run();
    db.prepare(
      "INSERT INTO users (name, display_name, role, password_hash, created_at, password_changed_at) VALUES ('lv', 'lv', 'statistician', 'x', 't', 't')",
    ).run();
    const revision = db.prepare(`INSERT INTO observation_revisions (region_code, indicator_code, year, value, vintage, is_sample,
        source_title, entered_by, entered_at, origin) VALUES ('141100', 'high_tech_firms', ?, ?, 'final', ?, 's', 'seed', ?, 'seed')`);
    revision.run(2015, 17, 1, '2026-01-01T00:00:00Z'); // a sample figure…
    revision.run(2016, 21, 1, '2026-01-01T00:00:00Z');
    revision.run(2016, 22, 0, '2026-03-01T00:00:00Z'); // …replaced by a real one after the preview
    revision.run(2017, 26, 0, '2026-01-01T00:00:00Z'); // a real figure
    const summary = { rowsRead: 4, new: 1, changed: 3, unchanged: 0, errors: 0, warnings: 0 };
    db.prepare(
      `INSERT INTO imports (id, user_id, file_name, sha256, size_bytes, default_vintage, status, summary_json, created_at)
       VALUES (1, 1, 'a.csv', 'x', 1, 'final', 'preview', ?, '2026-02-01T00:00:00Z')`,
    ).run(JSON.stringify(summary));
    const row =
      db.prepare(`INSERT INTO import_rows (import_id, position, row, region_code, indicator_code, year, value, raw_value,
        vintage, source_title, status, old_value, old_published, old_vintage) VALUES (1, ?, ?, '141100', 'high_tech_firms', ?, ?, '', 'final', 's', ?, ?, ?, ?)`);
    row.run(0, 2, 2015, 18, 'changed', 17, 1, 'final');
    row.run(1, 3, 2016, 23, 'changed', 21, 1, 'final');
    row.run(2, 4, 2017, 27, 'changed', 26, 1, 'final');
    row.run(3, 5, 2018, 30, 'new', null, null, null);
    for (const f of fs.readdirSync(later)) fs.renameSync(path.join(later, f), path.join(migrations, f));
    expect(migrate(db, migrations).applied).toContain('0006_import_rows_old_sample.sql');
    expect(db.prepare('SELECT year, old_sample FROM import_rows ORDER BY position').all()).toEqual([
      { year: 2015, old_sample: 1 },
      { year: 2016, old_sample: 1 },
      { year: 2017, old_sample: 0 },
      { year: 2018, old_sample: null },
    ]);
    const stored = JSON.parse(db.prepare('SELECT summary_json FROM imports WHERE id = 1').pluck().get() as string);
    expect(stored).toEqual({ ...summary, replacesSample: 2 });
    db.close();
  });

  it('0013 keeps the English notes of a database seeded before, under their English names, the Chinese ones empty', () => {
    const { dbPath, migrations } = copyOfMigrations();
    const later = path.join(migrations, '..', 'later');
    fs.mkdirSync(later);
    for (const f of fs.readdirSync(migrations).filter((f) => f >= '0013'))
      fs.renameSync(path.join(migrations, f), path.join(later, f));
    const db = openDatabase(dbPath);
    migrate(db, migrations);
    db.prepare("INSERT INTO regions VALUES ('141100', '吕梁市', 'Lüliang', 'prefecture', NULL)").run();
    db.prepare(
      "INSERT INTO indicators (code, name_zh, name_en, unit, unit_en, direction, kind) VALUES ('rd_intensity', 'R&D经费投入强度', 'R&D intensity', '%', '%', 'up', 'share')",
    ).run();
    db.prepare(
      "INSERT INTO source_documents (file_name, title, sha256, body) VALUES ('a.txt', 't', 'x', '到2020年达到2.5%')",
    ).run();
    db.prepare(
      `INSERT INTO plans (slug, kind, title_zh, title_en, issuer_zh, issuer_en, status, status_note, region_code, source_document_id, note)
       VALUES ('p', 'action_plan', '规划', 'Plan', '市政府', 'City', 'expired', 'The period has ended.', '141100', 1, 'A plan note.')`,
    ).run();
    db.prepare(
      `INSERT INTO targets (plan_id, key, position, region_code, indicator_code, type, comparator, value, target_year, clause, note)
       VALUES (1, 'k', 0, '141100', 'rd_intensity', 'share', 'at_least', 2.5, 2020, '到2020年达到2.5%', 'A target note.')`,
    ).run();
    for (const f of fs.readdirSync(later)) fs.renameSync(path.join(later, f), path.join(migrations, f));
    expect(migrate(db, migrations).applied).toContain('0013_notes_in_both_languages.sql');
    expect(db.prepare('SELECT status_note_zh, status_note_en, note_zh, note_en FROM plans').get()).toEqual({
      status_note_zh: null,
      status_note_en: 'The period has ended.',
      note_zh: null,
      note_en: 'A plan note.',
    });
    expect(db.prepare('SELECT note_zh, note_en FROM targets').get()).toEqual({ note_zh: null, note_en: 'A target note.' });
    db.close();
  });

  it('0014 rebuilds users for the new roles and keeps every account, session, region and reference to it', () => {
    const { dbPath, migrations } = copyOfMigrations();
    const later = path.join(migrations, '..', 'later');
    fs.mkdirSync(later);
    for (const f of fs.readdirSync(migrations).filter((f) => f >= '0014'))
      fs.renameSync(path.join(migrations, f), path.join(later, f));
    const db = openDatabase(dbPath);
    migrate(db, migrations);
    db.prepare("INSERT INTO regions VALUES ('141100', '吕梁市', 'Lüliang', 'prefecture', NULL)").run();
    db.prepare(
      "INSERT INTO indicators (code, name_zh, name_en, unit, unit_en, direction, kind) VALUES ('high_tech_firms', '高新技术企业数', 'High-tech firms', '家', 'firms', 'up', 'stock')",
    ).run();
    const user = db.prepare(
      `INSERT INTO users (name, display_name, role, password_hash, disabled, is_demo, created_at, password_changed_at, sign_in_unlocked_at)
       VALUES (?, ?, ?, 'scrypt$x', ?, 0, '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', ?)`,
    );
    user.run('lv', '吕梁统计员', 'statistician', 0, '2026-01-03T00:00:00Z');
    user.run('boss', '管理员', 'admin', 0, null);
    user.run('old', '停用', 'viewer', 1, null);
    db.prepare("INSERT INTO user_regions VALUES (1, '141100')").run();
    db.prepare(
      "INSERT INTO sessions VALUES ('hash-1', 1, 'csrf-1', '2026-01-01T00:00:00Z', '2099-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    ).run();
    db.prepare(
      "INSERT INTO sessions VALUES ('hash-2', 2, 'csrf-2', '2026-01-01T00:00:00Z', '2099-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    ).run();
    db.prepare(
      "INSERT INTO audit_log (at, actor, action, entity, origin, user_id) VALUES ('2026-01-01T00:00:00Z', 'boss', 'user.create', 'user', 'form', 2)",
    ).run();
    db.prepare(`INSERT INTO observation_revisions (region_code, indicator_code, year, value, vintage, is_sample,
        source_title, entered_by, entered_at, origin, entered_by_user_id)
        VALUES ('141100', 'high_tech_firms', 2021, 84, 'final', 0, 's', 'lv', '2026-01-01T00:00:00Z', 'form', 1)`).run();
    const usersBefore = db.prepare('SELECT * FROM users ORDER BY id').all();
    const dataVersion = db.prepare('SELECT version FROM data_version').pluck();

    for (const f of fs.readdirSync(later)) fs.renameSync(path.join(later, f), path.join(migrations, f));
    expect(migrate(db, migrations).applied).toContain('0014_units_roles.sql');

    // Every account as it was, with no unit; their sessions and regions still there (no cascade ran).
    expect(db.prepare('SELECT * FROM users ORDER BY id').all()).toEqual(
      (usersBefore as Record<string, unknown>[]).map((u) => ({ ...u, unit_id: null })),
    );
    expect(db.prepare('SELECT token_hash FROM sessions ORDER BY token_hash').pluck().all()).toEqual(['hash-1', 'hash-2']);
    expect(db.prepare('SELECT user_id, region_code FROM user_regions').all()).toEqual([{ user_id: 1, region_code: '141100' }]);
    expect(db.prepare('SELECT entered_by_user_id FROM observation_revisions').pluck().get()).toBe(1);
    // Enforcement is back on, and nothing points nowhere.
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // The references still name users (not a renamed copy), and deleting an account still ends its sessions.
    const refs = db.prepare("SELECT sql FROM sqlite_master WHERE name IN ('sessions', 'user_regions', 'comments')").pluck().all();
    for (const sql of refs as string[]) {
      expect(sql).toMatch(/REFERENCES "?users"? ?\(id\)/);
      expect(sql).not.toMatch(/users_new/);
    }
    db.prepare(
      "INSERT INTO sessions VALUES ('hash-3', 3, 'csrf-3', '2026-01-01T00:00:00Z', '2099-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    ).run();
    db.prepare('DELETE FROM users WHERE id = 3').run();
    expect(db.prepare('SELECT count(*) FROM sessions WHERE user_id = 3').pluck().get()).toBe(0);

    // The new roles, and a reporter only with a unit.
    db.prepare(
      "INSERT INTO units (region_code, name_zh, name_en, kind) VALUES ('141100', '市科技局', 'Municipal S&T Bureau', 'department')",
    ).run();
    user.run('reviewer', '审核人', 'reviewer', 0, null);
    expect(() => user.run('reporter', '填报人', 'reporter', 0, null)).toThrow(/CHECK/);
    db.prepare(
      "INSERT INTO users (name, display_name, role, unit_id, password_hash, created_at, password_changed_at) VALUES ('rep', '填报人', 'reporter', 1, 'x', 't', 't')",
    ).run();
    expect(() => db.prepare("UPDATE users SET role = 'superuser' WHERE name = 'rep'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE users SET unit_id = 99 WHERE name = 'rep'").run()).toThrow(/FOREIGN KEY/);
    // The display-name trigger came back with the table.
    const version = dataVersion.get() as number;
    db.prepare("UPDATE users SET display_name = '吕梁统计员(新)' WHERE name = 'lv'").run();
    expect(dataVersion.get()).toBe(version + 1);
    db.close();
  });

  it('a rebuild that would leave a broken reference is rolled back whole, with foreign keys back on', () => {
    const { dbPath, migrations } = copyOfMigrations();
    const db = openDatabase(dbPath);
    migrate(db, migrations);
    db.prepare("INSERT INTO regions VALUES ('141100', '吕梁市', 'Lüliang', 'prefecture', NULL)").run();
    fs.writeFileSync(
      path.join(migrations, '0900_bad_rebuild.sql'),
      "-- migrate: foreign-keys-off\nCREATE TABLE broken (code TEXT REFERENCES regions (code));\nINSERT INTO broken VALUES ('999999');\n",
    );
    expect(() => migrate(db, migrations)).toThrow(/0900_bad_rebuild\.sql leaves 1 broken foreign keys/);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'broken'").pluck().get()).toBe(0);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
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
