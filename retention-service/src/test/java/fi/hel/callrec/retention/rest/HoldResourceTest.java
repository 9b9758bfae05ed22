package fi.hel.callrec.retention.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import fi.hel.callrec.commons.storage.S3Config;
import fi.hel.callrec.events.AudioFormat;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.ObjectKeys;
import fi.hel.callrec.retention.service.ScheduleService;
import fi.hel.callrec.retention.service.Sweeper;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HoldResourceTest {

    @Inject
    ScheduleService schedule;
    @Inject
    Sweeper sweeper;
    @Inject
    MinioClient minio;
    @Inject
    S3Config s3;

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void a_supervisor_places_reads_and_releases_a_hold() throws Exception {
        UUID id = scheduled(OffsetDateTime.now(ZoneOffset.UTC).plusDays(1));
        String caseRef = "POL-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body("{\"reason\": \"crime\", \"caseReference\": \"" + caseRef + "\", \"note\": \"Vandalism reported\"}")
                .when().put("/recordings/" + id + "/hold")
                .then().statusCode(200)
                .body("held", equalTo(true)).body("reason", equalTo("crime")).body("heldBy", equalTo("supervisor1"));

        given().when().get("/recordings/" + id + "/hold").then().statusCode(200)
                .body("held", equalTo(true)).body("caseReference", equalTo(caseRef)).body("dueAt", notNullValue())
                .body("history.size()", equalTo(1)).body("history[0].changedBy", equalTo("supervisor1"));
        given().queryParam("caseReference", caseRef).when().get("/holds").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].recordingId", equalTo(id.toString()));
        given().when().get("/holds").then().statusCode(200).body("recordingId", hasItem(id.toString()));

        given().contentType(ContentType.JSON).body("{\"releaseReason\": \"Police closed the case\"}")
                .when().delete("/recordings/" + id + "/hold")
                .then().statusCode(200).body("held", equalTo(false)).body("reason", nullValue());
        given().when().get("/recordings/" + id + "/hold").then().statusCode(200)
                .body("held", equalTo(false)).body("history.size()", equalTo(2))
                .body("history[1].releaseReason", equalTo("Police closed the case"));
        given().contentType(ContentType.JSON).body("{\"releaseReason\": \"again\"}")
                .when().delete("/recordings/" + id + "/hold")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void malformed_holds_answer_400_problems_and_unknown_recordings_404() {
        UUID id = scheduled(OffsetDateTime.now(ZoneOffset.UTC).plusDays(1));
        given().contentType(ContentType.JSON).body("{\"reason\": \"curiosity\", \"caseReference\": \" \"}")
                .when().put("/recordings/" + id + "/hold")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(containsString("reason")))
                .body("errors.field", hasItem(containsString("caseReference")));
        given().contentType(ContentType.JSON).body("{not json").when().put("/recordings/" + id + "/hold")
                .then().statusCode(400).contentType("application/problem+json");
        // A field the API does not know is refused by name, in words, without Java's class names.
        given().contentType(ContentType.JSON).body("{\"reason\": \"crime\", \"caseReference\": \"X\", \"until\": \"2027-01-01\"}")
                .when().put("/recordings/" + id + "/hold")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("until"))
                .body("detail", not(containsString("fi.hel")))
                .body("detail", not(containsString("class")));
        given().when().get("/recordings/" + id + "/hold").then().statusCode(200).body("held", equalTo(false));
        given().contentType(ContentType.JSON).when().put("/recordings/" + id + "/hold")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"reason\": \"crime\", \"caseReference\": \"X\"}")
                .when().put("/recordings/" + UUID.randomUUID() + "/hold")
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/recordings/not-a-uuid/hold").then().statusCode(404).contentType("application/problem+json");
        given().queryParam("limit", 0).when().get("/holds").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void a_hold_on_a_deleted_recording_answers_410_with_when() throws Exception {
        UUID id = scheduled(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
        sweeper.sweep();
        given().contentType(ContentType.JSON).body("{\"reason\": \"accident\", \"caseReference\": \"ACC-1\"}")
                .when().put("/recordings/" + id + "/hold")
                .then().statusCode(410).contentType("application/problem+json")
                .body("detail", containsString("was deleted at"));
        given().when().get("/recordings/" + id + "/hold").then().statusCode(200).body("deletedAt", notNullValue());
    }

    @Test
    @TestSecurity(user = "agent1", roles = "agent")
    void agents_may_not_touch_holds() {
        UUID id = scheduled(OffsetDateTime.now(ZoneOffset.UTC).plusDays(1));
        given().when().get("/recordings/" + id + "/hold").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"reason\": \"crime\", \"caseReference\": \"X\"}")
                .when().put("/recordings/" + id + "/hold").then().statusCode(403);
        given().when().get("/holds").then().statusCode(403);
        given().when().get("/retention/status").then().statusCode(403);
        given().when().post("/retention/sweep").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "admin1", roles = "admin")
    void an_admin_reads_the_status_and_runs_a_sweep_but_may_not_hold() {
        UUID id = scheduled(OffsetDateTime.now(ZoneOffset.UTC).plusDays(1));
        given().when().post("/retention/sweep").then().statusCode(200)
                .body("error", nullValue()).body("startedAt", notNullValue());
        given().when().get("/retention/status").then().statusCode(200)
                .body("retention", equalTo("PT2S")).body("scheduled", notNullValue()).body("overdue", notNullValue())
                .body("lastSweep.startedAt", notNullValue());
        given().when().get("/recordings/" + id + "/hold").then().statusCode(403);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("callrec_retention_recordings{state=\"overdue\""));
    }

    @Test
    void no_token_answers_401() {
        given().when().get("/holds").then().statusCode(401).contentType("application/problem+json");
    }

    private UUID scheduled(OffsetDateTime startedAt) {
        UUID id = UUID.randomUUID();
        String key = ObjectKeys.of(id, startedAt);
        try {
            minio.putObject(PutObjectArgs.builder().bucket(s3.bucket()).object(key)
                    .stream(new ByteArrayInputStream(new byte[44]), 44, -1).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        CallRecorded call = CallRecorded.of(id, "hold-test-" + id, s3.bucket(), key, "b".repeat(64), 44,
                new AudioFormat(AudioFormat.PCM, 8000, 1, 16, 1000), startedAt, startedAt.plusSeconds(1),
                "anonymous", "1002", "feedback", null, null, true, List.of());
        QuarkusTransaction.requiringNew().run(() -> schedule.schedule(call));
        return id;
    }
}
