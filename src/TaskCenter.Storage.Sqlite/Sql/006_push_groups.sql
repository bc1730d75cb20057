-- TaskCenter embedded storage, schema version 6: push groups (groups whose messages the server POSTs to a target).
--
-- A push group's name is a consumer group's: its queue rows are the built-in queue's like any group's. This table holds
-- only its target. There are at most Push:MaxGroups rows, so the count a new one is checked against needs no index.
CREATE TABLE push_groups (
  name            TEXT    NOT NULL PRIMARY KEY,
  tags            TEXT    NOT NULL,                    -- the subscription, TagFilter.Expression
  url             TEXT    NOT NULL,
  content_type    TEXT    NOT NULL,
  timeout_ms      INTEGER NOT NULL,
  max_concurrency INTEGER NOT NULL,
  headers         TEXT    NOT NULL,                    -- a JSON object of string to string, StoredPushGroup.Headers
  secret          TEXT    NOT NULL,                    -- whsec_...
  owner_key       TEXT,                                -- the API key that declared it; NULL without keys
  updated_at      INTEGER NOT NULL                     -- unix ms
) STRICT;

-- Each request sent to a push group's target, for the fire history: one row per (fire, group, attempt), kept as long
-- as the fire history and purged by age.
CREATE TABLE push_attempts (
  msg_id      TEXT    NOT NULL,
  group_name  TEXT    NOT NULL,
  attempt     INTEGER NOT NULL,                        -- the delivery's attempt, 1 on the first
  sent_at     INTEGER NOT NULL,                        -- unix ms
  status      INTEGER,                                 -- the answer's HTTP status; NULL when there was none
  duration_ms INTEGER NOT NULL,
  error       TEXT,                                    -- NULL when delivered
  PRIMARY KEY (msg_id, group_name, attempt)
) STRICT, WITHOUT ROWID;

-- The purge by age.
CREATE INDEX ix_push_attempts_sent_at ON push_attempts (sent_at);
