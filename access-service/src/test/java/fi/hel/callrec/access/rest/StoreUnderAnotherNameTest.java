package fi.hel.callrec.access.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.hel.callrec.access.audit.AuditEntry;
import fi.hel.callrec.access.Fixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The trusted store of {@link StoreOverTlsTest}, reached by a name its certificate does not
 * carry (localhost, where the certificate names 127.0.0.1): the service does not read from it.
 */
@QuarkusTest
@TestProfile(StoreUnderAnotherNameTest.MisnamedStore.class)
class StoreUnderAnotherNameTest {

    @AfterAll
    static void forgetTheStore() {
        StoreOverTlsTest.TlsStore.forget();
    }

    @Test
    void a_store_whose_certificate_names_another_host_is_not_read() {
        UUID id = Fixtures.projected("recordings/tls/{id}.wav", StoreOverTlsTest.SIZE);
        given().auth().oauth2(Fixtures.token("supervisor1")).queryParam("purpose", "quality")
                .get("/recordings/" + id + "/audio").then().statusCode(503);
        List<String> entries = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(
                () -> QuarkusTransaction.requiringNew().call(() ->
                                AuditEntry.<AuditEntry>list("recordingId = ?1 order by seq", id.toString())).stream()
                        .map(e -> e.kind + " " + e.status + " " + e.outcome + " " + e.bytes).toList(),
                sealed -> sealed.size() >= 2);
        assertThat(entries).containsExactly("access 200 sent " + StoreOverTlsTest.SIZE, "interrupted 503 store-unavailable 0");
    }

    public static class MisnamedStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            StoreOverTlsTest.TlsStore.INSTANCE.trustIt();
            return Map.of("callrec.s3.endpoint", "https://localhost:" + StoreOverTlsTest.TlsStore.INSTANCE.port());
        }
    }
}
