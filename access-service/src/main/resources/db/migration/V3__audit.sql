-- The audit log: one entry per request for audio, allowed or refused. Entries hold no caller
-- data (only who listened, to which recording id, why and what was sent), so they may outlive
-- the recordings; their own retention is configured.
--
-- Tamper evidence: each entry's hash covers its content and the previous entry's hash, and
-- audit_chain holds the head (last seq and hash), so a changed, removed or appended-behind-
-- the-back row breaks the chain that GET /audit/verify recomputes. Appends lock the head row,
-- which keeps the chain linear and seq without gaps.
CREATE TABLE audit_entry (
    seq             bigint      PRIMARY KEY,
    session_id      uuid        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    kind            text        NOT NULL,
    subject         text        NOT NULL,
    username        text,
    roles           text        NOT NULL,
    recording_id    text        NOT NULL,
    purpose         text,
    method          text        NOT NULL,
    range_requested text,
    range_start     bigint,
    range_end       bigint,
    bytes           bigint      NOT NULL,
    status          integer     NOT NULL,
    outcome         text        NOT NULL,
    client_address  text,
    ref_seq         bigint,
    prev_hash       char(64)    NOT NULL,
    hash            char(64)    NOT NULL
);

CREATE INDEX audit_entry_session_lookup ON audit_entry (subject, recording_id, occurred_at);
CREATE INDEX audit_entry_recording ON audit_entry (recording_id, seq);
CREATE INDEX audit_entry_username ON audit_entry (username, seq);
CREATE INDEX audit_entry_occurred ON audit_entry (occurred_at);
CREATE INDEX audit_entry_session ON audit_entry (session_id, seq);

-- The single head row. purged_* anchor the chain after the retention purge removed its start.
CREATE TABLE audit_chain (
    id                   integer  PRIMARY KEY CHECK (id = 1),
    last_seq             bigint   NOT NULL,
    last_hash            char(64) NOT NULL,
    purged_through_seq   bigint   NOT NULL,
    purged_through_hash  char(64) NOT NULL
);

INSERT INTO audit_chain VALUES (1, 0, repeat('0', 64), 0, repeat('0', 64));

-- Append-only in the database too: no update ever, and a delete only from the retention purge,
-- which sets callrec.audit_purge for its own transaction. This stops mistakes, not the table's
-- owner; the hash chain is what reveals deliberate changes.
CREATE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('callrec.audit_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_entry is append-only (% refused)', TG_OP;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
