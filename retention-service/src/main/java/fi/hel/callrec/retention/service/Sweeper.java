package fi.hel.callrec.retention.service;

import fi.hel.callrec.commons.storage.ObjectStoreUnavailableException;
import fi.hel.callrec.events.DeletionReasons;
import fi.hel.callrec.retention.config.RetentionConfig;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Destroys due recordings that no hold keeps. Each batch goes through two transactions:
 * <ol>
 * <li>claim: due, unheld rows are chosen with {@code FOR UPDATE SKIP LOCKED} and marked with this
 * sweep's claim, so replicas sweeping at once take disjoint batches;</li>
 * <li>delete: the claimed rows are locked again and only those still unheld are kept; their
 * objects are removed with the store's batch delete, and while the locks are held each row is
 * marked deleted with a deletion-log entry and a {@code recording-deleted} outbox row.</li>
 * </ol>
 * A hold takes the same row lock, so a hold committed between the two steps keeps its recording,
 * and one that arrives during the second step waits and then finds the recording deleted. Only
 * the partial index of unheld, undeleted rows is read, so a sweep costs what is due, not what is kept.
 */
@ApplicationScoped
public class Sweeper {

    private static final Logger LOG = Logger.getLogger(Sweeper.class);

    private final AgroalDataSource dataSource;
    private final Destroyer destroyer;
    private final RetentionConfig config;
    private final RetentionStatus status;
    private final Counter deletions;
    private final Counter failures;
    private final Timer sweepTimer;
    private volatile Consumer<List<UUID>> afterClaim = ids -> {
    };
    private volatile Consumer<List<UUID>> afterLock = ids -> {
    };

    public Sweeper(AgroalDataSource dataSource, Destroyer destroyer, RetentionConfig config, RetentionStatus status,
            MeterRegistry registry) {
        this.dataSource = dataSource;
        this.destroyer = destroyer;
        this.config = config;
        this.status = status;
        this.deletions = Counter.builder("callrec.retention.deletions").tag("reason", DeletionReasons.RETENTION)
                .description("Recordings destroyed").register(registry);
        this.failures = Counter.builder("callrec.retention.deletion.failures")
                .description("Recordings a sweep could not destroy (retried later)").register(registry);
        this.sweepTimer = Timer.builder("callrec.retention.sweep").description("Sweep duration").register(registry);
    }

    @Scheduled(every = "${callrec.retention.sweep-interval:5m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = SweepDisabled.class)
    void scheduled() {
        SweepResult result = sweep();
        if (result.deleted() > 0 || result.failed() > 0 || result.error() != null) {
            LOG.infof("Retention sweep: %d deleted, %d kept by a hold, %d failed%s", result.deleted(), result.keptByHold(),
                    result.failed(), result.error() == null ? "" : " (" + result.error() + ")");
        }
    }

    /**
     * Runs one sweep over everything due now. Workers claim and delete batches side by side (the
     * store's batch delete is the slow part, and the claims keep them apart); the first failure
     * of the store stops them all.
     */
    public SweepResult sweep() {
        Instant started = Instant.now();
        UUID sweepId = UUID.randomUUID();
        int workers = Math.max(1, config.sweepWorkers());
        Tally tally = new Tally();
        if (workers == 1) {
            work(sweepId, started, tally);
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int i = 0; i < workers; i++) {
                    running.add(pool.submit(() -> work(sweepId, started, tally)));
                }
                for (Future<?> worker : running) {
                    worker.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                tally.stop("interrupted");
            } catch (ExecutionException e) {
                tally.stop(rootMessage(e.getCause()));
            } finally {
                pool.shutdownNow();
            }
        }
        Instant finished = Instant.now();
        Duration took = Duration.between(started, finished);
        sweepTimer.record(took);
        SweepResult result;
        synchronized (tally) {
            result = new SweepResult(started, finished, took.toMillis(), tally.claimed, tally.deleted, tally.kept, tally.failed, tally.error);
        }
        status.sweepFinished(result);
        return result;
    }

    /** What the workers of one sweep did together. */
    private static final class Tally {
        int claimed;
        int deleted;
        int kept;
        int failed;
        String error;

        synchronized void stop(String reason) {
            if (error == null) {
                error = reason;
            }
        }

        synchronized boolean stopped() {
            return error != null;
        }
    }

    private void work(UUID sweepId, Instant dueBy, Tally tally) {
        try {
            while (!tally.stopped()) {
                List<UUID> batch = QuarkusTransaction.requiringNew().call(() -> claim(sweepId, dueBy));
                if (batch.isEmpty()) {
                    return;
                }
                synchronized (tally) {
                    tally.claimed += batch.size();
                }
                afterClaim.accept(batch);
                BatchOutcome outcome;
                try {
                    outcome = QuarkusTransaction.requiringNew().call(() -> deleteClaimed(sweepId, batch));
                } catch (RuntimeException e) {
                    // The claims stay until they lapse, so the next sweep retries this batch; an
                    // unreachable store would fail every batch, so this sweep stops here.
                    failures.increment(batch.size());
                    String reason = rootMessage(e);
                    synchronized (tally) {
                        tally.failed += batch.size();
                    }
                    tally.stop(reason);
                    LOG.warnf("Retention sweep stopped, %d recording(s) retried later: %s", batch.size(), reason);
                    return;
                }
                deletions.increment(outcome.deleted());
                failures.increment(outcome.refused());
                synchronized (tally) {
                    tally.deleted += outcome.deleted();
                    tally.kept += outcome.keptByHold();
                    tally.failed += outcome.refused();
                }
                if (batch.size() < config.batchSize()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            tally.stop(rootMessage(e));
            LOG.warnf("Retention sweep failed: %s", tally.error);
        }
    }

    /** Test hook: runs after a batch is claimed and before it is deleted, to stage a hold racing the sweep. */
    public void afterClaim(Consumer<List<UUID>> hook) {
        this.afterClaim = hook == null ? ids -> {
        } : hook;
    }

    /** Test hook: runs while the delete step holds the row locks, before the objects are removed. */
    public void afterLock(Consumer<List<UUID>> hook) {
        this.afterLock = hook == null ? ids -> {
        } : hook;
    }

    private List<UUID> claim(UUID sweepId, Instant dueBy) throws SQLException {
        Instant now = Instant.now();
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement claim = connection.prepareStatement("""
                        UPDATE retention_schedule SET claim_id = ?, claimed_until = ?
                        WHERE recording_id IN (
                            SELECT recording_id FROM retention_schedule
                            WHERE deleted_at IS NULL AND NOT held AND due_at <= ?
                              AND (claimed_until IS NULL OR claimed_until < ?)
                            ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING recording_id""")) {
            claim.setObject(1, sweepId);
            claim.setTimestamp(2, Timestamp.from(now.plus(config.claimLease())));
            claim.setTimestamp(3, Timestamp.from(dueBy));
            claim.setTimestamp(4, Timestamp.from(now));
            claim.setInt(5, config.batchSize());
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    private record BatchOutcome(int deleted, int keptByHold, int refused) {
    }

    private BatchOutcome deleteClaimed(UUID sweepId, List<UUID> batch) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            // Not SKIP LOCKED: a hold being placed right now is waited for, then seen.
            List<Destroyer.Target> due = new ArrayList<>();
            try (PreparedStatement lock = connection.prepareStatement("""
                    SELECT recording_id, bucket, object_key, due_at FROM retention_schedule
                    WHERE recording_id = ANY (?) AND claim_id = ? AND deleted_at IS NULL AND NOT held
                    FOR UPDATE""")) {
                lock.setArray(1, connection.createArrayOf("uuid", batch.toArray()));
                lock.setObject(2, sweepId);
                try (ResultSet rows = lock.executeQuery()) {
                    while (rows.next()) {
                        due.add(new Destroyer.Target(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                                rows.getTimestamp(4).toInstant()));
                    }
                }
            }
            int keptByHold = unclaimHeld(connection, sweepId, batch);
            afterLock.accept(due.stream().map(Destroyer.Target::recordingId).toList());
            Destroyer.Outcome outcome = destroyer.destroy(connection, due, DeletionReasons.RETENTION, null);
            if (!outcome.refused().isEmpty()) {
                LOG.warnf("The object store refused to delete %d due recording(s); they stay scheduled", outcome.refused().size());
            }
            return new BatchOutcome(outcome.removed().size(), keptByHold, outcome.refused().size());
        }
    }

    /**
     * Gives up this sweep's claim on the rows a hold kept, so that once the hold is released the
     * next sweep takes them, rather than waiting for the claim to lapse. Returns how many.
     */
    private static int unclaimHeld(Connection connection, UUID sweepId, List<UUID> batch) throws SQLException {
        try (PreparedStatement unclaim = connection.prepareStatement(
                "UPDATE retention_schedule SET claim_id = NULL, claimed_until = NULL"
                        + " WHERE recording_id = ANY (?) AND claim_id = ? AND held")) {
            unclaim.setArray(1, connection.createArrayOf("uuid", batch.toArray()));
            unclaim.setObject(2, sweepId);
            return unclaim.executeUpdate();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof ObjectStoreUnavailableException)) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** Skips the scheduled sweep where it is switched off (tests run it themselves). */
    @ApplicationScoped
    public static class SweepDisabled implements Scheduled.SkipPredicate {

        private final RetentionConfig config;

        public SweepDisabled(RetentionConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.sweepEnabled();
        }
    }
}
