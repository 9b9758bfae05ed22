package fi.hel.callrec.access.rest;

import fi.hel.callrec.access.AuditEntry;
import fi.hel.callrec.access.AuditPending;
import java.time.Instant;
import java.util.UUID;

/**
 * An audit entry as GET /audit shows it: every stored field, hashes included, so a reader can
 * check the chain too. An entry not sealed yet has {@code sealed} false and no seq, hashes or
 * refSeq (an interrupted one names its access entry by {@code refEntryId} until then).
 */
public record AuditEntryView(Long seq, UUID entryId, boolean sealed, UUID sessionId, Instant occurredAt, String kind,
                             String subject, String username, String roles, String recordingId, String purpose,
                             String method, String rangeRequested, Long rangeStart, Long rangeEnd, long bytes,
                             int status, String outcome, String clientAddress, Long refSeq, UUID refEntryId,
                             String prevHash, String hash) {

    static AuditEntryView of(AuditEntry e) {
        return new AuditEntryView(e.seq, e.entryId, true, e.sessionId, e.occurredAt, e.kind, e.subject, e.username,
                e.roles, e.recordingId, e.purpose, e.method, e.rangeRequested, e.rangeStart, e.rangeEnd, e.bytes,
                e.status, e.outcome, e.clientAddress, e.refSeq, null, e.prevHash, e.hash);
    }

    static AuditEntryView of(AuditPending p) {
        return new AuditEntryView(null, p.entryId, false, p.sessionId, p.occurredAt, p.kind, p.subject, p.username,
                p.roles, p.recordingId, p.purpose, p.method, p.rangeRequested, p.rangeStart, p.rangeEnd, p.bytes,
                p.status, p.outcome, p.clientAddress, null, p.refEntryId, null, null);
    }
}
