-- A preview says when a figure would replace a sample figure (示例数据): the current figure's sample
-- flag is kept beside its value, and the preview's counts say how many rows replace one.

ALTER TABLE import_rows ADD COLUMN old_sample INTEGER CHECK (old_sample IN (0, 1));

-- Previews made before: the figure that was current when the preview was made is the last revision
-- entered up to then (ISO-8601 times compare as text). Such a preview may hold an `unchanged` row
-- over a sample figure (the rule that sample → real is a change came with this migration); it is
-- flagged but not counted, and committing that preview does not write it.
UPDATE import_rows
   SET old_sample = coalesce((
         SELECT o.is_sample FROM observation_revisions o
          WHERE o.region_code = import_rows.region_code
            AND o.indicator_code = import_rows.indicator_code
            AND o.year = import_rows.year
            AND o.entered_at <= (SELECT i.created_at FROM imports i WHERE i.id = import_rows.import_id)
          ORDER BY o.id DESC LIMIT 1), 0)
 WHERE old_vintage IS NOT NULL;

UPDATE imports
   SET summary_json = json_set(summary_json, '$.replacesSample',
         (SELECT count(*) FROM import_rows r WHERE r.import_id = imports.id AND r.status = 'changed' AND r.old_sample = 1));
