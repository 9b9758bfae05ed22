package fi.hel.callrec.commons.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every callrec service promises to operators, checked against the real servers the service
 * talks to. A service's test extends this, annotates it with {@code @QuarkusTest} and names the
 * readiness checks it must report and the checks of its neighbours it reports for alerting.
 */
public abstract class ServiceContractTest {

    /** Names of the readiness checks the service must report, all UP: what this pod needs to serve. */
    protected abstract List<String> expectedReadinessChecks();

    /** Names of the wellness checks: the state of the servers around it, for alerting, not for readiness. */
    protected abstract List<String> expectedWellnessChecks();

    @Test
    void liveness_is_up() {
        given().when().get("/q/health/live")
                .then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readiness_checks_every_server_the_service_needs() {
        given().when().get("/q/health/ready")
                .then().log().ifValidationFails().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(expectedReadinessChecks().toArray(String[]::new)))
                .body("checks.status", org.hamcrest.Matchers.everyItem(equalTo("UP")))
                .body("checks.name", org.hamcrest.Matchers.not(hasItems(expectedWellnessChecks().toArray(String[]::new))));
    }

    @Test
    void wellness_reports_the_servers_around_it() {
        given().when().get("/q/health/well")
                .then().log().ifValidationFails().statusCode(200)
                .body("checks.name", hasItems(expectedWellnessChecks().toArray(String[]::new)))
                .body("checks.status", org.hamcrest.Matchers.everyItem(equalTo("UP")));
    }

    @Test
    void openapi_document_is_served() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).body("openapi", startsWith("3."));
    }

    @Test
    void metrics_are_exposed_for_prometheus() {
        given().when().get("/q/metrics")
                .then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void unknown_path_answers_a_problem_body() {
        given().when().get("/no-such-resource")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("instance", equalTo("/no-such-resource"));
    }
}
