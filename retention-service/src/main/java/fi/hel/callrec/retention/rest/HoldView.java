package fi.hel.callrec.retention.rest;

import fi.hel.callrec.retention.HoldChange;
import fi.hel.callrec.retention.RetentionSchedule;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A recording's retention and hold as the hold endpoints show it; history only on the single-recording view. */
public record HoldView(UUID recordingId, boolean held, String reason, String caseReference, String note, String heldBy,
        Instant heldAt, Instant dueAt, Instant deletedAt, List<Change> history) {

    /** One placement or release. */
    public record Change(boolean held, String reason, String caseReference, String note, String releaseReason,
            String changedBy, Instant changedAt) {
    }

    static HoldView of(RetentionSchedule row, List<HoldChange> history) {
        return new HoldView(row.recordingId, row.held, row.holdReason, row.holdCaseReference, row.holdNote, row.heldBy,
                row.heldAt, row.dueAt, row.deletedAt, history == null ? null : history.stream()
                        .map(c -> new Change(c.held, c.reason, c.caseReference, c.note, c.releaseReason, c.changedBy, c.changedAt))
                        .toList());
    }
}
