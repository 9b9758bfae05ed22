package fi.hel.callrec.ingest.service;

import fi.hel.callrec.commons.outbox.Outbox;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.ingest.Recording;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

/**
 * The two writes of an upload, each one statement that is its own transaction: one round trip to
 * the database instead of one per read or write and one more for the commit. The claim opens the
 * pending state (or finds the call recorded before); the commit ends it, writes the receipt and
 * queues its {@code call-recorded} event. The commit is the last step of every upload, and its
 * latency adds to each one (IngestBenchmark, phase "commit").
 */
@ApplicationScoped
public class Receipts {

    /**
     * Not waiting for the disk (synchronous_commit off for this statement's transaction): the
     * receipt's commit, which is durable, makes the pending row durable too (one write-ahead log),
     * and fails when the row is gone, for instance lost in a database crash. Only a crash of the
     * database and of this service within the same fraction of a second could leave an object
     * that no row names. No pending row is written for a call recorded before.
     */
    private static final String CLAIM = """
            WITH asynchronous AS (SELECT set_config('synchronous_commit', 'off', true)),
            earlier AS (SELECT id FROM recording WHERE call_id = ?),
            pending AS (
              INSERT INTO pending_upload (recording_id, bucket, object_key, process_id)
              SELECT ?, ?, ?, ? FROM asynchronous WHERE NOT EXISTS (SELECT 1 FROM earlier))
            SELECT id FROM earlier
            """;

    /**
     * The receipt and the event are written only when the pending row was there to delete: a
     * missing row means the cleanup took the upload for an orphan and removed its object.
     */
    private static final String COMMIT = """
            WITH claimed AS (DELETE FROM pending_upload WHERE recording_id = ? RETURNING recording_id),
            receipt AS (
              INSERT INTO recording (id, call_id, bucket, object_key, sha256, size_bytes, codec, sample_rate_hz,
                                     channels, bits_per_sample, duration_millis, started_at, ended_at, flags, received_at)
              SELECT recording_id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM claimed
              RETURNING id)
            """ + Outbox.INSERT_SELECT_FROM + "receipt";

    private final AgroalDataSource dataSource;
    private final UploadProcess process;

    Receipts(AgroalDataSource dataSource, UploadProcess process) {
        this.dataSource = dataSource;
        this.process = process;
    }

    /**
     * Marks an upload as pending before its object is written, so that the cleanup finds the
     * object should the receipt never commit.
     *
     * @return the id of the call's earlier recording, and then nothing was written
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Optional<UUID> claim(String callId, UUID recordingId, String bucket, String key) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setString(1, callId);
            claim.setObject(2, recordingId);
            claim.setString(3, bucket);
            claim.setString(4, key);
            claim.setObject(5, process.id());
            try (ResultSet earlier = claim.executeQuery()) {
                return earlier.next() ? Optional.of(earlier.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /**
     * @return false when the upload's pending row was gone, and nothing was written
     * @throws SQLException when the statement failed, among others for a call id recorded meanwhile
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public boolean commit(Recording r, CallRecorded event) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement commit = connection.prepareStatement(COMMIT)) {
            commit.setObject(1, r.id);
            commit.setString(2, r.callId);
            commit.setString(3, r.bucket);
            commit.setString(4, r.objectKey);
            commit.setString(5, r.sha256);
            commit.setLong(6, r.sizeBytes);
            commit.setString(7, r.codec);
            commit.setInt(8, r.sampleRateHz);
            commit.setInt(9, r.channels);
            commit.setInt(10, r.bitsPerSample);
            commit.setLong(11, r.durationMillis);
            commit.setObject(12, r.startedAt);
            commit.setObject(13, r.endedAt);
            commit.setArray(14, connection.createArrayOf("text", r.flags));
            commit.setTimestamp(15, Timestamp.from(r.receivedAt));
            Outbox.bind(commit, 16, event);
            return commit.executeUpdate() == 1;
        }
    }
}
