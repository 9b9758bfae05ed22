package fi.hel.callrec.access;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An audit entry committed by a request and not yet sealed into the chain. Inserted by
 * {@code AuditLog}, moved into {@link AuditEntry} by {@code AuditSealer}; the table refuses any
 * other change. The fields mean what they mean in {@link AuditEntry}.
 */
@Entity
@Table(name = "audit_pending")
public class AuditPending extends PanacheEntityBase {

    /** Order of sealing. */
    @Id
    public long id;

    @Column(name = "entry_id", nullable = false)
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

    @Column(nullable = false)
    public String roles;

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

    @Column(nullable = false)
    public long bytes;

    @Column(nullable = false)
    public int status;

    @Column(nullable = false)
    public String outcome;

    @Column(name = "client_address")
    public String clientAddress;

    /** For an interrupted entry, the entry id of the access entry it completes. */
    @Column(name = "ref_entry_id")
    public UUID refEntryId;
}
