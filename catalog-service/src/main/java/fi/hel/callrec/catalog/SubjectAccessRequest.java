package fi.hel.callrec.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A data subject's request to see the data about them (R12), as the customer-service manager
 * registered it; closed when its report is produced.
 */
@Entity
@Table(name = "subject_access_request")
public class SubjectAccessRequest extends PanacheEntityBase {

    @Id
    public UUID id;

    /** E.164, as {@link fi.hel.callrec.commons.phone.PhoneNumbers} stores every caller number. */
    @Column(name = "subject_number", nullable = false)
    public String subjectNumber;

    @Column(name = "subject_name")
    public String subjectName;

    /** {@code in-person} or {@code signed-letter}. */
    @Column(nullable = false)
    public String channel;

    @Column(name = "verified_by", nullable = false)
    public String verifiedBy;

    /** How the identity was verified, for example the identity document shown. */
    @Column(nullable = false)
    public String verification;

    @Column(name = "received_on", nullable = false)
    public LocalDate receivedOn;

    @Column(name = "due_on", nullable = false)
    public LocalDate dueOn;

    @Column(nullable = false)
    public boolean free;

    /** For a chargeable request: the free one of the previous twelve months. */
    @Column(name = "earlier_request_id")
    public UUID earlierRequestId;

    @Column(name = "registered_by", nullable = false)
    public String registeredBy;

    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;

    @Column(name = "closed_by")
    public String closedBy;

    @Column(name = "closed_at")
    public Instant closedAt;

    public boolean open() {
        return closedAt == null;
    }

    public boolean overdue(LocalDate today) {
        return open() && dueOn.isBefore(today);
    }
}
