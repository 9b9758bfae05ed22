-- Requests of data subjects to see the data about them (R12). The subject's number is kept in
-- its normalised form so that every spelling finds the same earlier requests: the first request
-- in twelve months is free.
CREATE TABLE subject_access_request (
    id                   uuid        PRIMARY KEY,
    subject_number       text        NOT NULL,
    subject_name         text,
    channel              text        NOT NULL CHECK (channel IN ('in-person', 'signed-letter')),
    verified_by          text        NOT NULL,
    verification         text        NOT NULL,
    received_on          date        NOT NULL,
    due_on               date        NOT NULL,
    free                 boolean     NOT NULL,
    earlier_request_id   uuid        REFERENCES subject_access_request (id),
    registered_by        text        NOT NULL,
    registered_at        timestamptz NOT NULL,
    closed_by            text,
    closed_at            timestamptz
);
CREATE INDEX subject_access_request_subject ON subject_access_request (subject_number, received_on);
CREATE INDEX subject_access_request_open ON subject_access_request (due_on) WHERE closed_at IS NULL;

-- Requests to correct, delete or complete a call's data (R13) and their decisions. No foreign key
-- to call_record: the decision outlives the call, whose deletion clears the values kept here
-- (call_deleted_at set, requested value, requester, replaced-value hash and certificate emptied).
CREATE TABLE rectification (
    id                      uuid        PRIMARY KEY,
    recording_id            uuid        NOT NULL,
    field                   text        NOT NULL,
    change_type             text        NOT NULL CHECK (change_type IN ('replace', 'delete', 'complete')),
    new_value               text,
    initiative              text        NOT NULL CHECK (initiative IN ('subject', 'controller')),
    requester_name          text,
    requester_contact       text,
    channel                 text        NOT NULL,
    itemisation             text,
    filed_by                text        NOT NULL,
    filed_at                timestamptz NOT NULL,
    status                  text        NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
    decided_by              text,
    decided_at              timestamptz,
    reason                  text,
    -- SHA-256 of the rectification id and the value an approval replaced: proves what was there
    -- when someone presents it, without keeping it readable.
    replaced_value_sha256   char(64),
    certificate_pdf         bytea,
    call_deleted_at         timestamptz
);
CREATE INDEX rectification_recording ON rectification (recording_id, filed_at);
