-- TaskCenter embedded storage, schema version 5: who made each consumer group.
--
-- A group belongs to the API key that made it (its name; NULL without keys, and for groups made before this
-- version), so Limits:MaxGroupsPerKey can count a key's groups. The counts are kept in memory with the subscriptions,
-- so no index. A subscription stored over the limits is replaced at start by '' (it matches nothing).
ALTER TABLE consumer_groups ADD COLUMN owner_key TEXT;
