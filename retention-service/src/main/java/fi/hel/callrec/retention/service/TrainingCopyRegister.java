package fi.hel.callrec.retention.service;

import fi.hel.callrec.events.TrainingCopyMade;
import fi.hel.callrec.retention.storage.RecordingObjects;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The training copies of each recording, as access-service announced them. A copy never outlives
 * its source: {@link Destroyer} and {@link Reconciler} take a recording's copies in the same step
 * as the recording, and a copy announced after its source was destroyed is destroyed at once.
 */
@ApplicationScoped
public class TrainingCopyRegister {

    private static final Logger LOG = Logger.getLogger(TrainingCopyRegister.class);
    /** The deletion-log reason of a copy destroyed after its source (the copy was announced late). */
    static final String SOURCE_DELETED = "source-deleted";

    private final AgroalDataSource dataSource;
    private final RecordingObjects objects;

    public TrainingCopyRegister(AgroalDataSource dataSource, RecordingObjects objects) {
        this.dataSource = dataSource;
        this.objects = objects;
    }

    /** Keeps the copy beside its source; destroys it at once when the source is gone already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void made(TrainingCopyMade event) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO training_copy (copy_id, recording_id, bucket, object_key, made_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (copy_id) DO NOTHING""")) {
                insert.setObject(1, event.copyId());
                insert.setObject(2, event.recordingId());
                insert.setString(3, event.bucket());
                insert.setString(4, event.objectKey());
                insert.setTimestamp(5, Timestamp.from(event.madeAt()));
                insert.executeUpdate();
            }
            String sourceKey = deletedSourceKey(connection, event.recordingId());
            if (sourceKey != null) {
                Set<String> refused = objects.removeAll(event.bucket(), List.of(event.objectKey()));
                if (refused.isEmpty()) {
                    Instant now = Instant.now();
                    markDeleted(connection, List.of(event.objectKey()), now);
                    try (PreparedStatement log = connection.prepareStatement("""
                            INSERT INTO deletion_log (recording_id, object_key, deleted_at, reason, copy_keys)
                            VALUES (?, ?, ?, ?, ?)""")) {
                        log.setObject(1, event.recordingId());
                        log.setString(2, sourceKey);
                        log.setTimestamp(3, Timestamp.from(now));
                        log.setString(4, SOURCE_DELETED);
                        log.setArray(5, connection.createArrayOf("text", new Object[] {event.objectKey()}));
                        log.executeUpdate();
                    }
                } else {
                    LOG.warnf("Training copy %s of a deleted recording was refused by the store; reconciliation retries",
                            event.copyId());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not register training copy " + event.copyId(), e);
        }
    }

    private static String deletedSourceKey(Connection connection, UUID recordingId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT object_key FROM retention_schedule WHERE recording_id = ? AND deleted_at IS NOT NULL FOR UPDATE")) {
            query.setObject(1, recordingId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    /** The undeleted copies' keys of each recording, locked until the caller's transaction ends. */
    public Map<UUID, List<String>> of(Connection connection, Collection<UUID> recordingIds) throws SQLException {
        Map<UUID, List<String>> copies = new HashMap<>();
        if (recordingIds.isEmpty()) {
            return copies;
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT recording_id, object_key FROM training_copy WHERE recording_id = ANY (?) AND deleted_at IS NULL FOR UPDATE")) {
            query.setArray(1, connection.createArrayOf("uuid", recordingIds.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    copies.computeIfAbsent(rows.getObject(1, UUID.class), id -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        }
        return copies;
    }

    public void markDeleted(Connection connection, Collection<String> keys, Instant deletedAt) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement mark = connection.prepareStatement(
                "UPDATE training_copy SET deleted_at = ? WHERE object_key = ANY (?) AND deleted_at IS NULL")) {
            mark.setTimestamp(1, Timestamp.from(deletedAt));
            mark.setArray(2, connection.createArrayOf("text", keys.toArray()));
            mark.executeUpdate();
        }
    }

    /** The keys among these of copies already recorded as destroyed (an object written after its removal). */
    public Set<String> destroyed(Collection<String> keys) throws SQLException {
        Set<String> found = new java.util.HashSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT object_key FROM training_copy WHERE object_key = ANY (?) AND deleted_at IS NOT NULL")) {
            query.setArray(1, connection.createArrayOf("text", keys.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
        }
        return found;
    }

    /** Counts for the status endpoint: copies stored, and copies destroyed with their sources. */
    public long[] counts(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT count(*) FILTER (WHERE deleted_at IS NULL), count(*) FILTER (WHERE deleted_at IS NOT NULL) FROM training_copy");
                ResultSet row = query.executeQuery()) {
            row.next();
            return new long[] {row.getLong(1), row.getLong(2)};
        }
    }
}
