package fi.hel.callrec.access;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One sealed audit log entry: in the chain, with its seq and hashes. Rows are inserted by the
 * sealer only, from {@link AuditPending}, and never changed (the table refuses updates).
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    /** An answer to a request for audio: allowed or refused. */
    public static final String KIND_ACCESS = "access";
    /** The client went away before an allowed answer was sent whole: records what was really sent. */
    public static final String KIND_INTERRUPTED = "interrupted";

    @Id
    public long seq;

    /** The id the entry had while pending; null for entries sealed before entries were pending first. */
    @Column(name = "entry_id")
    public UUID entryId;

    @Column(name = "session_id", nullable = false)
    public UUID sessionId;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String subject;

    public String username;

    /** The caller's realm roles, sorted, comma-separated. */
    @Column(nullable = false)
    public String roles;

    /** The id as requested: text, because a refused request may name something that is no UUID. */
    @Column(name = "recording_id", nullable = false)
    public String recordingId;

    public String purpose;

    @Column(nullable = false)
    public String method;

    @Column(name = "range_requested")
    public String rangeRequested;

    @Column(name = "range_start")
    public Long rangeStart;

    @Column(name = "range_end")
    public Long rangeEnd;

    /** Access entries: bytes the answer carries; interrupted entries: bytes actually sent. */
    @Column(nullable = false)
    public long bytes;

    @Column(nullable = false)
    public int status;

    @Column(nullable = false)
    public String outcome;

    @Column(name = "client_address")
    public String clientAddress;

    /** For an interrupted entry, the access entry it completes. */
    @Column(name = "ref_seq")
    public Long refSeq;

    @Column(name = "prev_hash", nullable = false, columnDefinition = "bpchar(64)")
    public String prevHash;

    @Column(nullable = false, columnDefinition = "bpchar(64)")
    public String hash;
}
