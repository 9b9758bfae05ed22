package fi.hel.callrec.system;

import static fi.hel.callrec.system.AccessListener.as;
import static fi.hel.callrec.system.AccessListener.audio;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import fi.hel.callrec.commons.testing.Wavs;
import fi.hel.callrec.events.RecordingDeleted;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * access-service as a black box: recordings sent through ingest-service are streamed, whole and in
 * ranges, exactly as stored, to those who may hear them, and every request is in the audit log.
 */
class AccessIT {

    private static AccessListener.Uploaded agent1Call;

    @BeforeAll
    static void uploadACallOfAgent1() throws Exception {
        agent1Call = AccessListener.upload("1001", Wavs.alaw8k(240_000, System.nanoTime()));
    }

    @Test
    void the_whole_recording_is_exactly_the_stored_object() throws Exception {
        Response r = as("supervisor1").queryParam("purpose", "quality").get(audio(agent1Call.id()));
        r.then().statusCode(200).header("Content-Type", "audio/wav").header("Accept-Ranges", "bytes")
                .header("ETag", "\"" + agent1Call.sha256() + "\"");
        assertThat(AccessListener.sha256(r.asByteArray()))
                .isEqualTo(agent1Call.sha256())
                .isEqualTo(Infra.sha256Of(agent1Call.objectKey()));
    }

    @Test
    void ranges_read_back_exactly_the_stored_bytes() {
        int size = agent1Call.wav().length;
        Random random = new Random(42);
        for (int i = 0; i < 10; i++) {
            int first = random.nextInt(size);
            int last = Math.min(size - 1, first + random.nextInt(50_000));
            Response r = as("manager1").header("Range", "bytes=" + first + "-" + last)
                    .queryParam("purpose", "complaint").get(audio(agent1Call.id()));
            r.then().statusCode(206).header("Content-Range", "bytes " + first + "-" + last + "/" + size);
            assertThat(r.asByteArray()).isEqualTo(Arrays.copyOfRange(agent1Call.wav(), first, last + 1));
        }
        Response tail = as("manager1").header("Range", "bytes=-1000").queryParam("purpose", "complaint").get(audio(agent1Call.id()));
        tail.then().statusCode(206);
        assertThat(tail.asByteArray()).isEqualTo(Arrays.copyOfRange(agent1Call.wav(), size - 1000, size));
    }

    @Test
    void unsatisfiable_ranges_and_conditional_requests() {
        String etag = "\"" + agent1Call.sha256() + "\"";
        as("supervisor1").header("Range", "bytes=" + agent1Call.wav().length + "-").queryParam("purpose", "quality")
                .get(audio(agent1Call.id())).then().statusCode(416)
                .header("Content-Range", "bytes */" + agent1Call.wav().length);
        as("supervisor1").header("If-None-Match", etag).queryParam("purpose", "quality")
                .get(audio(agent1Call.id())).then().statusCode(304);
        as("supervisor1").header("If-Range", etag).header("Range", "bytes=0-9").queryParam("purpose", "quality")
                .get(audio(agent1Call.id())).then().statusCode(206);
        as("supervisor1").header("If-Range", "\"stale\"").header("Range", "bytes=0-9").queryParam("purpose", "quality")
                .get(audio(agent1Call.id())).then().statusCode(200);
    }

    @ParameterizedTest
    @CsvSource({"agent1, 200", "agent2, 404", "supervisor1, 200", "manager1, 200", "auditor1, 404", "admin1, 404"})
    void each_role_hears_what_it_may(String user, int status) {
        as(user).queryParam("purpose", "quality").get(audio(agent1Call.id())).then().statusCode(status);
    }

    @Test
    void the_recorder_hears_nothing_and_a_purpose_is_required() {
        given().auth().oauth2(Tokens.forRecorder()).queryParam("purpose", "quality").get(audio(agent1Call.id()))
                .then().statusCode(404);
        as("supervisor1").get(audio(agent1Call.id())).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("purpose"));
        as("supervisor1").queryParam("purpose", "gossip").get(audio(agent1Call.id())).then().statusCode(400);
    }

    @Test
    void a_missing_forged_or_foreign_token_answers_401() {
        given().queryParam("purpose", "quality").get(audio(agent1Call.id())).then().statusCode(401);
        String token = Tokens.forUser("supervisor1");
        given().auth().oauth2(token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl")
                .queryParam("purpose", "quality").get(audio(agent1Call.id())).then().statusCode(401);
        given().auth().oauth2(AccessKeycloakAdmin.masterToken())
                .queryParam("purpose", "quality").get(audio(agent1Call.id())).then().statusCode(401);
    }

    @Test
    void an_expired_token_answers_401() throws Exception {
        String shortLived = AccessKeycloakAdmin.shortLivedUserToken("supervisor1");
        long exp = Tokens.claims(shortLived).get("exp").asLong();
        given().auth().oauth2(shortLived).queryParam("purpose", "quality").head(audio(agent1Call.id()))
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().getEpochSecond() > exp + 1);
        given().auth().oauth2(shortLived).queryParam("purpose", "quality").get(audio(agent1Call.id()))
                .then().statusCode(401);
    }

    @Test
    void a_deleted_recording_answers_410() throws Exception {
        AccessListener.Uploaded call = AccessListener.upload("1002", Wavs.alaw8k(8_000, System.nanoTime()));
        AccessListener.publish(RecordingDeleted.of(java.util.UUID.fromString(call.id()), call.objectKey(),
                "retention", Instant.now(), Instant.now()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                as("supervisor1").queryParam("purpose", "quality").get(audio(call.id())).statusCode() == 410);
        as("agent2").queryParam("purpose", "quality").get(audio(call.id())).then().statusCode(410);
        as("agent1").queryParam("purpose", "quality").get(audio(call.id())).then().statusCode(404);
    }

    @Test
    void every_request_is_in_the_audit_log_and_the_chain_verifies() throws Exception {
        AccessListener.Uploaded call = AccessListener.upload("1002", Wavs.alaw8k(16_000, System.nanoTime()));
        as("agent2").header("Range", "bytes=0-999").queryParam("purpose", "training").get(audio(call.id())).then().statusCode(206);
        as("agent2").header("Range", "bytes=1000-").queryParam("purpose", "training").get(audio(call.id())).then().statusCode(206);
        as("agent1").queryParam("purpose", "training").get(audio(call.id())).then().statusCode(404);

        List<Map<String, Object>> entries = as("auditor1").queryParam("recording", call.id()).queryParam("user", "agent2")
                .get(Stack.ACCESS + "/audit").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(entries).extracting(e -> e.get("status") + " " + e.get("purpose") + " " + e.get("rangeStart") + " " + e.get("bytes"))
                .containsExactly("206 training 0 1000", "206 training 1000 " + (call.wav().length - 1000));
        assertThat(entries).extracting(e -> e.get("sessionId")).containsOnly(entries.get(0).get("sessionId"));
        assertThat(entries.get(0).get("username")).isEqualTo("agent2");
        assertThat(entries.get(0).get("clientAddress")).isNotNull();

        List<Map<String, Object>> refused = as("manager1").queryParam("recording", call.id()).queryParam("user", "agent1")
                .get(Stack.ACCESS + "/audit").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(refused).extracting(e -> e.get("status") + " " + e.get("outcome")).containsExactly("404 not-permitted");

        as("auditor1").get(Stack.ACCESS + "/audit/verify").then().statusCode(200).body("intact", equalTo(true));

        // Listed at once, sealed into the chain moments later: then with seq and hashes, covered by verify.
        List<Map<String, Object>> sealed = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> as("auditor1").queryParam("recording", call.id()).get(Stack.ACCESS + "/audit")
                                .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$"),
                        // The upload's readiness checks (HEAD as supervisor1) are in the log too.
                        all -> all.size() >= 3 && all.stream().allMatch(e -> Boolean.TRUE.equals(e.get("sealed"))));
        assertThat(sealed).extracting(e -> e.get("username") + " " + e.get("status"))
                .contains("agent2 206", "agent1 404");
        assertThat(sealed).extracting(e -> e.get("hash")).doesNotContainNull();
        long lastSeq = sealed.stream().mapToLong(e -> ((Number) e.get("seq")).longValue()).max().orElseThrow();
        Map<String, Object> verified = as("auditor1").get(Stack.ACCESS + "/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true)).extract().jsonPath().getMap("$");
        assertThat(((Number) verified.get("lastSeq")).longValue()).isGreaterThanOrEqualTo(lastSeq);

        as("supervisor1").get(Stack.ACCESS + "/audit").then().statusCode(403);
        as("agent1").get(Stack.ACCESS + "/audit/verify").then().statusCode(403);
    }
}
