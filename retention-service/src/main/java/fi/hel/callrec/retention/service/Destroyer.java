package fi.hel.callrec.retention.service;

import fi.hel.callrec.commons.outbox.Outbox;
import fi.hel.callrec.events.DeletionReasons;
import fi.hel.callrec.events.RecordingDeleted;
import fi.hel.callrec.retention.storage.RecordingObjects;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * The one way a recording is destroyed (sweep or erasure), in the caller's transaction: objects by
 * the store's batch delete, then each row marked deleted, logged and announced. The caller has
 * locked the rows and seen them unheld: a hold takes the same lock (docs/decisions/0041).
 */
@ApplicationScoped
public class Destroyer {

    private final Jdbi jdbi;
    private final RecordingObjects objects;
    private final Outbox outbox;
    private final TrainingCopyRegister copies;
    private final InstantSource clock;

    public Destroyer(Jdbi jdbi, RecordingObjects objects, Outbox outbox, TrainingCopyRegister copies, InstantSource clock) {
        this.jdbi = jdbi;
        this.objects = objects;
        this.outbox = outbox;
        this.copies = copies;
        this.clock = clock;
    }

    /** A locked, undeleted, unheld schedule row. */
    public record Target(UUID recordingId, String bucket, String objectKey, Instant dueAt) {
    }

    /** Who asked for a deletion before its time, and why; none for a retention deletion. */
    public record Request(String by, String reason) {
    }

    /** What was destroyed and what the store refused to delete (those rows stay as they were). */
    public record Outcome(List<Target> removed, List<Target> refused, Instant deletedAt) {
    }

    /**
     * Removes the targets' objects and their training copies, and records the deletions. Throws
     * {@link fi.hel.callrec.commons.storage.ObjectStoreUnavailableException} when the store cannot
     * be asked; the caller's transaction then rolls back and nothing is recorded.
     */
    public Outcome destroy(List<Target> targets, String reason, Request request) {
        // A recording counts as destroyed only when its copies are gone too (a refused one is retried with it).
        Map<UUID, List<String>> copyKeys = copies.of(targets.stream().map(Target::recordingId).toList());
        List<Target> removed = new ArrayList<>();
        List<Target> refused = new ArrayList<>();
        targets.stream().collect(Collectors.groupingBy(Target::bucket, LinkedHashMap::new, Collectors.toList())).forEach((bucket, inBucket) -> {
            List<String> keys = new ArrayList<>();
            inBucket.forEach(t -> {
                keys.add(t.objectKey());
                keys.addAll(copyKeys.getOrDefault(t.recordingId(), List.of()));
            });
            Set<String> refusedKeys = objects.removeAll(bucket, keys);
            inBucket.forEach(t -> (refusedKeys.contains(t.objectKey())
                    || copyKeys.getOrDefault(t.recordingId(), List.of()).stream().anyMatch(refusedKeys::contains) ? refused : removed).add(t));
        });
        Instant deletedAt = clock.instant();
        if (!removed.isEmpty()) {
            record(removed, copyKeys, reason, request, deletedAt);
        }
        return new Outcome(removed, refused, deletedAt);
    }

    private void record(List<Target> removed, Map<UUID, List<String>> copyKeys, String reason, Request request, Instant deletedAt) {
        jdbi.useHandle(h -> {
            h.createUpdate("UPDATE retention_schedule SET deleted_at = :at, claim_id = NULL, claimed_until = NULL WHERE recording_id = ANY (:ids)")
                    .bind("at", deletedAt).bindArray("ids", UUID.class, removed.stream().map(Target::recordingId).toList()).execute();
            DeletionLog.write(h, removed.stream().map(t -> new DeletionLog(t.recordingId(), t.objectKey(), t.dueAt(), deletedAt, reason,
                    request == null ? null : request.by(), request == null ? null : request.reason(),
                    DeletionLog.keys(copyKeys.getOrDefault(t.recordingId(), List.of())))).toList());
        });
        copies.markDeleted(removed.stream().flatMap(t -> copyKeys.getOrDefault(t.recordingId(), List.of()).stream()).toList(), deletedAt);
        // dueAt says that retention made the recording due; an erasure came before that.
        boolean byRetention = DeletionReasons.RETENTION.equals(reason);
        outbox.addAll(removed.stream()
                .map(t -> RecordingDeleted.of(t.recordingId(), t.objectKey(), reason, byRetention ? t.dueAt() : null, deletedAt))
                .toList());
    }
}
