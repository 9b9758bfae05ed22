package fi.hel.callrec.ingest.rest;

import static fi.hel.callrec.ingest.rest.Uploads.json;
import static fi.hel.callrec.ingest.rest.Uploads.metadata;
import static fi.hel.callrec.ingest.rest.Uploads.post;
import static fi.hel.callrec.ingest.rest.Uploads.postAudioFirst;
import static fi.hel.callrec.ingest.rest.Uploads.postRaw;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import fi.hel.callrec.commons.storage.S3Config;
import fi.hel.callrec.commons.testing.Wavs;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.ingest.PendingUpload;
import fi.hel.callrec.ingest.service.OrphanCleanup;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@TestSecurity(user = "service-account-callrec-recorder", roles = "recorder")
class RecordingResourceTest {

    /**
     * Each test writes under its own day, so that "nothing left behind" can be checked by prefix;
     * the days are drawn from a century so that runs rarely meet, and a day is emptied before use.
     */
    private static final AtomicInteger DAY = new AtomicInteger(new java.util.Random().nextInt(36_000));

    @Inject
    MinioClient minio;
    @Inject
    S3Config s3;
    @Inject
    EntityManager em;
    @Inject
    OrphanCleanup cleanup;

    @Test
    void stores_the_audio_and_queues_its_event_in_one_go() throws Exception {
        OffsetDateTime start = freshDay().withOffsetSameInstant(ZoneOffset.ofHours(2));
        String callId = "call-" + UUID.randomUUID();
        byte[] wav = Wavs.alaw8k(16_000, 1);

        String id = post(json(metadata(callId, start, 2)), wav, "audio/wav")
                .statusCode(201)
                .header("Location", matchesPattern(".*/recordings/[0-9a-f-]{36}"))
                .body("callId", equalTo(callId))
                .body("objectKey", matchesPattern("recordings/\\d{4}/\\d{2}/\\d{2}/[0-9a-f-]{36}\\.wav"))
                .body("sha256", equalTo(sha256(wav)))
                .body("sizeBytes", equalTo(wav.length))
                .body("audio.codec", equalTo("alaw"))
                .body("audio.sampleRateHz", equalTo(8000))
                .body("audio.durationMillis", equalTo(2000))
                .body("flags.size()", equalTo(0))
                .extract().path("recordingId");

        String key = objectsUnder(start).get(0);
        assertThat(key).endsWith(id + ".wav");
        try (var in = minio.getObject(GetObjectArgs.builder().bucket(s3.bucket()).object(key).build())) {
            assertThat(in.readAllBytes()).isEqualTo(wav);
        }
        assertThat(minio.statObject(StatObjectArgs.builder().bucket(s3.bucket()).object(key).build()).userMetadata())
                .containsEntry("sha256", sha256(wav));

        List<CallRecorded> events = queuedEvents(callId);
        assertThat(events).hasSize(1);
        CallRecorded event = events.get(0);
        assertThat(event.recordingId()).hasToString(id);
        assertThat(event.objectKey()).isEqualTo(key);
        assertThat(event.callerNumber()).isEqualTo("+358401234567");
        assertThat(event.startedAt()).isEqualTo(start);
        assertThat(event.serviceLine()).isEqualTo("parking-and-fines");
        assertThat(event.callerProvided().name()).isEqualTo("Matti Meikäläinen");
        assertThat(event.audio().durationMillis()).isEqualTo(2000);
        assertThat(pendingUnder(start)).isZero();

        given().when().get("/recordings/" + id).then().statusCode(200).body("sha256", equalTo(sha256(wav)));
    }

    @Test
    void flags_a_call_without_announcement_and_a_duration_that_disagrees() {
        OffsetDateTime start = freshDay();
        String callId = "call-" + UUID.randomUUID();
        Map<String, Object> m = metadata(callId, start, 60);
        m.put("announcementPlayed", false);
        post(json(m), Wavs.alaw8k(16_000, 2), "audio/x-wav")
                .statusCode(201)
                .body("flags", hasItem("no-announcement"))
                .body("flags", hasItem("duration-mismatch"));
        assertThat(queuedEvents(callId).get(0).flags()).containsExactlyInAnyOrder("no-announcement", "duration-mismatch");
    }

    @Test
    void the_same_call_with_the_same_audio_answers_the_first_receipt() {
        OffsetDateTime start = freshDay();
        String metadata = json(metadata("call-" + UUID.randomUUID(), start, 1));
        byte[] wav = Wavs.alaw8k(8_000, 3);
        String first = post(metadata, wav, "audio/wav").statusCode(201).extract().path("recordingId");
        post(metadata, wav, "audio/wav").statusCode(200).body("recordingId", equalTo(first));
        assertThat(objectsUnder(start)).hasSize(1);
    }

    @Test
    void the_same_call_with_other_audio_is_a_conflict_and_stores_nothing() {
        OffsetDateTime start = freshDay();
        String callId = "call-" + UUID.randomUUID();
        String metadata = json(metadata(callId, start, 1));
        String first = post(metadata, Wavs.alaw8k(8_000, 4), "audio/wav").statusCode(201).extract().path("recordingId");
        post(metadata, Wavs.alaw8k(8_000, 5), "audio/wav")
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString(first));
        assertThat(objectsUnder(start)).hasSize(1);
        assertThat(queuedEvents(callId)).hasSize(1);
    }

    @Test
    void concurrent_uploads_of_one_call_make_one_recording() throws Exception {
        OffsetDateTime start = freshDay();
        String callId = "call-" + UUID.randomUUID();
        String metadata = json(metadata(callId, start, 1));
        byte[] wav = Wavs.alaw8k(8_000, 6);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Map.Entry<Integer, String>>> uploads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                uploads.add(() -> {
                    var response = post(metadata, wav, "audio/wav").extract();
                    return Map.entry(response.statusCode(), response.<String>path("recordingId"));
                });
            }
            List<Map.Entry<Integer, String>> results = new ArrayList<>();
            for (Future<Map.Entry<Integer, String>> f : pool.invokeAll(uploads)) {
                results.add(f.get());
            }
            assertThat(results).extracting(Map.Entry::getKey).containsOnly(200, 201).containsOnlyOnce(201);
            assertThat(results).extracting(Map.Entry::getValue).containsOnly(results.get(0).getValue());
        } finally {
            pool.shutdownNow();
        }
        assertThat(objectsUnder(start)).hasSize(1);
        assertThat(queuedEvents(callId)).hasSize(1);
        assertThat(pendingUnder(start)).isZero();
    }

    static Stream<Arguments> badUploads() {
        byte[] wav = Wavs.alaw8k(8_000, 7);
        byte[] mp3 = Wavs.wav(0x55, 1, 8000, 8, 8_000, 7);
        byte[] truncated = java.util.Arrays.copyOf(wav, 4_000);
        return Stream.of(
                Arguments.of("metadata is not JSON", (Bad) (m, s) -> post("{callId: nope", wav, "audio/wav"), 400, "could not be read"),
                Arguments.of("unknown metadata field", (Bad) (m, s) -> { m.put("callerNmber", "x"); return post(json(m), wav, "audio/wav"); }, 400, "callerNmber"),
                Arguments.of("missing callId", (Bad) (m, s) -> { m.remove("callId"); return post(json(m), wav, "audio/wav"); }, 400, "callId"),
                Arguments.of("not a phone number", (Bad) (m, s) -> { m.put("callerNumber", "call me"); return post(json(m), wav, "audio/wav"); }, 400, "callerNumber"),
                Arguments.of("unknown service line", (Bad) (m, s) -> { m.put("serviceLine", "snow"); return post(json(m), wav, "audio/wav"); }, 400, "parking-permits"),
                Arguments.of("ends before it starts", (Bad) (m, s) -> { m.put("endedAt", s.minusSeconds(5).toString()); return post(json(m), wav, "audio/wav"); }, 400, "endedAt"),
                Arguments.of("time without offset", (Bad) (m, s) -> { m.put("startedAt", "2025-01-01T10:00:00"); return post(json(m), wav, "audio/wav"); }, 400, "startedAt"),
                Arguments.of("agent extension not digits", (Bad) (m, s) -> { m.put("agentExtension", "12a"); return post(json(m), wav, "audio/wav"); }, 400, "agentExtension"),
                Arguments.of("no metadata part", (Bad) (m, s) -> post(null, wav, "audio/wav"), 400, "metadata"),
                Arguments.of("no audio part", (Bad) (m, s) -> post(json(m), null, null), 400, "audio"),
                Arguments.of("audio is text", (Bad) (m, s) -> post(json(m), wav, "text/plain"), 415, "text/plain"),
                Arguments.of("audio is empty", (Bad) (m, s) -> post(json(m), new byte[0], "audio/wav"), 400, "empty"),
                Arguments.of("audio is no WAV", (Bad) (m, s) -> post(json(m), "ID3 not a wav at all".getBytes(), "audio/wav"), 400, "not a playable WAV"),
                Arguments.of("audio is MP3 in WAV", (Bad) (m, s) -> post(json(m), mp3, "audio/wav"), 415, "MP3"),
                Arguments.of("audio shorter than it says", (Bad) (m, s) -> post(json(m), truncated, "audio/wav"), 400, "data"),
                Arguments.of("audio over the limit", (Bad) (m, s) -> post(json(m), Wavs.alaw8k(17 * 1024 * 1024, 8), "audio/wav"), 413, "limit"),
                Arguments.of("audio before metadata", (Bad) (m, s) -> postAudioFirst(json(m), wav), 400, "before the part 'audio'"),
                Arguments.of("metadata sent twice", (Bad) (m, s) -> given()
                        .multiPart("metadata", "a.json", json(m).getBytes(StandardCharsets.UTF_8), "application/json")
                        .multiPart("metadata", "b.json", json(m).getBytes(StandardCharsets.UTF_8), "application/json")
                        .multiPart("audio", "call.wav", wav, "audio/wav")
                        .when().post("/recordings").then(), 400, "twice"),
                Arguments.of("body cut off in the audio", (Bad) (m, s) -> postRaw("cut",
                        java.util.Arrays.copyOf(Uploads.body("cut", json(m), wav), Uploads.head("cut", json(m)).length + 3_000)), 400, "ended before"),
                Arguments.of("body without its closing boundary", (Bad) (m, s) -> {
                        byte[] whole = Uploads.body("open", json(m), wav);
                        return postRaw("open", java.util.Arrays.copyOf(whole, whole.length - "\r\n--open--\r\n".length()));
                    }, 400, "ended before"),
                Arguments.of("no boundary", (Bad) (m, s) -> given().contentType("multipart/form-data").body(wav)
                        .when().post("/recordings").then(), 400, "boundary"));
    }

    interface Bad {
        io.restassured.response.ValidatableResponse send(Map<String, Object> metadata, OffsetDateTime start);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUploads")
    void bad_input_answers_a_problem_and_leaves_nothing(String name, Bad bad, int status, String mentioned) {
        OffsetDateTime start = freshDay();
        String callId = "call-" + UUID.randomUUID();
        bad.send(metadata(callId, start, 1), start)
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body(containsString(mentioned));
        assertThat(objectsUnder(start)).isEmpty();
        assertThat(pendingUnder(start)).isZero();
        assertThat(queuedEvents(callId)).isEmpty();
        assertThat(recordingsOf(callId)).isZero();
    }

    @Test
    void an_object_whose_receipt_never_committed_is_removed_by_the_cleanup() throws Exception {
        OffsetDateTime start = freshDay();
        UUID id = UUID.randomUUID();
        String key = fi.hel.callrec.events.ObjectKeys.of(id, start);
        byte[] wav = Wavs.alaw8k(8_000, 9);
        // The state a crash between the put and the commit leaves: a pending row and the object.
        QuarkusTransaction.requiringNew().run(() -> {
            PendingUpload pending = PendingUpload.of(id, s3.bucket(), key);
            pending.startedAt = Instant.now().minusSeconds(7200);
            pending.persist();
        });
        minio.putObject(PutObjectArgs.builder().bucket(s3.bucket()).object(key)
                .stream(new ByteArrayInputStream(wav), wav.length, -1).build());
        assertThat(objectsUnder(start)).containsExactly(key);

        assertThat(cleanup.run()).isGreaterThanOrEqualTo(1);

        assertThat(objectsUnder(start)).isEmpty();
        assertThat(pendingUnder(start)).isZero();
    }

    @Test
    void an_unknown_receipt_is_a_problem_404() {
        given().when().get("/recordings/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void only_the_recorder_may_upload() {
        OffsetDateTime start = freshDay();
        post(json(metadata("call-" + UUID.randomUUID(), start, 1)), Wavs.alaw8k(8_000, 10), "audio/wav")
                .statusCode(403).contentType("application/problem+json");
        assertThat(objectsUnder(start)).isEmpty();
    }

    @Test
    @TestSecurity
    void an_anonymous_upload_is_refused() {
        post(json(metadata("call-" + UUID.randomUUID(), freshDay(), 1)), Wavs.alaw8k(8_000, 11), "audio/wav")
                .statusCode(401).contentType("application/problem+json");
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

    private List<String> objectsUnder(OffsetDateTime start) {
        String prefix = "recordings/" + start.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString().replace('-', '/') + "/";
        List<String> keys = new ArrayList<>();
        for (var item : minio.listObjects(ListObjectsArgs.builder().bucket(s3.bucket()).prefix(prefix).recursive(true).build())) {
            try {
                keys.add(item.get().objectName());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return keys;
    }

    private long pendingUnder(OffsetDateTime start) {
        String prefix = "recordings/" + start.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString().replace('-', '/') + "/%";
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM pending_upload WHERE object_key LIKE ?1")
                .setParameter(1, prefix).getSingleResult()).longValue());
    }

    private long recordingsOf(String callId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM recording WHERE call_id = ?1")
                .setParameter(1, callId).getSingleResult()).longValue());
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
