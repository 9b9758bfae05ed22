package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/** Real access tokens from the Keycloak realm, obtained the way the portal and recorder obtain them. */
final class Tokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Tokens() {
    }

    /** A user's token through the portal client (password grant, allowed for tests). */
    static String forUser(String username) {
        return given()
                .formParam("grant_type", "password")
                .formParam("client_id", Stack.PORTAL_CLIENT)
                .formParam("client_secret", Stack.PORTAL_SECRET)
                .formParam("username", username)
                .formParam("password", Stack.USER_PASSWORD)
                .when().post(Stack.REALM + "/protocol/openid-connect/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }

    /** The telephony platform's token (client credentials of the recorder service account). */
    static String forRecorder() {
        return given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", Stack.RECORDER_CLIENT)
                .formParam("client_secret", Stack.RECORDER_SECRET)
                .when().post(Stack.REALM + "/protocol/openid-connect/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }

    /** The claims of a token, read without verifying it: the services verify, tests only look. */
    static JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
