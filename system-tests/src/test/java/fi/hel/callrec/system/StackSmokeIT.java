package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The whole system is up: identities come from the real realm and every service is ready. */
class StackSmokeIT {

    @Test
    void agent_token_carries_role_and_extension() {
        JsonNode claims = Tokens.claims(Tokens.forUser("agent1"));
        assertThat(claims.path("iss").asText()).isEqualTo(Stack.REALM);
        assertThat(roles(claims)).contains("agent").doesNotContain("supervisor", "manager");
        assertThat(claims.path("agent_id").asText()).isEqualTo("1001");
    }

    @Test
    void supervisor_token_carries_role_and_no_extension() {
        JsonNode claims = Tokens.claims(Tokens.forUser("supervisor1"));
        assertThat(roles(claims)).contains("supervisor").doesNotContain("agent", "recorder");
        assertThat(claims.has("agent_id")).isFalse();
    }

    @Test
    void recorder_service_account_gets_the_recorder_role() {
        assertThat(roles(Tokens.claims(Tokens.forRecorder()))).contains("recorder");
    }

    @Test
    void wrong_password_gets_no_token() {
        given().formParam("grant_type", "password")
                .formParam("client_id", Stack.PORTAL_CLIENT)
                .formParam("client_secret", Stack.PORTAL_SECRET)
                .formParam("username", "agent1")
                .formParam("password", "not-the-password")
                .when().post(Stack.REALM + "/protocol/openid-connect/token")
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @ParameterizedTest(name = "{0} is ready")
    @CsvSource({
            "ingest-service, true",
            "catalog-service, false",
            "access-service, true",
            "retention-service, true"})
    void every_service_is_ready_and_reports_its_neighbours(String service, boolean usesS3) {
        List<String> ready = new ArrayList<>(List.of("Database connections health check"));
        List<String> neighbours = new ArrayList<>(List.of("Kafka brokers", "OIDC provider"));
        if (usesS3) {
            ready.add("Object lock");
            neighbours.add("S3 object store");
        }
        given().when().get(urlOf(service) + "/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(ready.toArray(String[]::new)))
                .body("checks.status", everyItem(equalTo("UP")));
        given().when().get(urlOf(service) + "/q/health/well")
                .then().statusCode(200)
                .body("checks.name", hasItems(neighbours.toArray(String[]::new)))
                .body("checks.status", everyItem(equalTo("UP")));
        given().accept("application/json").when().get(urlOf(service) + "/q/openapi").then().statusCode(200);
        given().when().get(urlOf(service) + "/q/metrics").then().statusCode(200);
    }

    private static String urlOf(String service) {
        return switch (service) {
            case "ingest-service" -> Stack.INGEST;
            case "catalog-service" -> Stack.CATALOG;
            case "access-service" -> Stack.ACCESS;
            case "retention-service" -> Stack.RETENTION;
            default -> throw new IllegalArgumentException(service);
        };
    }

    private static List<String> roles(JsonNode claims) {
        List<String> roles = new ArrayList<>();
        claims.path("realm_access").path("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }
}
