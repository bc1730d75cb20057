-- TaskCenter on PostgreSQL, schema version 3: subscriptions routed by pattern, and who made each consumer group.
--
-- Routing read every group's tag array for every fire. Now each pattern of a subscription is a row keyed by the
-- pattern, so a fire looks up its own name and, for each prefix length in use, its prefix followed by '*' ("*" is the
-- empty prefix): a handful of index probes however many groups there are. The rows of the subscriptions stored before
-- this version are written at the next start (after the ones over Limits:MaxTagsPerSubscription are replaced by ''),
-- not here: the limit is configuration, and a subscription over it must never be expanded.

-- A group belongs to the API key that made it (its name; NULL without keys, and for groups made before this
-- version), so Limits:MaxGroupsPerKey can count a key's groups.
ALTER TABLE consumer_groups ADD COLUMN owner_key text COLLATE "C";
CREATE INDEX ix_consumer_groups_owner ON consumer_groups (owner_key) WHERE owner_key IS NOT NULL;

-- The filter's canonical form stays in consumer_groups.filter ('' matches nothing); the array goes.
ALTER TABLE consumer_groups DROP COLUMN tags;

-- One row per pattern of a group's subscription: a task name, or a prefix followed by '*'.
CREATE TABLE subscription_patterns (
  pattern       text COLLATE "C" NOT NULL,
  group_name    text COLLATE "C" NOT NULL,
  prefix_length integer,                               -- the prefix's length in characters when pattern ends in '*'
  PRIMARY KEY (pattern, group_name)
);

-- A subscription change replaces its group's rows.
CREATE INDEX ix_subscription_patterns_group ON subscription_patterns (group_name);

-- The prefix lengths in use, read with a skip scan (one probe per distinct length) by each recording.
CREATE INDEX ix_subscription_patterns_prefix_length ON subscription_patterns (prefix_length) WHERE prefix_length IS NOT NULL;
