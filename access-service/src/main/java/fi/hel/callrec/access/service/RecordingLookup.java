package fi.hel.callrec.access.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fi.hel.callrec.access.Recording;
import fi.hel.callrec.access.config.AccessConfig;
import fi.hel.callrec.events.RecordingDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.UUID;

/**
 * Finds recordings in the projection, keeping audible ones in memory for a short while: a playback
 * is many range requests. Unknown and deleted ones are read afresh. A deletion applied here is
 * forgotten at once; one applied by another instance is answered by the store, which lost the
 * object before the deletion was announced.
 */
@ApplicationScoped
public class RecordingLookup {

    private final Cache<UUID, Recording> audible;

    public RecordingLookup(AccessConfig config) {
        this.audible = Caffeine.newBuilder().expireAfterWrite(config.recordingCacheTtl()).maximumSize(10_000).build();
    }

    /** The recording, or null when the projection has no row for it. The result is read-only. */
    public Recording find(UUID id) {
        Recording known = audible.getIfPresent(id);
        if (known != null) {
            return known;
        }
        Recording r = Recording.findById(id);
        if (r != null && r.recorded() && !r.deleted()) {
            audible.put(id, r);
        }
        return r;
    }

    /** Drops a recording whose row changed (it was deleted). */
    public void forget(UUID id) {
        audible.invalidate(id);
    }

    void forgetAfterCommit(@Observes(during = TransactionPhase.AFTER_COMPLETION) RecordingDeleted deleted) {
        forget(deleted.recordingId());
    }
}
