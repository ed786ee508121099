-- Review before publication (填报 → 审核 → 发布). With review on (settings.review_required = '1'),
-- a committed upload, an entry-grid save or one figure entered by hand becomes figure submissions,
-- pending until a reviewer of the region approves or returns them. observation_revisions stays
-- append-only and holds only published figures, so everything that reads it (progress, leaders'
-- pages, reports, the data version) keeps showing published figures only, unchanged.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
-- Off for an existing database: its figures were published directly until now, and an installation
-- that wants review switches it on (the demo does at start).
INSERT INTO settings (key, value) VALUES ('review_required', '0');

CREATE TABLE figure_submissions (
  id              INTEGER PRIMARY KEY,
  region_code     TEXT NOT NULL REFERENCES regions (code),
  indicator_code  TEXT NOT NULL REFERENCES indicators (code),
  year            INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  -- As a revision: null with published = 0 for a figure printed as "—" (not published, never zero).
  value           REAL,
  published       INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),
  vintage         TEXT NOT NULL CHECK (vintage IN ('preliminary', 'final', 'revised')),
  is_sample       INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
  source_title    TEXT NOT NULL,
  source_url      TEXT,
  quote           TEXT,
  note            TEXT,
  -- 情况说明: the reporter's explanation of a figure the checks flagged (required then).
  explanation     TEXT,
  -- The 审核规则 findings at submission: [{ "code", "severity", "message": { "zh", "en" } }, …].
  checks_json     TEXT NOT NULL DEFAULT '[]',
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'returned', 'withdrawn')),
  submitted_by    TEXT NOT NULL,
  submitted_by_id INTEGER REFERENCES users (id),
  submitted_at    TEXT NOT NULL,
  -- The upload (or entry-grid save, which is an upload too) it came from; null for one figure by hand.
  import_id       INTEGER REFERENCES imports (id),
  -- One submission: every figure of one upload, one grid save or one figure by hand.
  batch_id        TEXT NOT NULL,
  decided_by      TEXT,
  decided_by_id   INTEGER REFERENCES users (id),
  decided_at      TEXT,
  decision_reason TEXT,
  -- The revision an approval wrote.
  revision_id     INTEGER REFERENCES observation_revisions (id),
  -- A resubmission names the returned submission it replaces.
  replaces_id     INTEGER REFERENCES figure_submissions (id),
  CHECK ((published = 1 AND value IS NOT NULL) OR (published = 0 AND value IS NULL)),
  CHECK (state <> 'approved' OR revision_id IS NOT NULL),
  CHECK (state <> 'returned' OR (decision_reason IS NOT NULL AND length(decision_reason) > 0))
) STRICT;
CREATE INDEX figure_submissions_figure ON figure_submissions (region_code, indicator_code, year, state);
CREATE INDEX figure_submissions_state ON figure_submissions (state, region_code);
CREATE INDEX figure_submissions_batch ON figure_submissions (batch_id);
CREATE INDEX figure_submissions_submitter ON figure_submissions (submitted_by_id, state);

-- Who supplied and who approved a published figure. Null approved_by: published directly (review off,
-- the seed, a restore or revert); submitted_by is then entered_by.
ALTER TABLE observation_revisions ADD COLUMN submitted_by TEXT;
ALTER TABLE observation_revisions ADD COLUMN approved_by TEXT;
