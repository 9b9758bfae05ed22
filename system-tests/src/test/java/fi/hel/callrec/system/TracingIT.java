package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.hel.callrec.commons.testing.Wavs;
import fi.hel.callrec.events.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * An upload's trace goes on through {@code call-recorded} into each consumer: the portal's
 * {@code traceparent} is continued by ingest-service, kept with the event in its outbox, sent as the
 * record's header, and the consumers' log lines about that recording carry the same trace id.
 */
class TracingIT {

    private static final Path LOGS = Infra.LOGS;

    @Test
    void an_uploads_trace_reaches_the_event_and_every_consumer() throws Exception {
        String traceId = HexFormat.of().formatHex(UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .getBytes(StandardCharsets.US_ASCII));
        String traceParent = "00-" + traceId + "-" + traceId.substring(0, 16) + "-01";
        String id;
        try (Infra.TopicReader topic = new Infra.TopicReader(Topics.CALL_RECORDED)) {
            id = given().auth().oauth2(Tokens.forRecorder()).header("traceparent", traceParent)
                    .multiPart("metadata", "metadata.json", Recorder.metadata("it-trace-" + UUID.randomUUID(), 2, "1001",
                            "040 222 5555").getBytes(StandardCharsets.UTF_8), "application/json")
                    .multiPart("audio", "call.wav", Wavs.alaw8k(16_000, System.nanoTime()), "audio/wav")
                    .when().post(Stack.INGEST + "/recordings").then().statusCode(201).extract().path("recordingId");
            List<ConsumerRecord<String, byte[]>> records = topic.awaitKeys(List.of(id), Duration.ofSeconds(60));
            Header header = records.get(0).headers().lastHeader("traceparent");
            assertThat(header).as("call-recorded carries the upload's trace").isNotNull();
            assertThat(new String(header.value(), StandardCharsets.US_ASCII)).startsWith("00-" + traceId + "-");
        }

        Assumptions.assumeTrue(Files.isDirectory(LOGS), "the services' logs are not at " + LOGS);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String consumer : List.of("catalog-service", "access-service", "retention-service")) {
                // Either instance may hold the partition (CALLREC_INSTANCES=2 runs <service>-2 beside it).
                List<String> lines = new java.util.ArrayList<>();
                for (String log : List.of(consumer + ".log", consumer + "-2.log")) {
                    if (Files.exists(LOGS.resolve(log))) {
                        lines.addAll(Files.readAllLines(LOGS.resolve(log), StandardCharsets.UTF_8));
                    }
                }
                assertThat(lines).as("%s logs its work on recording %s in the upload's trace", consumer, id)
                        .anyMatch(line -> line.contains("traceId=" + traceId) && line.contains(id));
            }
        });
    }
}
