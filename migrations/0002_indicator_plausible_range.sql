-- The plausible range of each indicator, for the progress engine's implausible_target and
-- implausible_value flags (an R&D share of GDP above 10% is almost surely a misprint).
-- Null means no bound beyond the kind's own (0–100 for shares).
ALTER TABLE indicators ADD COLUMN plausible_min REAL;
ALTER TABLE indicators ADD COLUMN plausible_max REAL;
