-- The searchable metadata of every recorded call that still has its recording. Personal data:
-- a row is removed when its recording is deleted (only call_statistic keeps an anonymous trace).
CREATE TABLE call_record (
    recording_id          uuid        PRIMARY KEY,
    call_id               text        NOT NULL,
    bucket                text        NOT NULL,
    object_key            text        NOT NULL,
    sha256                char(64)    NOT NULL,
    size_bytes            bigint      NOT NULL,
    codec                 text        NOT NULL,
    sample_rate_hz        integer     NOT NULL,
    channels              integer     NOT NULL,
    bits_per_sample       integer     NOT NULL,
    duration_millis       bigint      NOT NULL,
    started_at            timestamptz NOT NULL,
    ended_at              timestamptz NOT NULL,
    -- timestamptz keeps the instant only; the platform's offset is kept to show local times as sent.
    utc_offset_seconds    integer     NOT NULL,
    caller_number         text        NOT NULL,
    agent_extension       text        NOT NULL,
    service_line          text        NOT NULL,
    caller_name           text,
    caller_address        text,
    vehicle_registration  text,
    caller_contact        text,
    service_notes         text,
    announcement_played   boolean     NOT NULL,
    flags                 text[]      NOT NULL,
    -- Search keys, normalised by the service (lower case, accents removed, plates without separators),
    -- so that no database extension is needed and the same code normalises rows and queries.
    name_key              text,
    plate_key             text,
    notes_key             text,
    name_words            tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(name_key, ''))) STORED,
    notes_words           tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(notes_key, ''))) STORED,
    indexed_at            timestamptz NOT NULL DEFAULT now()
);

-- Every search is ordered newest first with the id as tie-breaker (the keyset of the cursor),
-- so each selective filter leads an index that ends in that order.
CREATE INDEX call_record_started ON call_record (started_at DESC, recording_id DESC);
CREATE INDEX call_record_agent ON call_record (agent_extension, started_at DESC, recording_id DESC);
CREATE INDEX call_record_caller ON call_record (caller_number, started_at DESC, recording_id DESC);
CREATE INDEX call_record_plate ON call_record (plate_key, started_at DESC, recording_id DESC) WHERE plate_key IS NOT NULL;
CREATE INDEX call_record_flagged ON call_record (started_at DESC, recording_id DESC) WHERE cardinality(flags) > 0;
CREATE INDEX call_record_name_words ON call_record USING gin (name_words);
CREATE INDEX call_record_notes_words ON call_record USING gin (notes_words);

-- Hold state from retention-service, kept apart from call_record because the two topics are not
-- ordered with each other: a hold may arrive before the call it protects.
CREATE TABLE call_hold (
    recording_id    uuid        PRIMARY KEY,
    held            boolean     NOT NULL,
    reason          text,
    case_reference  text,
    note            text,
    release_reason  text,
    changed_by      text        NOT NULL,
    changed_at      timestamptz NOT NULL
);
CREATE INDEX call_hold_held ON call_hold (recording_id) WHERE held;

-- Recordings already deleted: a call-recorded that arrives later (replay, lag) must not bring the
-- personal data back. Holds no personal data.
CREATE TABLE deleted_recording (
    recording_id  uuid        PRIMARY KEY,
    reason        text        NOT NULL,
    deleted_at    timestamptz NOT NULL
);

-- What remains of a deleted call for quality development (R3): no recording id, no time of day,
-- nothing that leads back to the caller.
CREATE TABLE call_statistic (
    id               bigserial PRIMARY KEY,
    call_date        date      NOT NULL,
    service_line     text      NOT NULL,
    duration_millis  bigint    NOT NULL,
    agent_extension  text      NOT NULL
);
CREATE INDEX call_statistic_date ON call_statistic (call_date);

-- Who searched or viewed what, for the audit trail. The filters may hold personal data (a caller
-- number searched for), which is why the log stays in this database under its access control.
CREATE TABLE access_log (
    id            bigserial   PRIMARY KEY,
    accessed_at   timestamptz NOT NULL,
    username      text        NOT NULL,
    roles         text[]      NOT NULL,
    action        text        NOT NULL,
    recording_id  uuid,
    filters       jsonb       NOT NULL,
    result_ids    uuid[]      NOT NULL,
    result_count  bigint      NOT NULL
);
CREATE INDEX access_log_user_time ON access_log (username, accessed_at);
CREATE INDEX access_log_time ON access_log (accessed_at);
