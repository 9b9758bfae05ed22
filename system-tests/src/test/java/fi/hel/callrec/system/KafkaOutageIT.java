package fi.hel.callrec.system;

import static org.assertj.core.api.Assertions.assertThat;

import fi.hel.callrec.commons.testing.Wavs;
import fi.hel.callrec.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Kafka stopped while recordings come in: every upload still succeeds, and every event arrives
 * once Kafka is back. The broker is really stopped and started again (local/down kafka, local/up).
 */
class KafkaOutageIT {

    private static final int UPLOADS = Integer.getInteger("callrec.outage.uploads", 5);

    @Test
    void uploads_during_a_kafka_outage_are_announced_after_it() throws Exception {
        String token = Tokens.forRecorder();
        List<String> ids = new ArrayList<>();
        // The reader takes its offsets before the outage, so nothing published after it is missed.
        try (Infra.TopicReader topic = new Infra.TopicReader(Topics.CALL_RECORDED)) {
            Infra.local("down", "kafka");
            try {
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
