package fi.hel.callrec.ingest.service;

import fi.hel.callrec.ingest.config.IngestConfig;
import fi.hel.callrec.ingest.storage.RecordingStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Removes the objects and parts of uploads whose receipt never committed; it reads only the
 * pending-upload rows, so its cost follows the number of such uploads, not the bucket's size.
 */
@ApplicationScoped
public class OrphanCleanup {

    private static final Logger LOG = Logger.getLogger(OrphanCleanup.class);
    private static final int BATCH = 100;
    private static final String PENDING = "SELECT recording_id, bucket, object_key FROM pending_upload ";
    /** SKIP LOCKED: replicas share the work, and an upload committing right now is not touched. */
    private static final String DUE = PENDING
            + "WHERE started_at < :before ORDER BY started_at LIMIT :batch FOR UPDATE SKIP LOCKED";
    private static final String OF_DEAD_PROCESSES = """
            SELECT p.recording_id FROM pending_upload p WHERE p.process_id IS NOT NULL AND NOT EXISTS (
              SELECT 1 FROM ingest_process i WHERE i.id = p.process_id AND i.seen_at > clock_timestamp() - :lease * interval '1 second')
            LIMIT :batch""";
    private static final String FORGET_DEAD_PROCESSES = """
            DELETE FROM ingest_process i WHERE i.seen_at < clock_timestamp() - :lease * interval '1 second'
              AND NOT EXISTS (SELECT 1 FROM pending_upload p WHERE p.process_id = i.id)""";

    private record Pending(UUID recordingId, String bucket, String objectKey) {
    }

    private final RecordingStore store;
    private final IngestConfig config;
    private final Jdbi jdbi;
    /** Uploads to settle that the database or the store refused at the first try. */
    private final Queue<UUID> unsettled = new ConcurrentLinkedQueue<>();

    public OrphanCleanup(RecordingStore store, IngestConfig config, Jdbi jdbi) {
        this.store = store;
        this.config = config;
        this.jdbi = jdbi;
    }

    @Scheduled(every = "${callrec.ingest.cleanup-interval}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            int removed = run();
            if (removed > 0) {
                LOG.infof("Removed %d object(s) of uploads that never committed", removed);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Orphan cleanup failed, will retry: %s", e.getMessage());
        }
    }

    /**
     * Removes a failed upload's parts, object and pending row, only while that row exists (the
     * receipt's commit deletes it); retried every few seconds while the database or the store refuses.
     */
    public void settle(UUID recordingId) {
        if (!trySettle(recordingId)) {
            unsettled.add(recordingId);
        }
    }

    @Scheduled(every = "${callrec.ingest.settle-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void settleAgain() {
        for (int n = unsettled.size(); n > 0; n--) {
            UUID recordingId = unsettled.poll();
            if (recordingId != null && !trySettle(recordingId)) {
                unsettled.add(recordingId);
            }
        }
        try {
            settleDeadProcesses();
        } catch (RuntimeException e) {
            LOG.debugf("Uploads of dead processes not settled yet: %s", e.getMessage());
        }
    }

    /**
     * The pending uploads of processes that stopped saying they live ({@link UploadProcess}) died
     * with them: they are settled like any failed upload; then the dead process is forgotten.
     */
    void settleDeadProcesses() {
        long lease = config.processLease().toSeconds();
        List<UUID> orphaned = jdbi.withHandle(h -> h.createQuery(OF_DEAD_PROCESSES)
                .bind("lease", lease).bind("batch", BATCH).mapTo(UUID.class).list());
        orphaned.forEach(this::settle);
        jdbi.useHandle(h -> h.createUpdate(FORGET_DEAD_PROCESSES).bind("lease", lease).execute());
        if (!orphaned.isEmpty()) {
            LOG.infof("Settled %d upload(s) of ingest processes that died while streaming them", orphaned.size());
        }
    }

    private boolean trySettle(UUID recordingId) {
        try {
            QuarkusTransaction.requiringNew().run(() -> jdbi.useHandle(h -> pending(h.createQuery(PENDING
                    + "WHERE recording_id = :id FOR UPDATE").bind("id", recordingId)).forEach(p -> remove(h, p))));
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("Failed upload %s not settled yet, will retry: %s", recordingId, e.getMessage());
            return false;
        }
    }

    /** Removes every orphan older than the grace period; returns how many. */
    public int run() {
        int removed = 0;
        int batch;
        do {
            Instant before = Instant.now().minus(config.orphanGrace());
            batch = QuarkusTransaction.requiringNew().call(() -> jdbi.withHandle(h -> {
                List<Pending> due = pending(h.createQuery(DUE).bind("before", before).bind("batch", BATCH));
                due.forEach(p -> remove(h, p));
                return due.size();
            }));
            removed += batch;
        } while (batch == BATCH);
        return removed;
    }

    private static List<Pending> pending(Query query) {
        return query.map((rs, ctx) -> new Pending(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list();
    }

    /** Parts (of a large upload cut short) and object go, then the row. */
    private void remove(Handle h, Pending pending) {
        store.abortUploads(pending.bucket(), pending.objectKey());
        store.remove(pending.bucket(), pending.objectKey());
        h.createUpdate("DELETE FROM pending_upload WHERE recording_id = :id").bind("id", pending.recordingId()).execute();
    }
}
