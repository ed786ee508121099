-- Indicators a plan defines: a plan file (or a plan saved from its text on /plans/new) may bring
-- indicators the catalogue lacks, each created with the plan in one transaction. The plan that
-- created one is kept, so that exporting any plan that uses it carries its definition along (another
-- installation has the seed's catalogue, not this one's additions). Null for the seed's indicators.
ALTER TABLE indicators ADD COLUMN defined_by_plan_id INTEGER REFERENCES plans (id);
