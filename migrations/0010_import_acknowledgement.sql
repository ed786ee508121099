-- A preview's warnings (server/src/domain/figureChecks.ts: a figure outside its indicator's plausible
-- range, a share typed as a fraction, a unit slip, a jump against the last published figure) must be
-- acknowledged, row by row, before it is committed. Who acknowledged which rows and which warnings is
-- kept with the upload, as JSON:
--   { "by": "lv", "userId": 3, "at": "2026-…Z", "rows": [5, 9],
--     "warnings": [{ "row": 5, "column": "D", "code": "implausible_jump" }, …] }
-- NULL: not committed, or committed with no warning to acknowledge.
ALTER TABLE imports ADD COLUMN acknowledgement_json TEXT;
