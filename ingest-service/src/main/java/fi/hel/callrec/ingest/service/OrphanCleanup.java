package fi.hel.callrec.ingest.service;

import fi.hel.callrec.ingest.PendingUpload;
import fi.hel.callrec.ingest.config.IngestConfig;
import fi.hel.callrec.ingest.storage.RecordingStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jboss.logging.Logger;

/**
 * Removes objects whose receipt never committed (the process died between the put and the
 * commit, or the removal after a failed commit failed too), and the parts of large uploads that a
 * crash interrupted. Its cost follows the number of such
 * uploads, not the size of the bucket: it reads only the pending-upload rows.
 */
@ApplicationScoped
public class OrphanCleanup {

    private static final Logger LOG = Logger.getLogger(OrphanCleanup.class);
    private static final int BATCH = 100;

    private final RecordingStore store;
    private final IngestConfig config;
    /** Uploads to settle that the database or the store refused at the first try. */
    private final Queue<UUID> unsettled = new ConcurrentLinkedQueue<>();

    public OrphanCleanup(RecordingStore store, IngestConfig config) {
        this.store = store;
        this.config = config;
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
     * Nothing of a failed upload may stay: removes its parts, its object and its pending row, but
     * only while the pending row exists, that is while no receipt committed (the commit deletes it;
     * a cut connection may have lost only the commit's answer). When the database or the store
     * refuses, tried again every few seconds rather than after the grace period.
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
     * The pending uploads of processes that stopped saying they live ({@link UploadProcess}): they
     * died while streaming, and nothing of those uploads may stay. Their receipts cannot commit any
     * more, so they are settled like any failed upload; then the dead process is forgotten.
     */
    void settleDeadProcesses() {
        @SuppressWarnings("unchecked")
        List<UUID> orphaned = QuarkusTransaction.requiringNew().call(() -> PendingUpload.getEntityManager().createNativeQuery("""
                        SELECT p.recording_id FROM pending_upload p WHERE p.process_id IS NOT NULL AND NOT EXISTS (
                          SELECT 1 FROM ingest_process i WHERE i.id = p.process_id AND i.seen_at > clock_timestamp() - ?1 * interval '1 second')
                        LIMIT ?2""", UUID.class)
                .setParameter(1, config.processLease().toSeconds())
                .setParameter(2, BATCH)
                .getResultList());
        orphaned.forEach(this::settle);
        QuarkusTransaction.requiringNew().run(() -> PendingUpload.getEntityManager().createNativeQuery("""
                        DELETE FROM ingest_process i WHERE i.seen_at < clock_timestamp() - ?1 * interval '1 second'
                          AND NOT EXISTS (SELECT 1 FROM pending_upload p WHERE p.process_id = i.id)""")
                .setParameter(1, config.processLease().toSeconds()).executeUpdate());
        if (!orphaned.isEmpty()) {
            LOG.infof("Settled %d upload(s) of ingest processes that died while streaming them", orphaned.size());
        }
    }

    private boolean trySettle(UUID recordingId) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                PendingUpload pending = PendingUpload.getEntityManager().find(PendingUpload.class, recordingId,
                        LockModeType.PESSIMISTIC_WRITE);
                if (pending != null) {
                    store.abortUploads(pending.bucket, pending.objectKey);
                    store.remove(pending.bucket, pending.objectKey);
                    pending.delete();
                }
            });
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
            batch = QuarkusTransaction.requiringNew().call(this::removeBatch);
            removed += batch;
        } while (batch == BATCH);
        return removed;
    }

    private int removeBatch() {
        Instant before = Instant.now().minus(config.orphanGrace());
        // SKIP LOCKED: replicas share the work, and an upload committing right now is not touched.
        @SuppressWarnings("unchecked")
        List<PendingUpload> due = PendingUpload.getEntityManager()
                .createNativeQuery("SELECT * FROM pending_upload WHERE started_at < ?1 ORDER BY started_at LIMIT ?2 FOR UPDATE SKIP LOCKED",
                        PendingUpload.class)
                .setParameter(1, before)
                .setParameter(2, BATCH)
                .getResultList();
        for (PendingUpload pending : due) {
            // A crash in the middle of a large upload leaves parts, not an object: both go.
            store.abortUploads(pending.bucket, pending.objectKey);
            store.remove(pending.bucket, pending.objectKey);
            pending.delete();
        }
        return due.size();
    }
}
