package fi.hel.callrec.access.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import fi.hel.callrec.access.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The audit listing refuses what it would otherwise answer wrongly: an unknown filter, a page it would cut. */
@QuarkusTest
class AuditParametersTest {

    private static io.restassured.specification.RequestSpecification auditor() {
        return given().auth().oauth2(Fixtures.token("auditor1"));
    }

    @Test
    void an_unknown_or_repeated_parameter_is_400_naming_it_rather_than_an_unfiltered_listing() {
        auditor().queryParam("recordingId", "").when().get("/audit").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("recordingId"));
        auditor().queryParam("user", "agent1", "agent2").when().get("/audit").then().statusCode(400)
                .body("errors[0].field", equalTo("user"));
    }

    @Test
    void a_limit_beyond_the_largest_page_is_400_rather_than_cut_silently() {
        auditor().queryParam("limit", "1000000").when().get("/audit").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("limit"))
                .body("detail", containsString("1 to 1000"));
        auditor().queryParam("limit", "0").when().get("/audit").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        auditor().queryParam("after", "-1").when().get("/audit").then().statusCode(400).body("errors[0].field", equalTo("after"));
        auditor().queryParam("limit", "1000").queryParam("user", "nobody-" + System.nanoTime()).when().get("/audit")
                .then().statusCode(200).body("size()", equalTo(0));
    }
}
