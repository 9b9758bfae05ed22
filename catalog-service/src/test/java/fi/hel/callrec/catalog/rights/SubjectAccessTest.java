package fi.hel.callrec.catalog.rights;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import fi.hel.callrec.catalog.AccessLogEntry;
import fi.hel.callrec.catalog.Calls;
import fi.hel.callrec.catalog.SubjectAccessRequest;
import fi.hel.callrec.catalog.service.Indexer;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.DeletionReasons;
import fi.hel.callrec.events.HoldReasons;
import fi.hel.callrec.events.RecordingDeleted;
import fi.hel.callrec.events.RecordingHoldChanged;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Right of access (R12) on the real test database: registration with due date and the free
 * request of the year across spellings, the list with the overdue first, and the report in JSON,
 * HTML and PDF that closes its request and is logged.
 */
@QuarkusTest
class SubjectAccessTest {

    @Inject
    Indexer indexer;

    static LocalDate today() {
        return SubjectAccessRequests.today();
    }

    static String body(String number, String channel, LocalDate received) {
        return """
                {"subjectNumber": "%s", "subjectName": "Aino Hämäläinen", "channel": "%s",
                 "identityVerifiedBy": "manager1", "identityVerifiedHow": "passport", "receivedOn": "%s"}
                """.formatted(number, channel, received);
    }

    /** The access-log entries of an action that name this id among their filters. */
    static List<AccessLogEntry> logged(String action, String id) {
        return QuarkusTransaction.requiringNew().call(() -> AccessLogEntry.<AccessLogEntry>list("action", action))
                .stream().filter(e -> e.filters.contains(id)).toList();
    }

    static Response register(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/subject-access-requests");
    }

    static String registered(String number, LocalDate received) {
        return register(body(number, "in-person", received)).then().statusCode(201).extract().path("id");
    }

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void a_request_is_due_in_a_month_and_the_first_of_the_year_is_free() {
        Subjects s = Subjects.fresh();
        LocalDate received = today().minusDays(3);
        Response created = register(body(s.local(), "signed-letter", received));
        created.then().statusCode(201).contentType(ContentType.JSON)
                .header("Location", containsString("/subject-access-requests/" + created.path("id")))
                .body("subjectNumber", equalTo(s.e164()))
                .body("channel", equalTo("signed-letter"))
                .body("receivedOn", equalTo(received.toString()))
                .body("dueOn", equalTo(received.plusMonths(1).toString()))
                .body("free", equalTo(true))
                .body("earlierRequestId", nullValue())
                .body("status", equalTo("open"))
                .body("overdue", equalTo(false))
                .body("registeredBy", equalTo("manager1"));
        given().when().get("/subject-access-requests/" + created.path("id")).then().statusCode(200)
                .body("identityVerifiedHow", equalTo("passport")).body("subjectName", equalTo("Aino Hämäläinen"));
    }

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void a_month_from_the_end_of_a_month_is_the_end_of_the_shorter_month() {
        register(body(Subjects.fresh().local(), "in-person", LocalDate.parse("2026-01-31"))).then().statusCode(201)
                .body("dueOn", equalTo("2026-02-28")).body("overdue", equalTo(true));
    }

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void a_second_request_within_twelve_months_is_chargeable_whatever_the_spelling() {
        Subjects s = Subjects.fresh();
        String first = registered(s.local(), LocalDate.parse("2025-03-10"));
        register(body(s.international(), "signed-letter", LocalDate.parse("2025-09-01"))).then().statusCode(201)
                .body("free", equalTo(false)).body("earlierRequestId", equalTo(first));
        register(body(s.dialled(), "in-person", LocalDate.parse("2026-03-09"))).then().statusCode(201)
                .body("free", equalTo(false)).body("earlierRequestId", equalTo(first));
        // Twelve months after the free one, and the chargeable ones in between do not count.
        String nextYear = register(body(s.dialled(), "in-person", LocalDate.parse("2026-03-10"))).then()
                .statusCode(201).body("free", equalTo(true)).extract().path("id");
        register(body(s.e164(), "in-person", LocalDate.parse("2026-04-01"))).then().statusCode(201)
                .body("free", equalTo(false)).body("earlierRequestId", equalTo(nextYear));
        // Another subject's request is no earlier request of this one.
        register(body(Subjects.fresh().local(), "in-person", LocalDate.parse("2026-04-01"))).then()
                .body("free", equalTo(true));
    }

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void bad_requests_are_refused_with_what_is_wrong_and_nothing_is_written() {
        Subjects s = Subjects.fresh();
        LocalDate today = today();
        register("{\"subjectNumber\": ").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("JSON"));
        register("").then().statusCode(400).body("detail", containsString("JSON body is required"));
        register("[]").then().statusCode(400);
        register(body(s.local(), "in-person", today).replace("\"channel\"", "\"chanel\"")).then().statusCode(400)
                .body("detail", containsString("chanel"));
        register(body(s.local(), "telephone", today)).then().statusCode(400)
                .body("errors.field", hasItem("channel"));
        register(body("withheld", "in-person", today)).then().statusCode(400)
                .body("errors.field", hasItem("subjectNumber"));
        register(body("call me maybe", "in-person", today)).then().statusCode(400)
                .body("errors.field", hasItem("subjectNumber"));
        register(body(s.local(), "in-person", today.plusDays(1))).then().statusCode(400)
                .body("errors.field", hasItem("receivedOn"));
        register(body(s.local(), "in-person", today).replace(today.toString(), "28.11.2026")).then().statusCode(400)
                .body("detail", containsString("receivedOn"));
        register("{\"subjectNumber\": \"" + s.local() + "\"}").then().statusCode(400)
                .body("errors.field", hasItem("channel")).body("errors.field", hasItem("identityVerifiedBy"))
                .body("errors.field", hasItem("identityVerifiedHow")).body("errors.field", hasItem("receivedOn"));
        given().contentType(ContentType.TEXT).body("hello").when().post("/subject-access-requests").then()
                .statusCode(415);
        assertThat(QuarkusTransaction.requiringNew().call(
                () -> SubjectAccessRequest.count("subjectNumber", s.e164()))).isZero();
    }

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void the_list_shows_overdue_requests_first_then_open_then_closed() {
        Subjects s = Subjects.fresh();
        String closed = registered(s.local(), today().minusMonths(3));
        given().accept(ContentType.JSON).when().get("/subject-access-requests/" + closed + "/report").then()
                .statusCode(200);
        String open = registered(s.local(), today());
        String overdue = registered(Subjects.fresh().local(), today().minusMonths(2));

        List<Map<String, Object>> items = given().queryParam("limit", 200).when().get("/subject-access-requests")
                .then().statusCode(200).extract().path("items");
        List<Object> ids = items.stream().map(i -> i.get("id")).toList();
        assertThat(ids).contains(closed, open, overdue);
        assertThat(ids.indexOf(overdue)).isLessThan(ids.indexOf(open));
        assertThat(ids.indexOf(open)).isLessThan(ids.indexOf(closed));
        Map<String, Object> first = items.get(0);
        assertThat(first).containsEntry("overdue", true).containsEntry("status", "open");
        Map<String, Object> last = items.get(items.size() - 1);
        assertThat(last).containsEntry("status", "closed");

        given().queryParam("limit", 1).when().get("/subject-access-requests").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("nextOffset", equalTo(1));
        given().queryParam("limit", 0).when().get("/subject-access-requests").then().statusCode(400)
                .body("errors.field", hasItem("limit"));
        given().queryParam("offset", "x").when().get("/subject-access-requests").then().statusCode(400);
        given().queryParam("status", "open").when().get("/subject-access-requests").then().statusCode(400)
                .body("errors.field", hasItem("status"));
    }

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void the_report_lists_every_call_of_the_number_closes_the_request_and_is_logged() {
        Subjects s = Subjects.fresh();
        CallRecorded older = Calls.call().caller(s.e164()).name("Aino Hämäläinen").plate("ABC-123")
                .notes("Asukaspysäköintitunnus").startedAt(OffsetDateTime.parse("2026-06-01T10:00:00+03:00")).event();
        CallRecorded held = Calls.call().caller(s.e164()).line("parking-and-fines")
                .startedAt(OffsetDateTime.parse("2026-07-01T10:00:00+03:00")).event();
        CallRecorded deleted = Calls.call().caller(s.e164()).startedAt(OffsetDateTime.parse("2026-08-01T10:00:00+03:00"))
                .event();
        CallRecorded otherSubject = Calls.call().caller(Subjects.fresh().e164()).event();
        Instant heldAt = Instant.parse("2026-07-02T08:00:00Z");
        QuarkusTransaction.requiringNew().run(() -> {
            indexer.applyBatch(List.of(older, held, deleted, otherSubject));
            indexer.apply(RecordingHoldChanged.of(held.recordingId(), true, HoldReasons.CRIME, "case-1", null, null,
                    "supervisor1", heldAt));
            indexer.apply(RecordingDeleted.of(deleted.recordingId(), deleted.objectKey(), DeletionReasons.ERASURE,
                    Instant.now(), Instant.now()));
        });
        String id = registered(s.dialled(), today());

        given().accept(ContentType.JSON).when().get("/subject-access-requests/" + id + "/report").then()
                .statusCode(200).contentType(ContentType.JSON)
                .body("requestId", equalTo(id))
                .body("subjectNumber", equalTo(s.e164()))
                .body("producedBy", equalTo("manager1"))
                .body("calls.recordingId", equalTo(List.of(older.recordingId().toString(), held.recordingId().toString())))
                .body("calls[0].startedAt", equalTo("2026-06-01T10:00:00+03:00"))
                .body("calls[0].durationSeconds", equalTo(95))
                .body("calls[0].serviceLine", equalTo("parking-permits"))
                .body("calls[0].callerName", equalTo("Aino Hämäläinen"))
                .body("calls[0].vehicleRegistration", equalTo("ABC-123"))
                .body("calls[0].serviceNotes", equalTo("Asukaspysäköintitunnus"))
                .body("calls[0].held", equalTo(false))
                .body("calls[0].audioUrl", equalTo("http://127.0.0.1:8083/recordings/" + older.recordingId()
                        + "/audio?purpose=subject-access"))
                .body("calls[1].held", equalTo(true))
                .body("calls[1].heldSince", equalTo("2026-07-02T08:00:00Z"))
                .body("calls[1].serviceLine", equalTo("parking-and-fines"));

        given().when().get("/subject-access-requests/" + id).then().statusCode(200)
                .body("status", equalTo("closed")).body("closedBy", equalTo("manager1"))
                .body("closedAt", notNullValue());
        List<AccessLogEntry> entries = logged(SubjectAccessRequests.REPORT, id);
        assertThat(entries).hasSize(1);
        AccessLogEntry logged = entries.get(0);
        assertThat(logged.username).isEqualTo("manager1");
        assertThat(logged.roles).containsExactly("manager");
        assertThat(logged.resultIds).containsExactlyInAnyOrder(older.recordingId(), held.recordingId());
        assertThat(logged.filters).contains("\"json\"");
    }

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void the_report_prints_as_html_and_pdf_in_finnish_and_english() {
        Subjects s = Subjects.fresh();
        CallRecorded call = Calls.call().caller(s.e164()).name("Åke Öhman-Hämäläinen").notes("Pysäköintivirhemaksu")
                .event();
        QuarkusTransaction.requiringNew().run(() -> indexer.applyBatch(List.of(call)));
        String id = registered(s.local(), today());

        String html = given().accept(ContentType.HTML).queryParam("lang", "en").when()
                .get("/subject-access-requests/" + id + "/report").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertThat(html).contains("Recorded calls", "Åke Öhman-Hämäläinen", "Resident and business parking permits",
                "purpose=subject-access", s.e164());
        String finnishHtml = given().accept(ContentType.HTML).when().get("/subject-access-requests/" + id + "/report")
                .then().statusCode(200).extract().asString();
        assertThat(finnishHtml).contains("Tallennetut puhelut", "Asukas- ja yrityspysäköintitunnukset");

        byte[] pdf = given().accept("application/pdf").queryParam("lang", "fi").when()
                .get("/subject-access-requests/" + id + "/report").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        assertThat(Pdfs.text(pdf)).contains("Tallennetut puhelut", "Åke Öhman-Hämäläinen", "Pysäköintivirhemaksu",
                s.e164(), "purpose=subject-access");
        byte[] english = given().accept("application/pdf").queryParam("lang", "en").when()
                .get("/subject-access-requests/" + id + "/report").then().statusCode(200).extract().asByteArray();
        assertThat(Pdfs.text(english)).contains("Recorded calls", "Åke Öhman-Hämäläinen");

        assertThat(logged(SubjectAccessRequests.REPORT, id)).hasSize(4);
    }

    @Test
    @TestSecurity(user = "manager1", roles = "manager")
    void a_report_with_bad_parameters_is_refused_and_does_not_close_the_request() {
        String id = registered(Subjects.fresh().local(), today());
        given().accept(ContentType.JSON).queryParam("lang", "sv").when().get("/subject-access-requests/" + id + "/report")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("lang"));
        given().accept(ContentType.JSON).queryParam("format", "pdf").when()
                .get("/subject-access-requests/" + id + "/report").then().statusCode(400);
        given().accept("image/png").when().get("/subject-access-requests/" + id + "/report").then().statusCode(406);
        given().when().get("/subject-access-requests/" + id).then().statusCode(200).body("status", equalTo("open"));
        assertThat(logged(SubjectAccessRequests.REPORT, id)).isEmpty();
        given().accept(ContentType.JSON).when().get("/subject-access-requests/" + java.util.UUID.randomUUID() + "/report")
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/subject-access-requests/not-an-id").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void a_supervisor_has_no_business_with_subject_access() {
        forbidden();
    }

    @Test
    @TestSecurity(user = "agent1", roles = "agent")
    void an_agent_has_no_business_with_subject_access() {
        forbidden();
    }

    @Test
    @TestSecurity(user = "auditor1", roles = "auditor")
    void an_auditor_has_no_business_with_subject_access() {
        forbidden();
    }

    @Test
    @TestSecurity(user = "admin1", roles = "admin")
    void an_admin_has_no_business_with_subject_access() {
        forbidden();
    }

    @Test
    void without_a_token_nothing_is_shown() {
        register(body(Subjects.fresh().local(), "in-person", today())).then().statusCode(401);
        given().when().get("/subject-access-requests").then().statusCode(401);
    }

    private void forbidden() {
        Subjects s = Subjects.fresh();
        String id = QuarkusTransaction.requiringNew().call(() -> {
            SubjectAccessRequest r = new SubjectAccessRequest();
            r.id = java.util.UUID.randomUUID();
            r.subjectNumber = s.e164();
            r.channel = "in-person";
            r.verifiedBy = "manager1";
            r.verification = "passport";
            r.receivedOn = today();
            r.dueOn = r.receivedOn.plusMonths(1);
            r.free = true;
            r.registeredBy = "manager1";
            r.registeredAt = Instant.now();
            r.persist();
            return r.id.toString();
        });
        register(body(s.local(), "in-person", today())).then().statusCode(403)
                .contentType("application/problem+json");
        given().when().get("/subject-access-requests").then().statusCode(403);
        given().when().get("/subject-access-requests/" + id).then().statusCode(403);
        given().accept(ContentType.JSON).when().get("/subject-access-requests/" + id + "/report").then().statusCode(403);
        given().accept("application/pdf").when().get("/subject-access-requests/" + id + "/report").then().statusCode(403);
        assertThat(QuarkusTransaction.requiringNew().call(() -> SubjectAccessRequest.count("subjectNumber", s.e164())))
                .isEqualTo(1);
    }
}
