package fi.hel.callrec.retention.service;

import fi.hel.callrec.commons.problem.ProblemException;
import fi.hel.callrec.commons.storage.ObjectStoreUnavailableException;
import fi.hel.callrec.events.DeletionReasons;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Erasure: the manager destroys a recording found unnecessary before its retention ends. It is a
 * retention deletion of one recording that was not yet due: the row is locked as the sweep locks
 * it, a hold refuses the erasure, and {@link Destroyer} removes the object and records the
 * deletion (reason {@code erasure}, who and why) with its {@code recording-deleted} event in one
 * transaction.
 */
@ApplicationScoped
public class Eraser {

    private static final Logger LOG = Logger.getLogger(Eraser.class);

    private final AgroalDataSource dataSource;
    private final Destroyer destroyer;
    private final Counter erasures;
    private volatile Consumer<UUID> afterLock = id -> {
    };

    public Eraser(AgroalDataSource dataSource, Destroyer destroyer, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.destroyer = destroyer;
        this.erasures = Counter.builder("callrec.retention.deletions").tag("reason", DeletionReasons.ERASURE)
                .description("Recordings destroyed").register(registry);
    }

    /**
     * Destroys the recording now. Answers with a problem when it cannot: 404 unknown, 410 already
     * deleted, 409 on hold or refused by the store, 503 the store did not answer; nothing is
     * changed in those cases.
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

    /** Test hook: runs while the erasure holds the row lock, before the object is removed. */
    public void afterLock(Consumer<UUID> hook) {
        this.afterLock = hook == null ? id -> {
        } : hook;
    }

    private Instant eraseLocked(UUID recordingId, String reason, String user) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Destroyer.Target target;
            // Not SKIP LOCKED, as in the sweep: a hold or a sweep working on the row is waited for, then seen.
            try (PreparedStatement lock = connection.prepareStatement("""
                    SELECT bucket, object_key, due_at, deleted_at, held, hold_reason, hold_case_reference
                    FROM retention_schedule WHERE recording_id = ? FOR UPDATE""")) {
                lock.setObject(1, recordingId);
                try (ResultSet row = lock.executeQuery()) {
                    if (!row.next()) {
                        throw new ProblemException(404, "No recording " + recordingId + " in the retention schedule.");
                    }
                    if (row.getTimestamp(4) != null) {
                        throw new ProblemException(410, "Recording " + recordingId + " was already deleted at "
                                + row.getTimestamp(4).toInstant() + ".");
                    }
                    if (row.getBoolean(5)) {
                        throw new ProblemException(409, "Recording " + recordingId + " is on hold (" + row.getString(6)
                                + ", case " + row.getString(7) + ") and cannot be erased; the hold must be released first.");
                    }
                    target = new Destroyer.Target(recordingId, row.getString(1), row.getString(2), row.getTimestamp(3).toInstant());
                }
            }
            afterLock.accept(recordingId);
            Destroyer.Outcome outcome = destroyer.destroy(connection, List.of(target), DeletionReasons.ERASURE,
                    new Destroyer.Request(user, reason));
            if (!outcome.refused().isEmpty()) {
                // Only a store with object lock refuses, so its legal hold and this schedule disagree.
                throw new ProblemException(409, "The object store refused to delete recording " + recordingId
                        + " (a legal hold in the store?); nothing was changed.");
            }
            return outcome.deletedAt();
        }
    }
}
