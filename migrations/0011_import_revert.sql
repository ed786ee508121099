-- A committed upload can be reverted: every figure it wrote goes back to what it was before, as new
-- revisions (nothing leaves the history). A figure the upload created has nothing to go back to, so it
-- is withdrawn: a revision that says the figure is no longer current.

-- A withdrawal: value NULL and not published, like "—", but it is not a figure at all. Readers of
-- current values treat a year whose latest revision is a withdrawal as having no figure (not "not
-- published", never zero); the history shows it as a withdrawal.
ALTER TABLE observation_revisions ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0
  CHECK (withdrawn IN (0, 1) AND (withdrawn = 0 OR (value IS NULL AND published = 0)));
-- The earlier revision whose figure this one restores (a restore by hand, or a revert).
ALTER TABLE observation_revisions ADD COLUMN restored_from_id INTEGER REFERENCES observation_revisions (id);
-- The upload whose revert wrote this revision (import_id stays the upload a figure came from).
ALTER TABLE observation_revisions ADD COLUMN reverted_import_id INTEGER REFERENCES imports (id);

-- The figures an upload wrote, found without reading every revision.
CREATE INDEX observation_revisions_import ON observation_revisions (import_id) WHERE import_id IS NOT NULL;

-- imports.status says what became of the preview (committed stays committed: it was). A revert is a
-- later decision about a committed upload, recorded beside it; the API shows such an upload's status
-- as `reverted`. (The status column's CHECK cannot grow a value without rebuilding the table, which
-- other tables reference.)
ALTER TABLE imports ADD COLUMN reverted_at TEXT;
ALTER TABLE imports ADD COLUMN reverted_by INTEGER REFERENCES users (id);
-- Counts of the revert (restored, withdrawn, left alone, unchanged), as JSON, for the history list.
ALTER TABLE imports ADD COLUMN revert_summary_json TEXT;

-- The current figure of a year is its latest revision, unless that revision is a withdrawal.
DROP VIEW observations_current;
CREATE VIEW observations_current AS
SELECT r.*,
       (SELECT count(*) FROM observation_revisions c
         WHERE c.region_code = r.region_code AND c.indicator_code = r.indicator_code AND c.year = r.year) AS revision_count
  FROM observation_revisions r
 WHERE r.id = (SELECT max(l.id) FROM observation_revisions l
                WHERE l.region_code = r.region_code AND l.indicator_code = r.indicator_code AND l.year = r.year)
   AND r.withdrawn = 0;
