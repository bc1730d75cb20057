-- TaskCenter embedded storage, schema version 2.
-- Splits ix_fires_age (unrouted, recorded_at) into two partial indexes. With the combined index the planner could
-- pick it over ix_fires_unrouted for the by-tag hand-over (both look equally selective without statistics); with
-- one partial index per purpose every housekeeping and routing query has exactly one obvious index.

DROP INDEX IF EXISTS ix_fires_age;

-- Unrouted fires by age: "*" subscriptions and the unrouted retention purge.
CREATE INDEX IF NOT EXISTS ix_fires_unrouted_age ON fires (recorded_at)
  WHERE unrouted = 1;

-- Routed fires by age: the history retention purge.
CREATE INDEX IF NOT EXISTS ix_fires_routed_age ON fires (recorded_at)
  WHERE unrouted = 0;
