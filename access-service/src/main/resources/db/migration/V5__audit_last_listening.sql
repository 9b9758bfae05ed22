-- The access-rights review (R14) asks for each user's newest request for audio that was answered
-- with audio. audit_entry_username orders by seq, which follows sealing, not occurred_at, and walks
-- past every refused or HEAD entry; this index holds only the answers that carried audio, so each
-- user is one step from its end. Built without CONCURRENTLY: only the sealer writes audit_entry,
-- and while it waits for the build, requests go on writing audit_pending.
CREATE INDEX audit_entry_last_listening ON audit_entry (username, occurred_at)
    WHERE outcome IN ('sent', 'sent-range');
