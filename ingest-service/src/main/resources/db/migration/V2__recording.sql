-- The ingest receipt of each recording. It holds no caller data: the caller's number and what
-- they said travel only in the call-recorded event, to the services that keep them.
CREATE TABLE recording (
    id               uuid        PRIMARY KEY,
    call_id          text        NOT NULL,
    bucket           text        NOT NULL,
    object_key       text        NOT NULL,
    sha256           char(64)    NOT NULL,
    size_bytes       bigint      NOT NULL,
    codec            text        NOT NULL,
    sample_rate_hz   integer     NOT NULL,
    channels         integer     NOT NULL,
    bits_per_sample  integer     NOT NULL,
    duration_millis  bigint      NOT NULL,
    started_at       timestamptz NOT NULL,
    ended_at         timestamptz NOT NULL,
    flags            text[]      NOT NULL,
    received_at      timestamptz NOT NULL,
    -- One recording per call, also under concurrent uploads of the same call.
    CONSTRAINT recording_call_id_unique UNIQUE (call_id)
);

-- An object being written. The row is committed before the object is put and deleted in the
-- transaction that commits the receipt, so an object whose receipt never committed (a crash in
-- between) is always found again and removed by the cleanup.
CREATE TABLE pending_upload (
    recording_id  uuid        PRIMARY KEY,
    bucket        text        NOT NULL,
    object_key    text        NOT NULL,
    started_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX pending_upload_started ON pending_upload (started_at);
