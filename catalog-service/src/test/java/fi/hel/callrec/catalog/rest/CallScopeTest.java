package fi.hel.callrec.catalog.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import fi.hel.callrec.catalog.Calls;
import fi.hel.callrec.catalog.service.Indexer;
import fi.hel.callrec.events.CallRecorded;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who sees which calls: an agent only the calls of their own extension, in search, count and
 * detail alike; supervisors and managers all; auditors and admins none. The system tests repeat
 * this with real Keycloak tokens.
 */
@QuarkusTest
class CallScopeTest {

    private static final String WORD = Calls.uniqueWord();
    private static CallRecorded own;
    private static CallRecorded other;

    @jakarta.inject.Inject
    Indexer indexer;

    @BeforeEach
    void seed() {
        if (own == null) {
            own = Calls.call().agent("1001").name("Own " + WORD).event();
            other = Calls.call().agent("1002").name("Other " + WORD).event();
            indexer.applyBatch(List.of(own, other));
        }
    }

    @Test
    @TestSecurity(user = "agent1", roles = "agent")
    @OidcSecurity(claims = @Claim(key = "agent_id", value = "1001"))
    void an_agent_sees_only_own_calls() {
        CallSearchTest.search(Map.of("name", WORD)).then().statusCode(200)
                .body("items.recordingId", contains(own.recordingId().toString()));
        CallSearchTest.search(Map.of("name", WORD, "agentExtension", "1002")).then().statusCode(200)
                .body("items.size()", equalTo(0));
        given().queryParam("name", WORD).when().get("/calls/count").then().statusCode(200).body("count", equalTo(1));
        given().when().get("/calls/" + own.recordingId()).then().statusCode(200);
        given().when().get("/calls/" + other.recordingId()).then().statusCode(404)
                .contentType("application/problem+json");
        // The view of another agent's call is logged as asked, with nothing shown.
        List<Object[]> views = QuarkusTransaction.requiringNew().call(() -> fi.hel.callrec.catalog.AccessLogEntry.getEntityManager()
                .createNativeQuery("SELECT cast(result_ids as text), result_count FROM access_log"
                        + " WHERE username = 'agent1' AND action = 'view' AND recording_id = :id", Object[].class)
                .setParameter("id", other.recordingId()).getResultList());
        assertThat(views).isNotEmpty().allSatisfy(row -> assertThat(row).containsExactly("{}", 0L));
    }

    @Test
    @TestSecurity(user = "agent9", roles = "agent")
    void an_agent_without_an_agent_id_sees_nothing() {
        CallSearchTest.search(Map.of("name", WORD)).then().statusCode(200).body("items.size()", equalTo(0));
        given().queryParam("name", WORD).when().get("/calls/count").then().statusCode(200).body("count", equalTo(0));
        given().when().get("/calls/" + own.recordingId()).then().statusCode(404);
        // Even a search that may show nothing is logged.
        List<Object[]> logged = QuarkusTransaction.requiringNew().call(() -> fi.hel.callrec.catalog.AccessLogEntry.getEntityManager()
                .createNativeQuery("SELECT cast(result_ids as text), result_count FROM access_log"
                        + " WHERE username = 'agent9' AND action = 'search'", Object[].class).getResultList());
        assertThat(logged).isNotEmpty().allSatisfy(row -> {
            assertThat(row[0]).isEqualTo("{}");
            assertThat(((Number) row[1]).longValue()).isZero();
        });
    }

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void a_manager_sees_all_calls() {
        CallSearchTest.search(Map.of("name", WORD)).then().statusCode(200)
                .body("items.recordingId", containsInAnyOrder(own.recordingId().toString(), other.recordingId().toString()));
        given().when().get("/calls/" + other.recordingId()).then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "auditor1", roles = "auditor")
    void an_auditor_sees_no_caller_data() {
        CallSearchTest.search(Map.of("name", WORD)).then().statusCode(403).contentType("application/problem+json");
        given().when().get("/calls/count").then().statusCode(403);
        given().when().get("/calls/" + own.recordingId()).then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "admin1", roles = "admin")
    void an_admin_sees_no_caller_data() {
        CallSearchTest.search(Map.of()).then().statusCode(403);
        given().when().get("/calls/" + own.recordingId()).then().statusCode(403);
    }

    @Test
    void without_a_token_nothing_is_shown() {
        CallSearchTest.search(Map.of()).then().statusCode(401).contentType("application/problem+json");
        given().when().get("/calls/" + own.recordingId()).then().statusCode(401);
    }
}
