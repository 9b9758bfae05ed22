package fi.hel.callrec.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The latest hold state of a recording as retention-service (the hold authority) announced it.
 * It may exist before the call's metadata arrives: the two topics are not ordered with each other.
 */
@Entity
@Table(name = "call_hold")
public class CallHold extends PanacheEntityBase {

    @Id
    @Column(name = "recording_id")
    public UUID recordingId;

    @Column(nullable = false)
    public boolean held;

    public String reason;

    @Column(name = "case_reference")
    public String caseReference;

    public String note;

    @Column(name = "release_reason")
    public String releaseReason;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;
}
