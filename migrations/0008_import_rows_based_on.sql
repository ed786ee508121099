-- A preview may be committed only while the figures it was compared with are still the current ones.
-- Each staged row keeps the id of the revision that was current for its region × indicator × year
-- when the preview was made (NULL: there was none); the commit compares it with the current one.

ALTER TABLE import_rows ADD COLUMN based_on_revision_id INTEGER REFERENCES observation_revisions (id);

-- Previews made before: the revision current when each was made is the last one entered up to then
-- (ISO-8601 times compare as text), as 0006 did for the sample flag. A figure revised after such a
-- preview therefore makes it stale, as it would a new one.
UPDATE import_rows
   SET based_on_revision_id = (
         SELECT o.id FROM observation_revisions o
          WHERE o.region_code = import_rows.region_code
            AND o.indicator_code = import_rows.indicator_code
            AND o.year = import_rows.year
            AND o.entered_at <= (SELECT i.created_at FROM imports i WHERE i.id = import_rows.import_id)
          ORDER BY o.id DESC LIMIT 1);
