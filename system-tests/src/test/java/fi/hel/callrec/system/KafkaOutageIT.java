package fi.hel.callrec.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import fi.hel.callrec.commons.testing.Wavs;
import fi.hel.callrec.events.Topics;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Kafka stopped while recordings come in: every service stays ready (answering its readiness probe
 * within the probe's 3 s timeout of the k8s manifests) and reports Kafka down for alerting, every
 * upload still succeeds, and every event arrives once Kafka is back. The broker is really stopped
 * and started again (local/down kafka, local/up).
 */
class KafkaOutageIT {

    private static final int UPLOADS = Integer.getInteger("callrec.outage.uploads", 5);
    /** A readiness probe as the k8s manifests set it: no answer within 3 s counts as a failure. */
    private static final RestAssuredConfig PROBE = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 3_000).setParam("http.socket.timeout", 3_000));

    @Test
    void uploads_during_a_kafka_outage_are_announced_after_it() throws Exception {
        String token = Tokens.forRecorder();
        List<String> ids = new ArrayList<>();
        // The reader takes its offsets before the outage, so nothing published after it is missed.
        try (Infra.TopicReader topic = new Infra.TopicReader(Topics.CALL_RECORDED)) {
            Infra.local("down", "kafka");
            try {
                for (String service : List.of(Stack.INGEST, Stack.CATALOG, Stack.ACCESS, Stack.RETENTION)) {
                    RestAssured.given().config(PROBE).when().get(service + "/q/health/ready")
                            .then().statusCode(200).body("status", equalTo("UP"));
                    RestAssured.given().when().get(service + "/q/health/well")
                            .then().statusCode(503).body("checks.find { it.name == 'Kafka brokers' }.status", equalTo("DOWN"));
                }
                for (int i = 0; i < UPLOADS; i++) {
                    ids.add(Recorder.upload(token, Recorder.metadata("outage-" + UUID.randomUUID(), 1, "1001", "040 765 4321"),
                            Wavs.alaw8k(8_000, System.nanoTime())).statusCode(201).extract().path("recordingId"));
                }
            } finally {
                Infra.local("up", "infra");
            }
            List<ConsumerRecord<String, byte[]>> records = topic.awaitKeys(ids, Duration.ofSeconds(120));
            assertThat(records).extracting(ConsumerRecord::key).containsAll(ids);
        }
    }
}
