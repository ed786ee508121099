-- What a plan's series read needs, kept beside the pointer to the current revision: judging a plan
-- read ~210 current figures, each a primary-key search of observations_latest and then a rowid
-- search of observation_revisions for its value, vintage, kind and withdrawal. With those columns
-- here, in a table WITHOUT ROWID (clustered on its key), one search of one b-tree answers a figure.
--
-- The columns are copies of the current revision's, kept by the same trigger as the pointer (0017),
-- so every writer (upload, approval of a submission, revert, hand entry, seed, gen:national, on any
-- thread or process) keeps them right without knowing of them; observation_revisions stays
-- append-only (0001), so an insert is still the only event to follow. The table is made anew
-- rather than altered: SQLite cannot turn a rowid table into one WITHOUT ROWID.
DROP VIEW observations_current;
DROP TRIGGER observations_latest_insert;
ALTER TABLE observations_latest RENAME TO observations_latest_0017;

CREATE TABLE observations_latest (
  region_code    TEXT NOT NULL,
  indicator_code TEXT NOT NULL,
  year           INTEGER NOT NULL,
  revision_id    INTEGER NOT NULL REFERENCES observation_revisions (id),
  real_count     INTEGER NOT NULL,
  sample_count   INTEGER NOT NULL,
  -- Copies of the current revision's columns of the same names.
  value          REAL,
  vintage        TEXT NOT NULL,
  is_sample      INTEGER NOT NULL,
  withdrawn      INTEGER NOT NULL,
  PRIMARY KEY (region_code, indicator_code, year)
) STRICT, WITHOUT ROWID;

INSERT INTO observations_latest
  (region_code, indicator_code, year, revision_id, real_count, sample_count, value, vintage, is_sample, withdrawn)
SELECT l.region_code, l.indicator_code, l.year, l.revision_id, l.real_count, l.sample_count,
       r.value, r.vintage, r.is_sample, r.withdrawn
  FROM observations_latest_0017 l
  JOIN observation_revisions r ON r.id = l.revision_id
 ORDER BY l.region_code, l.indicator_code, l.year;

DROP TABLE observations_latest_0017;

-- As 0017's, with the copies taken from the revision that becomes current. In an upsert's SET every
-- right-hand side reads the row as it was, so each CASE compares with the old revision_id.
CREATE TRIGGER observations_latest_insert AFTER INSERT ON observation_revisions
BEGIN
  INSERT INTO observations_latest
    (region_code, indicator_code, year, revision_id, real_count, sample_count, value, vintage, is_sample, withdrawn)
  VALUES (NEW.region_code, NEW.indicator_code, NEW.year, NEW.id, NEW.is_sample = 0, NEW.is_sample = 1,
          NEW.value, NEW.vintage, NEW.is_sample, NEW.withdrawn)
  ON CONFLICT (region_code, indicator_code, year) DO UPDATE SET
    revision_id = max(revision_id, excluded.revision_id),
    real_count = real_count + excluded.real_count,
    sample_count = sample_count + excluded.sample_count,
    value = CASE WHEN excluded.revision_id > revision_id THEN excluded.value ELSE value END,
    vintage = CASE WHEN excluded.revision_id > revision_id THEN excluded.vintage ELSE vintage END,
    is_sample = CASE WHEN excluded.revision_id > revision_id THEN excluded.is_sample ELSE is_sample END,
    withdrawn = CASE WHEN excluded.revision_id > revision_id THEN excluded.withdrawn ELSE withdrawn END;
END;

-- Unchanged from 0017.
CREATE VIEW observations_current AS
SELECT r.*, l.real_count + l.sample_count AS revision_count
  FROM observations_latest l
  JOIN observation_revisions r ON r.id = l.revision_id
 WHERE r.withdrawn = 0;
