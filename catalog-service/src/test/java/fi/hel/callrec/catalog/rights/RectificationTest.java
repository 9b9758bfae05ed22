package fi.hel.callrec.catalog.rights;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import fi.hel.callrec.catalog.CallRecord;
import fi.hel.callrec.catalog.Calls;
import fi.hel.callrec.catalog.Rectification;
import fi.hel.callrec.catalog.service.Indexer;
import fi.hel.callrec.commons.security.Staff;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.DeletionReasons;
import fi.hel.callrec.events.RecordingDeleted;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Rectification (R13) on the real test database: approvals that change the call and its search
 * keys keeping only a hash of the old value, evidence that can only be refused, refusal
 * certificates read back as text, roles, bad input, and what remains after the call's deletion.
 */
@QuarkusTest
class RectificationTest {

    private static final Staff MANAGER = new Staff("manager1", "manager1", Set.of("manager"), null);

    @Inject
    Indexer indexer;

    @Inject
    Rectifications rectifications;

    static String subjectRequest(String field, String changeType, String newValue) {
        return """
                {"field": "%s", "changeType": "%s", %s "initiative": "subject",
                 "requester": {"name": "Aino Hämäläinen", "contact": "aino@example.org"},
                 "channel": "letter", "itemisation": "Item 1: my name is misspelt in the call of 2 March"}
                """.formatted(field, changeType, newValue == null ? "" : "\"newValue\": \"" + newValue + "\",");
    }

    static Response file(UUID call, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/calls/" + call + "/rectifications");
    }

    static Response decide(String id, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/rectifications/" + id + "/decision");
    }

    private CallRecorded indexed(Calls calls) {
        CallRecorded call = calls.event();
        QuarkusTransaction.requiringNew().run(() -> indexer.applyBatch(List.of(call)));
        return call;
    }

    private static List<String> foundByName(String words) {
        return given().queryParam("name", words).when().get("/calls").then().statusCode(200)
                .extract().path("items.recordingId");
    }

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void an_approved_correction_changes_the_call_and_its_search_and_keeps_only_a_hash_of_the_old_value() {
        String oldWord = Calls.uniqueWord();
        String newWord = Calls.uniqueWord();
        CallRecorded call = indexed(Calls.call().name("Aino " + oldWord));
        Response filed = file(call.recordingId(), subjectRequest("callerProvided.name", "replace", "Aino " + newWord));
        String id = filed.path("id");
        filed.then().statusCode(201).header("Location", containsString("/rectifications/" + id))
                .body("status", equalTo("pending")).body("callId", equalTo(call.recordingId().toString()))
                .body("requester.name", equalTo("Aino Hämäläinen")).body("filedBy", equalTo("manager1"));

        decide(id, "{\"decision\": \"approve\"}").then().statusCode(200)
                .body("status", equalTo("approved")).body("decidedBy", equalTo("manager1"))
                .body("decidedAt", notNullValue()).body("field", equalTo("callerProvided.name"))
                .body("replacedValueSha256", equalTo(sha256(id + ":Aino " + oldWord)))
                .body("certificate", nullValue());

        given().when().get("/calls/" + call.recordingId()).then().statusCode(200)
                .body("callerProvided.name", equalTo("Aino " + newWord));
        assertThat(foundByName(newWord)).containsExactly(call.recordingId().toString());
        assertThat(foundByName(oldWord)).isEmpty();
        Rectification stored = QuarkusTransaction.requiringNew().call(() -> Rectification.findById(UUID.fromString(id)));
        assertThat(stored.replacedValueSha256).doesNotContain(oldWord);
        assertThat(String.join("|", stored.newValue, stored.itemisation, stored.requesterName)).doesNotContain(oldWord);
    }

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void notes_are_completed_plates_deleted_and_the_service_line_replaced() {
        String word = Calls.uniqueWord();
        CallRecorded call = indexed(Calls.call().notes("Permit renewal").plate("ABC-123").name("Aino " + word));
        String completed = file(call.recordingId(), subjectRequest("serviceNotes", "complete", "Caller moved to Kallio"))
                .then().statusCode(201).extract().path("id");
        decide(completed, "{\"decision\": \"approve\", \"reason\": \"completes the notes\"}").then().statusCode(200);
        String deleted = file(call.recordingId(), subjectRequest("callerProvided.vehicleRegistration", "delete", null))
                .then().statusCode(201).extract().path("id");
        decide(deleted, "{\"decision\": \"approve\"}").then().statusCode(200);
        String line = file(call.recordingId(), subjectRequest("serviceLine", "replace", "parking-and-fines"))
                .then().statusCode(201).extract().path("id");
        decide(line, "{\"decision\": \"approve\"}").then().statusCode(200);

        given().when().get("/calls/" + call.recordingId()).then().statusCode(200)
                .body("serviceNotes", equalTo("Permit renewal\nCaller moved to Kallio"))
                .body("callerProvided.vehicleRegistration", nullValue())
                .body("serviceLine", equalTo("parking-and-fines"));
        given().queryParam("notes", "kallio renewal").queryParam("name", word).when().get("/calls").then()
                .statusCode(200).body("items.recordingId", hasItem(call.recordingId().toString()));
        given().queryParam("plate", "ABC123").queryParam("name", word).when().get("/calls").then().statusCode(200)
                .body("items.size()", equalTo(0));
        given().queryParam("serviceLine", "parking-and-fines").queryParam("name", word).when().get("/calls").then()
                .statusCode(200).body("items.recordingId", hasItem(call.recordingId().toString()));
        given().queryParam("callId", call.recordingId().toString()).when().get("/rectifications").then()
                .statusCode(200).body("id", equalTo(List.of(completed, deleted, line)))
                .body("status", equalTo(List.of("approved", "approved", "approved")));
    }

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void evidence_can_be_asked_about_but_only_refused_and_the_certificate_says_why_and_where_to_complain() {
        CallRecorded call = indexed(Calls.call().name("Aino Hämäläinen"));
        for (String evidence : List.of("startedAt", "endedAt", "callerNumber", "agentExtension", "audio")) {
            String id = file(call.recordingId(), subjectRequest(evidence, "replace", "something else")).then()
                    .statusCode(201).extract().path("id");
            decide(id, "{\"decision\": \"approve\"}").then().statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("evidence"));
            given().when().get("/rectifications/" + id).then().body("status", equalTo("pending"));
        }
        String id = file(call.recordingId(), subjectRequest("callerNumber", "replace", "+358 50 7654321")).then()
                .statusCode(201).extract().path("id");
        decide(id, "{\"decision\": \"refuse\"}").then().statusCode(400).body("errors.field", hasItem("reason"));
        decide(id, "{\"decision\": \"refuse\", \"reason\": \"  \"}").then().statusCode(400);
        String reason = "Numero on puhelinjärjestelmän tallentama todiste puhelusta.";
        decide(id, "{\"decision\": \"refuse\", \"reason\": \"" + reason + "\"}").then().statusCode(200)
                .body("status", equalTo("refused")).body("reason", equalTo(reason))
                .body("certificate", equalTo("/rectifications/" + id + "/certificate"));
        given().when().get("/calls/" + call.recordingId()).then().body("callerNumber", equalTo(call.callerNumber()));

        byte[] first = given().when().get("/rectifications/" + id + "/certificate").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        byte[] again = given().when().get("/rectifications/" + id + "/certificate").then().statusCode(200)
                .extract().asByteArray();
        assertThat(again).isEqualTo(first);
        String text = Pdfs.text(first).replaceAll("\\s+", " ");
        assertThat(text).contains(reason, "Tietosuojavaltuutetun toimisto", "PL 135, 00181 Helsinki",
                "Aino Hämäläinen", "aino@example.org", "+358 50 7654321", "soittajan numero", "caller's number",
                "Data Protection Ombudsman", "manager1", "ä");
        // One entry for the certificate produced with the decision, one for each copy.
        assertThat(SubjectAccessTest.logged(Rectifications.CERTIFICATE, id)).hasSize(3);
    }

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void a_decision_is_taken_once() {
        CallRecorded call = indexed(Calls.call());
        String approved = file(call.recordingId(), subjectRequest("callerProvided.address", "replace", "Kallio 2"))
                .then().extract().path("id");
        decide(approved, "{\"decision\": \"approve\"}").then().statusCode(200);
        decide(approved, "{\"decision\": \"approve\"}").then().statusCode(409).contentType("application/problem+json");
        decide(approved, "{\"decision\": \"refuse\", \"reason\": \"no\"}").then().statusCode(409);
        given().when().get("/rectifications/" + approved + "/certificate").then().statusCode(409);
        String refused = file(call.recordingId(), subjectRequest("callerProvided.address", "replace", "Kallio 3"))
                .then().extract().path("id");
        given().when().get("/rectifications/" + refused + "/certificate").then().statusCode(409);
        decide(refused, "{\"decision\": \"refuse\", \"reason\": \"the address was right\"}").then().statusCode(200);
        decide(refused, "{\"decision\": \"approve\"}").then().statusCode(409);
        given().when().get("/calls/" + call.recordingId()).then().body("callerProvided.address", equalTo("Kallio 2"));
    }

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void bad_requests_are_refused_with_what_is_wrong_and_nothing_is_written() {
        CallRecorded call = indexed(Calls.call());
        UUID c = call.recordingId();
        file(c, "{\"field\": ").then().statusCode(400).contentType("application/problem+json");
        file(c, "").then().statusCode(400);
        file(c, subjectRequest("callerName", "replace", "x")).then().statusCode(400)
                .body("errors.field", hasItem("field")).body("errors.message", hasItem(containsString("callerProvided.name")));
        file(c, subjectRequest("serviceNotes", "erase", "x")).then().statusCode(400).body("errors.field", hasItem("changeType"));
        file(c, subjectRequest("serviceNotes", "delete", "x")).then().statusCode(400).body("errors.field", hasItem("newValue"));
        file(c, subjectRequest("serviceNotes", "replace", null)).then().statusCode(400).body("errors.field", hasItem("newValue"));
        file(c, subjectRequest("serviceLine", "delete", null)).then().statusCode(400).body("errors.field", hasItem("changeType"));
        file(c, subjectRequest("serviceLine", "replace", "potholes")).then().statusCode(400)
                .body("errors.field", hasItem("newValue"));
        file(c, subjectRequest("serviceNotes", "replace", "x").replace("\"channel\"", "\"chanel\"")).then()
                .statusCode(400).body("detail", containsString("chanel"));
        file(c, subjectRequest("serviceNotes", "replace", "x").replace("\"letter\"", "\"telephone\"")).then()
                .statusCode(400).body("errors.field", hasItem("channel"));
        file(c, subjectRequest("serviceNotes", "replace", "x").replace("\"subject\"", "\"police\"")).then()
                .statusCode(400).body("errors.field", hasItem("initiative"));
        file(c, "{\"field\": \"serviceNotes\", \"changeType\": \"replace\", \"newValue\": \"x\"}").then().statusCode(400)
                .body("errors.field", hasItem("requester.name")).body("errors.field", hasItem("channel"))
                .body("errors.field", hasItem("itemisation"));
        file(c, subjectRequest("serviceNotes", "replace", "x".repeat(4001))).then().statusCode(400)
                .body("errors.field", hasItem("newValue"));
        file(UUID.randomUUID(), subjectRequest("serviceNotes", "replace", "x")).then().statusCode(404);
        given().contentType(ContentType.JSON).body(subjectRequest("serviceNotes", "replace", "x")).when()
                .post("/calls/not-a-call/rectifications").then().statusCode(404);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Rectification.count("recordingId", c))).isZero();

        String id = file(c, subjectRequest("serviceNotes", "replace", "x")).then().statusCode(201).extract().path("id");
        decide(id, "{\"decision\": \"maybe\"}").then().statusCode(400).body("errors.field", hasItem("decision"));
        decide(id, "{\"decision\": \"approve\", \"comment\": \"ok\"}").then().statusCode(400)
                .body("detail", containsString("comment"));
        decide(id, "not json").then().statusCode(400);
        decide(UUID.randomUUID().toString(), "{\"decision\": \"approve\"}").then().statusCode(404);
        given().when().get("/rectifications/" + id).then().body("status", equalTo("pending"));
        given().when().get("/rectifications").then().statusCode(400).body("errors.field", hasItem("callId"));
        given().queryParam("callId", "x").when().get("/rectifications").then().statusCode(400);
        given().queryParam("callId", c.toString()).queryParam("status", "x").when().get("/rectifications").then()
                .statusCode(400);
        given().when().get("/rectifications/" + UUID.randomUUID() + "/certificate").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void a_supervisor_files_only_on_the_controllers_initiative_and_decides_nothing() {
        CallRecorded call = indexed(Calls.call());
        file(call.recordingId(), subjectRequest("serviceNotes", "replace", "x")).then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("controller"));
        String id = file(call.recordingId(), """
                {"field": "serviceNotes", "changeType": "complete", "newValue": "Wrong line noted", "initiative": "controller"}
                """).then().statusCode(201).body("initiative", equalTo("controller"))
                .body("channel", equalTo("controller")).body("requester", nullValue()).extract().path("id");
        decide(id, "{\"decision\": \"approve\"}").then().statusCode(403);
        given().when().get("/rectifications/" + id).then().statusCode(403);
        given().queryParam("callId", call.recordingId().toString()).when().get("/rectifications").then().statusCode(403);

        // A supervisor may hand the certificate out again.
        Rectification refused = QuarkusTransaction.requiringNew().call(() -> rectifications.decide(MANAGER, id,
                new DecisionInput(DecisionInput.Decision.REFUSE,
                "Notes are the agent's record of the call.")));
        byte[] pdf = given().when().get("/rectifications/" + refused.id + "/certificate").then().statusCode(200)
                .extract().asByteArray();
        assertThat(Pdfs.text(pdf)).contains("Notes are the agent's record of the call.");
        assertThat(SubjectAccessTest.logged(Rectifications.CERTIFICATE, id)).filteredOn(e -> e.username.equals("supervisor1"))
                .hasSize(1);
    }

    @Test
    @TestSecurity(user = "agent1", roles = "agent")
    void an_agent_may_not_touch_rectifications() {
        forbidden();
    }

    @Test
    @TestSecurity(user = "auditor1", roles = "auditor")
    void an_auditor_may_not_touch_rectifications() {
        forbidden();
    }

    @Test
    @TestSecurity(user = "admin1", roles = "admin")
    void an_admin_may_not_touch_rectifications() {
        forbidden();
    }

    @Test
    void without_a_token_nothing_is_done() {
        file(UUID.randomUUID(), subjectRequest("serviceNotes", "replace", "x")).then().statusCode(401);
        given().when().get("/rectifications/" + UUID.randomUUID() + "/certificate").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void when_the_call_is_deleted_the_decisions_stay_and_the_values_go() {
        CallRecorded call = indexed(Calls.call().name("Aino Hämäläinen"));
        String refused = file(call.recordingId(), subjectRequest("callerProvided.name", "replace", "Aino Virtanen"))
                .then().extract().path("id");
        decide(refused, "{\"decision\": \"refuse\", \"reason\": \"the name was given so\"}").then().statusCode(200);
        String approved = file(call.recordingId(), subjectRequest("callerProvided.contact", "complete", "050 1234567"))
                .then().extract().path("id");
        decide(approved, "{\"decision\": \"approve\"}").then().statusCode(200);
        String pending = file(call.recordingId(), subjectRequest("serviceNotes", "replace", "Something"))
                .then().extract().path("id");

        Instant deletedAt = Instant.parse("2026-09-01T00:00:00Z");
        QuarkusTransaction.requiringNew().run(() -> indexer.apply(RecordingDeleted.of(call.recordingId(),
                call.objectKey(), DeletionReasons.ERASURE, deletedAt, deletedAt)));

        given().queryParam("callId", call.recordingId().toString()).when().get("/rectifications").then()
                .statusCode(200).body("status", equalTo(List.of("refused", "approved", "pending")))
                .body("callDeletedAt", equalTo(List.of(deletedAt.toString(), deletedAt.toString(), deletedAt.toString())))
                .body("newValue", equalTo(java.util.Arrays.asList(null, null, null)))
                .body("requester", equalTo(java.util.Arrays.asList(null, null, null)))
                .body("replacedValueSha256", equalTo(java.util.Arrays.asList(null, null, null)))
                .body("[0].reason", equalTo("the name was given so"));
        given().when().get("/rectifications/" + refused + "/certificate").then().statusCode(410)
                .contentType("application/problem+json");
        decide(pending, "{\"decision\": \"refuse\", \"reason\": \"x\"}").then().statusCode(409);
        Rectification row = QuarkusTransaction.requiringNew().call(() -> Rectification.findById(UUID.fromString(refused)));
        assertThat(row.certificatePdf).isNull();
        assertThat(row.itemisation).isNull();
        assertThat(QuarkusTransaction.requiringNew().call(() -> CallRecord.count("recordingId", call.recordingId()))).isZero();
        file(call.recordingId(), subjectRequest("serviceNotes", "replace", "x")).then().statusCode(404);
    }

    private void forbidden() {
        CallRecorded call = indexed(Calls.call());
        String id = QuarkusTransaction.requiringNew().call(() -> rectifications.file(MANAGER,
                call.recordingId().toString(), new RectificationInput("serviceNotes",
                        RectificationInput.ChangeType.REPLACE, "x", RectificationInput.Initiative.CONTROLLER, null, null,
                        null)).id.toString());
        file(call.recordingId(), subjectRequest("serviceNotes", "replace", "x")).then().statusCode(403)
                .contentType("application/problem+json");
        decide(id, "{\"decision\": \"approve\"}").then().statusCode(403);
        given().when().get("/rectifications/" + id).then().statusCode(403);
        given().when().get("/rectifications/" + id + "/certificate").then().statusCode(403);
        given().queryParam("callId", call.recordingId().toString()).when().get("/rectifications").then().statusCode(403);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Rectification.<Rectification>findById(
                UUID.fromString(id)).status)).isEqualTo("pending");
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
