package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

/**
 * Tokens the realm's own clients never hand out: one from another realm (master), one that
 * expires within seconds and one without callrec's audience, from test-only clients created
 * through the admin API when missing.
 */
final class AccessKeycloakAdmin {

    static final String ADMIN_USER = System.getenv().getOrDefault("CALLREC_KEYCLOAK_ADMIN", "admin");
    static final String ADMIN_PASSWORD = System.getenv().getOrDefault("CALLREC_KEYCLOAK_ADMIN_PASSWORD", "test-only-admin");
    static final String SHORT_LIVED_CLIENT = "access-it-short-lived";
    static final String SHORT_LIVED_SECRET = "test-only-short-lived-secret";
    static final String FOREIGN_CLIENT = "callrec-it-foreign-client";
    static final String FOREIGN_SECRET = "test-only-foreign-client-secret";

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

    /** A user's token from the callrec realm that lives two seconds, issued for callrec. */
    static String shortLivedUserToken(String username) {
        return userToken(SHORT_LIVED_CLIENT, SHORT_LIVED_SECRET, Map.of("access.token.lifespan", "2"), true, username);
    }

    /** A user's token from the callrec realm, with the same roles, from a client that is not callrec's (no audience). */
    static String foreignClientUserToken(String username) {
        return userToken(FOREIGN_CLIENT, FOREIGN_SECRET, Map.of(), false, username);
    }

    private static String userToken(String clientId, String secret, Map<String, String> attributes, boolean callrecAudience,
                                    String username) {
        ensureClient(clientId, secret, attributes, callrecAudience);
        return given()
                .formParam("grant_type", "password")
                .formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .formParam("username", username)
                .formParam("password", Stack.USER_PASSWORD)
                .when().post(Stack.REALM + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    private static synchronized void ensureClient(String clientId, String secret, Map<String, String> attributes,
                                                  boolean callrecAudience) {
        String admin = masterToken();
        String clients = Stack.KEYCLOAK + "/admin/realms/callrec/clients";
        // The realm's own callrec clients carry this mapper; a client without it gets tokens no service takes.
        Map<String, Object> audience = Map.of("name", "callrec-audience", "protocol", "openid-connect",
                "protocolMapper", "oidc-audience-mapper",
                "config", Map.of("included.custom.audience", "callrec", "access.token.claim", "true", "id.token.claim", "false"));
        List<Map<String, Object>> existing = given().auth().oauth2(admin).queryParam("clientId", clientId)
                .get(clients).then().statusCode(200).extract().jsonPath().getList("$");
        if (!existing.isEmpty()) {
            // A client left by an earlier run, from before the services required the audience, gets it now.
            Object mappers = existing.get(0).get("protocolMappers");
            if (callrecAudience && (mappers == null || !mappers.toString().contains("callrec-audience"))) {
                given().auth().oauth2(admin).contentType("application/json").body(audience)
                        .post(clients + "/" + existing.get(0).get("id") + "/protocol-mappers/models").then().statusCode(201);
            }
            return;
        }
        List<Map<String, Object>> mappers = callrecAudience ? List.of(audience) : List.of();
        given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of(
                        "clientId", clientId,
                        "enabled", true,
                        "publicClient", false,
                        "secret", secret,
                        "directAccessGrantsEnabled", true,
                        "standardFlowEnabled", false,
                        "attributes", attributes,
                        "protocolMappers", mappers))
                .post(clients).then().statusCode(org.hamcrest.Matchers.anyOf(
                        org.hamcrest.Matchers.equalTo(201), org.hamcrest.Matchers.equalTo(409)));
    }
}
