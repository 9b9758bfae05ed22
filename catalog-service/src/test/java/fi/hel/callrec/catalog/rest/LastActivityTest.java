package fi.hel.callrec.catalog.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import fi.hel.callrec.catalog.AccessLogEntry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The manager's access-rights review (R14): each staff member's last search, count or view, from
 * the access log on the real database.
 */
@QuarkusTest
class LastActivityTest {

    private static final String PATH = "/access-log/last-activity";

    /** A username no other test uses. */
    private static String user(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void logged(String username, String action, String at) {
        QuarkusTransaction.requiringNew().run(() -> {
            AccessLogEntry e = new AccessLogEntry();
            e.accessedAt = Instant.parse(at);
            e.username = username;
            e.roles = new String[] {"supervisor"};
            e.action = action;
            e.filters = "{}";
            e.resultIds = new UUID[0];
            e.persist();
        });
    }

    private static Response ask(Object... usernames) {
        return given().queryParam("username", usernames).when().get(PATH);
    }

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void the_newest_search_count_or_view_of_each_user_in_the_order_asked() {
        String a = user("agent");
        String b = user("supervisor");
        String idle = user("idle");
        String rightsOnly = user("manager");
        logged(a, "search", "2026-12-01T08:00:00Z");
        logged(a, "view", "2026-12-06T07:40:00Z");
        logged(a, "count", "2026-12-03T09:00:00Z");
        // Newer, but not a look at calls.
        logged(a, "subject-access-report", "2026-12-07T10:00:00Z");
        logged(a, "last-activity", "2026-12-08T10:00:00Z");
        logged(b, "count", "2026-11-30T12:00:00Z");
        logged(rightsOnly, "subject-access-list", "2026-12-02T10:00:00Z");

        ask(idle, a, b, a, rightsOnly).then().statusCode(200)
                .body("users.username", contains(idle, a, b, rightsOnly))
                .body("users.lastSearchAt", contains(null, "2026-12-06T07:40:00Z", "2026-11-30T12:00:00Z", null))
                .body("users[0]", hasKey("lastSearchAt"));
    }

    @Test
    @TestSecurity(user = "manager-review", roles = "manager")
    void a_search_through_the_api_counts_and_the_review_itself_does_not() {
        Instant before = Instant.now();
        given().when().get("/calls/count").then().statusCode(200);
        String first = ask("manager-review").then().statusCode(200)
                .body("users[0].lastSearchAt", notNullValue()).extract().path("users[0].lastSearchAt");
        assertThat(Instant.parse(first)).isAfterOrEqualTo(before.minusSeconds(1));

        ask("manager-review", "nobody-" + UUID.randomUUID()).then().statusCode(200)
                .body("users[0].lastSearchAt", equalTo(first));
        List<Object[]> reviews = QuarkusTransaction.requiringNew().call(() -> AccessLogEntry.getEntityManager()
                .createNativeQuery("SELECT filters->'username'->>0, result_count FROM access_log"
                        + " WHERE username = 'manager-review' AND action = 'last-activity' ORDER BY id", Object[].class)
                .getResultList());
        assertThat(reviews).hasSize(2);
        assertThat(reviews.get(1)[0]).isEqualTo("manager-review");
        assertThat(((Number) reviews.get(1)[1]).longValue()).isEqualTo(2);
    }

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void bad_or_unknown_parameters_answer_problems_naming_them() {
        given().when().get(PATH).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("username"));
        ask("").then().statusCode(400).body("errors.field", contains("username"));
        ask("agent1", "  ").then().statusCode(400).body("errors.field", contains("username"));
        ask("x".repeat(256)).then().statusCode(400).body("errors.field", contains("username"));
        ask("x".repeat(255)).then().statusCode(200).body("users", hasSize(1));
        ask(IntStream.range(0, 201).mapToObj(i -> "user" + i).toArray()).then().statusCode(400)
                .body("errors.field", contains("username"));
        ask(IntStream.range(0, 200).mapToObj(i -> "user" + i).toArray()).then().statusCode(200)
                .body("users", hasSize(200)).body("users[199].username", equalTo("user199"));
        // An unknown parameter is refused before the others are read.
        given().queryParam("user", "agent1").when().get(PATH).then().statusCode(400)
                .body("errors.field", contains("user"));
        given().queryParam("username", "agent1").queryParam("limit", "5").when().get(PATH).then().statusCode(400)
                .body("errors.field", contains("limit"));
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void a_supervisor_is_refused() {
        ask("agent1").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "agent1", roles = "agent")
    void an_agent_is_refused() {
        ask("agent1").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "auditor1", roles = "auditor")
    void an_auditor_is_refused() {
        ask("agent1").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "admin1", roles = "admin")
    void an_admin_is_refused() {
        ask("agent1").then().statusCode(403);
    }

    @Test
    void without_a_token_nothing_is_shown() {
        ask("agent1").then().statusCode(401).contentType("application/problem+json");
    }
}
