-- Anonymised training copies (R4): a title, when and by whom made, and where the copy lies. The
-- source's id is kept for supervisors and the manager and never shown to agents. A row is
-- 'writing' from before the copy's first byte (its event already queued, so retention knows the
-- key) until the object is complete; only 'ready' copies are listed and heard. The pitch factor
-- that disguised the voices is not kept: it would tell how to undo the disguise.
CREATE TABLE training_copy (
    id              uuid        PRIMARY KEY,
    source_id       uuid        NOT NULL,
    title           text        NOT NULL,
    bucket          text        NOT NULL,
    object_key      text        NOT NULL UNIQUE,
    state           text        NOT NULL CHECK (state IN ('writing', 'ready', 'failed')),
    span_count      integer     NOT NULL,
    sample_rate_hz  integer     NOT NULL,
    channels        integer     NOT NULL,
    duration_millis bigint      NOT NULL,
    size_bytes      bigint      NOT NULL,
    sha256          char(64),
    made_by         text        NOT NULL,
    made_at         timestamptz NOT NULL,
    deleted_at      timestamptz
);

CREATE INDEX training_copy_listing ON training_copy (made_at DESC) WHERE state = 'ready' AND deleted_at IS NULL;
CREATE INDEX training_copy_source ON training_copy (source_id);
