package fi.hel.callrec.retention.service;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A transaction of the test's own that holds the row lock of a recording's training copies, the
 * last lock a deletion takes: a sweep or an erasure then waits here while it holds the recording's
 * row lock, and a race can be staged at that moment. Who waits for whom is read from pg_locks.
 */
final class RowLock implements AutoCloseable {

    /** Backends waiting (not granted) for this transaction. */
    private static final String WAITING_ON_ME = """
            SELECT count(DISTINCT pid) FROM pg_locks WHERE NOT granted AND pg_backend_pid() = ANY (pg_blocking_pids(pid))""";
    /** Backends waiting (not granted) for a lock held by a backend that itself waits for this transaction. */
    private static final String WAITING_BEHIND_A_WAITER = """
            SELECT count(DISTINCT l.pid) FROM pg_locks l WHERE NOT l.granted AND EXISTS (
                SELECT 1 FROM unnest(pg_blocking_pids(l.pid)) AS b(pid) WHERE pg_backend_pid() = ANY (pg_blocking_pids(b.pid)))""";

    private final Handle handle;

    private RowLock(Handle handle) {
        this.handle = handle;
    }

    static RowLock onCopiesOf(Jdbi jdbi, UUID recordingId) {
        Handle handle = jdbi.open();
        handle.begin();
        int locked = handle.createQuery("SELECT copy_id FROM training_copy WHERE recording_id = :id FOR UPDATE")
                .bind("id", recordingId).mapTo(UUID.class).list().size();
        if (locked == 0) {
            handle.close();
            throw new IllegalStateException("no training copy to lock");
        }
        return new RowLock(handle);
    }

    /** Returns once a deletion waits for this lock (while it holds the recording's). */
    void awaitDeletionWaiting() {
        awaitCount(WAITING_ON_ME);
    }

    /** Returns once another backend waits on the row lock held by the waiting deletion's transaction. */
    void awaitWaitingBehindTheDeletion() {
        awaitCount(WAITING_BEHIND_A_WAITER);
    }

    private void awaitCount(String sql) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> handle.createQuery(sql).mapTo(Long.class).one() > 0);
    }

    @Override
    public void close() {
        handle.rollback();
        handle.close();
    }

    /**
     * The first step of a sweep of the test's own: claims batches until one holds the recording
     * and returns it; the batches before it are deleted as the sweep would.
     */
    static List<UUID> claimBatchOf(Sweeper sweeper, UUID sweepId, UUID recordingId) {
        while (true) {
            List<UUID> batch = sweeper.claim(sweepId, Instant.now());
            if (batch.isEmpty() || batch.contains(recordingId)) {
                return batch;
            }
            sweeper.deleteClaimed(sweepId, batch);
        }
    }
}
