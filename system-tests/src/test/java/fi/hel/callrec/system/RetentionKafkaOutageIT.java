package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fi.hel.callrec.commons.testing.Wavs;
import fi.hel.callrec.events.DeletionReasons;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.events.RecordingDeleted;
import fi.hel.callrec.events.Topics;
import io.minio.StatObjectArgs;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A sweep while Kafka is down: the recording is destroyed all the same, and its recording-deleted
 * event arrives once Kafka is back. The broker is really stopped (local/down kafka). The
 * recording is made due by moving its due time into the past in retention-service's database,
 * since the running service keeps recordings for six months.
 */
class RetentionKafkaOutageIT {

    private static final String DB = System.getenv().getOrDefault("CALLREC_RETENTION_DB",
            "jdbc:postgresql://127.0.0.1:5432/callrec_retention");

    @Test
    void a_sweep_during_a_kafka_outage_deletes_and_announces_afterwards() throws Exception {
        String id = Recorder.upload(Tokens.forRecorder(),
                Recorder.metadata("outage-sweep-" + UUID.randomUUID(), 1, "1001", "040 111 2222"),
                Wavs.alaw8k(8_000, System.nanoTime())).statusCode(201).extract().path("recordingId");
        String key = given().auth().oauth2(Tokens.forRecorder()).when().get(Stack.INGEST + "/recordings/" + id)
                .then().statusCode(200).extract().path("objectKey");
        String supervisor = Tokens.forUser("supervisor1");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                given().auth().oauth2(supervisor).when().get(Stack.RETENTION + "/recordings/" + id + "/hold").statusCode() == 200);
        try (Connection db = DriverManager.getConnection(DB, "callrec_retention", "callrec_retention-local-test-only");
                PreparedStatement due = db.prepareStatement(
                        "UPDATE retention_schedule SET due_at = now() - interval '1 minute' WHERE recording_id = ?")) {
            due.setObject(1, UUID.fromString(id));
            assertThat(due.executeUpdate()).isEqualTo(1);
        }

        String admin = Tokens.forUser("admin1");
        try (Infra.TopicReader topic = new Infra.TopicReader(Topics.RECORDING_DELETED)) {
            Infra.local("down", "kafka");
            try {
                given().auth().oauth2(admin).when().post(Stack.RETENTION + "/retention/sweep")
                        .then().statusCode(200).body("deleted", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
                assertThatThrownBy(() -> Infra.S3.statObject(StatObjectArgs.builder().bucket(Infra.BUCKET).object(key).build()))
                        .hasMessageContaining("does not exist");
            } finally {
                Infra.local("up", "infra");
            }
            List<ConsumerRecord<String, byte[]>> records = topic.awaitKeys(List.of(id), Duration.ofSeconds(120));
            assertThat(records).hasSize(1);
            RecordingDeleted event = EventJson.read(records.get(0).value(), RecordingDeleted.class);
            assertThat(event.objectKey()).isEqualTo(key);
            assertThat(event.reason()).isEqualTo(DeletionReasons.RETENTION);
        }
    }
}
