package fi.hel.callrec.ingest.rest;

import static fi.hel.callrec.ingest.rest.Uploads.json;
import static fi.hel.callrec.ingest.rest.Uploads.metadata;
import static fi.hel.callrec.ingest.rest.Uploads.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import fi.hel.callrec.commons.testing.UnreachableObjectStore;
import fi.hel.callrec.commons.testing.Wavs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With the object store unreachable, an upload is refused as retryable and nothing is recorded;
 * the pod stays ready (it answers, with 503 and Retry-After) and reports the store for alerting.
 */
@QuarkusTest
@TestProfile(UnreachableObjectStore.class)
@TestSecurity(user = "service-account-callrec-recorder", roles = "recorder")
class ObjectStoreDownTest {

    @Inject
    EntityManager em;

    @Test
    void upload_answers_503_with_retry_after_and_records_nothing() {
        String callId = "call-" + UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5);
        post(json(metadata(callId, start, 1)), Wavs.alaw8k(8_000, 1), "audio/wav")
                .statusCode(503)
                .header("Retry-After", equalTo("30"))
                .contentType("application/problem+json")
                .body("detail", containsString("nothing was recorded"));

        long rows = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT (SELECT count(*) FROM recording WHERE call_id = ?1)"
                        + " + (SELECT count(*) FROM outbox_event WHERE position(?1 in convert_from(payload, 'UTF8')) > 0)")
                .setParameter(1, callId).getSingleResult()).longValue());
        assertThat(rows).as("no receipt, no event").isZero();
        // The store cannot be asked whether part of the object arrived: the pending row stays, so that
        // the upload is settled (anything stored removed, the row deleted) as soon as the store answers.
        long pending = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM pending_upload").getSingleResult()).longValue());
        assertThat(pending).isEqualTo(1);
    }

    @Test
    void the_pod_stays_ready_and_reports_the_store_down_for_alerting() {
        io.restassured.RestAssured.given().when().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"));
        io.restassured.RestAssured.given().when().get("/q/health/well")
                .then().statusCode(503)
                .body("checks.find { it.name == 'S3 object store' }.status", equalTo("DOWN"));
    }
}
