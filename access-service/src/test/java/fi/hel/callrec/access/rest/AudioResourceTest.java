package fi.hel.callrec.access.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import fi.hel.callrec.access.audit.AuditEntry;
import fi.hel.callrec.access.Fixtures;
import fi.hel.callrec.access.Fixtures.Stored;
import fi.hel.callrec.commons.storage.S3Config;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class AudioResourceTest {

    @Inject
    MinioClient minio;
    @Inject
    S3Config s3;

    private Stored agent1Call;

    @BeforeEach
    void storeACallOfAgent1() throws Exception {
        if (agent1Call == null) {
            agent1Call = Fixtures.recording(minio, s3.bucket(), "1001", 40_000);
        }
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(Fixtures.token(user));
    }

    private static String audio(Stored s) {
        return "/recordings/" + s.id() + "/audio";
    }

    @Test
    void the_whole_recording_is_streamed_with_its_checksum_as_etag() throws Exception {
        Response r = as("supervisor1").queryParam("purpose", "quality").get(audio(agent1Call));
        r.then().statusCode(200)
                .header("Content-Type", "audio/wav")
                .header("Accept-Ranges", "bytes")
                .header("Content-Length", String.valueOf(agent1Call.wav().length))
                .header("ETag", "\"" + agent1Call.sha256() + "\"")
                .header("Content-Disposition", startsWith("inline"));
        assertThat(Fixtures.sha256(r.asByteArray())).isEqualTo(agent1Call.sha256());
    }

    @Test
    void over_http2_the_same_bytes_arrive() throws Exception {
        // Big enough that the store's answer comes in many buffers, each written through the response.
        Stored big = Fixtures.recording(minio, s3.bucket(), "1001", 3_000_000);
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2).build();
        URI uri = URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + audio(big) + "?purpose=quality");
        // The first request upgrades the connection (h2c); the second is HTTP/2 from its first byte.
        for (String range : List.of("bytes=0-", "bytes=1000000-1999999")) {
            java.net.http.HttpResponse<byte[]> r = client.send(java.net.http.HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + Fixtures.token("supervisor1")).header("Range", range).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_2);
            assertThat(r.statusCode()).isEqualTo(206);
            int first = Integer.parseInt(range.substring(6, range.indexOf('-')));
            int last = range.endsWith("-") ? big.wav().length - 1 : Integer.parseInt(range.substring(range.indexOf('-') + 1));
            assertThat(Fixtures.sha256(r.body())).isEqualTo(Fixtures.sha256(Arrays.copyOfRange(big.wav(), first, last + 1)));
        }
    }

    @ParameterizedTest
    @CsvSource({
            "bytes=0-99, 0, 99",
            "bytes=1000-, 1000, 40043",
            "bytes=-500, 39544, 40043",
            "bytes=40000-99999999, 40000, 40043",
            "bytes=0-0, 0, 0"})
    void a_range_answers_exactly_those_stored_bytes(String range, int first, int last) {
        int size = agent1Call.wav().length;
        Response r = as("supervisor1").header("Range", range).queryParam("purpose", "complaint").get(audio(agent1Call));
        r.then().statusCode(206)
                .header("Content-Range", "bytes " + first + "-" + last + "/" + size)
                .header("Content-Length", String.valueOf(last - first + 1));
        assertThat(r.asByteArray()).isEqualTo(Arrays.copyOfRange(agent1Call.wav(), first, last + 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=40044-", "bytes=99999-100000", "bytes=-0"})
    void a_range_outside_the_recording_answers_416(String range) {
        as("supervisor1").header("Range", range).queryParam("purpose", "quality").get(audio(agent1Call))
                .then().statusCode(416)
                .contentType("application/problem+json")
                .header("Content-Range", "bytes */" + agent1Call.wav().length)
                .body("status", equalTo(416));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=5-2", "items=0-10", "bytes=0-1,5-6", "bytes=abc"})
    void a_range_header_that_cannot_be_used_is_ignored(String range) {
        Response r = as("supervisor1").header("Range", range).queryParam("purpose", "quality").get(audio(agent1Call));
        r.then().statusCode(200);
        assertThat(r.asByteArray()).isEqualTo(agent1Call.wav());
    }

    @Test
    void conditional_requests_follow_the_etag() {
        String etag = "\"" + agent1Call.sha256() + "\"";
        as("supervisor1").header("If-None-Match", etag).queryParam("purpose", "quality").get(audio(agent1Call))
                .then().statusCode(304).header("ETag", etag);
        as("supervisor1").header("If-None-Match", "\"other\"").queryParam("purpose", "quality").get(audio(agent1Call))
                .then().statusCode(200);
        as("supervisor1").header("If-Range", etag).header("Range", "bytes=10-19").queryParam("purpose", "quality")
                .get(audio(agent1Call)).then().statusCode(206).header("Content-Length", "10");
        Response stale = as("supervisor1").header("If-Range", "\"0000\"").header("Range", "bytes=10-19")
                .queryParam("purpose", "quality").get(audio(agent1Call));
        stale.then().statusCode(200);
        assertThat(stale.asByteArray()).hasSize(agent1Call.wav().length);
    }

    @Test
    void head_answers_the_headers_without_audio() {
        as("manager1").header("purpose", "training").header("Range", "bytes=0-9").head(audio(agent1Call))
                .then().statusCode(206)
                .header("Content-Length", "10")
                .header("Content-Range", "bytes 0-9/" + agent1Call.wav().length)
                .header("ETag", "\"" + agent1Call.sha256() + "\"");
    }

    @Test
    void the_purpose_is_required_and_must_be_known() {
        as("supervisor1").get(audio(agent1Call)).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("purpose"));
        as("supervisor1").queryParam("purpose", "curiosity").get(audio(agent1Call)).then().statusCode(400)
                .contentType("application/problem+json");
        as("supervisor1").header("purpose", "subject-access").get(audio(agent1Call)).then().statusCode(200);
    }

    @ParameterizedTest
    @CsvSource({"agent1, 200", "agent2, 404", "supervisor1, 200", "manager1, 200", "auditor1, 404", "admin1, 404"})
    void who_may_listen(String user, int status) {
        as(user).queryParam("purpose", "quality").get(audio(agent1Call)).then().statusCode(status);
    }

    @Test
    void the_recorder_may_not_listen() {
        given().auth().oauth2(Fixtures.recorderToken()).queryParam("purpose", "quality").get(audio(agent1Call))
                .then().statusCode(404);
    }

    @Test
    void a_refusal_looks_like_an_unknown_recording() {
        String other = as("agent2").queryParam("purpose", "quality").get(audio(agent1Call))
                .then().statusCode(404).contentType("application/problem+json").extract().path("detail");
        String unknown = as("agent2").queryParam("purpose", "quality").get("/recordings/" + agent1Call.id() + "/audio")
                .then().statusCode(404).extract().path("detail");
        assertThat(other).isEqualTo(unknown);
        as("supervisor1").queryParam("purpose", "quality").get("/recordings/" + UUID.randomUUID() + "/audio")
                .then().statusCode(404);
        as("supervisor1").queryParam("purpose", "quality").get("/recordings/not-an-id/audio").then().statusCode(404);
    }

    @Test
    void no_token_or_a_forged_one_answers_401() {
        given().queryParam("purpose", "quality").get(audio(agent1Call)).then().statusCode(401)
                .contentType("application/problem+json");
        String token = Fixtures.token("supervisor1");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        given().auth().oauth2(forged).queryParam("purpose", "quality").get(audio(agent1Call)).then().statusCode(401);
    }

    @Test
    void a_deleted_recording_answers_410_to_those_who_could_hear_it() throws Exception {
        Stored gone = Fixtures.recording(minio, s3.bucket(), "1001", 8_000);
        Fixtures.delete(gone);
        as("supervisor1").queryParam("purpose", "quality").get(audio(gone)).then().statusCode(410)
                .contentType("application/problem+json");
        as("agent1").queryParam("purpose", "quality").get(audio(gone)).then().statusCode(410);
        as("agent2").queryParam("purpose", "quality").get(audio(gone)).then().statusCode(404);
    }

    @Test
    void a_recording_just_heard_answers_410_as_soon_as_its_deletion_is_applied() throws Exception {
        Stored heard = Fixtures.recording(minio, s3.bucket(), "1001", 8_000);
        as("supervisor1").queryParam("purpose", "quality").get(audio(heard)).then().statusCode(200);
        // Only the event: the object stays in the store, so nothing but the projection can refuse it.
        Fixtures.delete(heard);
        as("supervisor1").queryParam("purpose", "quality").get(audio(heard)).then().statusCode(410)
                .body("detail", org.hamcrest.Matchers.containsString("deleted"));
    }

    @Test
    void an_object_missing_from_the_store_answers_410() throws Exception {
        Stored lost = Fixtures.recording(minio, s3.bucket(), "1001", 8_000);
        minio.removeObject(RemoveObjectArgs.builder().bucket(s3.bucket()).object(lost.key()).build());
        as("supervisor1").queryParam("purpose", "quality").get(audio(lost)).then().statusCode(410)
                .contentType("application/problem+json");
        // The object is opened while the entry is written: the entry says what was to be sent, the next one that nothing was.
        List<AuditEntry> entries = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(
                () -> QuarkusTransaction.requiringNew().call(() ->
                        AuditEntry.<AuditEntry>list("recordingId = ?1 order by seq", lost.id().toString())),
                sealed -> sealed.size() >= 2);
        assertThat(entries).extracting(e -> e.kind + " " + e.status + " " + e.outcome + " " + e.bytes)
                .containsExactly("access 200 sent " + lost.wav().length, "interrupted 410 object-missing 0");
        assertThat(entries.get(1).refSeq).isEqualTo(entries.get(0).seq);
        assertThat(entries.get(1).sessionId).isEqualTo(entries.get(0).sessionId);
    }

    @Test
    void a_listener_who_hangs_up_midway_is_audited_with_the_bytes_sent_and_the_store_is_released() throws Exception {
        // Larger than what the loopback socket buffers absorb, so the service is still sending when the listener goes.
        Stored big = Fixtures.recording(minio, s3.bucket(), "1001", 48_000_000);
        URI uri = URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + audio(big) + "?purpose=training HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n"
                    + "Authorization: Bearer " + Fixtures.token("supervisor1") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            in.readNBytes(256 * 1024);
        }
        List<AuditEntry> entries = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(
                () -> QuarkusTransaction.requiringNew().call(() ->
                        AuditEntry.<AuditEntry>list("recordingId = ?1 order by seq", big.id().toString())),
                sealed -> sealed.size() >= 2);
        assertThat(entries).extracting(e -> e.kind + " " + e.status + " " + e.outcome)
                .containsExactly("access 200 sent", "interrupted 200 client-disconnected");
        assertThat(entries.get(1).bytes).isBetween(256L * 1024, (long) big.wav().length - 1);
        assertThat(entries.get(1).refSeq).isEqualTo(entries.get(0).seq);
        // The store's connection went with the listener: the next request is served whole.
        Response r = as("supervisor1").queryParam("purpose", "quality").get(audio(agent1Call));
        assertThat(Fixtures.sha256(r.then().statusCode(200).extract().asByteArray())).isEqualTo(agent1Call.sha256());
    }

    @Test
    void every_request_is_audited_and_range_requests_of_one_playback_share_a_session() throws Exception {
        Stored call = Fixtures.recording(minio, s3.bucket(), "1002", 16_000);
        String first = as("agent2").header("Range", "bytes=0-").queryParam("purpose", "quality").get(audio(call))
                .then().statusCode(206).extract().header("X-Listening-Session");
        String second = as("agent2").header("Range", "bytes=8000-8099").queryParam("purpose", "quality").get(audio(call))
                .then().statusCode(206).extract().header("X-Listening-Session");
        assertThat(second).isEqualTo(first);
        as("agent1").queryParam("purpose", "quality").get(audio(call)).then().statusCode(404);
        as("agent2").get(audio(call)).then().statusCode(400);
        as("agent2").header("Range", "bytes=99999-").queryParam("purpose", "quality").get(audio(call)).then().statusCode(416);

        // The background sealer chains them moments after each request committed its entry.
        List<AuditEntry> entries = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(
                () -> QuarkusTransaction.requiringNew().call(() ->
                        AuditEntry.<AuditEntry>list("recordingId = ?1 order by seq", call.id().toString())),
                sealed -> sealed.size() >= 5);
        assertThat(entries).extracting(e -> e.username + " " + e.status + " " + e.outcome + " " + e.purpose)
                .containsExactly(
                        "agent2 206 sent-range quality",
                        "agent2 206 sent-range quality",
                        "agent1 404 not-permitted quality",
                        "agent2 400 purpose-missing null",
                        "agent2 416 range-not-satisfiable quality");
        AuditEntry whole = entries.get(0);
        assertThat(whole.rangeStart).isZero();
        assertThat(whole.rangeEnd).isEqualTo(call.wav().length - 1);
        assertThat(whole.bytes).isEqualTo(call.wav().length);
        assertThat(whole.roles).contains("agent");
        assertThat(whole.clientAddress).isNotBlank();
        assertThat(entries.get(1).bytes).isEqualTo(100);
        assertThat(entries.get(1).sessionId.toString()).isEqualTo(first);
    }
}
