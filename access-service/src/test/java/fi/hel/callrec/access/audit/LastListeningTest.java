package fi.hel.callrec.access.audit;

import fi.hel.callrec.commons.security.Staff;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;

import fi.hel.callrec.access.Fixtures;
import fi.hel.callrec.commons.storage.S3Config;
import io.minio.MinioClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The access-rights review (R14): each user's newest request answered with audio, whether its
 * entry is sealed or still pending. The background sealer is off, so the test decides which are.
 */
@QuarkusTest
@TestProfile(AuditSealerTest.NoBackgroundSealer.class)
class LastListeningTest {

    private static final String PATH = "/audit/last-listening";

    @Inject
    AuditWriter audit;
    @Inject
    AuditSealer sealer;
    @Inject
    MinioClient minio;
    @Inject
    S3Config s3;

    /** A username no other test uses. */
    private static String user(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An access entry of this user at this time, as the listening path writes it. */
    private static AuditWriter.Waiting entry(String username, String at, String method, int status, String outcome) {
        Caller caller = new Caller(new Staff("sub-" + username, username, Set.of("supervisor"), null), "127.0.0.1");
        Instant t = Instant.parse(at);
        return new AuditWriter.Waiting(new AuditWriter.Draft(AuditEntry.KIND_ACCESS, caller, UUID.randomUUID().toString(),
                Purpose.QUALITY, method, null, null, null, 0, status, outcome, null, null), UUID.randomUUID(), t,
                t.minus(Duration.ofMinutes(10)));
    }

    private void write(AuditWriter.Waiting... entries) {
        audit.write(List.of(entries));
        for (AuditWriter.Waiting w : entries) {
            w.result();
        }
    }

    private static Response ask(String user, Object... usernames) {
        return given().auth().oauth2(Fixtures.token(user)).queryParam("username", usernames).when().get(PATH);
    }

    @Test
    void the_newest_answer_with_audio_sealed_or_pending_in_the_order_asked() {
        String a = user("a");
        String b = user("b");
        String refused = user("refused");
        String idle = user("idle");
        sealer.sealPending();
        write(entry(a, "2026-03-01T08:00:00Z", "GET", 200, "sent"),
                entry(a, "2026-03-03T08:00:00Z", "GET", 206, "sent-range"),
                // Newer, but no audio was sent.
                entry(a, "2026-03-05T08:00:00Z", "GET", 404, "not-found"),
                entry(b, "2026-03-01T09:00:00Z", "GET", 200, "sent"),
                entry(refused, "2026-03-01T10:00:00Z", "GET", 404, "not-permitted"));
        sealer.sealPending();
        write(entry(a, "2026-03-02T08:00:00Z", "GET", 200, "sent"),
                entry(a, "2026-03-06T08:00:00Z", "HEAD", 200, "headers"),
                entry(a, "2026-03-07T08:00:00Z", "GET", 304, "not-modified"),
                entry(b, "2026-03-04T09:00:00Z", "GET", 206, "sent-range"),
                entry(refused, "2026-03-02T10:00:00Z", "GET", 410, "deleted"));

        // a: the sealed entry beats an older pending one; b: the pending one beats an older sealed one.
        for (int round = 0; round < 2; round++) {
            ask("auditor1", idle, a, refused, b, a).then().statusCode(200)
                    .body("users.username", contains(idle, a, refused, b))
                    .body("users.lastListeningAt", contains(null, "2026-03-03T08:00:00Z", null, "2026-03-04T09:00:00Z"))
                    .body("users[0]", hasKey("lastListeningAt"));
            // The same once every entry is sealed.
            sealer.sealPending();
        }
    }

    @Test
    void a_request_answered_with_audio_counts_at_once() throws Exception {
        Fixtures.Stored call = Fixtures.recording(minio, s3.bucket(), "1001", 8_000);
        Instant before = Instant.now().minusSeconds(1);
        given().auth().oauth2(Fixtures.token("supervisor1")).queryParam("purpose", "quality")
                .get("/recordings/" + call.id() + "/audio").then().statusCode(200);
        String at = ask("manager1", "supervisor1").then().statusCode(200)
                .body("users.username", contains("supervisor1")).extract().path("users[0].lastListeningAt");
        assertThat(Instant.parse(at)).isAfter(before);
    }

    @Test
    void bad_or_unknown_parameters_answer_problems_naming_them() {
        given().auth().oauth2(Fixtures.token("auditor1")).when().get(PATH).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("username"));
        ask("auditor1", "").then().statusCode(400).body("errors.field", contains("username"));
        ask("auditor1", "agent1", "  ").then().statusCode(400).body("errors.field", contains("username"));
        ask("auditor1", "x".repeat(256)).then().statusCode(400).body("errors.field", contains("username"));
        ask("auditor1", "x".repeat(255)).then().statusCode(200).body("users", hasSize(1));
        ask("auditor1", IntStream.range(0, 201).mapToObj(i -> "user" + i).toArray()).then().statusCode(400)
                .body("errors.field", contains("username"));
        ask("auditor1", IntStream.range(0, 200).mapToObj(i -> "user" + i).toArray()).then().statusCode(200)
                .body("users", hasSize(200)).body("users[199].username", equalTo("user199"));
        given().auth().oauth2(Fixtures.token("auditor1")).queryParam("user", "agent1").when().get(PATH)
                .then().statusCode(400).body("errors.field", contains("user"));
        given().auth().oauth2(Fixtures.token("auditor1")).queryParam("username", "agent1").queryParam("limit", "5")
                .when().get(PATH).then().statusCode(400).body("errors.field", contains("limit"));
    }

    @Test
    void auditors_and_the_manager_may_read_it_and_no_one_else() {
        ask("auditor1", "agent1").then().statusCode(200);
        ask("manager1", "agent1").then().statusCode(200);
        for (String user : List.of("agent1", "supervisor1", "admin1")) {
            ask(user, "agent1").then().statusCode(403).contentType("application/problem+json");
        }
        given().queryParam("username", "agent1").when().get(PATH).then().statusCode(401)
                .contentType("application/problem+json");
    }
}
