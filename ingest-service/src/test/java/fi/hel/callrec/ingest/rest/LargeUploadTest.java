package fi.hel.callrec.ingest.rest;

import static fi.hel.callrec.ingest.rest.Uploads.json;
import static fi.hel.callrec.ingest.rest.Uploads.metadata;
import static fi.hel.callrec.ingest.rest.Uploads.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import fi.hel.callrec.commons.storage.S3Config;
import fi.hel.callrec.commons.testing.Wavs;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.ingest.PendingUpload;
import fi.hel.callrec.ingest.service.OrphanCleanup;
import fi.hel.callrec.events.ObjectKeys;
import fi.hel.callrec.ingest.storage.RecordingStore;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.messages.Upload;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Recordings larger than one part: streamed to the store in a multipart upload while they arrive.
 * Parts are 5 MiB in tests (the smallest S3 accepts, application.properties), so a 12 MB call
 * takes three; the limit is 16 MiB.
 */
@QuarkusTest
@TestSecurity(user = "service-account-callrec-recorder", roles = "recorder")
class LargeUploadTest {

    private static final int PART = 5 * 1024 * 1024;
    private static final AtomicInteger DAY = new AtomicInteger(new java.util.Random().nextInt(36_000));

    @Inject
    MinioClient minio;
    @Inject
    S3Config s3;
    @Inject
    EntityManager em;
    @Inject
    OrphanCleanup cleanup;
    @Inject
    RecordingStore store;
    @TestHTTPResource("/recordings")
    URL uploads;

    @Test
    void a_call_larger_than_a_part_is_stored_byte_for_byte_with_its_checksum() throws Exception {
        OffsetDateTime start = freshDay();
        String callId = "call-" + UUID.randomUUID();
        byte[] wav = Wavs.alaw8k(2 * PART + 1_234_567, 21);

        String id = post(json(metadata(callId, start, 1_536)), wav, "audio/wav")
                .statusCode(201)
                .body("sha256", equalTo(sha256(wav)))
                .body("sizeBytes", equalTo(wav.length))
                .body("audio.durationMillis", equalTo((2 * PART + 1_234_567) / 8))
                .extract().path("recordingId");

        String key = objectsUnder(start).get(0);
        assertThat(key).endsWith(id + ".wav");
        try (var in = minio.getObject(GetObjectArgs.builder().bucket(s3.bucket()).object(key).build())) {
            assertThat(in.readAllBytes()).isEqualTo(wav);
        }
        var stat = minio.statObject(StatObjectArgs.builder().bucket(s3.bucket()).object(key).build());
        assertThat(stat.userMetadata()).containsEntry("sha256", sha256(wav)).containsEntry("recording-id", id);
        assertThat(stat.contentType()).isEqualTo("audio/wav");
        assertThat(queuedEvents(callId)).singleElement().satisfies(e -> {
            assertThat(e.sha256()).isEqualTo(sha256(wav));
            assertThat(e.sizeBytes()).isEqualTo(wav.length);
        });
        assertThat(pendingUnder(start)).isZero();
        assertThat(unfinishedUploadsUnder(start)).isEmpty();
    }

    @Test
    void the_same_large_call_again_answers_the_first_receipt_and_other_audio_is_a_conflict() throws Exception {
        OffsetDateTime start = freshDay();
        String metadata = json(metadata("call-" + UUID.randomUUID(), start, 1_000));
        byte[] wav = Wavs.alaw8k(PART + 100_000, 22);
        String first = post(metadata, wav, "audio/wav").statusCode(201).extract().path("recordingId");

        post(metadata, wav, "audio/wav").statusCode(200).body("recordingId", equalTo(first));
        post(metadata, Wavs.alaw8k(PART + 100_000, 23), "audio/wav")
                .statusCode(409).contentType("application/problem+json").body("detail", containsString(first));

        assertThat(objectsUnder(start)).hasSize(1);
        assertThat(unfinishedUploadsUnder(start)).isEmpty();
    }

    @Test
    void audio_shorter_than_its_header_says_is_refused_after_the_parts_went_out_and_leaves_nothing() {
        OffsetDateTime start = freshDay();
        String callId = "call-" + UUID.randomUUID();
        byte[] wav = Wavs.alaw8k(3 * PART, 24);
        // Two full parts and a bit arrive, the header promised three: found only at the end.
        byte[] truncated = Arrays.copyOf(wav, 2 * PART + 10_000);

        post(json(metadata(callId, start, 1)), truncated, "audio/wav")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("truncated audio"));

        assertNothingLeft(start, callId);
    }

    @Test
    void audio_over_the_limit_is_refused_while_it_streams_and_leaves_nothing() {
        OffsetDateTime start = freshDay();
        String callId = "call-" + UUID.randomUUID();

        post(json(metadata(callId, start, 1)), Wavs.alaw8k(17 * 1024 * 1024, 25), "audio/wav")
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("limit"));

        assertNothingLeft(start, callId);
    }

    @Test
    void a_client_that_goes_away_mid_upload_leaves_no_object_no_parts_and_no_row() throws Exception {
        OffsetDateTime start = freshDay();
        String callId = "call-" + UUID.randomUUID();
        byte[] body = Uploads.body("gone", json(metadata(callId, start, 1_536)), Wavs.alaw8k(3 * PART, 26));

        try (Socket socket = new Socket(uploads.getHost(), uploads.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + uploads.getPath() + " HTTP/1.1\r\n"
                    + "Host: " + uploads.getHost() + ":" + uploads.getPort() + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=gone\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // More than a part, so that the service has begun storing before the client is gone.
            out.write(body, 0, 2 * PART);
            out.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> !unfinishedUploadsUnder(start).isEmpty());
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(unfinishedUploadsUnder(start)).isEmpty();
            assertThat(pendingUnder(start)).isZero();
        });
        assertNothingLeft(start, callId);
    }

    @Test
    void the_parts_of_an_upload_interrupted_by_a_crash_are_aborted_by_the_cleanup() throws Exception {
        OffsetDateTime start = freshDay();
        UUID id = UUID.randomUUID();
        String key = ObjectKeys.of(id, start);
        // The state a crash in the middle of a large upload leaves: a pending row and an unfinished upload.
        QuarkusTransaction.requiringNew().run(() -> {
            PendingUpload pending = PendingUpload.of(id, s3.bucket(), key);
            pending.startedAt = Instant.now().minusSeconds(7200);
            pending.persist();
        });
        RecordingStore.MultipartWrite write = store.beginMultipart(key, id);
        write.uploadPart(new byte[1000], 1000);
        assertThat(unfinishedUploadsUnder(start)).hasSize(1);

        assertThat(cleanup.run()).isGreaterThanOrEqualTo(1);

        assertThat(unfinishedUploadsUnder(start)).isEmpty();
        assertThat(objectsUnder(start)).isEmpty();
        assertThat(pendingUnder(start)).isZero();
    }

    private void assertNothingLeft(OffsetDateTime start, String callId) {
        assertThat(objectsUnder(start)).isEmpty();
        assertThat(unfinishedUploadsUnder(start)).isEmpty();
        assertThat(pendingUnder(start)).isZero();
        assertThat(queuedEvents(callId)).isEmpty();
        long rows = QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM recording WHERE call_id = ?1")
                .setParameter(1, callId).getSingleResult()).longValue());
        assertThat(rows).isZero();
    }

    private OffsetDateTime freshDay() {
        OffsetDateTime day = OffsetDateTime.of(1925, 1, 1, 9, 0, 0, 0, ZoneOffset.UTC).plusDays(DAY.incrementAndGet() % 36_500);
        for (String stale : objectsUnder(day)) {
            try {
                minio.removeObject(io.minio.RemoveObjectArgs.builder().bucket(s3.bucket()).object(stale).build());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return day;
    }

    private static String prefix(OffsetDateTime start) {
        return "recordings/" + start.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString().replace('-', '/') + "/";
    }

    private List<String> objectsUnder(OffsetDateTime start) {
        List<String> keys = new ArrayList<>();
        for (var item : minio.listObjects(ListObjectsArgs.builder().bucket(s3.bucket()).prefix(prefix(start)).recursive(true).build())) {
            try {
                keys.add(item.get().objectName());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return keys;
    }

    private List<String> unfinishedUploadsUnder(OffsetDateTime start) {
        MinioAsyncClient client = MinioAsyncClient.builder().endpoint(s3.endpoint())
                .credentials(s3.accessKey(), s3.secretKey()).region(s3.region()).build();
        try {
            List<Upload> uploads = client.listMultipartUploadsAsync(s3.bucket(), s3.region(), null, null, null, 1000,
                    prefix(start), null, null, null).get().result().uploads();
            return uploads.stream().map(Upload::objectName).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long pendingUnder(OffsetDateTime start) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM pending_upload WHERE object_key LIKE ?1")
                .setParameter(1, prefix(start) + "%").getSingleResult()).longValue());
    }

    @SuppressWarnings("unchecked")
    private List<CallRecorded> queuedEvents(String callId) {
        List<byte[]> payloads = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT payload FROM outbox_event WHERE topic = 'call-recorded' AND position(?1 in convert_from(payload, 'UTF8')) > 0")
                .setParameter(1, "\"" + callId + "\"").getResultList());
        return payloads.stream().map(p -> EventJson.read(p, CallRecorded.class)).toList();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
