package fi.hel.callrec.retention;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A recording's place in the retention schedule, its hold, and whether it was destroyed. */
@Entity
@Table(name = "retention_schedule")
public class RetentionSchedule extends PanacheEntityBase {

    @Id
    @Column(name = "recording_id")
    public UUID recordingId;

    @Column(nullable = false)
    public String bucket;

    @Column(name = "object_key", nullable = false)
    public String objectKey;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(name = "scheduled_at", nullable = false, insertable = false, updatable = false)
    public Instant scheduledAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Column(nullable = false)
    public boolean held;

    @Column(name = "hold_reason")
    public String holdReason;

    @Column(name = "hold_case_reference")
    public String holdCaseReference;

    @Column(name = "hold_note")
    public String holdNote;

    @Column(name = "held_by")
    public String heldBy;

    @Column(name = "held_at")
    public Instant heldAt;

    /**
     * The row locked for a hold change. The sweep deletes only rows it has locked and found
     * unheld, so a hold and a deletion of one recording are strictly ordered: a hold committed
     * first keeps the recording, and one that waited for a deletion finds it deleted.
     */
    public static Optional<RetentionSchedule> findForUpdate(UUID recordingId) {
        return Optional.ofNullable(getEntityManager().find(RetentionSchedule.class, recordingId, LockModeType.PESSIMISTIC_WRITE));
    }

    public boolean deleted() {
        return deletedAt != null;
    }
}
