-- TaskCenter embedded storage, schema version 1.
-- Applied once, in a transaction, by SchemaMigrator; its version is recorded in schema_version.
-- Times: *_at / fire_time / available_at are unix milliseconds, except tasks.created_at, start_time and end_time,
-- which are unix seconds as the task model keeps them.

-- Tasks: the definition as submitted plus the engine's bookkeeping.
CREATE TABLE tasks (
  id           TEXT    NOT NULL PRIMARY KEY,           -- 24 hex chars, time-ordered
  name         TEXT    NOT NULL,                       -- routing tag
  type         INTEGER NOT NULL,                       -- TaskType: 1 one-shot, 2 interval, 3 cron
  data         TEXT    NOT NULL,
  data_hash    INTEGER NOT NULL,                       -- first 8 bytes of SHA-256(UTF-8 data), for the dedupe lookup
  crontab      TEXT    NOT NULL DEFAULT '',
  loop_time    INTEGER NOT NULL DEFAULT 0,
  loop_count   INTEGER NOT NULL DEFAULT 0,
  start_time   INTEGER,                                -- unix s
  end_time     INTEGER,                                -- unix s
  max_runtime  INTEGER NOT NULL DEFAULT 0,             -- s
  ack          INTEGER NOT NULL DEFAULT 0,
  time_zone    TEXT    NOT NULL DEFAULT 'UTC',
  state        TEXT    NOT NULL CHECK (state IN ('pending', 'active', 'paused', 'finished')),
  fired_count  INTEGER NOT NULL DEFAULT 0,
  next_fire_at INTEGER,                                -- unix ms
  created_at   INTEGER NOT NULL,                       -- unix s
  version      INTEGER NOT NULL DEFAULT 0,
  finished_at  INTEGER                                 -- unix ms
) STRICT;

-- The engine's clock: GetEarliestFire and GetDue walk this index from its start (O(log n) per task).
CREATE INDEX ix_tasks_due ON tasks (next_fire_at, id)
  WHERE state IN ('pending', 'active') AND next_fire_at IS NOT NULL;

-- ListByName (newest first) and DeleteByName.
CREATE INDEX ix_tasks_name ON tasks (name, created_at, id);

-- The add dedupe: live tasks with the same name and data hash (the data itself is compared too).
CREATE INDEX ix_tasks_dedupe ON tasks (name, data_hash)
  WHERE state IN ('pending', 'active', 'paused');

-- PurgeFinished.
CREATE INDEX ix_tasks_finished ON tasks (finished_at)
  WHERE state = 'finished';

-- Consumer groups of the built-in queue and their subscription (a TagFilter in canonical form).
CREATE TABLE consumer_groups (
  name          TEXT    NOT NULL PRIMARY KEY,
  filter        TEXT    NOT NULL,                      -- "*" or "tag1 || tag2"
  subscribed_at INTEGER NOT NULL                       -- unix ms
) STRICT;

-- Fires: recorded once per (task, fire time); the payload every delivery of it carries.
CREATE TABLE fires (
  msg_id      TEXT    NOT NULL PRIMARY KEY,
  task_id     TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  fire_time   INTEGER NOT NULL,                        -- unix ms, the scheduled time
  recorded_at INTEGER NOT NULL,                        -- unix ms
  lease_ms    INTEGER,                                 -- the task's max_runtime, overrides the consumer's lease
  ack         INTEGER NOT NULL DEFAULT 0,
  unrouted    INTEGER NOT NULL DEFAULT 0               -- 1: no group subscribed to its tag yet; kept for the first one
) STRICT;

CREATE UNIQUE INDEX ux_fires_task_time ON fires (task_id, fire_time);

-- Unrouted fires by tag, for the first group that subscribes.
CREATE INDEX ix_fires_unrouted ON fires (name, recorded_at)
  WHERE unrouted = 1;

-- Housekeeping by age (unrouted retention and history retention), and "*" subscriptions.
CREATE INDEX ix_fires_age ON fires (unrouted, recorded_at);

-- Deliveries: one per (group, fire). Acked deliveries are deleted.
-- available_at is when the delivery can be leased: visible_at while ready, lease_until while leased, NULL when dead.
CREATE TABLE deliveries (
  group_name   TEXT    NOT NULL,
  msg_id       TEXT    NOT NULL,
  state        TEXT    NOT NULL CHECK (state IN ('ready', 'leased', 'dead')),
  attempt      INTEGER NOT NULL DEFAULT 0,             -- deliveries so far; 1 on the first
  fire_time    INTEGER NOT NULL,                       -- copy of fires.fire_time, for ordering
  available_at INTEGER,                                -- unix ms
  last_error   TEXT,
  dead_at      INTEGER,                                -- unix ms
  PRIMARY KEY (group_name, msg_id)
) STRICT, WITHOUT ROWID;

-- LeaseAsync and GetNextReady: the group's available deliveries in the order they are handed out.
CREATE INDEX ix_deliveries_available ON deliveries (group_name, available_at, fire_time)
  WHERE state IN ('ready', 'leased');

-- Dead letters of a group, oldest fire first.
CREATE INDEX ix_deliveries_dead ON deliveries (group_name, fire_time)
  WHERE state = 'dead';

-- The history purge: does a fire still have deliveries?
CREATE INDEX ix_deliveries_msg ON deliveries (msg_id);
