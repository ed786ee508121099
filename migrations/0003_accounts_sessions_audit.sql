-- Accounts, roles, sessions and login attempts; audit entries searchable by region and indicator.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 2 AND 64),
  display_name  TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  role          TEXT NOT NULL CHECK (role IN ('viewer', 'statistician', 'admin')),
  -- scrypt from node:crypto, self-describing: scrypt$N$r$p$salt$hash (base64).
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  -- Demo accounts are created only by `npm start` in demo mode and are labelled as such everywhere.
  is_demo       INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  created_at    TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
) STRICT;

-- The regions a statistician may enter and revise figures for.
CREATE TABLE user_regions (
  user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  region_code TEXT NOT NULL REFERENCES regions (code),
  PRIMARY KEY (user_id, region_code)
) STRICT;

-- Only a hash of the session token is stored: a copy of the database does not hand out sessions.
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE login_attempts (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL COLLATE NOCASE,
  address TEXT NOT NULL,
  at      TEXT NOT NULL,
  success INTEGER NOT NULL CHECK (success IN (0, 1))
) STRICT;
CREATE INDEX login_attempts_name ON login_attempts (name, at);
CREATE INDEX login_attempts_address ON login_attempts (address, at);

ALTER TABLE audit_log ADD COLUMN user_id INTEGER REFERENCES users (id);
ALTER TABLE audit_log ADD COLUMN region_code TEXT;
ALTER TABLE audit_log ADD COLUMN indicator_code TEXT;
CREATE INDEX audit_log_user ON audit_log (user_id, at);
CREATE INDEX audit_log_region ON audit_log (region_code, indicator_code, at);

-- Figures entered through the API name who entered them.
ALTER TABLE observation_revisions ADD COLUMN entered_by_user_id INTEGER REFERENCES users (id);
