package fi.hel.callrec.ingest.service;

import fi.hel.callrec.commons.outbox.Outbox;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.ingest.Recording;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

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
            earlier AS (SELECT id FROM recording WHERE call_id = :callId),
            pending AS (
              INSERT INTO pending_upload (recording_id, bucket, object_key, process_id)
              SELECT :recordingId, :bucket, :key, :processId FROM asynchronous WHERE NOT EXISTS (SELECT 1 FROM earlier))
            SELECT id FROM earlier
            """;

    /**
     * The receipt and the event are written only when the pending row was there to delete: a
     * missing row means the cleanup took the upload for an orphan and removed its object.
     */
    private static final String COMMIT = """
            WITH claimed AS (DELETE FROM pending_upload WHERE recording_id = :id RETURNING recording_id),
            receipt AS (
              INSERT INTO recording (id, call_id, bucket, object_key, sha256, size_bytes, codec, sample_rate_hz,
                                     channels, bits_per_sample, duration_millis, started_at, ended_at, flags, received_at)
              SELECT recording_id, :callId, :bucket, :objectKey, :sha256, :sizeBytes, :codec, :sampleRateHz,
                     :channels, :bitsPerSample, :durationMillis, :startedAt, :endedAt, :flags, :receivedAt FROM claimed
              RETURNING id)
            """ + Outbox.INSERT_SELECT_FROM + "receipt";

    private final Jdbi jdbi;
    private final UploadProcess process;

    Receipts(Jdbi jdbi, UploadProcess process) {
        this.jdbi = jdbi;
        this.process = process;
    }

    /**
     * Marks an upload as pending before its object is written, so that the cleanup finds the
     * object should the receipt never commit.
     *
     * @return the id of the call's earlier recording, and then nothing was written
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Optional<UUID> claim(String callId, UUID recordingId, String bucket, String key) {
        return jdbi.withHandle(h -> h.createQuery(CLAIM)
                .bind("callId", callId).bind("recordingId", recordingId).bind("bucket", bucket).bind("key", key)
                .bind("processId", process.id())
                .mapTo(UUID.class).findOne());
    }

    /**
     * @return false when the upload's pending row was gone, and nothing was written
     * @throws org.jdbi.v3.core.statement.StatementException when the statement failed, among others
     *         for a call id recorded meanwhile
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public boolean commit(Recording r, CallRecorded event) {
        return jdbi.withHandle(h -> h.createUpdate(COMMIT)
                .bindBean(r).bindMethods("outbox", Outbox.Row.of(event))
                .execute()) == 1;
    }
}
