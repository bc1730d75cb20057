-- TaskCenter on PostgreSQL, schema version 1.
-- Applied once, in one transaction under an advisory lock, by SchemaMigrator, inside the configured schema (the
-- connections' search_path); its version is recorded in schema_version.
-- Times: *_at / fire_time / available_at are unix milliseconds (bigint), except tasks.created_at, start_time and
-- end_time, which are unix seconds as the task model keeps them. Identifiers, names and tags use the "C" collation:
-- byte order, as SQLite compares them, and cheaper indexes. Payloads (data) are UTF-8 bytes: text cannot hold U+0000,
-- a payload can.

-- The dedupe key of a payload: 64 bits of its SHA-256. It only narrows the lookup; the payload itself is compared too.
CREATE FUNCTION data_hash(data bytea) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN hashtextextended(encode(sha256(data), 'hex'), 0);

-- Tasks: the definition as submitted plus the engine's bookkeeping.
CREATE TABLE tasks (
  id           text COLLATE "C" NOT NULL PRIMARY KEY,  -- 24 hex chars, time-ordered
  name         text COLLATE "C" NOT NULL,              -- routing tag
  type         smallint NOT NULL,                      -- TaskType: 1 one-shot, 2 interval, 3 cron
  data         bytea    NOT NULL,                      -- UTF-8
  data_hash    bigint   NOT NULL GENERATED ALWAYS AS (data_hash(data)) STORED,
  crontab      text     NOT NULL DEFAULT '',
  loop_time    bigint   NOT NULL DEFAULT 0,
  loop_count   bigint   NOT NULL DEFAULT 0,
  start_time   bigint,                                 -- unix s
  end_time     bigint,                                 -- unix s
  max_runtime  bigint   NOT NULL DEFAULT 0,            -- s
  ack          boolean  NOT NULL DEFAULT false,
  time_zone    text     NOT NULL DEFAULT 'UTC',
  state        text     NOT NULL CHECK (state IN ('pending', 'active', 'paused', 'finished')),
  fired_count  bigint   NOT NULL DEFAULT 0,
  next_fire_at bigint,                                 -- unix ms
  created_at   bigint   NOT NULL,                      -- unix s
  version      bigint   NOT NULL DEFAULT 0,
  finished_at  bigint                                  -- unix ms
);

-- The engine's clock: the due scan (FOR UPDATE SKIP LOCKED, earliest first), the earliest fire and the due count walk
-- this index from its start. Every fire moves next_fire_at, so the update is never HOT anyway and the state in the
-- predicate costs nothing more.
CREATE INDEX ix_tasks_due ON tasks (next_fire_at, id)
  WHERE state IN ('pending', 'active') AND next_fire_at IS NOT NULL;

-- ListByName (newest first, a backward scan) and DeleteByName.
CREATE INDEX ix_tasks_name ON tasks (name, created_at, id);

-- The add dedupe: live tasks with the same name and data hash (the data itself is compared too).
CREATE INDEX ix_tasks_dedupe ON tasks (name, data_hash)
  WHERE state IN ('pending', 'active', 'paused');

-- PurgeFinished.
CREATE INDEX ix_tasks_finished ON tasks (finished_at)
  WHERE state = 'finished';

-- Consumer groups of the built-in queue and their subscription. Fires are routed in SQL, inside the transaction
-- that records them: tags is NULL for "*" (every tag), else the tags of the filter.
CREATE TABLE consumer_groups (
  name          text COLLATE "C" NOT NULL PRIMARY KEY,
  filter        text COLLATE "C" NOT NULL,             -- canonical form: "*" or "tag1 || tag2"
  tags          text[] COLLATE "C",
  subscribed_at bigint NOT NULL                        -- unix ms
);

-- Fires: recorded once per (task, fire time); the payload every delivery of it carries.
CREATE TABLE fires (
  msg_id      text COLLATE "C" NOT NULL PRIMARY KEY,
  task_id     text COLLATE "C" NOT NULL,
  name        text COLLATE "C" NOT NULL,
  data        bytea   NOT NULL,                        -- UTF-8
  fire_time   bigint  NOT NULL,                        -- unix ms, the scheduled time
  recorded_at bigint  NOT NULL,                        -- unix ms
  lease_ms    bigint,                                  -- the task's max_runtime, overrides the consumer's lease
  ack         boolean NOT NULL DEFAULT false,
  unrouted    boolean NOT NULL DEFAULT false,          -- no group subscribed to its tag yet; kept for the first one
  unpublished boolean NOT NULL DEFAULT false,          -- recorded for an external transport (the outbox), not confirmed yet
  CONSTRAINT ux_fires_task_time UNIQUE (task_id, fire_time)
);

-- Unrouted fires by tag, for the first group that subscribes.
CREATE INDEX ix_fires_unrouted ON fires (name, recorded_at) WHERE unrouted;

-- Housekeeping by age: unrouted retention, and history retention of routed, published fires.
CREATE INDEX ix_fires_unrouted_age ON fires (recorded_at) WHERE unrouted;
CREATE INDEX ix_fires_routed_age ON fires (recorded_at) WHERE NOT unrouted AND NOT unpublished;

-- The outbox: the waiting fires in the order they go out.
CREATE INDEX ix_fires_outbox ON fires (fire_time, msg_id) WHERE unpublished;

-- Deliveries: one per (group, fire). Acked deliveries are deleted. Keyed by (msg_id, group_name), so "does this fire
-- still have deliveries?" is a key prefix.
-- available_at is when the delivery can be leased: visible_at while ready, lease_until while leased, NULL when dead.
CREATE TABLE deliveries (
  group_name   text COLLATE "C" NOT NULL,
  msg_id       text COLLATE "C" NOT NULL,
  state        text    NOT NULL CHECK (state IN ('ready', 'leased', 'dead')),
  attempt      integer NOT NULL DEFAULT 0,             -- deliveries so far; 1 on the first
  fire_time    bigint  NOT NULL,                       -- copy of fires.fire_time, for ordering
  available_at bigint,                                 -- unix ms
  last_error   text,
  dead_at      bigint,                                 -- unix ms
  PRIMARY KEY (msg_id, group_name)
);

-- LeaseAsync (FOR UPDATE SKIP LOCKED) and GetNextReady: the group's available deliveries in the order they are handed out.
CREATE INDEX ix_deliveries_available ON deliveries (group_name, available_at, fire_time, msg_id)
  WHERE state IN ('ready', 'leased');

-- Dead letters of a group, oldest fire first (and the paging cursor).
CREATE INDEX ix_deliveries_dead ON deliveries (group_name, fire_time, msg_id)
  WHERE state = 'dead';
