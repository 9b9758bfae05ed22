package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import fi.hel.callrec.commons.testing.Wavs;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.events.RecordingHoldChanged;
import fi.hel.callrec.events.Topics;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * retention-service as a process: a recording uploaded through ingest is scheduled six months
 * after its call started, and holds are placed and released with real supervisor and manager
 * tokens and announced on the real topic.
 */
class RetentionIT {

    @Test
    void an_uploaded_recording_is_scheduled_and_held_and_released_with_real_tokens() throws Exception {
        String supervisor = Tokens.forUser("supervisor1");
        String id = uploaded();

        // The schedule follows call-recorded, so it appears shortly after the upload.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                given().auth().oauth2(supervisor).when().get(Stack.RETENTION + "/recordings/" + id + "/hold").statusCode() == 200);
        String startedAt = given().auth().oauth2(Tokens.forRecorder()).when().get(Stack.INGEST + "/recordings/" + id)
                .then().statusCode(200).extract().path("startedAt");
        String dueAt = given().auth().oauth2(supervisor).when().get(Stack.RETENTION + "/recordings/" + id + "/hold")
                .then().statusCode(200).body("held", equalTo(false)).extract().path("dueAt");
        assertThat(Instant.parse(dueAt))
                .isEqualTo(OffsetDateTime.parse(startedAt).withOffsetSameInstant(ZoneOffset.UTC).plusMonths(6).toInstant());

        String caseRef = "POL-IT-" + UUID.randomUUID();
        try (Infra.TopicReader topic = new Infra.TopicReader(Topics.RECORDING_HOLD_CHANGED)) {
            given().auth().oauth2(supervisor).contentType(ContentType.JSON)
                    .body("{\"reason\": \"crime\", \"caseReference\": \"" + caseRef + "\", \"note\": \"Threat reported to the police\"}")
                    .when().put(Stack.RETENTION + "/recordings/" + id + "/hold")
                    .then().statusCode(200).body("held", equalTo(true)).body("heldBy", equalTo("supervisor1"));
            given().auth().oauth2(supervisor).queryParam("caseReference", caseRef).when().get(Stack.RETENTION + "/holds")
                    .then().statusCode(200).body("size()", equalTo(1)).body("[0].recordingId", equalTo(id));
            given().auth().oauth2(Tokens.forUser("manager1")).contentType(ContentType.JSON)
                    .body("{\"releaseReason\": \"Police closed the case\"}")
                    .when().delete(Stack.RETENTION + "/recordings/" + id + "/hold")
                    .then().statusCode(200).body("held", equalTo(false));

            List<RecordingHoldChanged> changes = awaitChanges(topic, id, 2);
            assertThat(changes).extracting(RecordingHoldChanged::held).containsExactly(true, false);
            assertThat(changes).extracting(RecordingHoldChanged::changedBy).containsExactly("supervisor1", "manager1");
            assertThat(changes.get(0).caseReference()).isEqualTo(caseRef);
            assertThat(changes.get(1).releaseReason()).isEqualTo("Police closed the case");
        }
        given().auth().oauth2(supervisor).when().get(Stack.RETENTION + "/recordings/" + id + "/hold")
                .then().statusCode(200).body("history.size()", equalTo(2)).body("history[0].changedBy", equalTo("supervisor1"));
    }

    @Test
    void only_supervisors_and_managers_hold_and_only_admins_operate() {
        String id = UUID.randomUUID().toString();
        String body = "{\"reason\": \"accident\", \"caseReference\": \"ACC-IT\"}";
        for (String user : List.of("agent1", "auditor1", "admin1")) {
            String token = Tokens.forUser(user);
            given().auth().oauth2(token).when().get(Stack.RETENTION + "/recordings/" + id + "/hold").then().statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                    .when().put(Stack.RETENTION + "/recordings/" + id + "/hold").then().statusCode(403);
            given().auth().oauth2(token).when().get(Stack.RETENTION + "/holds").then().statusCode(403);
        }
        for (String user : List.of("agent1", "supervisor1", "manager1", "auditor1")) {
            given().auth().oauth2(Tokens.forUser(user)).when().get(Stack.RETENTION + "/retention/status").then().statusCode(403);
            given().auth().oauth2(Tokens.forUser(user)).when().post(Stack.RETENTION + "/retention/sweep").then().statusCode(403);
        }
        given().when().get(Stack.RETENTION + "/holds").then().statusCode(401);
        given().auth().oauth2(Tokens.forUser("supervisor1")).contentType(ContentType.JSON).body(body)
                .when().put(Stack.RETENTION + "/recordings/" + id + "/hold")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.forUser("admin1")).when().get(Stack.RETENTION + "/retention/status")
                .then().statusCode(200).body("retention", equalTo("P6M"));
    }

    private static String uploaded() {
        return Recorder.upload(Tokens.forRecorder(), Recorder.metadata("it-retention-" + UUID.randomUUID(), 2, "1001", "040 765 4321"),
                Wavs.alaw8k(16_000, System.nanoTime())).statusCode(201).extract().path("recordingId");
    }

    private static List<RecordingHoldChanged> awaitChanges(Infra.TopicReader topic, String id, int count) {
        List<RecordingHoldChanged> changes = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (changes.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : topic.awaitKeys(List.of(id), Duration.ofSeconds(2))) {
                changes.add(EventJson.read(record.value(), RecordingHoldChanged.class));
            }
        }
        return changes;
    }
}
