package fi.hel.callrec.retention.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import fi.hel.callrec.commons.storage.S3Config;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.DeletionReasons;
import fi.hel.callrec.events.RecordingDeleted;
import fi.hel.callrec.retention.service.HoldService;
import fi.hel.callrec.retention.service.Recordings;
import fi.hel.callrec.retention.service.ScheduleService;
import io.minio.MinioClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** DELETE /recordings/{id}: erasure through the API, against the real database and S3 test bucket. */
@QuarkusTest
class ErasureResourceTest {

    private static final String REASON = "{\"reason\": \"Recorded in error: test call from the service desk\"}";

    @Inject
    ScheduleService schedule;
    @Inject
    HoldService holds;
    @Inject
    MinioClient minio;
    @Inject
    S3Config s3;
    @Inject
    EntityManager em;

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void a_manager_erases_a_recording_before_it_is_due() throws Exception {
        CallRecorded call = stored();
        Instant before = Instant.now();

        given().contentType(ContentType.JSON).body(REASON).when().delete("/recordings/" + call.recordingId())
                .then().statusCode(204);

        assertThat(Recordings.exists(minio, s3.bucket(), call.objectKey())).isFalse();
        List<Object[]> log = Recordings.rows(em,
                "SELECT object_key, reason, requested_by, request_reason, deleted_at FROM deletion_log WHERE recording_id = ?1",
                call.recordingId());
        assertThat(log).hasSize(1);
        assertThat(log.get(0)[0]).isEqualTo(call.objectKey());
        assertThat(log.get(0)[1]).isEqualTo(DeletionReasons.ERASURE);
        assertThat(log.get(0)[2]).isEqualTo("manager1");
        assertThat(log.get(0)[3]).isEqualTo("Recorded in error: test call from the service desk");

        List<RecordingDeleted> events = Recordings.queued(em, RecordingDeleted.class, call.recordingId());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).reason()).isEqualTo(DeletionReasons.ERASURE);
        assertThat(events.get(0).objectKey()).isEqualTo(call.objectKey());
        assertThat(events.get(0).dueAt()).as("not deleted by retention").isNull();
        assertThat(events.get(0).deletedAt()).isAfterOrEqualTo(before);

        given().when().get("/recordings/" + call.recordingId() + "/hold").then().statusCode(200)
                .body("deletedAt", notNullValue()).body("held", equalTo(false));
    }

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void a_held_recording_is_not_erased_and_the_problem_names_the_case() throws Exception {
        CallRecorded call = stored();
        holds.place(call.recordingId(), "crime", "POL-2026-777", null, "supervisor1");

        given().contentType(ContentType.JSON).body(REASON).when().delete("/recordings/" + call.recordingId())
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", allOf(containsString("on hold"), containsString("crime"), containsString("POL-2026-777")));

        assertThat(Recordings.exists(minio, s3.bucket(), call.objectKey())).isTrue();
        assertThat(Recordings.rows(em, "SELECT id FROM deletion_log WHERE recording_id = ?1", call.recordingId())).isEmpty();
        assertThat(Recordings.queued(em, RecordingDeleted.class, call.recordingId())).isEmpty();

        // Released, it can be erased.
        holds.release(call.recordingId(), "Police closed the case", null, "manager1");
        given().contentType(ContentType.JSON).body(REASON).when().delete("/recordings/" + call.recordingId())
                .then().statusCode(204);
        assertThat(Recordings.exists(minio, s3.bucket(), call.objectKey())).isFalse();
    }

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void an_erased_recording_answers_410_with_when_and_nothing_is_logged_twice() throws Exception {
        CallRecorded call = stored();
        given().contentType(ContentType.JSON).body(REASON).when().delete("/recordings/" + call.recordingId())
                .then().statusCode(204);

        given().contentType(ContentType.JSON).body(REASON).when().delete("/recordings/" + call.recordingId())
                .then().statusCode(410).contentType("application/problem+json")
                .body("detail", containsString("was already deleted at"));

        assertThat(Recordings.rows(em, "SELECT id FROM deletion_log WHERE recording_id = ?1", call.recordingId())).hasSize(1);
        assertThat(Recordings.queued(em, RecordingDeleted.class, call.recordingId())).hasSize(1);
    }

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void an_unknown_recording_answers_404() {
        given().contentType(ContentType.JSON).body(REASON).when().delete("/recordings/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("No recording"));
    }

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void bad_requests_answer_400_problems_and_change_nothing() throws Exception {
        CallRecorded call = stored();
        String path = "/recordings/" + call.recordingId();

        given().contentType(ContentType.JSON).when().delete(path)
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{}").when().delete(path)
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(containsString("reason")));
        given().contentType(ContentType.JSON).body("{\"reason\": \"   \"}").when().delete(path)
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(containsString("reason")));
        given().contentType(ContentType.JSON).body("{\"reason\": \"" + "x".repeat(501) + "\"}").when().delete(path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(containsString("reason")))
                .body("errors.message", hasItem(containsString("500")));
        given().contentType(ContentType.JSON).body("{\"reason\": ").when().delete(path)
                .then().statusCode(400).contentType("application/problem+json");
        // A value of the wrong type is a problem too, naming the field.
        given().contentType(ContentType.JSON).body("{\"reason\": [\"x\"]}").when().delete(path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("reason"));
        for (String malformed : List.of("not-a-uuid", "1-2-3-4-5", call.recordingId() + "0")) {
            given().contentType(ContentType.JSON).body(REASON).when().delete("/recordings/" + malformed)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", equalTo("The recording id in the path must be a UUID."));
        }

        assertThat(Recordings.exists(minio, s3.bucket(), call.objectKey())).isTrue();
        assertThat(Recordings.rows(em, "SELECT deleted_at FROM retention_schedule WHERE recording_id = ?1", call.recordingId()))
                .singleElement().satisfies(row -> assertThat(row[0]).isNull());
        assertThat(Recordings.queued(em, RecordingDeleted.class, call.recordingId())).isEmpty();

        // The longest reason allowed is taken.
        given().contentType(ContentType.JSON).body("{\"reason\": \"" + "x".repeat(500) + "\"}").when().delete(path)
                .then().statusCode(204);
    }

    @Test
    @TestSecurity(user = "agent1", roles = "agent")
    void an_agent_may_not_erase() throws Exception {
        refused();
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void a_supervisor_may_not_erase() throws Exception {
        refused();
    }

    @Test
    @TestSecurity(user = "auditor1", roles = "auditor")
    void an_auditor_may_not_erase() throws Exception {
        refused();
    }

    @Test
    @TestSecurity(user = "admin1", roles = "admin")
    void an_admin_may_not_erase() throws Exception {
        refused();
    }

    @Test
    @TestSecurity(user = "service-account-callrec-recorder", roles = "recorder")
    void the_recorder_may_not_erase() throws Exception {
        refused();
    }

    @Test
    void no_token_answers_401() throws Exception {
        CallRecorded call = stored();
        given().contentType(ContentType.JSON).body(REASON).when().delete("/recordings/" + call.recordingId())
                .then().statusCode(401).contentType("application/problem+json");
        assertThat(Recordings.exists(minio, s3.bucket(), call.objectKey())).isTrue();
    }

    private void refused() throws Exception {
        CallRecorded call = stored();
        given().contentType(ContentType.JSON).body(REASON).when().delete("/recordings/" + call.recordingId())
                .then().statusCode(403).contentType("application/problem+json");
        // Roles are checked before the body or the id, so nothing about the recording can be probed.
        given().contentType(ContentType.JSON).body("{}").when().delete("/recordings/" + UUID.randomUUID())
                .then().statusCode(403);
        assertThat(Recordings.exists(minio, s3.bucket(), call.objectKey())).isTrue();
        assertThat(Recordings.queued(em, RecordingDeleted.class, call.recordingId())).isEmpty();
    }

    /** A recording not due for a month, with its object in the test bucket. */
    private CallRecorded stored() throws Exception {
        CallRecorded call = Recordings.event(s3.bucket(), OffsetDateTime.now(ZoneOffset.UTC).plusDays(30));
        Recordings.putObject(minio, s3.bucket(), call.objectKey());
        QuarkusTransaction.requiringNew().run(() -> schedule.schedule(call));
        return call;
    }
}
