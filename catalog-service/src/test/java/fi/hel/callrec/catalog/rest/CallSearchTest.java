package fi.hel.callrec.catalog.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import fi.hel.callrec.catalog.Calls;
import fi.hel.callrec.catalog.service.Indexer;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.RecordingHoldChanged;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Search semantics on the real database: each filter, its normalisation, and paging. */
@QuarkusTest
@TestSecurity(user = "supervisor1", roles = "supervisor")
class CallSearchTest {

    @Inject
    Indexer indexer;

    @Test
    void any_spelling_of_a_caller_number_finds_the_same_calls() {
        String ext = Calls.uniqueExtension();
        CallRecorded call = index(Calls.call().agent(ext).caller("+358401234567"));
        index(Calls.call().agent(ext).caller("+358501112222"));
        for (String spelling : List.of("040 123 4567", "+358 40 1234567", "00358401234567", "040-1234567", "+358401234567")) {
            search(Map.of("agentExtension", ext, "callerNumber", spelling))
                    .then().statusCode(200).body("items.recordingId", contains(call.recordingId().toString()));
        }
        search(Map.of("callerNumber", "not a number")).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("callerNumber"));
    }

    @Test
    void plates_match_whatever_their_separators_and_case() {
        String ext = Calls.uniqueExtension();
        CallRecorded call = index(Calls.call().agent(ext).plate("ABC-123"));
        index(Calls.call().agent(ext).plate("ABC-124"));
        for (String spelling : List.of("ABC-123", "abc123", "ABC 123", "abc - 123")) {
            search(Map.of("agentExtension", ext, "plate", spelling))
                    .then().statusCode(200).body("items.recordingId", contains(call.recordingId().toString()));
        }
    }

    @Test
    void names_match_without_case_or_accents_word_by_word() {
        String ext = Calls.uniqueExtension();
        CallRecorded call = index(Calls.call().agent(ext).name("Maija Hämäläinen"));
        index(Calls.call().agent(ext).name("Matti Mehiläinen"));
        for (String query : List.of("hamalainen", "HÄMÄLÄINEN", "Hämäläinen maija", "hamal", "maija hama")) {
            search(Map.of("agentExtension", ext, "name", query))
                    .then().statusCode(200).body("items.recordingId", contains(call.recordingId().toString()));
        }
        search(Map.of("agentExtension", ext, "name", "maija mehilainen")).then().statusCode(200).body("items.size()", equalTo(0));
        search(Map.of("name", "!!!")).then().statusCode(400).body("errors[0].field", equalTo("name"));
    }

    @Test
    void notes_match_by_words_in_any_order() {
        String ext = Calls.uniqueExtension();
        CallRecorded call = index(Calls.call().agent(ext).notes("Resident parking permit renewal; billing address changed"));
        index(Calls.call().agent(ext).notes("Pothole on Mannerheimintie"));
        for (String query : List.of("permit", "renewal resident", "BILLING", "permits")) {
            var response = search(Map.of("agentExtension", ext, "notes", query)).then().statusCode(200);
            if (query.equals("permits")) {
                response.body("items.size()", equalTo(0));
            } else {
                response.body("items.recordingId", contains(call.recordingId().toString()));
            }
        }
    }

    @Test
    void long_words_are_indexed_and_found_by_their_start() {
        String ext = Calls.uniqueExtension();
        String longWord = "katu".repeat(25);
        // A word far beyond what a text search vector keeps whole (2,047 bytes) is still indexed.
        CallRecorded call = index(Calls.call().agent(ext).notes("Pothole " + longWord + " " + "x".repeat(3000)));
        for (String query : List.of(longWord, longWord.substring(0, 70), "katuk pothole", "POTH")) {
            search(Map.of("agentExtension", ext, "notes", query))
                    .then().statusCode(200).body("items.recordingId", contains(call.recordingId().toString()));
        }
        search(Map.of("agentExtension", ext, "notes", "katuu")).then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void time_range_service_line_hold_and_flags_narrow_the_search() {
        String ext = Calls.uniqueExtension();
        OffsetDateTime t = OffsetDateTime.parse("2026-04-10T10:00:00+03:00");
        CallRecorded early = index(Calls.call().agent(ext).startedAt(t.minusDays(3)).line("feedback"));
        CallRecorded middle = index(Calls.call().agent(ext).startedAt(t).flag("no-announcement"));
        CallRecorded late = index(Calls.call().agent(ext).startedAt(t.plusDays(3)).flag("duration-mismatch"));
        QuarkusTransaction.requiringNew().run(() -> indexer.apply(RecordingHoldChanged.placed(late.recordingId(),
                "crime", "POL-1", null, "supervisor1", Instant.now())));

        search(Map.of("agentExtension", ext, "from", "2026-04-10T10:00:00+03:00", "to", "2026-04-13T10:00:00+03:00"))
                .then().statusCode(200).body("items.recordingId", contains(middle.recordingId().toString()));
        search(Map.of("agentExtension", ext, "from", "2026-04-10", "to", "2026-04-10"))
                .then().statusCode(200).body("items.recordingId", contains(middle.recordingId().toString()));
        search(Map.of("agentExtension", ext, "serviceLine", "feedback"))
                .then().statusCode(200).body("items.recordingId", contains(early.recordingId().toString()));
        search(Map.of("agentExtension", ext, "held", "true"))
                .then().statusCode(200).body("items.recordingId", contains(late.recordingId().toString()))
                .body("items[0].held", equalTo(true));
        search(Map.of("agentExtension", ext, "held", "false"))
                .then().statusCode(200).body("items.recordingId", contains(middle.recordingId().toString(), early.recordingId().toString()));
        search(Map.of("agentExtension", ext, "flagged", "true"))
                .then().statusCode(200).body("items.recordingId", contains(late.recordingId().toString(), middle.recordingId().toString()));
        search(Map.of("agentExtension", ext, "flagged", "false"))
                .then().statusCode(200).body("items.recordingId", contains(early.recordingId().toString()));
        search(Map.of("agentExtension", ext, "flag", "no-announcement"))
                .then().statusCode(200).body("items.recordingId", contains(middle.recordingId().toString()));
        given().queryParam("agentExtension", ext).when().get("/calls/count")
                .then().statusCode(200).body("count", equalTo(3)).body("more", equalTo(false));
        given().queryParam("agentExtension", ext).queryParam("upTo", "2").when().get("/calls/count")
                .then().statusCode(200).body("count", equalTo(2)).body("more", equalTo(true));
        given().queryParam("agentExtension", ext).queryParam("upTo", "3").when().get("/calls/count")
                .then().statusCode(200).body("count", equalTo(3)).body("more", equalTo(false));
        given().queryParam("agentExtension", ext).queryParam("upTo", "0").when().get("/calls/count")
                .then().statusCode(400).body("errors[0].field", equalTo("upTo"));
    }

    @Test
    void pages_have_no_gaps_or_duplicates_while_new_calls_arrive() {
        String ext = Calls.uniqueExtension();
        OffsetDateTime base = OffsetDateTime.parse("2026-02-01T08:00:00+02:00");
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 23; i++) {
            // Pairs of calls share a start time: the id must break the tie for the cursor.
            expected.add(index(Calls.call().agent(ext).startedAt(base.plusMinutes(i / 2))).recordingId().toString());
        }
        List<String> seen = new ArrayList<>();
        List<String> startTimes = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> params = cursor == null ? Map.of("agentExtension", ext, "limit", "5")
                    : Map.of("agentExtension", ext, "limit", "5", "cursor", cursor);
            var page = search(params).then().statusCode(200).extract();
            seen.addAll(page.path("items.recordingId"));
            startTimes.addAll(page.path("items.startedAt"));
            cursor = page.path("nextCursor");
            // Newer calls arrive between pages; they belong before the first page, not in the rest.
            index(Calls.call().agent(ext).startedAt(OffsetDateTime.parse("2026-05-01T08:00:00+03:00").plusMinutes(pages)));
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(5);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        List<Instant> instants = startTimes.stream().map(s -> OffsetDateTime.parse(s).toInstant()).toList();
        assertThat(instants).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void notes_searches_page_newest_first_across_the_recent_window_and_the_rest() {
        String ext = Calls.uniqueExtension();
        OffsetDateTime now = OffsetDateTime.now().withNano(0);
        // Notes searches read the last 30 days first (before a page's cursor), the rest only when
        // those do not fill the page: calls on both sides of that edge, and one not matching.
        List<OffsetDateTime> starts = List.of(now.plusMinutes(30), now.minusDays(1), now.minusDays(10),
                now.minusDays(29), now.minusDays(31), now.minusDays(45), now.minusDays(200));
        List<String> newestFirst = new ArrayList<>();
        for (OffsetDateTime start : starts) {
            newestFirst.add(index(Calls.call().agent(ext).startedAt(start).notes("Culvert blocked by leaves"))
                    .recordingId().toString());
        }
        index(Calls.call().agent(ext).startedAt(now.minusDays(2)).notes("Leaves on the pavement"));

        for (String limit : List.of("1", "2", "3", "4", "5", "7", "8")) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            do {
                Map<String, String> params = cursor == null
                        ? Map.of("agentExtension", ext, "notes", "culvert leav", "limit", limit)
                        : Map.of("agentExtension", ext, "notes", "culvert leav", "limit", limit, "cursor", cursor);
                var page = search(params).then().statusCode(200).extract();
                List<String> items = page.path("items.recordingId");
                assertThat(items.size()).as("page size with limit " + limit).isLessThanOrEqualTo(Integer.parseInt(limit));
                seen.addAll(items);
                cursor = page.path("nextCursor");
            } while (cursor != null);
            assertThat(seen).as("limit " + limit).containsExactlyElementsOf(newestFirst);
        }
    }

    @Test
    void malformed_paging_and_unknown_parameters_answer_problems() {
        search(Map.of("limit", "201")).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"));
        search(Map.of("limit", "ten")).then().statusCode(400).body("errors[0].field", equalTo("limit"));
        search(Map.of("cursor", "bogus")).then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        search(Map.of("callerNumbr", "0401234567")).then().statusCode(400)
                .body("errors[0].field", equalTo("callerNumbr"));
        search(Map.of("held", "yes", "from", "yesterday")).then().statusCode(400)
                .body("errors.field", contains("from", "held"));
        given().queryParam("limit", "5").when().get("/calls/count").then().statusCode(400);
        search(Map.of("upTo", "5")).then().statusCode(400).body("errors[0].field", equalTo("upTo"));
    }

    @Test
    void the_detail_has_the_whole_record_with_hold_and_audio_format() {
        CallRecorded call = index(Calls.call().agent(Calls.uniqueExtension()).name("Maija Hämäläinen").plate("ABC-123")
                .notes("Permit billing").flag("duration-mismatch"));
        QuarkusTransaction.requiringNew().run(() -> indexer.apply(RecordingHoldChanged.placed(call.recordingId(),
                "accident", "POL-2026-77", "fall on ice", "supervisor1", Instant.parse("2026-03-05T10:00:00Z"))));

        given().when().get("/calls/" + call.recordingId()).then().statusCode(200)
                .body("callId", equalTo(call.callId()))
                .body("startedAt", equalTo("2026-03-02T09:15:00+02:00"))
                .body("callerNumber", equalTo("+358401234567"))
                .body("callerProvided.name", equalTo("Maija Hämäläinen"))
                .body("callerProvided.vehicleRegistration", equalTo("ABC-123"))
                .body("serviceNotes", equalTo("Permit billing"))
                .body("flags", contains("duration-mismatch"))
                .body("audio.codec", equalTo("alaw"))
                .body("audio.sampleRateHz", equalTo(8000))
                .body("audio.durationMillis", equalTo(95000))
                .body("hold.held", equalTo(true))
                .body("hold.reason", equalTo("accident"))
                .body("hold.caseReference", equalTo("POL-2026-77"))
                .body("hold.releaseReason", nullValue());
        UUID missing = UUID.randomUUID();
        given().when().get("/calls/" + missing).then().statusCode(404).contentType("application/problem+json");
        String notAnId = "not-a-uuid-" + missing;
        given().when().get("/calls/" + notAnId).then().statusCode(404).contentType("application/problem+json");

        // Misses are logged too: probing for ids is what the log must show.
        List<Object[]> misses = QuarkusTransaction.requiringNew().call(() -> fi.hel.callrec.catalog.AccessLogEntry.getEntityManager()
                .createNativeQuery("SELECT cast(recording_id as text), filters::text, cast(result_ids as text), result_count"
                        + " FROM access_log WHERE action = 'view' AND (recording_id = :id OR filters::text LIKE :asked) ORDER BY id",
                        Object[].class)
                .setParameter("id", missing).setParameter("asked", "%" + notAnId + "%").getResultList());
        assertThat(misses).hasSize(2);
        assertThat(misses.get(0)).containsExactly(missing.toString(), "{}", "{}", 0L);
        assertThat(misses.get(1)[0]).isNull();
        assertThat((String) misses.get(1)[1]).contains(notAnId);
        assertThat(misses.get(1)).endsWith("{}", 0L);
    }

    @Test
    void every_search_and_view_is_in_the_access_log() {
        String ext = Calls.uniqueExtension();
        CallRecorded call = index(Calls.call().agent(ext));
        search(Map.of("agentExtension", ext)).then().statusCode(200);
        given().when().get("/calls/" + call.recordingId()).then().statusCode(200);

        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> fi.hel.callrec.catalog.AccessLogEntry.getEntityManager()
                .createNativeQuery("SELECT username, action, filters::text, cast(result_ids as text), result_count FROM access_log"
                        + " WHERE filters::text LIKE :ext OR recording_id = :id ORDER BY id", Object[].class)
                .setParameter("ext", "%" + ext + "%").setParameter("id", call.recordingId()).getResultList());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)[0]).isEqualTo("supervisor1");
        assertThat(rows.get(0)[1]).isEqualTo("search");
        assertThat((String) rows.get(0)[2]).contains("\"agentExtension\"").contains(ext);
        assertThat((String) rows.get(0)[3]).contains(call.recordingId().toString());
        assertThat(rows.get(1)[1]).isEqualTo("view");
        assertThat((String) rows.get(1)[3]).contains(call.recordingId().toString());
    }

    @Test
    void the_access_log_of_a_page_holds_the_calls_shown_in_order() {
        String ext = Calls.uniqueExtension();
        OffsetDateTime t = OffsetDateTime.parse("2026-04-10T10:00:00+03:00");
        CallRecorded older = index(Calls.call().agent(ext).startedAt(t));
        CallRecorded newer = index(Calls.call().agent(ext).startedAt(t.plusHours(1)));
        String cursor = search(Map.of("agentExtension", ext, "limit", "1")).then().statusCode(200)
                .body("items.recordingId", contains(newer.recordingId().toString()))
                .extract().path("nextCursor");
        search(Map.of("agentExtension", ext, "limit", "1", "cursor", cursor)).then().statusCode(200)
                .body("items.recordingId", contains(older.recordingId().toString()));
        search(Map.of("agentExtension", ext, "limit", "5")).then().statusCode(200)
                .body("items.recordingId", contains(newer.recordingId().toString(), older.recordingId().toString()));

        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> fi.hel.callrec.catalog.AccessLogEntry.getEntityManager()
                .createNativeQuery("SELECT cast(result_ids as text), result_count, cast(roles as text), accessed_at IS NOT NULL"
                        + " FROM access_log WHERE action = 'search' AND filters->'agentExtension'->>0 = :ext ORDER BY id", Object[].class)
                .setParameter("ext", ext).getResultList());
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)[0]).isEqualTo("{" + newer.recordingId() + "}");
        assertThat(((Number) rows.get(0)[1]).longValue()).isEqualTo(1);
        assertThat(rows.get(1)[0]).isEqualTo("{" + older.recordingId() + "}");
        assertThat(rows.get(2)[0]).isEqualTo("{" + newer.recordingId() + "," + older.recordingId() + "}");
        assertThat(((Number) rows.get(2)[1]).longValue()).isEqualTo(2);
        assertThat(rows.get(2)[2]).isEqualTo("{supervisor}");
        assertThat(rows.get(2)[3]).isEqualTo(true);
    }

    private CallRecorded index(Calls call) {
        CallRecorded event = call.event();
        indexer.applyBatch(List.of(event));
        return event;
    }

    static io.restassured.response.Response search(Map<String, String> params) {
        RequestSpecification request = given();
        params.forEach(request::queryParam);
        return request.when().get("/calls");
    }
}
