package fi.hel.callrec.retention.service;

import fi.hel.callrec.events.AudioFormat;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.ObjectKeys;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import fi.hel.callrec.events.CallrecEvent;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.events.RecordingDeleted;
import fi.hel.callrec.events.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Recorded calls for tests: the event as ingest would send it, and its object in the test bucket. */
public final class Recordings {

    private Recordings() {
    }

    public static CallRecorded event(String bucket, OffsetDateTime start) {
        // The platform sends whole seconds; the database keeps microseconds.
        OffsetDateTime startedAt = start.truncatedTo(ChronoUnit.SECONDS);
        UUID id = UUID.randomUUID();
        String key = ObjectKeys.of(id, startedAt);
        return CallRecorded.of(id, "retention-test-" + id, bucket, key, "0".repeat(64), 44,
                new AudioFormat(AudioFormat.ALAW, 8000, 1, 8, 1000), startedAt, startedAt.plusSeconds(1),
                "+358401234567", "1001", "feedback", null, null, true, List.of());
    }

    public static void putObject(MinioClient minio, String bucket, String key) throws Exception {
        byte[] bytes = new byte[44];
        minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType("audio/wav").build());
    }

    public static boolean exists(MinioClient minio, String bucket, String key) throws Exception {
        try {
            minio.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return true;
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return false;
            }
            throw e;
        }
    }

    /** Rows of a native query with one parameter, each as an array of its columns. */
    @SuppressWarnings("unchecked")
    public static List<Object[]> rows(EntityManager em, String sql, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Object> result = em.createNativeQuery(sql).setParameter(1, id).getResultList();
            return result.stream().map(r -> r instanceof Object[] array ? array : new Object[] {r}).toList();
        });
    }

    /** The events of a recording waiting in the outbox, oldest first (the test profile runs no relay). */
    @SuppressWarnings("unchecked")
    public static <T extends CallrecEvent> List<T> queued(EntityManager em, Class<T> type, UUID recordingId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<byte[]> payloads = em.createNativeQuery(
                            "SELECT payload FROM outbox_event WHERE record_key = ?1 AND topic = ?2 ORDER BY created_at")
                    .setParameter(1, recordingId.toString())
                    .setParameter(2, type == RecordingDeleted.class ? Topics.RECORDING_DELETED : Topics.RECORDING_HOLD_CHANGED)
                    .getResultList();
            return payloads.stream().map(p -> EventJson.read(p, type)).toList();
        });
    }
}
