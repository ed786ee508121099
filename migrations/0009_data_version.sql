-- The data version: one number that changes whenever anything a report shows changes, so a rendered
-- report can be reused until then (and its ETag stays valid across restarts). Kept by triggers, not
-- by the code that writes: a write path added later, or a fix made by hand in sqlite3, bumps it too.
-- `epoch` tells two databases apart (a re-seeded file starts counting again from the seed).
--
-- Observations have no trigger here: they are append-only (0001 refuses updates and deletes), so
-- their largest id only grows, and the data version is `version` plus that id (repositories/
-- dataVersion.ts). A trigger would add an UPDATE to each of the 100,000 rows of a large upload.

CREATE TABLE data_version (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL,
  epoch   TEXT NOT NULL
) STRICT;
INSERT INTO data_version (id, version, epoch) VALUES (1, 0, lower(hex(randomblob(6))));

CREATE TRIGGER data_version_plans_insert AFTER INSERT ON plans
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_plans_update AFTER UPDATE ON plans
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_plans_delete AFTER DELETE ON plans
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER data_version_targets_insert AFTER INSERT ON targets
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_targets_update AFTER UPDATE ON targets
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_targets_delete AFTER DELETE ON targets
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER data_version_target_milestones_insert AFTER INSERT ON target_milestones
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_target_milestones_update AFTER UPDATE ON target_milestones
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_target_milestones_delete AFTER DELETE ON target_milestones
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;

-- Reports print the comments of their targets, with the author's display name.
CREATE TRIGGER data_version_comments_insert AFTER INSERT ON comments
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_comments_update AFTER UPDATE ON comments
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_comments_delete AFTER DELETE ON comments
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_users_display_name AFTER UPDATE OF display_name ON users
WHEN OLD.display_name IS NOT NEW.display_name
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER data_version_regions_insert AFTER INSERT ON regions
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_regions_update AFTER UPDATE ON regions
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_regions_delete AFTER DELETE ON regions
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER data_version_indicators_insert AFTER INSERT ON indicators
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_indicators_update AFTER UPDATE ON indicators
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_indicators_delete AFTER DELETE ON indicators
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;

-- A plan's report names its source document.
CREATE TRIGGER data_version_source_documents_insert AFTER INSERT ON source_documents
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_source_documents_update AFTER UPDATE ON source_documents
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_source_documents_delete AFTER DELETE ON source_documents
BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
