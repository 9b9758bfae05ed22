package fi.hel.callrec.retention.service;

import fi.hel.callrec.events.AudioFormat;
import fi.hel.callrec.events.CallRecorded;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Recorded calls for tests: the event as ingest would send it, and its object in the test bucket. */
final class Recordings {

    private Recordings() {
    }

    static CallRecorded event(String bucket, OffsetDateTime start) {
        // The platform sends whole seconds; the database keeps microseconds.
        OffsetDateTime startedAt = start.truncatedTo(ChronoUnit.SECONDS);
        UUID id = UUID.randomUUID();
        String key = "recordings/" + DateTimeFormatter.ofPattern("yyyy/MM/dd").format(startedAt.withOffsetSameInstant(ZoneOffset.UTC))
                + "/" + id + ".wav";
        return CallRecorded.of(id, "retention-test-" + id, bucket, key, "0".repeat(64), 44,
                new AudioFormat(AudioFormat.ALAW, 8000, 1, 8, 1000), startedAt, startedAt.plusSeconds(1),
                "+358401234567", "1001", "feedback", null, null, true, List.of());
    }

    static void putObject(MinioClient minio, String bucket, String key) throws Exception {
        byte[] bytes = new byte[44];
        minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType("audio/wav").build());
    }

    static boolean exists(MinioClient minio, String bucket, String key) throws Exception {
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
}
