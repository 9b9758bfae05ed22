-- What access-service knows of each recording, projected from call-recorded and
-- recording-deleted: enough to decide who may listen and to stream without asking another
-- service. It holds no caller data. A recording-deleted event can arrive before the
-- call-recorded event of the same recording (they travel on different topics), so a row may
-- start as a deletion marker whose audio fields stay empty.
CREATE TABLE recording (
    id               uuid        PRIMARY KEY,
    bucket           text,
    object_key       text        NOT NULL,
    agent_extension  text,
    sha256           char(64),
    size_bytes       bigint,
    codec            text,
    sample_rate_hz   integer,
    channels         integer,
    bits_per_sample  integer,
    duration_millis  bigint,
    recorded_at      timestamptz,
    deleted_at       timestamptz,
    deletion_reason  text
);
