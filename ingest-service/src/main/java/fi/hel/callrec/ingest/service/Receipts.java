package fi.hel.callrec.ingest.service;

import fi.hel.callrec.commons.outbox.Outbox;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.ingest.Recording;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * Commits a receipt: ends the upload's pending state, writes the receipt and queues its
 * {@code call-recorded} event, in one statement that is its own transaction. One round trip to
 * the database instead of one per write and one more for the commit: the receipt is the last
 * step of every upload, and its latency adds to each one (IngestBenchmark, phase "commit").
 */
@ApplicationScoped
public class Receipts {

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

    Receipts(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
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
