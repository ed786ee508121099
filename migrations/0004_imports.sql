-- Uploads of yearly figures: a preview first, written only when the statistician commits it.

CREATE TABLE imports (
  id             INTEGER PRIMARY KEY,
  user_id        INTEGER NOT NULL REFERENCES users (id),
  file_name      TEXT NOT NULL,
  sha256         TEXT NOT NULL,
  size_bytes     INTEGER NOT NULL,
  file_type      TEXT,
  encoding       TEXT,
  sheet          TEXT,
  layout         TEXT,
  default_vintage TEXT NOT NULL CHECK (default_vintage IN ('preliminary', 'final', 'revised')),
  default_source TEXT,
  status         TEXT NOT NULL CHECK (status IN ('preview', 'committed', 'discarded')),
  rows_read      INTEGER NOT NULL DEFAULT 0,
  -- counts by row status and issue severity, as JSON, for the history list
  summary_json   TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  decided_at     TEXT,
  decided_by     INTEGER REFERENCES users (id)
) STRICT;
CREATE INDEX imports_created ON imports (created_at);

-- The figures an upload would write, each compared with the current value.
CREATE TABLE import_rows (
  import_id      INTEGER NOT NULL REFERENCES imports (id),
  position       INTEGER NOT NULL,
  row            INTEGER NOT NULL,
  sheet          TEXT,
  column_name    TEXT,
  region_code    TEXT NOT NULL,
  indicator_code TEXT NOT NULL,
  year           INTEGER NOT NULL,
  value          REAL,
  raw_value      TEXT NOT NULL,
  vintage        TEXT NOT NULL,
  source_title   TEXT NOT NULL,
  source_url     TEXT,
  note           TEXT,
  conversion_json TEXT,
  status         TEXT NOT NULL CHECK (status IN ('new', 'changed', 'unchanged')),
  old_value      REAL,
  old_published  INTEGER,
  old_vintage    TEXT,
  warnings_json  TEXT,
  PRIMARY KEY (import_id, position)
) STRICT;
CREATE INDEX import_rows_status ON import_rows (import_id, status);

-- Errors and warnings found in an upload, with row and column; messages in both languages.
CREATE TABLE import_issues (
  import_id  INTEGER NOT NULL REFERENCES imports (id),
  position   INTEGER NOT NULL,
  row        INTEGER,
  column_name TEXT,
  sheet      TEXT,
  value      TEXT,
  severity   TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
  code       TEXT NOT NULL,
  message_zh TEXT NOT NULL,
  message_en TEXT NOT NULL,
  PRIMARY KEY (import_id, position)
) STRICT;

-- Which upload a figure came from; the audit log says it too.
ALTER TABLE observation_revisions ADD COLUMN import_id INTEGER REFERENCES imports (id);
ALTER TABLE audit_log ADD COLUMN import_id INTEGER REFERENCES imports (id);
