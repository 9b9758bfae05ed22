package fi.hel.callrec.retention.service;

import fi.hel.callrec.commons.outbox.Outbox;
import fi.hel.callrec.commons.problem.ProblemException;
import fi.hel.callrec.commons.storage.ObjectStoreUnavailableException;
import fi.hel.callrec.events.RecordingHoldChanged;
import fi.hel.callrec.retention.HoldChange;
import fi.hel.callrec.retention.RetentionSchedule;
import fi.hel.callrec.retention.storage.RecordingObjects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Places and releases holds. Each change locks the recording's schedule row, the lock the sweep
 * deletes under, records who and when, and queues {@code recording-hold-changed} in the same
 * transaction.
 */
@ApplicationScoped
public class HoldService {

    private final Outbox outbox;
    private final RecordingObjects objects;

    public HoldService(Outbox outbox, RecordingObjects objects) {
        this.outbox = outbox;
        this.objects = objects;
    }

    /** Places a hold, or changes the reason, case or note of the one in place; the same hold again changes nothing. */
    @Transactional
    public RetentionSchedule place(UUID recordingId, String reason, String caseReference, String note, String user) {
        RetentionSchedule row = liveForUpdate(recordingId);
        if (row.held && Objects.equals(row.holdReason, reason) && Objects.equals(row.holdCaseReference, caseReference)
                && Objects.equals(row.holdNote, note)) {
            return row;
        }
        Instant now = Instant.now();
        if (!row.held) {
            legalHold(row, true);
        }
        row.held = true;
        row.holdReason = reason;
        row.holdCaseReference = caseReference;
        row.holdNote = note;
        row.heldBy = user;
        row.heldAt = now;
        record(recordingId, true, reason, caseReference, note, null, user, now);
        outbox.add(RecordingHoldChanged.placed(recordingId, reason, caseReference, note, user, now));
        return row;
    }

    /** Releases the hold; the recording is then deleted by the next sweep once it is due. */
    @Transactional
    public RetentionSchedule release(UUID recordingId, String releaseReason, String note, String user) {
        RetentionSchedule row = liveForUpdate(recordingId);
        if (!row.held) {
            throw new ProblemException(409, "Recording " + recordingId + " is not on hold.");
        }
        Instant now = Instant.now();
        legalHold(row, false);
        row.held = false;
        row.holdReason = null;
        row.holdCaseReference = null;
        row.holdNote = null;
        row.heldBy = null;
        row.heldAt = null;
        record(recordingId, false, null, null, note, releaseReason, user, now);
        outbox.add(RecordingHoldChanged.released(recordingId, releaseReason, note, user, now));
        return row;
    }

    @Transactional
    public RetentionSchedule find(UUID recordingId) {
        RetentionSchedule row = RetentionSchedule.findById(recordingId);
        if (row == null) {
            throw notFound(recordingId);
        }
        return row;
    }

    @Transactional
    public List<HoldChange> history(UUID recordingId) {
        return HoldChange.history(recordingId);
    }

    /** Recordings on hold, oldest hold first, optionally of one case. */
    @Transactional
    public List<RetentionSchedule> holds(String caseReference, int limit) {
        var query = caseReference == null
                ? RetentionSchedule.find("held = true order by heldAt, recordingId")
                : RetentionSchedule.find("held = true and holdCaseReference = ?1 order by heldAt, recordingId", caseReference);
        return query.page(0, limit).list();
    }

    private RetentionSchedule liveForUpdate(UUID recordingId) {
        RetentionSchedule row = RetentionSchedule.findForUpdate(recordingId).orElseThrow(() -> notFound(recordingId));
        if (row.deleted()) {
            throw new ProblemException(410, "Recording " + recordingId + " was deleted at " + row.deletedAt
                    + "; its hold can no longer be changed.");
        }
        return row;
    }

    private void legalHold(RetentionSchedule row, boolean on) {
        try {
            objects.legalHold(row.bucket, row.objectKey, on);
        } catch (ObjectStoreUnavailableException e) {
            // Nothing is committed: the caller retries when the store answers again.
            throw ProblemException.unavailable("The object store did not accept the legal hold; nothing was changed. Try again later.", 30, e);
        }
    }

    private static void record(UUID recordingId, boolean held, String reason, String caseReference, String note,
            String releaseReason, String user, Instant at) {
        HoldChange change = new HoldChange();
        change.recordingId = recordingId;
        change.held = held;
        change.reason = reason;
        change.caseReference = caseReference;
        change.note = note;
        change.releaseReason = releaseReason;
        change.changedBy = user;
        change.changedAt = at;
        change.persist();
    }

    private static ProblemException notFound(UUID recordingId) {
        return new ProblemException(404, "No recording " + recordingId + " in the retention schedule.");
    }
}
