package fi.hel.callrec.retention;

import fi.hel.callrec.commons.problem.ProblemException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.UUID;

/** A recording's place in the retention schedule, its hold, and whether it was destroyed. */
@Entity
public class RetentionSchedule extends PanacheEntityBase {

    @Id
    public UUID recordingId;
    public String bucket;
    public String objectKey;
    public Instant startedAt;
    public Instant dueAt;
    @Column(insertable = false, updatable = false)
    public Instant scheduledAt;
    public Instant deletedAt;
    public boolean held;
    public String holdReason;
    public String holdCaseReference;
    public String holdNote;
    public String heldBy;
    public Instant heldAt;

    /** The recording's row, or 404. */
    public static RetentionSchedule existing(UUID recordingId) {
        return RetentionSchedule.<RetentionSchedule>findByIdOptional(recordingId).orElseThrow(() -> notFound(recordingId));
    }

    /**
     * The undeleted row locked for a change, the lock the sweep deletes under, so a change and a
     * deletion of one recording are strictly ordered; 404 unknown, 410 deleted.
     *
     * @param deleted the 410 problem's detail, formatted with the recording id and when it was deleted
     */
    public static RetentionSchedule liveForUpdate(UUID recordingId, String deleted) {
        RetentionSchedule row = RetentionSchedule.<RetentionSchedule>findByIdOptional(recordingId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> notFound(recordingId));
        if (row.deletedAt != null) {
            throw new ProblemException(410, String.format(deleted, recordingId, row.deletedAt));
        }
        return row;
    }

    private static ProblemException notFound(UUID recordingId) {
        return new ProblemException(404, "No recording " + recordingId + " in the retention schedule.");
    }
}
