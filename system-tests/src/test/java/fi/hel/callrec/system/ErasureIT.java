package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import fi.hel.callrec.commons.testing.Wavs;
import fi.hel.callrec.events.DeletionReasons;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.events.RecordingDeleted;
import fi.hel.callrec.events.Topics;
import io.restassured.http.ContentType;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Erasure against the running system with real tokens: a recording uploaded through ingest and
 * known to the catalog and access-service is refused while on hold, and once released the
 * manager's erasure removes it from S3, the catalog and access-service, announced on the real topic.
 */
class ErasureIT {

    private static final String REASON = "{\"reason\": \"Recorded in error during a line test\"}";

    @Test
    void a_held_recording_is_refused_and_a_released_one_is_erased_everywhere() throws Exception {
        String id = Recorder.upload(Tokens.forRecorder(),
                        Recorder.metadata("it-erasure-" + UUID.randomUUID(), 2, "1001", "040 222 3333"),
                        Wavs.alaw8k(16_000, System.nanoTime()))
                .statusCode(201).extract().path("recordingId");
        String key = given().auth().oauth2(Tokens.forRecorder()).when().get(Stack.INGEST + "/recordings/" + id)
                .then().statusCode(200).extract().path("objectKey");
        String supervisor = Tokens.forUser("supervisor1");
        String manager = Tokens.forUser("manager1");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                // A service being restarted refuses connections for a moment; the wait outlasts that.
                .ignoreExceptionsInstanceOf(ConnectException.class).until(() ->
                given().auth().oauth2(supervisor).when().get(Stack.RETENTION + "/recordings/" + id + "/hold").statusCode() == 200
                        && given().auth().oauth2(supervisor).when().get(Stack.CATALOG + "/calls/" + id).statusCode() == 200
                        && audioStatus(supervisor, id) == 200);

        String caseRef = "POL-IT-" + UUID.randomUUID();
        given().auth().oauth2(supervisor).contentType(ContentType.JSON)
                .body("{\"reason\": \"crime\", \"caseReference\": \"" + caseRef + "\"}")
                .when().put(Stack.RETENTION + "/recordings/" + id + "/hold").then().statusCode(200);
        given().auth().oauth2(manager).contentType(ContentType.JSON).body(REASON)
                .when().delete(Stack.RETENTION + "/recordings/" + id)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", allOf(containsString("on hold"), containsString(caseRef)));
        assertThat(Infra.exists(key)).isTrue();

        given().auth().oauth2(manager).contentType(ContentType.JSON).body("{\"releaseReason\": \"Recorded in error, no case\"}")
                .when().delete(Stack.RETENTION + "/recordings/" + id + "/hold").then().statusCode(200);
        try (Infra.TopicReader topic = new Infra.TopicReader(Topics.RECORDING_DELETED)) {
            given().auth().oauth2(manager).contentType(ContentType.JSON).body(REASON)
                    .when().delete(Stack.RETENTION + "/recordings/" + id)
                    .then().statusCode(204);

            assertThat(Infra.exists(key)).isFalse();
            List<ConsumerRecord<String, byte[]>> records = topic.awaitKeys(List.of(id), Duration.ofSeconds(60));
            assertThat(records).hasSize(1);
            RecordingDeleted event = EventJson.read(records.get(0).value(), RecordingDeleted.class);
            assertThat(event.reason()).isEqualTo(DeletionReasons.ERASURE);
            assertThat(event.objectKey()).isEqualTo(key);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(ConnectException.class).until(() ->
                given().auth().oauth2(supervisor).when().get(Stack.CATALOG + "/calls/" + id).statusCode() == 404
                        && audioStatus(supervisor, id) == 410);

        given().auth().oauth2(manager).contentType(ContentType.JSON).body(REASON)
                .when().delete(Stack.RETENTION + "/recordings/" + id)
                .then().statusCode(410).contentType("application/problem+json").body("detail", containsString("already deleted at"));
        given().auth().oauth2(supervisor).when().get(Stack.RETENTION + "/recordings/" + id + "/hold")
                .then().statusCode(200).body("deletedAt", notNullValue()).body("history.size()", equalTo(2));
    }

    @Test
    void only_the_manager_erases_and_bad_requests_are_explained() {
        String id = UUID.randomUUID().toString();
        for (String token : List.of(Tokens.forUser("agent1"), Tokens.forUser("supervisor1"), Tokens.forUser("auditor1"),
                Tokens.forUser("admin1"), Tokens.forRecorder())) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(REASON)
                    .when().delete(Stack.RETENTION + "/recordings/" + id)
                    .then().statusCode(403).contentType("application/problem+json");
        }
        given().contentType(ContentType.JSON).body(REASON).when().delete(Stack.RETENTION + "/recordings/" + id)
                .then().statusCode(401);

        String manager = Tokens.forUser("manager1");
        given().auth().oauth2(manager).contentType(ContentType.JSON).body(REASON)
                .when().delete(Stack.RETENTION + "/recordings/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(manager).contentType(ContentType.JSON).body("{\"reason\": \"\"}")
                .when().delete(Stack.RETENTION + "/recordings/" + id)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", containsString("reason"));
        given().auth().oauth2(manager).contentType(ContentType.JSON).body(REASON)
                .when().delete(Stack.RETENTION + "/recordings/not-a-recording")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("UUID"));
    }

    private static int audioStatus(String token, String id) {
        return given().auth().oauth2(token).queryParam("purpose", "quality")
                .when().head(Stack.ACCESS + "/recordings/" + id + "/audio").statusCode();
    }
}
