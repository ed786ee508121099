-- The current revision of each figure (region, indicator, year), kept as a table rather than found
-- by a max(id) per figure: reads of current values then cost the same however many revisions a
-- figure has had (an upload of 80,000 revisions made every read of the old view 3.3 times slower).
--
-- Kept by a trigger on observation_revisions, not by the code that writes: every writer, present or
-- future (a form, an upload, a revert, an approved submission, a fix by hand in sqlite3), keeps it
-- right, and observation_revisions stays the one place a figure's value is written. Revisions are
-- append-only (0001), so an insert is the only event to follow.
--
-- The counts are of revisions of each kind (sample or real): a figure's revision count is of the
-- versions of its current kind (a real figure that replaced samples is a first publication).
CREATE TABLE observations_latest (
  region_code    TEXT NOT NULL,
  indicator_code TEXT NOT NULL,
  year           INTEGER NOT NULL,
  revision_id    INTEGER NOT NULL REFERENCES observation_revisions (id),
  real_count     INTEGER NOT NULL,
  sample_count   INTEGER NOT NULL,
  PRIMARY KEY (region_code, indicator_code, year)
) STRICT;

INSERT INTO observations_latest (region_code, indicator_code, year, revision_id, real_count, sample_count)
SELECT region_code, indicator_code, year, max(id), sum(is_sample = 0), sum(is_sample = 1)
  FROM observation_revisions GROUP BY region_code, indicator_code, year;

-- max(): ids only grow, but a revision inserted with an explicit smaller id must not become current.
CREATE TRIGGER observations_latest_insert AFTER INSERT ON observation_revisions
BEGIN
  INSERT INTO observations_latest (region_code, indicator_code, year, revision_id, real_count, sample_count)
  VALUES (NEW.region_code, NEW.indicator_code, NEW.year, NEW.id, NEW.is_sample = 0, NEW.is_sample = 1)
  ON CONFLICT (region_code, indicator_code, year) DO UPDATE SET
    revision_id = max(revision_id, excluded.revision_id),
    real_count = real_count + excluded.real_count,
    sample_count = sample_count + excluded.sample_count;
END;

-- The view keeps its columns (every revision column, then revision_count), read through the table.
DROP VIEW observations_current;
CREATE VIEW observations_current AS
SELECT r.*, l.real_count + l.sample_count AS revision_count
  FROM observations_latest l
  JOIN observation_revisions r ON r.id = l.revision_id
 WHERE r.withdrawn = 0;
