package fi.hel.callrec.retention.service;

import fi.hel.callrec.commons.outbox.Outbox;
import fi.hel.callrec.events.DeletionReasons;
import fi.hel.callrec.events.ObjectKeys;
import fi.hel.callrec.events.RecordingDeleted;
import fi.hel.callrec.retention.config.RetentionConfig;
import fi.hel.callrec.retention.storage.RecordingObjects;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Finds recordings the schedule never heard of (a call-recorded event lost before this service
 * saw it) and destroys them once they are older than retention + grace, so that no recording
 * outlives the register's limit because of a lost message. Each removal is logged and announced
 * ({@code recording-deleted}, reason {@code reconciliation}). Known objects are the schedule's
 * business and never touched here; unknown keys that are not recordings are reported, not deleted.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    private static final Pattern RECORDING_KEY = Pattern.compile("recordings/\\d{4}/\\d{2}/\\d{2}/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.wav");
    /** One reconciliation at a time across replicas: listing twice would log and announce twice. */
    private static final long LOCK_KEY = 0x5245434f4e43494cL;
    private static final int BATCH = 1000;
    private static final int MAX_REPORTED = 50;

    private final Jdbi jdbi;
    private final RecordingObjects objects;
    private final Outbox outbox;
    private final RetentionConfig config;
    private final TrainingCopyRegister copies;
    private final InstantSource clock;
    private final Counter deletions;

    public Reconciler(Jdbi jdbi, RecordingObjects objects, Outbox outbox, RetentionConfig config, TrainingCopyRegister copies,
            InstantSource clock, MeterRegistry registry) {
        this.jdbi = jdbi;
        this.objects = objects;
        this.outbox = outbox;
        this.config = config;
        this.copies = copies;
        this.clock = clock;
        this.deletions = Counter.builder("callrec.retention.deletions").tag("reason", DeletionReasons.RECONCILIATION)
                .description("Recordings destroyed").register(registry);
    }

    @Scheduled(every = "${callrec.retention.reconcile-interval:24h}", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
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
            inBatches(objects.list(ObjectKeys.TRAINING_PREFIX), object -> true, keys -> {
                Set<String> destroyed = copies.destroyed(keys.stream().map(RecordingObjects.Listed::key).toList());
                if (!destroyed.isEmpty()) {
                    Set<String> refused = objects.removeAll(objects.bucket(), destroyed);
                    LOG.infof("Reconciliation removed %d training cop(ies) written after their source was destroyed",
                            destroyed.size() - refused.size());
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("Training copies not reconciled: %s", e.getMessage());
        }
    }

    /** Reconciles the keys under {@code prefix} (within the configured recordings prefix). */
    public ReconcileResult reconcile(String prefix) {
        if (!prefix.startsWith(config.reconcilePrefix())) {
            throw new IllegalArgumentException("prefix must lie under " + config.reconcilePrefix());
        }
        Instant started = clock.instant();
        Instant cutoff = config.period().startedBefore(started).minus(config.reconcileGrace());
        long[] counts = new long[6];
        List<String> unrecognised = new ArrayList<>();
        String error = null;
        try (Handle session = jdbi.open()) {
            if (!advisoryLock(session, "pg_try_advisory_lock")) {
                return new ReconcileResult(started, 0, 0, 0, 0, 0, 0, List.of(), "another reconciliation is running");
            }
            try {
                inBatches(objects.list(prefix), object -> {
                    counts[0]++;
                    boolean old = object.lastModified().isBefore(cutoff);
                    counts[1] += old ? 1 : 0;
                    return old;
                }, batch -> handle(batch, counts, unrecognised));
            } finally {
                advisoryLock(session, "pg_advisory_unlock");
            }
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.warnf("Reconciliation stopped: %s", error);
        }
        return new ReconcileResult(started, Duration.between(started, clock.instant()).toMillis(), counts[0], counts[1], counts[2],
                counts[3], counts[4], List.copyOf(unrecognised), error);
    }

    private void handle(List<RecordingObjects.Listed> old, long[] counts, List<String> unrecognised) {
        if (old.isEmpty()) {
            return;
        }
        Set<String> known = QuarkusTransaction.requiringNew().call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT object_key FROM retention_schedule WHERE object_key = ANY (:keys)")
                .bindArray("keys", String.class, old.stream().map(RecordingObjects.Listed::key).toList())
                .mapTo(String.class).collect(Collectors.toSet())));
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
        Map<UUID, List<String>> copyKeys = QuarkusTransaction.requiringNew().call(() -> copies.of(orphans.stream().map(Orphan::recordingId).toList()));
        List<String> keys = new ArrayList<>(orphans.stream().map(Orphan::key).toList());
        copyKeys.values().forEach(keys::addAll);
        Set<String> refused = objects.removeAll(objects.bucket(), keys);
        List<Orphan> removed = orphans.stream().filter(o -> !refused.contains(o.key())).toList();
        counts[4] += orphans.size() - removed.size();
        QuarkusTransaction.requiringNew().run(() -> logAndAnnounce(removed, copyKeys, refused, clock.instant()));
        counts[3] += removed.size();
        deletions.increment(removed.size());
    }

    private record Orphan(UUID recordingId, String key) {
    }

    private void logAndAnnounce(List<Orphan> removed, Map<UUID, List<String>> copyKeys, Set<String> refused, Instant deletedAt) {
        Map<UUID, List<String>> copiesRemoved = removed.stream().collect(Collectors.toMap(Orphan::recordingId,
                o -> copyKeys.getOrDefault(o.recordingId(), List.of()).stream().filter(k -> !refused.contains(k)).toList(), (a, b) -> a));
        jdbi.useHandle(h -> DeletionLog.write(h, removed.stream().map(o -> new DeletionLog(o.recordingId(), o.key(), null, deletedAt,
                DeletionReasons.RECONCILIATION, null, null, DeletionLog.keys(copiesRemoved.get(o.recordingId())))).toList()));
        copies.markDeleted(copiesRemoved.values().stream().flatMap(List::stream).toList(), deletedAt);
        removed.forEach(o -> outbox.add(RecordingDeleted.of(o.recordingId(), o.key(), DeletionReasons.RECONCILIATION, null, deletedAt)));
    }

    private static boolean advisoryLock(Handle session, String function) {
        return session.createQuery("SELECT " + function + "(:key)").bind("key", LOCK_KEY).mapTo(Boolean.class).one();
    }

    /** Hands the items taken to {@code handle} a batch at a time, while the listing is read. */
    private static <T> void inBatches(Iterable<T> items, Predicate<T> take, Consumer<List<T>> handle) {
        List<T> batch = new ArrayList<>();
        for (T item : items) {
            if (take.test(item)) {
                batch.add(item);
                if (batch.size() == BATCH) {
                    handle.accept(batch);
                    batch = new ArrayList<>();
                }
            }
        }
        if (!batch.isEmpty()) {
            handle.accept(batch);
        }
    }
}
