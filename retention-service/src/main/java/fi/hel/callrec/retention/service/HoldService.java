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
import java.time.InstantSource;
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

    private static final String DELETED = "Recording %s was deleted at %s; its hold can no longer be changed.";

    private final Outbox outbox;
    private final RecordingObjects objects;
    private final InstantSource clock;

    public HoldService(Outbox outbox, RecordingObjects objects, InstantSource clock) {
        this.outbox = outbox;
        this.objects = objects;
        this.clock = clock;
    }

    /** Places a hold, or changes the reason, case or note of the one in place; the same hold again changes nothing. */
    @Transactional
    public RetentionSchedule place(UUID recordingId, String reason, String caseReference, String note, String user) {
        RetentionSchedule row = RetentionSchedule.liveForUpdate(recordingId, DELETED);
        if (row.held && Objects.equals(row.holdReason, reason) && Objects.equals(row.holdCaseReference, caseReference)
                && Objects.equals(row.holdNote, note)) {
            return row;
        }
        if (!row.held) {
            legalHold(row, true);
        }
        return change(row, true, reason, caseReference, note, null, user);
    }

    /** Releases the hold; the recording is then deleted by the next sweep once it is due. */
    @Transactional
    public RetentionSchedule release(UUID recordingId, String releaseReason, String note, String user) {
        RetentionSchedule row = RetentionSchedule.liveForUpdate(recordingId, DELETED);
        if (!row.held) {
            throw new ProblemException(409, "Recording " + recordingId + " is not on hold.");
        }
        legalHold(row, false);
        return change(row, false, null, null, note, releaseReason, user);
    }

    @Transactional
    public RetentionSchedule find(UUID recordingId) {
        return RetentionSchedule.existing(recordingId);
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

    private RetentionSchedule change(RetentionSchedule row, boolean held, String reason, String caseReference, String note,
            String releaseReason, String user) {
        Instant now = clock.instant();
        row.held = held;
        row.holdReason = reason;
        row.holdCaseReference = caseReference;
        row.holdNote = held ? note : null;
        row.heldBy = held ? user : null;
        row.heldAt = held ? now : null;
        HoldChange change = new HoldChange();
        change.recordingId = row.recordingId;
        change.held = held;
        change.reason = reason;
        change.caseReference = caseReference;
        change.note = note;
        change.releaseReason = releaseReason;
        change.changedBy = user;
        change.changedAt = now;
        change.persist();
        outbox.add(held ? RecordingHoldChanged.placed(row.recordingId, reason, caseReference, note, user, now)
                : RecordingHoldChanged.released(row.recordingId, releaseReason, note, user, now));
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
}
