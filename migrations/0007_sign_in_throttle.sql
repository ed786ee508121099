-- Sign-in throttling that holds under parallel guesses, an administrator's unlock, and the client
-- address on every audit entry.

-- A sign-in attempt is reserved ('pending') before its password is hashed, in the same statement that
-- checks the limits, and resolved afterwards; a pending attempt counts against the limits like a
-- failure, so parallel guesses cannot all slip past a count read before any of them was written.
-- The old success flag cannot hold a third state (SQLite cannot change a CHECK), so the table is
-- rebuilt with its rows kept.
CREATE TABLE login_attempts_v2 (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL COLLATE NOCASE,
  address TEXT NOT NULL,
  at      TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'failure', 'success'))
) STRICT;
INSERT INTO login_attempts_v2 (id, name, address, at, outcome)
  SELECT id, name, address, at, CASE success WHEN 1 THEN 'success' ELSE 'failure' END FROM login_attempts;
DROP TABLE login_attempts;
ALTER TABLE login_attempts_v2 RENAME TO login_attempts;
CREATE INDEX login_attempts_name ON login_attempts (name, at);
CREATE INDEX login_attempts_pair ON login_attempts (name, address, at);
CREATE INDEX login_attempts_address ON login_attempts (address, at);

-- When an administrator last lifted the account's sign-in limits: its failures before then no
-- longer count (the limits of the addresses they came from still do).
ALTER TABLE users ADD COLUMN sign_in_unlocked_at TEXT;

-- The client address of the request that wrote the entry (behind a proxy, as JINDU_TRUST_PROXY
-- lets the server see it); null for the seed and the command line.
ALTER TABLE audit_log ADD COLUMN address TEXT;
