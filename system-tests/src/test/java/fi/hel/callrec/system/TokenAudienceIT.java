package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The services take only tokens issued for callrec: the same person, signed in through another
 * client of the realm, holds the same roles but not the audience, and every service answers 401.
 */
class TokenAudienceIT {

    @Test
    void a_token_the_realm_issued_to_another_client_is_refused_by_every_service() throws Exception {
        String foreign = AccessKeycloakAdmin.foreignClientUserToken("supervisor1");
        JsonNode claims = claims(foreign);
        assertThat(claims.path("realm_access").path("roles").toString()).as("the same roles").contains("supervisor");
        assertThat(claims.path("aud").toString()).doesNotContain("\"callrec\"");
        JsonNode own = claims(Tokens.forUser("supervisor1"));
        assertThat(own.path("aud").toString()).as("the portal's token carries the audience").contains("\"callrec\"");

        for (String url : List.of(Stack.CATALOG + "/calls", Stack.RETENTION + "/holds", Stack.ACCESS + "/audit",
                Stack.INGEST + "/recordings/00000000-0000-0000-0000-000000000000")) {
            given().auth().oauth2(foreign).when().get(url).then().statusCode(401).contentType("application/problem+json");
        }
        given().auth().oauth2(Tokens.forUser("supervisor1")).when().get(Stack.CATALOG + "/calls").then().statusCode(200);
    }

    private static JsonNode claims(String token) throws Exception {
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }
}
