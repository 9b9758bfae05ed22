package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every catalog endpoint for every role, on a call of agent1's and one of agent2's, with real
 * Keycloak tokens. "own" is agent1's call, "other" agent2's.
 */
class CatalogRoleMatrixIT {

    private static String word;
    private static String own;
    private static String other;

    @BeforeAll
    static void twoCalls() {
        word = CatalogFixtures.uniqueWord();
        own = CatalogFixtures.upload("1001", "Own " + word, "ABC-1", "matrix");
        other = CatalogFixtures.upload("1002", "Other " + word, "ABC-2", "matrix");
        CatalogFixtures.awaitIndexed(word, List.of(own, other));
    }

    @ParameterizedTest(name = "{0}: search sees {1}, count {2}, own {3}, other {4}")
    @CsvSource({
            // who,        search sees,  count, GET own, GET other
            "agent1,       own,          1,     200,     404",
            "agent2,       other,        1,     404,     200",
            "supervisor1,  both,         2,     200,     200",
            "manager1,     both,         2,     200,     200",
            "auditor1,     403,          403,   403,     403",
            "admin1,       403,          403,   403,     403",
            "recorder,     403,          403,   403,     403",
            "nobody,       401,          401,   401,     401"})
    void each_role_sees_what_the_register_description_allows(String who, String sees, String count, int getOwn, int getOther) {
        String token = switch (who) {
            case "recorder" -> Tokens.forRecorder();
            case "nobody" -> null;
            default -> Tokens.forUser(who);
        };

        Response search = call(token, "/calls", Map.of("name", word));
        switch (sees) {
            case "own" -> assertIds(search, List.of(own));
            case "other" -> assertIds(search, List.of(other));
            case "both" -> assertIds(search, List.of(own, other));
            default -> assertProblem(search, Integer.parseInt(sees));
        }

        Response counted = call(token, "/calls/count", Map.of("name", word));
        if (count.length() == 1) {
            assertThat(counted.statusCode()).isEqualTo(200);
            assertThat(counted.jsonPath().getLong("count")).isEqualTo(Long.parseLong(count));
        } else {
            assertProblem(counted, Integer.parseInt(count));
        }

        Response ownDetail = call(token, "/calls/" + own, Map.of());
        Response otherDetail = call(token, "/calls/" + other, Map.of());
        assertThat(ownDetail.statusCode()).isEqualTo(getOwn);
        assertThat(otherDetail.statusCode()).isEqualTo(getOther);
        if (getOwn != 200) {
            assertProblem(ownDetail, getOwn);
        }
        if (getOther != 200) {
            assertProblem(otherDetail, getOther);
        }
    }

    private static Response call(String token, String path, Map<String, String> params) {
        var request = given();
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        for (var p : params.entrySet()) {
            request = request.queryParam(p.getKey(), p.getValue());
        }
        return request.when().get(Stack.CATALOG + path);
    }

    private static void assertIds(Response response, List<String> expected) {
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> ids = response.jsonPath().getList("items.recordingId");
        assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
