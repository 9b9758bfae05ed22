package fi.hel.callrec.access.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import fi.hel.callrec.access.audit.AuditEntry;
import fi.hel.callrec.access.Fixtures;
import fi.hel.callrec.commons.testing.UnreachableObjectStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With the object store unreachable, a listener gets a 503 to retry, and the audit log says nothing was sent. */
@QuarkusTest
@TestProfile(UnreachableObjectStore.class)
class ObjectStoreDownTest {

    @Test
    void a_read_answers_503_with_retry_after_and_is_audited_as_not_sent() {
        UUID id = Fixtures.projected("recordings/2026/01/01/{id}.wav", 8_044L);

        given().auth().oauth2(Fixtures.token("supervisor1")).queryParam("purpose", "quality")
                .get("/recordings/" + id + "/audio")
                .then().statusCode(503).header("Retry-After", equalTo("10")).contentType("application/problem+json")
                .body("detail", containsString("cannot be read right now"));

        List<AuditEntry> entries = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(
                () -> QuarkusTransaction.requiringNew().call(() ->
                        AuditEntry.<AuditEntry>list("recordingId = ?1 order by seq", id.toString())),
                sealed -> sealed.size() >= 2);
        assertThat(entries).extracting(e -> e.kind + " " + e.status + " " + e.outcome + " " + e.bytes)
                .containsExactly("access 200 sent 8044", "interrupted 503 store-unavailable 0");
        assertThat(entries.get(1).refSeq).isEqualTo(entries.get(0).seq);
    }
}
