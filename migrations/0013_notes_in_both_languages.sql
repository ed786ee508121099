-- Every note a plan file carries is written in both languages, so a Chinese page shows Chinese and an
-- English page English (issue 13). The notes so far were English: they keep their text under the
-- English name, and the Chinese columns start empty (a database seeded before this migration shows
-- the English note on a Chinese page, marked as English, until `npm run db:seed` or a correction
-- gives the Chinese). Renaming keeps the columns' place and data; no trigger or view names them.

ALTER TABLE plans RENAME COLUMN status_note TO status_note_en;
ALTER TABLE plans ADD COLUMN status_note_zh TEXT;
ALTER TABLE plans RENAME COLUMN note TO note_en;
ALTER TABLE plans ADD COLUMN note_zh TEXT;

ALTER TABLE targets RENAME COLUMN note TO note_en;
ALTER TABLE targets ADD COLUMN note_zh TEXT;
