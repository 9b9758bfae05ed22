-- Events waiting to be published. Written in the same transaction as the state they announce,
-- so an event is never lost between a successful write and Kafka.
CREATE TABLE outbox_event (
    id            uuid        PRIMARY KEY,
    topic         text        NOT NULL,
    record_key    text        NOT NULL,
    payload       bytea       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    attempts      integer     NOT NULL DEFAULT 0,
    last_error    text,
    published_at  timestamptz
);

-- The relay reads only what is still unsent, oldest first.
CREATE INDEX outbox_event_unsent ON outbox_event (created_at) WHERE published_at IS NULL;
