-- TaskCenter on PostgreSQL, schema version 2: what the task management API and the dashboard read.
-- Applied by SchemaMigrator after 001_initial.sql, like it. The added columns are nullable without a default: adding
-- them only changes the catalog, however many rows the tables hold.

-- When a consumer first received the delivery (unix ms): set by its first lease, kept by the later ones.
ALTER TABLE deliveries ADD COLUMN first_delivered_at bigint;

-- When the outbox marked the fire published (unix ms); NULL with the built-in queue and while it waits.
ALTER TABLE fires ADD COLUMN published_at bigint;

-- Acked deliveries, for the fire history: an ack deletes the delivery and writes its outcome here, in one statement.
-- Purged with their fire (its key prefix), so an ack costs one row and no index besides the key.
CREATE TABLE delivery_outcomes (
  msg_id             text COLLATE "C" NOT NULL,
  group_name         text COLLATE "C" NOT NULL,
  attempt            integer NOT NULL,                -- deliveries it took
  first_delivered_at bigint,                          -- unix ms
  acked_at           bigint  NOT NULL,                -- unix ms
  last_error         text,                            -- of an earlier attempt that failed
  PRIMARY KEY (msg_id, group_name)
);

-- The task list filtered to paused tasks, in the list's order: operators look for the few paused tasks among many,
-- which ix_tasks_name would find only by walking every task. Partial: only pause and resume add or remove entries.
CREATE INDEX ix_tasks_paused ON tasks (name, created_at, id) WHERE state = 'paused';

-- Server instances sharing this schema, as each last reported itself (a heartbeat every few seconds); instances not
-- seen for a while are deleted by the others' heartbeats.
CREATE TABLE instances (
  id         text COLLATE "C" NOT NULL PRIMARY KEY,
  host       text    NOT NULL,
  process_id integer NOT NULL,
  version    text    NOT NULL,
  started_at bigint  NOT NULL,                        -- unix ms
  seen_at    bigint  NOT NULL,                        -- unix ms
  health     text    NOT NULL,
  fires      text    NOT NULL                         -- fires per minute, MinuteCounts.Encode()
);
