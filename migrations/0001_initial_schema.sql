-- Jindu initial schema: regions, source documents, plans, indicators, targets with milestones,
-- append-only observation revisions and an append-only audit log.
-- Words are the domain's own (target, observation, vintage); see ../shared/domain.md.

CREATE TABLE regions (
  code        TEXT PRIMARY KEY CHECK (length(code) = 6 AND code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
  name_zh     TEXT NOT NULL,
  name_en     TEXT NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('country', 'province', 'prefecture', 'county')),
  parent_code TEXT REFERENCES regions (code)
) STRICT;
CREATE INDEX regions_parent ON regions (parent_code);

-- The documents that plans and figures are read from: kept as found, so a clause can be checked
-- against its source at any time.
CREATE TABLE source_documents (
  id         INTEGER PRIMARY KEY,
  file_name  TEXT NOT NULL UNIQUE,
  title      TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  body       TEXT NOT NULL
) STRICT;

CREATE TABLE plans (
  id                 INTEGER PRIMARY KEY,
  slug               TEXT NOT NULL UNIQUE,
  kind               TEXT NOT NULL CHECK (kind IN ('action_plan', 'implementation_opinion', 'work_plan', 'work_summary')),
  title_zh           TEXT NOT NULL,
  title_en           TEXT NOT NULL,
  doc_number         TEXT,
  issuer_zh          TEXT NOT NULL,
  issuer_en          TEXT NOT NULL,
  issue_date         TEXT CHECK (issue_date IS NULL OR issue_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  -- Null when the document masks its years (the Shangyu report prints "xxxx年").
  period_start       INTEGER,
  period_end         INTEGER,
  status             TEXT NOT NULL CHECK (status IN ('in_force', 'expired', 'unknown')),
  status_note        TEXT,
  region_code        TEXT NOT NULL REFERENCES regions (code),
  source_document_id INTEGER NOT NULL REFERENCES source_documents (id),
  note               TEXT,
  CHECK (period_start IS NULL OR period_end IS NULL OR period_start <= period_end)
) STRICT;
CREATE INDEX plans_region ON plans (region_code);

CREATE TABLE indicators (
  code      TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
  name_zh   TEXT NOT NULL,
  name_en   TEXT NOT NULL,
  unit      TEXT NOT NULL,
  unit_en   TEXT NOT NULL,
  -- Required, never defaulted: Open SDG's silent "lower is better" default is a known trap.
  direction TEXT NOT NULL CHECK (direction IN ('up', 'down', 'band')),
  kind      TEXT NOT NULL CHECK (kind IN ('stock', 'flow', 'share', 'money')),
  note      TEXT
) STRICT;

CREATE TABLE targets (
  id                    INTEGER PRIMARY KEY,
  plan_id               INTEGER NOT NULL REFERENCES plans (id),
  key                   TEXT NOT NULL,
  position              INTEGER NOT NULL,
  region_code           TEXT NOT NULL REFERENCES regions (code),
  indicator_code        TEXT NOT NULL REFERENCES indicators (code),
  type                  TEXT NOT NULL CHECK (type IN ('level', 'share', 'annual_growth', 'per_year', 'cumulative', 'range', 'benchmark', 'milestone')),
  comparator            TEXT NOT NULL CHECK (comparator IN ('at_least', 'at_most', 'about', 'exactly')),
  value                 REAL,
  -- The value as the page renders it, where that differs from the reading in `value`: the Lüliang
  -- plan's web copy has a private-use glyph (U+E010) where decimal points were, so "2.5%" renders
  -- as "25%". Kept so the reading can be checked and flagged, never silently replaced.
  value_as_printed      REAL,
  value_min             REAL,
  value_max             REAL,
  value_unknown         INTEGER NOT NULL DEFAULT 0 CHECK (value_unknown IN (0, 1)),
  target_year           INTEGER,
  base_year             INTEGER,
  base_value            REAL,
  benchmark_region_code TEXT REFERENCES regions (code),
  -- 约束性 / 预期性 is a property of an indicator within a plan, so it lives on the target;
  -- null where the plan does not say.
  commitment            TEXT CHECK (commitment IS NULL OR commitment IN ('binding', 'expected')),
  clause                TEXT NOT NULL CHECK (length(clause) > 0),
  note                  TEXT,
  UNIQUE (plan_id, key),
  CHECK (value_unknown = 0 OR (value IS NULL AND value_min IS NULL AND value_max IS NULL)),
  CHECK (target_year IS NOT NULL OR value_unknown = 1),
  CHECK (type <> 'range' OR value_unknown = 1 OR (value_min IS NOT NULL AND value_max IS NOT NULL AND value_min <= value_max)),
  CHECK (type <> 'benchmark' OR benchmark_region_code IS NOT NULL),
  CHECK (type IN ('range', 'benchmark', 'milestone') OR value_unknown = 1 OR value IS NOT NULL),
  CHECK ((base_year IS NULL) = (base_value IS NULL))
) STRICT;
CREATE INDEX targets_plan ON targets (plan_id, position);
CREATE INDEX targets_region_indicator ON targets (region_code, indicator_code);

CREATE TABLE target_milestones (
  target_id INTEGER NOT NULL REFERENCES targets (id),
  year      INTEGER NOT NULL,
  value     REAL,
  clause    TEXT NOT NULL CHECK (length(clause) > 0),
  PRIMARY KEY (target_id, year)
) STRICT;

-- Observations are append-only revisions: a new figure for the same region, indicator and year is a
-- new row, and the current value is the latest row (highest id). Nothing is ever updated or deleted.
CREATE TABLE observation_revisions (
  id             INTEGER PRIMARY KEY,
  region_code    TEXT NOT NULL REFERENCES regions (code),
  indicator_code TEXT NOT NULL REFERENCES indicators (code),
  year           INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  -- Null with published = 0 for figures printed as "—", "…", "x": not published, never zero.
  value          REAL,
  published      INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),
  vintage        TEXT NOT NULL CHECK (vintage IN ('preliminary', 'final', 'revised')),
  is_sample      INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
  source_title   TEXT NOT NULL,
  source_url     TEXT,
  quote          TEXT,
  note           TEXT,
  entered_by     TEXT NOT NULL,
  entered_at     TEXT NOT NULL,
  origin         TEXT NOT NULL CHECK (origin IN ('seed', 'form', 'upload', 'api')),
  CHECK ((published = 1 AND value IS NOT NULL) OR (published = 0 AND value IS NULL))
) STRICT;
-- Serves "current value per year for one region and indicator" and "latest revision" lookups at
-- national scale (about 2.7 million rows): the key columns first, id last for max(id).
CREATE INDEX observation_revisions_key ON observation_revisions (region_code, indicator_code, year, id);
-- Serves cross-region comparisons of one indicator.
CREATE INDEX observation_revisions_indicator ON observation_revisions (indicator_code, year, region_code);

CREATE TRIGGER observation_revisions_no_update BEFORE UPDATE ON observation_revisions
BEGIN
  SELECT RAISE(ABORT, 'observation_revisions is append-only: add a new revision instead');
END;
CREATE TRIGGER observation_revisions_no_delete BEFORE DELETE ON observation_revisions
BEGIN
  SELECT RAISE(ABORT, 'observation_revisions is append-only: add a new revision instead');
END;

CREATE VIEW observations_current AS
SELECT r.*,
       (SELECT count(*) FROM observation_revisions c
         WHERE c.region_code = r.region_code AND c.indicator_code = r.indicator_code AND c.year = r.year) AS revision_count
  FROM observation_revisions r
 WHERE r.id = (SELECT max(l.id) FROM observation_revisions l
                WHERE l.region_code = r.region_code AND l.indicator_code = r.indicator_code AND l.year = r.year);

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   TEXT,
  before_json TEXT,
  after_json  TEXT,
  origin      TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
