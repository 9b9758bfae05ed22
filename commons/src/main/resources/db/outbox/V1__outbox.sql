-- Events waiting to be published. A row is written in the same transaction as the state it
-- announces, so no event is lost between a successful write and Kafka; the relay deletes it once
-- Kafka has acknowledged it (rows carry personal data and are not kept).
CREATE TABLE outbox_event (
    id          uuid        PRIMARY KEY,
    topic       text        NOT NULL,
    record_key  text        NOT NULL,
    payload     bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX outbox_event_created ON outbox_event (created_at, id);
