package fi.hel.callrec.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A data subject's request to see the data about them (R12), as the customer-service manager
 * registered it; closed when its report is produced.
 */
@Entity
public class SubjectAccessRequest extends PanacheEntityBase {

    @Id
    public UUID id;

    /** E.164, as {@link fi.hel.callrec.commons.phone.PhoneNumbers} stores every caller number. */
    public String subjectNumber;
    public String subjectName;

    /** {@code in-person} or {@code signed-letter}. */
    public String channel;
    public String verifiedBy;

    /** How the identity was verified, for example the identity document shown. */
    public String verification;
    public LocalDate receivedOn;
    public LocalDate dueOn;
    public boolean free;

    /** For a chargeable request: the free one of the previous twelve months. */
    public UUID earlierRequestId;
    public String registeredBy;
    public Instant registeredAt;
    public String closedBy;
    public Instant closedAt;

    public boolean open() {
        return closedAt == null;
    }

    public boolean overdue(LocalDate today) {
        return open() && dueOn.isBefore(today);
    }
}
