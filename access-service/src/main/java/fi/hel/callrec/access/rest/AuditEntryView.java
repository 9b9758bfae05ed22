package fi.hel.callrec.access.rest;

import fi.hel.callrec.access.AuditEntry;
import java.time.Instant;
import java.util.UUID;

/** An audit entry as GET /audit shows it: every stored field, hashes included, so a reader can check the chain too. */
public record AuditEntryView(long seq, UUID sessionId, Instant occurredAt, String kind, String subject, String username,
                             String roles, String recordingId, String purpose, String method, String rangeRequested,
                             Long rangeStart, Long rangeEnd, long bytes, int status, String outcome,
                             String clientAddress, Long refSeq, String prevHash, String hash) {

    static AuditEntryView of(AuditEntry e) {
        return new AuditEntryView(e.seq, e.sessionId, e.occurredAt, e.kind, e.subject, e.username, e.roles,
                e.recordingId, e.purpose, e.method, e.rangeRequested, e.rangeStart, e.rangeEnd, e.bytes, e.status,
                e.outcome, e.clientAddress, e.refSeq, e.prevHash, e.hash);
    }
}
