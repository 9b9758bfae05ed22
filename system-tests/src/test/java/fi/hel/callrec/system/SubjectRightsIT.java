package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Data subjects' rights (R12, R13) against the running system with real Keycloak tokens: calls
 * uploaded through ingest, indexed from the real topic, reported, rectified and refused.
 */
class SubjectRightsIT {

    @Test
    void a_subject_calling_under_three_spellings_gets_one_report_and_a_second_request_is_chargeable() {
        String digits = SubjectRightsFixtures.subjectDigits();
        String word = CatalogFixtures.uniqueWord();
        List<String> ids = List.of(
                SubjectRightsFixtures.upload("040 " + digits.substring(0, 3) + " " + digits.substring(3),
                        "Aino Ähtäri " + word, 30),
                SubjectRightsFixtures.upload("+358 40 " + digits, "Aino Ähtäri " + word, 20),
                SubjectRightsFixtures.upload("00358 40" + digits, "Aino Ähtäri " + word, 10));
        CatalogFixtures.awaitIndexed(word, ids);
        String manager = Tokens.forUser("manager1");

        String first = SubjectRightsFixtures.registerRequest(manager, "+358 40 " + digits).then().statusCode(201)
                .body("free", equalTo(true)).body("subjectNumber", equalTo("+35840" + digits))
                .extract().path("id");
        SubjectRightsFixtures.report(manager, first, "application/json", "fi").then().statusCode(200)
                .body("calls.recordingId", contains(ids.toArray()))
                .body("calls.callerName", contains("Aino Ähtäri " + word, "Aino Ähtäri " + word, "Aino Ähtäri " + word))
                .body("calls[0].audioUrl", containsString("/recordings/" + ids.get(0) + "/audio?purpose=subject-access"));
        given().auth().oauth2(manager).when().get(Stack.CATALOG + "/subject-access-requests/" + first).then()
                .statusCode(200).body("status", equalTo("closed")).body("closedBy", equalTo("manager1"));

        SubjectRightsFixtures.registerRequest(manager, "040" + digits).then().statusCode(201)
                .body("free", equalTo(false)).body("earlierRequestId", equalTo(first));
        byte[] pdf = SubjectRightsFixtures.report(manager, first, "application/pdf", "en").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        assertThat(SubjectRightsFixtures.pdfText(pdf)).contains("Recorded calls", "Aino Ähtäri " + word,
                "+35840" + digits);

        for (String user : List.of("supervisor1", "agent1", "auditor1", "admin1")) {
            String token = Tokens.forUser(user);
            SubjectRightsFixtures.registerRequest(token, "+358 40 " + digits).then().statusCode(403);
            SubjectRightsFixtures.report(token, first, "application/json", "fi").then().statusCode(403);
        }
    }

    @Test
    void an_approved_rectification_changes_what_a_search_finds() {
        String oldWord = CatalogFixtures.uniqueWord();
        String newWord = CatalogFixtures.uniqueWord();
        String id = SubjectRightsFixtures.upload("040 " + SubjectRightsFixtures.subjectDigits(), "Aino " + oldWord, 5);
        CatalogFixtures.awaitIndexed(oldWord, List.of(id));
        String manager = Tokens.forUser("manager1");

        String rectification = SubjectRightsFixtures.rectify(manager, id, """
                {"field": "callerProvided.name", "changeType": "replace", "newValue": "Aino %s",
                 "requester": {"name": "Aino %s", "contact": "Mannerheimintie 1"}, "channel": "letter",
                 "itemisation": "My surname was written wrong."}
                """.formatted(newWord, newWord)).then().statusCode(201).extract().path("id");
        SubjectRightsFixtures.decide(manager, rectification, "{\"decision\": \"approve\"}").then().statusCode(200)
                .body("status", equalTo("approved"));

        String supervisor = Tokens.forUser("supervisor1");
        CatalogFixtures.search(supervisor, "name", newWord).then().statusCode(200).body("items.recordingId", contains(id));
        CatalogFixtures.search(supervisor, "name", oldWord).then().statusCode(200).body("items.size()", equalTo(0));
        CatalogFixtures.detail(Tokens.forUser("agent1"), id).then().statusCode(200)
                .body("callerProvided.name", equalTo("Aino " + newWord));
    }

    @Test
    void a_refused_rectification_gives_a_certificate_with_the_reason_and_the_ombudsmans_address() {
        String word = CatalogFixtures.uniqueWord();
        String id = SubjectRightsFixtures.upload("040 " + SubjectRightsFixtures.subjectDigits(), "Aino " + word, 5);
        CatalogFixtures.awaitIndexed(word, List.of(id));
        String manager = Tokens.forUser("manager1");
        String supervisor = Tokens.forUser("supervisor1");

        SubjectRightsFixtures.rectify(supervisor, id, """
                {"field": "startedAt", "changeType": "replace", "newValue": "2026-03-02T09:00:00+02:00",
                 "requester": {"name": "Aino %s"}, "channel": "letter", "itemisation": "I called earlier."}
                """.formatted(word)).then().statusCode(403);
        String rectification = SubjectRightsFixtures.rectify(manager, id, """
                {"field": "startedAt", "changeType": "replace", "newValue": "2026-03-02T09:00:00+02:00",
                 "requester": {"name": "Aino %s"}, "channel": "letter", "itemisation": "I called earlier."}
                """.formatted(word)).then().statusCode(201).extract().path("id");
        SubjectRightsFixtures.decide(manager, rectification, "{\"decision\": \"approve\"}").then().statusCode(409);
        SubjectRightsFixtures.decide(supervisor, rectification, "{\"decision\": \"refuse\", \"reason\": \"x\"}").then()
                .statusCode(403);
        String reason = "Puhelun aika on puhelinjärjestelmän tallentama todiste " + word + ".";
        SubjectRightsFixtures.decide(manager, rectification, "{\"decision\": \"refuse\", \"reason\": \"" + reason + "\"}")
                .then().statusCode(200).body("status", equalTo("refused"));

        byte[] pdf = given().auth().oauth2(supervisor).when()
                .get(Stack.CATALOG + "/rectifications/" + rectification + "/certificate").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        assertThat(SubjectRightsFixtures.pdfText(pdf)).contains(reason, "Aino " + word,
                "Tietosuojavaltuutetun toimisto", "PL 135, 00181 Helsinki", "Data Protection Ombudsman");
        given().auth().oauth2(Tokens.forUser("agent1")).when()
                .get(Stack.CATALOG + "/rectifications/" + rectification + "/certificate").then().statusCode(403);
        given().auth().oauth2(manager).queryParam("callId", id).when().get(Stack.CATALOG + "/rectifications").then()
                .statusCode(200).body("status", containsInAnyOrder("refused"));
    }
}
