-- Training copies made by access-service (training-copy-made), each kept beside its source so
-- that the two are destroyed in one step and named in one deletion-log entry. No foreign key: a
-- copy may be announced before its source's call-recorded reaches this service.
CREATE TABLE training_copy (
    copy_id       uuid        PRIMARY KEY,
    recording_id  uuid        NOT NULL,
    bucket        text        NOT NULL,
    object_key    text        NOT NULL,
    made_at       timestamptz NOT NULL,
    deleted_at    timestamptz
);

CREATE INDEX training_copy_recording ON training_copy (recording_id) WHERE deleted_at IS NULL;

-- The copies destroyed with the recording of the entry.
ALTER TABLE deletion_log ADD COLUMN copy_keys text[];
