package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.events.RecordingDeleted;
import fi.hel.callrec.events.Topics;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Holds and releases racing sweeps, through the running retention-service: of 60 due recordings,
 * 20 are held first; then, while sweeps run one after another, 10 of those are released and 20 more
 * held (each either before its sweep, or answered 410 after it). Then no held recording is gone, and every other one was deleted, logged and
 * announced once.
 */
class HoldsRacingSweepsIT {

    private static final int RECORDINGS = 60;

    @Test
    void no_held_recording_is_deleted_and_every_other_one_once() throws Exception {
        String admin = Tokens.forUser("admin1");
        String supervisor = Tokens.forUser("supervisor1");
        List<UUID> ids = RetentionTwoProcessesIT.stored(RECORDINGS);
        Map<UUID, String> fate = new ConcurrentHashMap<>();
        try (Infra.TopicReader deleted = new Infra.TopicReader(Topics.RECORDING_DELETED)) {
            RetentionTwoProcessesIT.makeDue(ids);
            // Twenty held before any sweep; then, while sweeps run, ten of them released and twenty more held.
            for (int i = 0; i < 20; i++) {
                hold(supervisor, ids.get(i), i).then().statusCode(200);
                fate.put(ids.get(i), "held");
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<?> sweeps = pool.submit(() -> {
                    for (int i = 0; i < 8; i++) {
                        given().auth().oauth2(admin).post(Stack.RETENTION + "/retention/sweep").then().statusCode(200);
                    }
                    return null;
                });
                Future<?> holds = pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        if (i < 10) {
                            release(supervisor, ids.get(i)).then().statusCode(200);
                            fate.put(ids.get(i), "released");
                        }
                        int placed = hold(supervisor, ids.get(20 + i), 20 + i).statusCode();
                        assertThat(placed).as("a hold answers placed, or gone when a sweep came first").isIn(200, 410);
                        fate.put(ids.get(20 + i), placed == 200 ? "held" : "swept first");
                    }
                    return null;
                });
                sweeps.get();
                holds.get();
            } finally {
                pool.shutdownNow();
            }
            // A release right after a hold that met a sweep: the next sweep takes the recording.
            given().auth().oauth2(admin).post(Stack.RETENTION + "/retention/sweep").then().statusCode(200);

            Set<UUID> held = fate.entrySet().stream().filter(e -> e.getValue().equals("held")).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            List<UUID> gone = ids.stream().filter(id -> !held.contains(id)).toList();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(deletedAt(ids)).as("deleted recordings").containsExactlyInAnyOrderElementsOf(gone));
            for (UUID id : held) {
                assertThat(Infra.exists(RetentionTwoProcessesIT.key(id))).as("held %s still stored", id).isTrue();
            }
            for (UUID id : gone) {
                assertThat(Infra.exists(RetentionTwoProcessesIT.key(id))).as("%s (%s) destroyed", id, fate.get(id)).isFalse();
            }
            List<String> keys = gone.stream().map(UUID::toString).toList();
            List<ConsumerRecord<String, byte[]>> events = deleted.awaitKeys(keys, Duration.ofSeconds(60));
            events.addAll(deleted.drain(keys, Duration.ofSeconds(2)));
            Map<String, Long> perRecording = events.stream().map(r -> EventJson.read(r.value(), RecordingDeleted.class))
                    .collect(Collectors.groupingBy(e -> e.recordingId().toString(), Collectors.counting()));
            assertThat(perRecording).as("one recording-deleted each").hasSize(gone.size()).allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
            // The held ones are released so that the stack's own sweep takes them in time.
            for (UUID id : held) {
                release(supervisor, id).then().statusCode(200);
            }
        }
    }

    private static io.restassured.response.Response hold(String token, UUID id, int n) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"reason\": \"accident\", \"caseReference\": \"RACE-" + n + "\"}")
                .put(Stack.RETENTION + "/recordings/" + id + "/hold");
    }

    private static io.restassured.response.Response release(String token, UUID id) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"releaseReason\": \"Race test\"}")
                .delete(Stack.RETENTION + "/recordings/" + id + "/hold");
    }

    /** The recordings among these that the schedule marks deleted. */
    private static Set<UUID> deletedAt(List<UUID> ids) throws Exception {
        Set<UUID> deleted = new HashSet<>();
        try (Connection db = Infra.retentionDb(); PreparedStatement query = db.prepareStatement(
                "SELECT recording_id FROM retention_schedule WHERE recording_id = ANY (?) AND deleted_at IS NOT NULL")) {
            query.setArray(1, db.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    deleted.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return deleted;
    }
}
