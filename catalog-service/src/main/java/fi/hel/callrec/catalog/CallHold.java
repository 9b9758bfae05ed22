package fi.hel.callrec.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/**
 * The latest hold state of a recording as retention-service (the hold authority) announced it.
 * It may exist before the call's metadata arrives: the two topics are not ordered with each other.
 */
@Entity
public class CallHold extends PanacheEntityBase {

    @Id
    public UUID recordingId;

    public boolean held;
    public String reason;
    public String caseReference;
    public String note;
    public String releaseReason;
    public String changedBy;
    public Instant changedAt;
}
