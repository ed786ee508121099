-- Collection rounds (填报轮次): once a year an administrator asks for the figures the plans in force
-- need, each from the unit that owes it. What was owed is stored when the round opens (a snapshot:
-- a target or lead unit edited later does not change what was asked); how far each item got is never
-- stored but derived from the figures and submissions (server/src/domain/rounds.ts).

CREATE TABLE collection_rounds (
  id          INTEGER PRIMARY KEY,
  -- The city whose plans the round covers, its sub-regions' plans and targets included.
  region_code TEXT NOT NULL REFERENCES regions (code),
  -- The year the figures are for (a "2025年度" round collects 2025's figures, usually in 2026).
  year        INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  title_zh    TEXT NOT NULL CHECK (length(title_zh) BETWEEN 1 AND 200),
  title_en    TEXT NOT NULL CHECK (length(title_en) BETWEEN 1 AND 200),
  due_date    TEXT NOT NULL CHECK (due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  opened_by   INTEGER NOT NULL REFERENCES users (id),
  opened_at   TEXT NOT NULL,
  closed_at   TEXT,
  closed_by   INTEGER REFERENCES users (id),
  -- When the round's one-off events were posted to the webhooks (null: not yet), so each is sent once.
  overdue_notified_at  TEXT,
  complete_notified_at TEXT
) STRICT;
CREATE INDEX collection_rounds_region ON collection_rounds (region_code, year);

-- One figure the round asks for. unit_id null: no target names a lead unit (未指定单位).
CREATE TABLE round_items (
  round_id       INTEGER NOT NULL REFERENCES collection_rounds (id),
  region_code    TEXT NOT NULL REFERENCES regions (code),
  indicator_code TEXT NOT NULL REFERENCES indicators (code),
  unit_id        INTEGER REFERENCES units (id),
  -- Other lead units that targets needing the figure name (JSON array of unit ids): shown beside
  -- the owing unit, so a choice between departments stays visible (domain/rounds.ts says the rule).
  other_unit_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(other_unit_ids)),
  -- The targets that need the figure (JSON array of target ids), as they were when the round opened.
  target_ids     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(target_ids)),
  PRIMARY KEY (round_id, region_code, indicator_code)
) STRICT;
CREATE INDEX round_items_unit ON round_items (unit_id, round_id);

-- Group robots (企业微信, 钉钉) or any HTTP endpoint that hears of rounds' events.
CREATE TABLE webhooks (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('wecom', 'dingtalk', 'generic')),
  url        TEXT NOT NULL CHECK (url GLOB 'http://*' OR url GLOB 'https://*'),
  -- 钉钉's 加签 secret (SEC…): the URL is signed with it at each send; null: not signed.
  secret     TEXT,
  enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL
) STRICT;

-- An outbox: a delivery is written in the transaction of the event it reports, and sent after that
-- transaction commits, off the request path; a failure is recorded and tried again a few times.
CREATE TABLE webhook_deliveries (
  id              INTEGER PRIMARY KEY,
  webhook_id      INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  event           TEXT NOT NULL,
  round_id        INTEGER REFERENCES collection_rounds (id),
  body_json       TEXT NOT NULL CHECK (json_valid(body_json)),
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_status     INTEGER,
  last_error      TEXT,
  created_at      TEXT NOT NULL,
  sent_at         TEXT
) STRICT;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);

-- How far the rounds have read the audit log for review's steps (submitted, returned, approved): each
-- becomes a webhook event once, after its transaction committed, without the review code knowing of
-- rounds. Starts at the log's end: steps before rounds existed are not announced.
CREATE TABLE round_event_cursor (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  audit_id INTEGER NOT NULL
) STRICT;
INSERT INTO round_event_cursor (id, audit_id) VALUES (1, coalesce((SELECT max(id) FROM audit_log), 0));
