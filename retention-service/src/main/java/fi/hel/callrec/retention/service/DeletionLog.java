package fi.hel.callrec.retention.service;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** A row of the deletion log: what was destroyed, when and why (no caller data: the log outlives the recording). */
public record DeletionLog(UUID recordingId, String objectKey, Instant dueAt, Instant deletedAt, String reason, String requestedBy,
        String requestReason, String[] copyKeys) {

    static String[] keys(Collection<String> keys) {
        return keys.isEmpty() ? null : keys.toArray(String[]::new);
    }

    static void write(Handle handle, List<DeletionLog> entries) {
        PreparedBatch batch = handle.prepareBatch("""
                INSERT INTO deletion_log (recording_id, object_key, due_at, deleted_at, reason, requested_by, request_reason, copy_keys)
                VALUES (:recordingId, :objectKey, :dueAt, :deletedAt, :reason, :requestedBy, :requestReason, :copyKeys)""");
        entries.forEach(entry -> batch.bindMethods(entry).add());
        if (batch.size() > 0) {
            batch.execute();
        }
    }
}
