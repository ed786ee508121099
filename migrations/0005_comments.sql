-- Commentary on a target and year ("2020年受疫情影响…"), by statisticians of the target's region.
-- Comments are never edited in place: a correction is a new comment that replaces the old one.

CREATE TABLE comments (
  id          INTEGER PRIMARY KEY,
  target_id   INTEGER NOT NULL REFERENCES targets (id),
  year        INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  body        TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  author_id   INTEGER NOT NULL REFERENCES users (id),
  created_at  TEXT NOT NULL,
  replaces_id INTEGER REFERENCES comments (id)
) STRICT;
CREATE INDEX comments_target ON comments (target_id, year);
