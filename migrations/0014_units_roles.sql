-- migrate: foreign-keys-off
-- (The line above asks the runner to switch foreign-key enforcement off around this file, as SQLite's
-- 12-step table rebuild needs: with it on, DROP TABLE users would delete every session and region
-- assignment by ON DELETE CASCADE, and fail on the audit log's references. The runner checks
-- PRAGMA foreign_key_check before committing and switches enforcement back on.)
--
-- Units: the departments and governments a plan assigns its tasks to (牵头单位 / 责任单位), each of a
-- region; the forms the documents print (traditional 市科技局, 經信委) matched to one unit; the units
-- of each target. Two new roles: a unit's reporter (填报人) and a region's reviewer (审核人).

CREATE TABLE units (
  id          INTEGER PRIMARY KEY,
  region_code TEXT NOT NULL REFERENCES regions (code),
  name_zh     TEXT NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 100),
  name_en     TEXT NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
  kind        TEXT NOT NULL CHECK (kind IN ('department', 'government', 'committee', 'other')),
  UNIQUE (region_code, name_zh)
) STRICT;

-- The forms a document prints for a unit: 市科技局, 市科技局 (traditional), 经信委 for 市经信委.
CREATE TABLE unit_aliases (
  alias       TEXT NOT NULL CHECK (length(alias) BETWEEN 1 AND 100),
  region_code TEXT NOT NULL REFERENCES regions (code),
  unit_id     INTEGER NOT NULL REFERENCES units (id),
  PRIMARY KEY (region_code, alias)
) STRICT;
CREATE INDEX unit_aliases_unit ON unit_aliases (unit_id);

-- A target's lead units (牵头单位) and responsible units (责任单位), in the order printed, each with
-- the form printed (as_printed), so that the clause and the record can always be compared.
CREATE TABLE target_units (
  target_id  INTEGER NOT NULL REFERENCES targets (id),
  unit_id    INTEGER NOT NULL REFERENCES units (id),
  role       TEXT NOT NULL CHECK (role IN ('lead', 'responsible')),
  as_printed TEXT NOT NULL CHECK (length(as_printed) BETWEEN 1 AND 100),
  position   INTEGER NOT NULL CHECK (position >= 0),
  PRIMARY KEY (target_id, unit_id, role)
) STRICT;
CREATE INDEX target_units_unit ON target_units (unit_id, role);

-- Reports may print a target's units: a change to them is a change to what reports show.
CREATE TRIGGER data_version_target_units_insert AFTER INSERT ON target_units
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_target_units_delete AFTER DELETE ON target_units
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_units_update AFTER UPDATE ON units
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;

-- users, rebuilt for the wider role CHECK and the unit a reporter belongs to (SQLite cannot change a
-- CHECK in place). Same columns in the same order, plus unit_id; same trigger afterwards.
CREATE TABLE users_new (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 2 AND 64),
  display_name  TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  role          TEXT NOT NULL CHECK (role IN ('viewer', 'statistician', 'reporter', 'reviewer', 'admin')),
  -- scrypt from node:crypto, self-describing: scrypt$N$r$p$salt$hash (base64).
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  -- Demo accounts are created only by `npm start` in demo mode and are labelled as such everywhere.
  is_demo       INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  created_at    TEXT NOT NULL,
  password_changed_at TEXT NOT NULL,
  sign_in_unlocked_at TEXT,
  -- The unit a reporter enters figures for (填报单位); others may have one too (a reviewer's unit).
  unit_id       INTEGER REFERENCES units (id),
  CHECK (role <> 'reporter' OR unit_id IS NOT NULL)
) STRICT;

INSERT INTO users_new (id, name, display_name, role, password_hash, disabled, is_demo, created_at,
    password_changed_at, sign_in_unlocked_at, unit_id)
  SELECT id, name, display_name, role, password_hash, disabled, is_demo, created_at,
    password_changed_at, sign_in_unlocked_at, NULL
  FROM users;

DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE INDEX users_unit ON users (unit_id);

CREATE TRIGGER data_version_users_display_name AFTER UPDATE OF display_name ON users
WHEN OLD.display_name IS NOT NEW.display_name
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
