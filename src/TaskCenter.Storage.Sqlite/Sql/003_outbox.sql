-- TaskCenter embedded storage, schema version 3: the outbox of an external transport (FireRouting.Outbox).
--
-- With the outbox, a fire gets no deliveries here: it waits, marked unpublished, until the transport (RabbitMQ) has
-- confirmed it, and the transport routes it to consumer groups itself.
ALTER TABLE fires ADD COLUMN unpublished INTEGER NOT NULL DEFAULT 0;   -- 1: recorded for the transport, not confirmed yet

-- PublishDue and GetNextUnpublished: the waiting fires in the order they go out.
CREATE INDEX ix_fires_outbox ON fires (fire_time, msg_id) WHERE unpublished = 1;
