package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

/**
 * Tokens the realm's own clients never hand out: one from another realm (master), and one that
 * expires within seconds, from a test-only client created through the admin API when missing.
 */
final class AccessKeycloakAdmin {

    static final String ADMIN_USER = System.getenv().getOrDefault("CALLREC_KEYCLOAK_ADMIN", "admin");
    static final String ADMIN_PASSWORD = System.getenv().getOrDefault("CALLREC_KEYCLOAK_ADMIN_PASSWORD", "test-only-admin");
    static final String SHORT_LIVED_CLIENT = "access-it-short-lived";
    static final String SHORT_LIVED_SECRET = "test-only-short-lived-secret";

    private AccessKeycloakAdmin() {
    }

    /** The Keycloak administrator's token: valid, but issued by the master realm. */
    static String masterToken() {
        return given()
                .formParam("grant_type", "password")
                .formParam("client_id", "admin-cli")
                .formParam("username", ADMIN_USER)
                .formParam("password", ADMIN_PASSWORD)
                .when().post(Stack.KEYCLOAK + "/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /** A user's token from the callrec realm that lives two seconds. */
    static String shortLivedUserToken(String username) {
        ensureShortLivedClient();
        return given()
                .formParam("grant_type", "password")
                .formParam("client_id", SHORT_LIVED_CLIENT)
                .formParam("client_secret", SHORT_LIVED_SECRET)
                .formParam("username", username)
                .formParam("password", Stack.USER_PASSWORD)
                .when().post(Stack.REALM + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    private static synchronized void ensureShortLivedClient() {
        String admin = masterToken();
        String clients = Stack.KEYCLOAK + "/admin/realms/callrec/clients";
        List<?> existing = given().auth().oauth2(admin).queryParam("clientId", SHORT_LIVED_CLIENT)
                .get(clients).then().statusCode(200).extract().jsonPath().getList("$");
        if (!existing.isEmpty()) {
            return;
        }
        given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of(
                        "clientId", SHORT_LIVED_CLIENT,
                        "enabled", true,
                        "publicClient", false,
                        "secret", SHORT_LIVED_SECRET,
                        "directAccessGrantsEnabled", true,
                        "standardFlowEnabled", false,
                        "attributes", Map.of("access.token.lifespan", "2")))
                .post(clients).then().statusCode(org.hamcrest.Matchers.anyOf(
                        org.hamcrest.Matchers.equalTo(201), org.hamcrest.Matchers.equalTo(409)));
    }
}
