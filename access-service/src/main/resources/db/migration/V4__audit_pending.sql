-- Appending to the chain under its head lock made every request for audio wait for every other
-- one, and the audio for that wait. A request now commits its entry here with a plain insert
-- (durable before any audio leaves, no lock shared with other requests), and one sealer at a
-- time moves pending entries into audit_entry, in the order of id, giving each its seq and
-- hashing it onto the one before. The move is one transaction: a sealer that dies leaves the
-- entries pending for the next one, never half-sealed.
CREATE TABLE audit_pending (
    id              bigserial   PRIMARY KEY,
    entry_id        uuid        NOT NULL UNIQUE,
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
    -- An interrupted entry's access entry, which may not be sealed yet: the sealer turns it into ref_seq.
    ref_entry_id    uuid
);

CREATE INDEX audit_pending_session_lookup ON audit_pending (subject, recording_id, occurred_at);

-- The id a request knew its entry by before it was sealed. Entries sealed before this column
-- existed have none; it is a key, not content, so the hash does not cover it.
ALTER TABLE audit_entry ADD COLUMN entry_id uuid;
CREATE UNIQUE INDEX audit_entry_entry_id ON audit_entry (entry_id);

-- A pending entry is never changed, and removed only by the sealer's transaction, which sets
-- callrec.audit_seal. As for audit_entry, this stops mistakes; the short time until sealing is
-- the only time an entry is not covered by the chain.
CREATE FUNCTION audit_pending_sealed_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('callrec.audit_seal', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_pending is append-only until sealed (% refused)', TG_OP;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_pending_sealed_only BEFORE UPDATE OR DELETE ON audit_pending
    FOR EACH ROW EXECUTE FUNCTION audit_pending_sealed_only();
CREATE TRIGGER audit_pending_no_truncate BEFORE TRUNCATE ON audit_pending
    FOR EACH STATEMENT EXECUTE FUNCTION audit_pending_sealed_only();
