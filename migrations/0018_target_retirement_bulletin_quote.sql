-- A target an administrator retires (a plan revised, a target dropped by a later document) leaves the
-- plan's judged set and its counts but is never deleted: its clause, corrections, figures and comments
-- stay readable, labelled 已撤销 / retired. Who, when and why are kept on the row (and in the audit log).
ALTER TABLE targets ADD COLUMN retired_at TEXT;
ALTER TABLE targets ADD COLUMN retired_by TEXT;
ALTER TABLE targets ADD COLUMN retire_reason TEXT CHECK (retire_reason IS NULL OR length(retire_reason) > 0);

-- A figure read from a bulletin keeps its sentence: the preview shows it, and the commit writes it as
-- the observation's quote (as the seed's published figures carry theirs).
ALTER TABLE import_rows ADD COLUMN quote TEXT;
