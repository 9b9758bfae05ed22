package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.hel.callrec.commons.testing.Wavs;
import fi.hel.callrec.events.DeletionReasons;
import io.restassured.http.ContentType;
import java.net.ConnectException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Training copies against the running system with real tokens: a supervisor copies an uploaded
 * call, an agent lists and hears the copy without learning its source, and the manager's erasure
 * of the source removes the copy from the store and the listing, in one deletion-log entry.
 */
class TrainingCopyIT {

    @Test
    void a_copy_is_heard_without_its_source_and_goes_when_the_source_is_erased() throws Exception {
        String id = Recorder.upload(Tokens.forRecorder(),
                        Recorder.metadata("it-training-" + UUID.randomUUID(), 3, "1001", "040 222 4444"),
                        Wavs.alaw8k(24_000, System.nanoTime()))
                .statusCode(201).extract().path("recordingId");
        String supervisor = Tokens.forUser("supervisor1");
        String agent = Tokens.forUser("agent2");
        String manager = Tokens.forUser("manager1");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(ConnectException.class).until(() ->
                given().auth().oauth2(supervisor).when().get(Stack.RETENTION + "/recordings/" + id + "/hold").statusCode() == 200
                        && given().auth().oauth2(supervisor).queryParam("purpose", "training")
                        .when().head(Stack.ACCESS + "/recordings/" + id + "/audio").statusCode() == 200);

        given().auth().oauth2(agent).contentType(ContentType.JSON).body(Map.of("title", "x", "spans", List.of()))
                .when().post(Stack.ACCESS + "/recordings/" + id + "/training-copies").then().statusCode(403);
        String copyId = given().auth().oauth2(supervisor).contentType(ContentType.JSON)
                .body(Map.of("title", "Permit question, caller's plate blanked", "spans", List.of(Map.of("start", 0.5, "end", 1.25))))
                .when().post(Stack.ACCESS + "/recordings/" + id + "/training-copies")
                .then().statusCode(201).extract().path("id");
        String key = "training/" + copyId + ".wav";
        assertThat(Infra.exists(key)).isTrue();

        String listing = given().auth().oauth2(agent).when().get(Stack.ACCESS + "/training-copies")
                .then().statusCode(200).extract().asString();
        assertThat(listing).contains(copyId).doesNotContain(id);
        byte[] wav = given().auth().oauth2(agent).when().get(Stack.ACCESS + "/training-copies/" + copyId + "/audio")
                .then().statusCode(200).header("Content-Type", "audio/wav").extract().asByteArray();
        assertThat(wav).hasSize(44 + 2 * 24_000);
        for (String user : List.of("auditor1", "admin1")) {
            given().auth().oauth2(Tokens.forUser(user)).when().get(Stack.ACCESS + "/training-copies").then().statusCode(403);
            given().auth().oauth2(Tokens.forUser(user)).when().get(Stack.ACCESS + "/training-copies/" + copyId + "/audio")
                    .then().statusCode(403);
        }
        // retention-service knows the copy (through training-copy-made) before the source goes.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> copyKnown(copyId));

        given().auth().oauth2(manager).contentType(ContentType.JSON).body("{\"reason\": \"Training copy test\"}")
                .when().delete(Stack.RETENTION + "/recordings/" + id).then().statusCode(204);

        assertThat(Infra.exists(key)).isFalse();
        assertThat(deletionLog(id)).singleElement().satisfies(row -> {
            assertThat(row.get(0)).isEqualTo(DeletionReasons.ERASURE);
            assertThat(row.subList(1, row.size())).containsExactly(key);
        });
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                given().auth().oauth2(agent).when().get(Stack.ACCESS + "/training-copies/" + copyId + "/audio").statusCode() == 410
                        && !given().auth().oauth2(agent).when().get(Stack.ACCESS + "/training-copies").asString().contains(copyId));
    }

    private static boolean copyKnown(String copyId) throws Exception {
        try (Connection db = Infra.retentionDb();
                PreparedStatement query = db.prepareStatement("SELECT 1 FROM training_copy WHERE copy_id = ?")) {
            query.setObject(1, UUID.fromString(copyId));
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    /** Each deletion-log row of the recording: its reason, then the copies it names. */
    private static List<List<String>> deletionLog(String id) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection db = Infra.retentionDb();
                PreparedStatement query = db.prepareStatement("SELECT reason, copy_keys FROM deletion_log WHERE recording_id = ?")) {
            query.setObject(1, UUID.fromString(id));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    List<String> values = new ArrayList<>(List.of(row.getString(1)));
                    Array copies = row.getArray(2);
                    if (copies != null) {
                        values.addAll(List.of((String[]) copies.getArray()));
                    }
                    rows.add(values);
                }
            }
        }
        return rows;
    }
}
