package fi.hel.callrec.ingest.service;

import fi.hel.callrec.ingest.Recording;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The pending-upload row of an upload, committed by another thread while the audio arrives; or
 * the call's earlier recording, and then no row was written.
 */
record Claim(UUID recordingId, String key, CompletableFuture<Optional<Recording>> earlier, OrphanCleanup cleanup) {

    /** The call's earlier recording, or empty when this upload's row is written. */
    Optional<Recording> await() {
        return join(earlier);
    }

    /** After a refusal or failure: nothing of the upload may stay, if its row was written. */
    void release() {
        try {
            if (earlier.join().isEmpty()) {
                cleanup.settle(recordingId);
            }
        } catch (CompletionException e) {
            // No row was written.
        }
    }

    /** Waits for a task and throws what it threw. */
    static <T> T join(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
