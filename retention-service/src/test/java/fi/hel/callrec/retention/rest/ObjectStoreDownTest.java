package fi.hel.callrec.retention.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import fi.hel.callrec.commons.testing.UnreachableObjectStore;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.RecordingDeleted;
import fi.hel.callrec.retention.service.Recordings;
import fi.hel.callrec.retention.service.ScheduleService;
import fi.hel.callrec.retention.service.SweepResult;
import fi.hel.callrec.retention.service.Sweeper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** With the object store unreachable, neither an erasure nor a sweep records a deletion it could not make. */
@QuarkusTest
@TestProfile(UnreachableObjectStore.class)
class ObjectStoreDownTest {

    @Inject
    ScheduleService schedule;
    @Inject
    Sweeper sweeper;
    @Inject
    EntityManager em;

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void an_erasure_answers_503_with_retry_after_and_changes_nothing() {
        CallRecorded call = scheduled(OffsetDateTime.now(ZoneOffset.UTC).plusDays(30));

        given().contentType(ContentType.JSON).body("{\"reason\": \"Recorded in error\"}")
                .when().delete("/recordings/" + call.recordingId())
                .then().statusCode(503).header("Retry-After", equalTo("30")).contentType("application/problem+json")
                .body("detail", containsString("not erased"));

        assertUntouched(call);
    }

    @Test
    void a_sweep_reports_the_failure_and_leaves_the_recording_scheduled() {
        CallRecorded call = scheduled(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));

        SweepResult result = sweeper.sweep();

        assertThat(result.error()).isNotNull();
        assertThat(result.failed()).isPositive();
        assertThat(result.deleted()).isZero();
        assertUntouched(call);
    }

    private void assertUntouched(CallRecorded call) {
        assertThat(Recordings.rows(em, "SELECT deleted_at FROM retention_schedule WHERE recording_id = ?1", call.recordingId()))
                .singleElement().satisfies(row -> assertThat(row[0]).isNull());
        assertThat(Recordings.rows(em, "SELECT id FROM deletion_log WHERE recording_id = ?1", call.recordingId())).isEmpty();
        assertThat(Recordings.queued(em, RecordingDeleted.class, call.recordingId())).isEmpty();
    }

    private CallRecorded scheduled(OffsetDateTime startedAt) {
        CallRecorded call = Recordings.event("recordings-test", startedAt);
        QuarkusTransaction.requiringNew().run(() -> schedule.schedule(call));
        return call;
    }
}
