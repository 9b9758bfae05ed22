-- Events already applied, so that a redelivered event changes nothing.
CREATE TABLE processed_event (
    event_id      uuid        PRIMARY KEY,
    topic         text        NOT NULL,
    processed_at  timestamptz NOT NULL DEFAULT now()
);
