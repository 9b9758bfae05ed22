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
 * The two writes of an upload, each one statement in its own transaction: the claim opens the pending
 * state (or finds the call recorded before); the commit ends it with the receipt and its event.
 */
@ApplicationScoped
public class Receipts {

    /**
     * Not waiting for the disk: the receipt's durable commit needs the row and fails when a crash
     * lost it (docs/decisions/0020). No pending row is written for a call recorded before.
     */
    private static final String CLAIM = """
            WITH asynchronous AS (SELECT set_config('synchronous_commit', 'off', true)),
            earlier AS (SELECT id FROM recording WHERE call_id = :callId),
            pending AS (
              INSERT INTO pending_upload (recording_id, bucket, object_key, process_id)
              SELECT :recordingId, :bucket, :key, :processId FROM asynchronous WHERE NOT EXISTS (SELECT 1 FROM earlier))
            SELECT id FROM earlier
            """;

    /** Writes only when the pending row was there to delete: else the cleanup removed the object. */
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

    /** @return the id of the call's earlier recording, and then nothing was written */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Optional<UUID> claim(String callId, UUID recordingId, String bucket, String key) {
        return jdbi.withHandle(h -> h.createQuery(CLAIM)
                .bind("callId", callId).bind("recordingId", recordingId).bind("bucket", bucket).bind("key", key)
                .bind("processId", process.id())
                .mapTo(UUID.class).findOne());
    }

    /**
     * @return false when the upload's pending row was gone, and nothing was written
     * @throws org.jdbi.v3.core.statement.StatementException also for a call id recorded meanwhile
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public boolean commit(Recording r, CallRecorded event) {
        return jdbi.withHandle(h -> h.createUpdate(COMMIT)
                .bindBean(r).bindMethods("outbox", Outbox.Row.of(event))
                .execute()) == 1;
    }
}
