package fi.hel.callrec.retention.service;

import fi.hel.callrec.commons.outbox.Outbox;
import fi.hel.callrec.events.DeletionReasons;
import fi.hel.callrec.events.ObjectKeys;
import fi.hel.callrec.events.RecordingDeleted;
import fi.hel.callrec.retention.config.RetentionConfig;
import fi.hel.callrec.retention.storage.RecordingObjects;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Finds recordings the schedule never heard of (a call-recorded event lost before this service
 * saw it) and destroys them once they are older than retention + grace, so that no recording
 * outlives the register's limit because of a lost message. Each removal is logged and announced
 * ({@code recording-deleted}, reason {@code reconciliation}), so catalog and access drop whatever
 * they learnt of it. Known objects are the schedule's business and are never touched here;
 * unknown objects that are not recordings are reported, not deleted.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    private static final Pattern RECORDING_KEY = Pattern.compile("recordings/\\d{4}/\\d{2}/\\d{2}/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.wav");
    /** One reconciliation at a time across replicas: listing twice would log and announce twice. */
    private static final long LOCK_KEY = 0x5245434f4e43494cL;
    private static final int BATCH = 1000;
    private static final int MAX_REPORTED = 50;

    private final AgroalDataSource dataSource;
    private final RecordingObjects objects;
    private final Outbox outbox;
    private final RetentionConfig config;
    private final Counter deletions;
    private final TrainingCopyRegister copies;

    public Reconciler(AgroalDataSource dataSource, RecordingObjects objects, Outbox outbox, RetentionConfig config,
            MeterRegistry registry, TrainingCopyRegister copies) {
        this.dataSource = dataSource;
        this.objects = objects;
        this.copies = copies;
        this.outbox = outbox;
        this.config = config;
        this.deletions = Counter.builder("callrec.retention.deletions").tag("reason", DeletionReasons.RECONCILIATION)
                .description("Recordings destroyed").register(registry);
    }

    @Scheduled(every = "${callrec.retention.reconcile-interval:24h}", delayed = "2m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = ReconcileDisabled.class)
    void scheduled() {
        ReconcileResult result = reconcile();
        LOG.infof("Reconciliation: %d listed, %d orphan(s), %d deleted, %d refused, %d unrecognised%s", result.listed(),
                result.orphans(), result.deleted(), result.refused(), result.unrecognised().size(),
                result.error() == null ? "" : " (" + result.error() + ")");
    }

    public ReconcileResult reconcile() {
        ReconcileResult result = reconcile(config.reconcilePrefix());
        removeDestroyedCopies();
        return result;
    }

    /**
     * Removes training-copy objects recorded as destroyed: a copy whose source was destroyed while
     * access-service was still writing it reaches the store after its removal.
     */
    void removeDestroyedCopies() {
        try {
            List<String> keys = new ArrayList<>();
            for (RecordingObjects.Listed object : objects.list(ObjectKeys.TRAINING_PREFIX)) {
                keys.add(object.key());
                if (keys.size() == BATCH) {
                    removeIfDestroyed(keys);
                    keys.clear();
                }
            }
            removeIfDestroyed(keys);
        } catch (RuntimeException | SQLException e) {
            LOG.warnf("Training copies not reconciled: %s", e.getMessage());
        }
    }

    private void removeIfDestroyed(List<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        Set<String> destroyed = copies.destroyed(keys);
        if (!destroyed.isEmpty()) {
            Set<String> refused = objects.removeAll(objects.bucket(), destroyed);
            LOG.infof("Reconciliation removed %d training cop(ies) written after their source was destroyed", destroyed.size() - refused.size());
        }
    }

    /** Reconciles the keys under {@code prefix} (within the configured recordings prefix). */
    public ReconcileResult reconcile(String prefix) {
        if (!prefix.startsWith(config.reconcilePrefix())) {
            throw new IllegalArgumentException("prefix must lie under " + config.reconcilePrefix());
        }
        Instant started = Instant.now();
        Instant cutoff = config.period().startedBefore(started).minus(config.reconcileGrace());
        long[] counts = new long[6];
        List<String> unrecognised = new ArrayList<>();
        String error = null;
        try (Connection session = dataSource.getConnection()) {
            if (!advisoryLock(session, "pg_try_advisory_lock")) {
                return new ReconcileResult(started, 0, 0, 0, 0, 0, 0, List.of(), "another reconciliation is running");
            }
            try {
                List<RecordingObjects.Listed> batch = new ArrayList<>();
                for (RecordingObjects.Listed object : objects.list(prefix)) {
                    counts[0]++;
                    if (object.lastModified().isBefore(cutoff)) {
                        counts[1]++;
                        batch.add(object);
                        if (batch.size() == BATCH) {
                            handle(batch, counts, unrecognised);
                            batch.clear();
                        }
                    }
                }
                handle(batch, counts, unrecognised);
            } finally {
                advisoryLock(session, "pg_advisory_unlock");
            }
        } catch (RuntimeException | SQLException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.warnf("Reconciliation stopped: %s", error);
        }
        return new ReconcileResult(started, Duration.between(started, Instant.now()).toMillis(), counts[0], counts[1], counts[2],
                counts[3], counts[4], List.copyOf(unrecognised), error);
    }

    private void handle(List<RecordingObjects.Listed> old, long[] counts, List<String> unrecognised) {
        if (old.isEmpty()) {
            return;
        }
        Set<String> known = QuarkusTransaction.requiringNew().call(() -> known(old.stream().map(RecordingObjects.Listed::key).toList()));
        List<Orphan> orphans = new ArrayList<>();
        for (RecordingObjects.Listed object : old) {
            if (known.contains(object.key())) {
                continue;
            }
            counts[2]++;
            Matcher m = RECORDING_KEY.matcher(object.key());
            if (m.matches()) {
                orphans.add(new Orphan(UUID.fromString(m.group(1)), object.key()));
            } else if (unrecognised.size() < MAX_REPORTED) {
                unrecognised.add(object.key());
            }
        }
        if (orphans.isEmpty()) {
            return;
        }
        // An orphan's training copies (access-service knew the recording) go with it.
        Map<UUID, List<String>> copyKeys = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return copies.of(connection, orphans.stream().map(Orphan::recordingId).toList());
            }
        });
        List<String> keys = new ArrayList<>(orphans.stream().map(Orphan::key).toList());
        copyKeys.values().forEach(keys::addAll);
        Set<String> refused = objects.removeAll(objects.bucket(), keys);
        List<Orphan> removed = orphans.stream().filter(o -> !refused.contains(o.key())).toList();
        counts[4] += orphans.size() - removed.size();
        QuarkusTransaction.requiringNew().run(() -> logAndAnnounce(removed, copyKeys, refused, Instant.now()));
        counts[3] += removed.size();
        deletions.increment(removed.size());
    }

    private record Orphan(UUID recordingId, String key) {
    }

    private Set<String> known(List<String> keys) throws SQLException {
        Set<String> known = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT object_key FROM retention_schedule WHERE object_key = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("text", keys.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    known.add(rows.getString(1));
                }
            }
        }
        return known;
    }

    private void logAndAnnounce(List<Orphan> removed, Map<UUID, List<String>> copyKeys, Set<String> refused, Instant deletedAt) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement log = connection.prepareStatement("""
                        INSERT INTO deletion_log (recording_id, object_key, due_at, deleted_at, reason, copy_keys)
                        VALUES (?, ?, NULL, ?, ?, ?)""")) {
            List<String> copiesRemoved = new ArrayList<>();
            for (Orphan o : removed) {
                List<String> keys = copyKeys.getOrDefault(o.recordingId(), List.of()).stream().filter(k -> !refused.contains(k)).toList();
                copiesRemoved.addAll(keys);
                log.setObject(1, o.recordingId());
                log.setString(2, o.key());
                log.setTimestamp(3, Timestamp.from(deletedAt));
                log.setString(4, DeletionReasons.RECONCILIATION);
                log.setArray(5, keys.isEmpty() ? null : connection.createArrayOf("text", keys.toArray()));
                log.addBatch();
            }
            log.executeBatch();
            copies.markDeleted(connection, copiesRemoved, deletedAt);
        } catch (SQLException e) {
            throw new IllegalStateException("could not log reconciled deletions", e);
        }
        for (Orphan o : removed) {
            outbox.add(RecordingDeleted.of(o.recordingId(), o.key(), DeletionReasons.RECONCILIATION, null, deletedAt));
        }
    }

    private static boolean advisoryLock(Connection session, String function) throws SQLException {
        try (PreparedStatement lock = session.prepareStatement("SELECT " + function + "(?)")) {
            lock.setLong(1, LOCK_KEY);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    /** Skips the scheduled reconciliation where it is switched off. */
    @ApplicationScoped
    public static class ReconcileDisabled implements Scheduled.SkipPredicate {

        private final RetentionConfig config;

        public ReconcileDisabled(RetentionConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.reconcileEnabled();
        }
    }
}
