-- TaskCenter on PostgreSQL, schema version 4: push groups (groups whose messages the server POSTs to a target).
--
-- A push group's name is a consumer group's: its queue rows are the built-in queue's like any group's. This table holds
-- only its target. There are at most Push:MaxGroups rows, so the count a new one is checked against (under an advisory
-- lock, so instances declaring groups together never exceed it) needs no index.
CREATE TABLE push_groups (
  name            text COLLATE "C" NOT NULL PRIMARY KEY,
  tags            text    NOT NULL,                   -- the subscription, TagFilter.Expression
  url             text    NOT NULL,
  content_type    text    NOT NULL,
  timeout_ms      bigint  NOT NULL,
  max_concurrency integer NOT NULL,
  headers         text    NOT NULL,                   -- a JSON object of string to string, StoredPushGroup.Headers
  secret          text    NOT NULL,                   -- whsec_...
  owner_key       text COLLATE "C",                   -- the API key that declared it; NULL without keys
  updated_at      bigint  NOT NULL                    -- unix ms
);

-- Each request sent to a push group's target, for the fire history: one row per (fire, group, attempt), kept as long
-- as the fire history and purged by age.
CREATE TABLE push_attempts (
  msg_id      text COLLATE "C" NOT NULL,
  group_name  text COLLATE "C" NOT NULL,
  attempt     integer NOT NULL,                       -- the delivery's attempt, 1 on the first
  sent_at     bigint  NOT NULL,                       -- unix ms
  status      integer,                                -- the answer's HTTP status; NULL when there was none
  duration_ms bigint  NOT NULL,
  error       text,                                   -- NULL when delivered
  PRIMARY KEY (msg_id, group_name, attempt)
);

-- The purge by age.
CREATE INDEX ix_push_attempts_sent_at ON push_attempts (sent_at);
