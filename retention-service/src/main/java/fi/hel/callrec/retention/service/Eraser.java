package fi.hel.callrec.retention.service;

import fi.hel.callrec.commons.problem.ProblemException;
import fi.hel.callrec.commons.storage.ObjectStoreUnavailableException;
import fi.hel.callrec.events.DeletionReasons;
import fi.hel.callrec.retention.RetentionSchedule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Erasure: the manager destroys a recording found unnecessary before its retention ends. The row
 * is locked as the sweep locks it (not skipped: a hold or a sweep working on it is waited for,
 * then seen), a hold refuses the erasure, and {@link Destroyer} destroys it with reason
 * {@code erasure}, who and why, in one transaction.
 */
@ApplicationScoped
public class Eraser {

    private static final Logger LOG = Logger.getLogger(Eraser.class);

    private final Destroyer destroyer;
    private final Counter erasures;

    public Eraser(Destroyer destroyer, MeterRegistry registry) {
        this.destroyer = destroyer;
        this.erasures = Counter.builder("callrec.retention.deletions").tag("reason", DeletionReasons.ERASURE)
                .description("Recordings destroyed").register(registry);
    }

    /**
     * Destroys the recording now, or answers with a problem and changes nothing: 404 unknown, 410
     * already deleted, 409 on hold or refused by the store, 503 the store did not answer.
     */
    public Instant erase(UUID recordingId, String reason, String user) {
        try {
            Instant deletedAt = QuarkusTransaction.requiringNew().call(() -> eraseLocked(recordingId, reason, user));
            erasures.increment();
            LOG.infof("Recording %s erased by %s", recordingId, user);
            return deletedAt;
        } catch (ObjectStoreUnavailableException e) {
            throw ProblemException.unavailable("The object store could not be reached; the recording was not erased. Try again later.", 30, e);
        }
    }

    private Instant eraseLocked(UUID recordingId, String reason, String user) {
        RetentionSchedule row = RetentionSchedule.liveForUpdate(recordingId, "Recording %s was already deleted at %s.");
        if (row.held) {
            throw new ProblemException(409, "Recording " + recordingId + " is on hold (" + row.holdReason + ", case "
                    + row.holdCaseReference + ") and cannot be erased; the hold must be released first.");
        }
        Destroyer.Outcome outcome = destroyer.destroy(List.of(new Destroyer.Target(recordingId, row.bucket, row.objectKey, row.dueAt)),
                DeletionReasons.ERASURE, new Destroyer.Request(user, reason));
        if (!outcome.refused().isEmpty()) {
            // Only a store with object lock refuses, so its legal hold and this schedule disagree.
            throw new ProblemException(409, "The object store refused to delete recording " + recordingId
                    + " (a legal hold in the store?); nothing was changed.");
        }
        return outcome.deletedAt();
    }
}
