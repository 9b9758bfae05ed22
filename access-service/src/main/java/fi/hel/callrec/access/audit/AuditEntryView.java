package fi.hel.callrec.access.audit;

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

    static AuditEntryView of(AuditContent c, Long seq, Long refSeq, UUID refEntryId, String prevHash, String hash) {
        return new AuditEntryView(seq, c.entryId, seq != null, c.sessionId, c.occurredAt, c.kind, c.subject, c.username,
                c.roles, c.recordingId, c.purpose, c.method, c.rangeRequested, c.rangeStart, c.rangeEnd, c.bytes,
                c.status, c.outcome, c.clientAddress, refSeq, refEntryId, prevHash, hash);
    }

    static AuditEntryView of(AuditEntry e) {
        return of(e, e.seq, e.refSeq, null, e.prevHash, e.hash);
    }

    static AuditEntryView of(AuditPending p) {
        return of(p, null, null, p.refEntryId, null, null);
    }
}
