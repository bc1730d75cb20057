-- TaskCenter embedded storage, schema version 4: what task management and the dashboard read.
--
-- Acked deliveries are still deleted from deliveries (the queue's hot table stays small); what became of them moves to
-- delivery_outcomes in the ack's transaction, for the fire history, and is purged with its fire (the history retention).

-- When a consumer first received the delivery (unix ms): set by the first lease, kept by later ones.
ALTER TABLE deliveries ADD COLUMN first_delivered_at INTEGER;

-- When the external transport's broker confirmed the fire (unix ms); NULL with the built-in queue or while waiting.
ALTER TABLE fires ADD COLUMN published_at INTEGER;

-- Acked deliveries: one row per (fire, group), written by the ack.
CREATE TABLE delivery_outcomes (
  msg_id             TEXT    NOT NULL,
  group_name         TEXT    NOT NULL,
  attempt            INTEGER NOT NULL,                 -- deliveries it took
  first_delivered_at INTEGER,                          -- unix ms; NULL when acked before it was ever leased
  acked_at           INTEGER NOT NULL,                 -- unix ms
  last_error         TEXT,                             -- of the last nack before the ack, if any
  PRIMARY KEY (msg_id, group_name)
) STRICT, WITHOUT ROWID;

-- The task list filtered to paused tasks, in the list's order: operators look for the few paused tasks among many,
-- which the name index would find only by walking every task. A partial index: only pause and resume touch it.
CREATE INDEX ix_tasks_paused ON tasks (name, created_at, id) WHERE state = 'paused';

-- Server instances sharing this file (IInstanceRegistry): each one's last heartbeat.
CREATE TABLE instances (
  id         TEXT    NOT NULL PRIMARY KEY,
  host       TEXT    NOT NULL,
  process_id INTEGER NOT NULL,
  version    TEXT    NOT NULL,
  started_at INTEGER NOT NULL,                         -- unix ms
  seen_at    INTEGER NOT NULL,                         -- unix ms
  health     TEXT    NOT NULL,
  fires      TEXT    NOT NULL                          -- MinuteCounts.Encode(): "firstMinute:c0,c1,..."
) STRICT;
