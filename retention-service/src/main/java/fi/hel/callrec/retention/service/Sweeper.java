package fi.hel.callrec.retention.service;

import fi.hel.callrec.commons.storage.ObjectStoreUnavailableException;
import fi.hel.callrec.events.DeletionReasons;
import fi.hel.callrec.retention.config.RetentionConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

/**
 * Destroys due recordings that no hold keeps, each batch in two transactions: the claim stamps due,
 * unheld rows ({@code FOR UPDATE SKIP LOCKED}, so replicas take disjoint batches); the delete locks
 * them again and destroys those still unheld. A hold takes the same row lock, so it either keeps its
 * recording or waits and finds it deleted (docs/decisions/0041).
 */
@ApplicationScoped
public class Sweeper {

    private static final Logger LOG = Logger.getLogger(Sweeper.class);
    /** Reads only the partial index of unheld, undeleted rows by due time: a sweep costs what is due, not what is kept. */
    private static final String CLAIM = """
            UPDATE retention_schedule SET claim_id = :sweepId, claimed_until = :until
            WHERE recording_id IN (
                SELECT recording_id FROM retention_schedule
                WHERE deleted_at IS NULL AND NOT held AND due_at <= :dueBy AND (claimed_until IS NULL OR claimed_until < :now)
                ORDER BY due_at LIMIT :batchSize FOR UPDATE SKIP LOCKED)
            RETURNING recording_id""";
    /** Not SKIP LOCKED: a hold being placed right now is waited for, then seen. */
    private static final String LOCK = """
            SELECT recording_id, bucket, object_key, due_at FROM retention_schedule
            WHERE recording_id = ANY (:ids) AND claim_id = :sweepId AND deleted_at IS NULL AND NOT held
            FOR UPDATE""";
    /** A held row loses the claim at once, so that the first sweep after its release takes it. */
    private static final String UNCLAIM_HELD = """
            UPDATE retention_schedule SET claim_id = NULL, claimed_until = NULL
            WHERE recording_id = ANY (:ids) AND claim_id = :sweepId AND held""";

    private final Jdbi jdbi;
    private final Destroyer destroyer;
    private final RetentionConfig config;
    private final RetentionStatus status;
    private final ManagedExecutor executor;
    private final InstantSource clock;
    private final Counter deletions;
    private final Counter failures;
    private final Timer sweepTimer;

    public Sweeper(Jdbi jdbi, Destroyer destroyer, RetentionConfig config, RetentionStatus status, ManagedExecutor executor,
            InstantSource clock, MeterRegistry registry) {
        this.jdbi = jdbi;
        this.destroyer = destroyer;
        this.config = config;
        this.status = status;
        this.executor = executor;
        this.clock = clock;
        this.deletions = Counter.builder("callrec.retention.deletions").tag("reason", DeletionReasons.RETENTION)
                .description("Recordings destroyed").register(registry);
        this.failures = Counter.builder("callrec.retention.deletion.failures")
                .description("Recordings a sweep could not destroy (retried later)").register(registry);
        this.sweepTimer = Timer.builder("callrec.retention.sweep").description("Sweep duration").register(registry);
    }

    @Scheduled(every = "${callrec.retention.sweep-interval:5m}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        SweepResult result = sweep();
        if (result.deleted() > 0 || result.failed() > 0 || result.error() != null) {
            LOG.infof("Retention sweep: %d deleted, %d kept by a hold, %d failed%s", result.deleted(), result.keptByHold(),
                    result.failed(), result.error() == null ? "" : " (" + result.error() + ")");
        }
    }

    /**
     * Runs one sweep over everything due now. Workers claim and delete batches side by side (the
     * store's batch delete is the slow part); the first failure of the store stops them all.
     */
    public SweepResult sweep() {
        Instant started = clock.instant();
        UUID sweepId = UUID.randomUUID();
        Tally tally = new Tally();
        CompletableFuture.allOf(IntStream.range(0, Math.max(1, config.sweepWorkers()))
                .mapToObj(i -> executor.runAsync(() -> work(sweepId, started, tally)))
                .toArray(CompletableFuture[]::new)).join();
        Instant finished = clock.instant();
        Duration took = Duration.between(started, finished);
        sweepTimer.record(took);
        SweepResult result = tally.result(started, finished, took);
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

        synchronized void add(int claimed, int deleted, int kept, int failed) {
            this.claimed += claimed;
            this.deleted += deleted;
            this.kept += kept;
            this.failed += failed;
        }

        synchronized void stop(String reason) {
            if (error == null) {
                error = reason;
            }
        }

        synchronized boolean stopped() {
            return error != null;
        }

        synchronized SweepResult result(Instant started, Instant finished, Duration took) {
            return new SweepResult(started, finished, took.toMillis(), claimed, deleted, kept, failed, error);
        }
    }

    private void work(UUID sweepId, Instant dueBy, Tally tally) {
        try {
            while (!tally.stopped()) {
                List<UUID> batch = claim(sweepId, dueBy);
                if (batch.isEmpty()) {
                    return;
                }
                tally.add(batch.size(), 0, 0, 0);
                BatchOutcome outcome;
                try {
                    outcome = deleteClaimed(sweepId, batch);
                } catch (RuntimeException e) {
                    // The claims stay until they lapse, so the next sweep retries this batch; an
                    // unreachable store would fail every batch, so this sweep stops here.
                    failures.increment(batch.size());
                    tally.add(0, 0, 0, batch.size());
                    tally.stop(rootMessage(e));
                    LOG.warnf("Retention sweep stopped, %d recording(s) retried later: %s", batch.size(), rootMessage(e));
                    return;
                }
                deletions.increment(outcome.deleted());
                failures.increment(outcome.refused());
                tally.add(0, outcome.deleted(), outcome.keptByHold(), outcome.refused());
                if (batch.size() < config.batchSize()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            tally.stop(rootMessage(e));
            LOG.warnf("Retention sweep failed: %s", rootMessage(e));
        }
    }

    /** The first step: claims the next batch due by {@code dueBy} for this sweep, in a transaction of its own. */
    List<UUID> claim(UUID sweepId, Instant dueBy) {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> jdbi.withHandle(h -> h.createQuery(CLAIM)
                .bind("sweepId", sweepId).bind("until", now.plus(config.claimLease())).bind("dueBy", dueBy).bind("now", now)
                .bind("batchSize", config.batchSize())
                .mapTo(UUID.class).list()));
    }

    record BatchOutcome(int deleted, int keptByHold, int refused) {
    }

    /** The second step: destroys the claimed recordings that are still unheld, in a transaction of its own. */
    BatchOutcome deleteClaimed(UUID sweepId, List<UUID> batch) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Destroyer.Target> due = jdbi.withHandle(h -> h.createQuery(LOCK)
                    .bindArray("ids", UUID.class, batch).bind("sweepId", sweepId)
                    .map((rs, ctx) -> new Destroyer.Target(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant()))
                    .list());
            int keptByHold = jdbi.withHandle(h -> h.createUpdate(UNCLAIM_HELD)
                    .bindArray("ids", UUID.class, batch).bind("sweepId", sweepId).execute());
            Destroyer.Outcome outcome = destroyer.destroy(due, DeletionReasons.RETENTION, null);
            if (!outcome.refused().isEmpty()) {
                LOG.warnf("The object store refused to delete %d due recording(s); they stay scheduled", outcome.refused().size());
            }
            return new BatchOutcome(outcome.removed().size(), keptByHold, outcome.refused().size());
        });
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof ObjectStoreUnavailableException)) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
