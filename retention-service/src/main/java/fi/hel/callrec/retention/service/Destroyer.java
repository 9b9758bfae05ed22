package fi.hel.callrec.retention.service;

import fi.hel.callrec.commons.outbox.Outbox;
import fi.hel.callrec.events.DeletionReasons;
import fi.hel.callrec.events.RecordingDeleted;
import fi.hel.callrec.retention.storage.RecordingObjects;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The one way a scheduled recording is destroyed, whether its retention ended (the sweep) or the
 * manager erased it before its time: the objects go with the store's batch delete, then each row
 * is marked deleted, a deletion-log entry is written and {@code recording-deleted} is queued in
 * the outbox, all in the caller's transaction.
 *
 * <p>The caller must have locked the rows ({@code FOR UPDATE}) and seen them undeleted and
 * unheld in that same transaction: a hold takes the same lock, so it either committed before
 * (and the caller skipped the row) or waits until this transaction ends and then finds the
 * recording deleted.
 */
@ApplicationScoped
public class Destroyer {

    private final RecordingObjects objects;
    private final Outbox outbox;
    private final TrainingCopyRegister copies;

    public Destroyer(RecordingObjects objects, Outbox outbox, TrainingCopyRegister copies) {
        this.objects = objects;
        this.outbox = outbox;
        this.copies = copies;
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
     * Removes the targets' objects and records the deletions on {@code connection}. Throws
     * {@link fi.hel.callrec.commons.storage.ObjectStoreUnavailableException} when the store cannot
     * be asked; the caller's transaction then rolls back and nothing is recorded.
     */
    public Outcome destroy(Connection connection, List<Target> targets, String reason, Request request) throws SQLException {
        // A recording's training copies lie in its bucket and go in the same batch; the recording
        // counts as destroyed only when its copies are gone too (a refused one is retried with it).
        Map<UUID, List<String>> copyKeys = copies.of(connection, targets.stream().map(Target::recordingId).toList());
        Map<String, List<Target>> byBucket = new LinkedHashMap<>();
        targets.forEach(t -> byBucket.computeIfAbsent(t.bucket(), b -> new ArrayList<>()).add(t));
        List<Target> removed = new ArrayList<>();
        List<Target> refused = new ArrayList<>();
        for (Map.Entry<String, List<Target>> entry : byBucket.entrySet()) {
            List<String> keys = new ArrayList<>();
            for (Target t : entry.getValue()) {
                keys.add(t.objectKey());
                keys.addAll(copyKeys.getOrDefault(t.recordingId(), List.of()));
            }
            Set<String> refusedKeys = objects.removeAll(entry.getKey(), keys);
            for (Target t : entry.getValue()) {
                boolean whole = !refusedKeys.contains(t.objectKey())
                        && copyKeys.getOrDefault(t.recordingId(), List.of()).stream().noneMatch(refusedKeys::contains);
                (whole ? removed : refused).add(t);
            }
        }
        Instant deletedAt = Instant.now();
        record(connection, removed, copyKeys, reason, request, deletedAt);
        return new Outcome(removed, refused, deletedAt);
    }

    private void record(Connection connection, List<Target> removed, Map<UUID, List<String>> copyKeys, String reason,
            Request request, Instant deletedAt) throws SQLException {
        if (removed.isEmpty()) {
            return;
        }
        try (PreparedStatement mark = connection.prepareStatement(
                "UPDATE retention_schedule SET deleted_at = ?, claim_id = NULL, claimed_until = NULL WHERE recording_id = ANY (?)")) {
            mark.setTimestamp(1, Timestamp.from(deletedAt));
            mark.setArray(2, connection.createArrayOf("uuid", removed.stream().map(Target::recordingId).toArray()));
            mark.executeUpdate();
        }
        try (PreparedStatement log = connection.prepareStatement("""
                INSERT INTO deletion_log (recording_id, object_key, due_at, deleted_at, reason, requested_by, request_reason,
                    copy_keys)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Target t : removed) {
                log.setObject(1, t.recordingId());
                log.setString(2, t.objectKey());
                log.setTimestamp(3, Timestamp.from(t.dueAt()));
                log.setTimestamp(4, Timestamp.from(deletedAt));
                log.setString(5, reason);
                log.setString(6, request == null ? null : request.by());
                log.setString(7, request == null ? null : request.reason());
                List<String> keys = copyKeys.getOrDefault(t.recordingId(), List.of());
                log.setArray(8, keys.isEmpty() ? null : connection.createArrayOf("text", keys.toArray()));
                log.addBatch();
            }
            log.executeBatch();
        }
        copies.markDeleted(connection, removed.stream().flatMap(t -> copyKeys.getOrDefault(t.recordingId(), List.of()).stream()).toList(),
                deletedAt);
        // The event's dueAt says that retention made the recording due; an erasure came before that.
        boolean byRetention = DeletionReasons.RETENTION.equals(reason);
        outbox.addAll(removed.stream()
                .map(t -> RecordingDeleted.of(t.recordingId(), t.objectKey(), reason, byRetention ? t.dueAt() : null, deletedAt))
                .toList());
    }
}
