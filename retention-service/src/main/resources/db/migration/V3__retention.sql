-- One row per recording this service has heard of: when it becomes due, whether a hold keeps it,
-- and, once destroyed, when. No caller data: the ids, key and times are all retention needs.
-- A deleted recording keeps its row so that a late hold can answer when it was deleted.
CREATE TABLE retention_schedule (
    recording_id         uuid        PRIMARY KEY,
    bucket               text        NOT NULL,
    object_key           text        NOT NULL,
    started_at           timestamptz NOT NULL,
    due_at               timestamptz NOT NULL,
    scheduled_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    deleted_at           timestamptz,
    held                 boolean     NOT NULL DEFAULT false,
    hold_reason          text,
    hold_case_reference  text,
    hold_note            text,
    held_by              text,
    held_at              timestamptz,
    -- A sweep's claim on the row between choosing it and deleting it, so that replicas share
    -- the work; it lapses by itself when a sweep dies.
    claim_id             uuid,
    claimed_until        timestamptz,
    CONSTRAINT retention_schedule_deleted_not_held CHECK (NOT (held AND deleted_at IS NOT NULL)),
    CONSTRAINT retention_schedule_hold_reason CHECK (NOT held OR hold_reason IN ('crime', 'accident'))
);

-- The sweep reads only what can be deleted: its cost follows the due recordings, not all of them.
CREATE INDEX retention_schedule_due ON retention_schedule (due_at) WHERE deleted_at IS NULL AND NOT held;
CREATE INDEX retention_schedule_held ON retention_schedule (hold_case_reference, held_at) WHERE held;

-- Every placement and release of a hold, with who and when; never updated or deleted.
CREATE TABLE hold_change (
    id              bigserial   PRIMARY KEY,
    recording_id    uuid        NOT NULL REFERENCES retention_schedule (recording_id),
    held            boolean     NOT NULL,
    reason          text,
    case_reference  text,
    note            text,
    release_reason  text,
    changed_by      text        NOT NULL,
    changed_at      timestamptz NOT NULL
);

CREATE INDEX hold_change_recording ON hold_change (recording_id, id);

-- What was destroyed, when and why: the register's proof that retention is applied.
CREATE TABLE deletion_log (
    id            bigserial   PRIMARY KEY,
    recording_id  uuid        NOT NULL,
    object_key    text        NOT NULL,
    due_at        timestamptz,
    deleted_at    timestamptz NOT NULL,
    reason        text        NOT NULL
);

CREATE INDEX deletion_log_recording ON deletion_log (recording_id);
