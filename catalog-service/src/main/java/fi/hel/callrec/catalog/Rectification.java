package fi.hel.callrec.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A request to correct, delete or complete one field of a call (R13) and its decision. When the
 * call is deleted, the decision stays and the values go: requested value, requester, the hash of
 * the replaced value and the certificate.
 */
@Entity
@Table(name = "rectification")
public class Rectification extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String REFUSED = "refused";

    @Id
    public UUID id;

    @Column(name = "recording_id", nullable = false)
    public UUID recordingId;

    /** The field's path in the call's detail, for example {@code callerProvided.name}. */
    @Column(nullable = false)
    public String field;

    /** {@code replace}, {@code delete} or {@code complete}. */
    @Column(name = "change_type", nullable = false)
    public String changeType;

    @Column(name = "new_value")
    public String newValue;

    /** {@code subject} (the person's written request) or {@code controller} (the department's own). */
    @Column(nullable = false)
    public String initiative;

    @Column(name = "requester_name")
    public String requesterName;

    @Column(name = "requester_contact")
    public String requesterContact;

    @Column(nullable = false)
    public String channel;

    /** The item of the written request, in the requester's words or by reference. */
    public String itemisation;

    @Column(name = "filed_by", nullable = false)
    public String filedBy;

    @Column(name = "filed_at", nullable = false)
    public Instant filedAt;

    @Column(nullable = false)
    public String status;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    public String reason;

    @Column(name = "replaced_value_sha256", columnDefinition = "bpchar(64)")
    public String replacedValueSha256;

    @Column(name = "certificate_pdf")
    public byte[] certificatePdf;

    @Column(name = "call_deleted_at")
    public Instant callDeletedAt;
}
