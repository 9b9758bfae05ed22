package fi.hel.callrec.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/**
 * A request to correct, delete or complete one field of a call (R13) and its decision. When the
 * call is deleted, the decision stays and the values go: requested value, requester, the hash of
 * the replaced value and the certificate.
 */
@Entity
public class Rectification extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String REFUSED = "refused";

    @Id
    public UUID id;

    public UUID recordingId;

    /** The field's path in the call's detail, for example {@code callerProvided.name}. */
    public String field;

    /** {@code replace}, {@code delete} or {@code complete}. */
    public String changeType;
    public String newValue;

    /** {@code subject} (the person's written request) or {@code controller} (the department's own). */
    public String initiative;
    public String requesterName;
    public String requesterContact;
    public String channel;

    /** The item of the written request, in the requester's words or by reference. */
    public String itemisation;
    public String filedBy;
    public Instant filedAt;
    public String status;
    public String decidedBy;
    public Instant decidedAt;
    public String reason;

    public String replacedValueSha256;
    public byte[] certificatePdf;
    public Instant callDeletedAt;
}
