package fi.hel.callrec.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import fi.hel.callrec.events.AudioFormat;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.CallerProvided;
import fi.hel.callrec.events.DeadLetterHeaders;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.events.RecordingDeleted;
import fi.hel.callrec.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** The running catalog-service indexes what arrives on the real topics and shows each user only their calls. */
class CatalogIT {

    @Test
    void an_uploaded_call_becomes_searchable_for_its_agent_only() {
        String word = CatalogFixtures.uniqueWord();
        String id = CatalogFixtures.upload("1001", "Liisa Ähtäri " + word, "ABC-123", "Parking fine appeal " + word);
        CatalogFixtures.awaitIndexed(word, List.of(id));

        String agent1 = Tokens.forUser("agent1");
        String agent2 = Tokens.forUser("agent2");
        CatalogFixtures.search(agent1, "name", word, "callerNumber", "+358 40 7654321", "plate", "abc 123")
                .then().statusCode(200).body("items.recordingId", contains(id));
        CatalogFixtures.search(agent1, "name", "ahtari " + word).then().statusCode(200).body("items.recordingId", contains(id));
        CatalogFixtures.detail(agent1, id).then().statusCode(200)
                .body("agentExtension", equalTo("1001"))
                .body("audio.codec", equalTo("alaw"))
                .body("hold.held", equalTo(false));
        CatalogFixtures.search(agent2, "name", word).then().statusCode(200).body("items.size()", equalTo(0));
        CatalogFixtures.detail(agent2, id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void a_poison_record_goes_to_the_dead_letter_topic_and_the_next_record_is_indexed_once() throws Exception {
        String word = CatalogFixtures.uniqueWord();
        CallRecorded good = event(word);
        String poisonKey = UUID.randomUUID().toString();
        try (Infra.TopicReader dlq = new Infra.TopicReader(Topics.CATALOG_DLQ);
             KafkaProducer<String, byte[]> producer = CatalogFixtures.producer()) {
            CatalogFixtures.send(producer, Topics.CALL_RECORDED, poisonKey,
                    "{\"type\": \"call-recorded\", \"version\": 1, \"broken".getBytes(StandardCharsets.UTF_8));
            // The same event twice, as a relay retry would send it: one row.
            CatalogFixtures.send(producer, Topics.CALL_RECORDED, good.kafkaKey(), EventJson.write(good));
            var duplicate = CatalogFixtures.send(producer, Topics.CALL_RECORDED, good.kafkaKey(), EventJson.write(good));

            List<ConsumerRecord<String, byte[]>> dead = dlq.awaitKeys(List.of(poisonKey), Duration.ofSeconds(60));
            assertThat(dead).hasSize(1);
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).endsWith("\"broken");
            Header reason = dead.get(0).headers().lastHeader(DeadLetterHeaders.REASON);
            assertThat(reason).isNotNull();
            assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("malformed JSON");

            CatalogFixtures.awaitIndexed(word, List.of(good.recordingId().toString()));
            // Only once catalog-service has committed past the duplicate does "one row" say anything.
            Infra.awaitConsumed("catalog-service", duplicate, Duration.ofSeconds(60));
            CatalogFixtures.search(Tokens.forUser("supervisor1"), "name", word).then().statusCode(200)
                    .body("items.size()", equalTo(1));
        }
    }

    @Test
    void a_deleted_recording_loses_its_personal_data() throws Exception {
        String word = CatalogFixtures.uniqueWord();
        String id;
        CallRecorded recorded;
        try (Infra.TopicReader topic = new Infra.TopicReader(Topics.CALL_RECORDED)) {
            id = CatalogFixtures.upload("1002", "Pekka " + word, "XYZ-789", "Street light broken");
            List<ConsumerRecord<String, byte[]>> records = topic.awaitKeys(List.of(id), Duration.ofSeconds(60));
            assertThat(records).hasSize(1);
            recorded = EventJson.read(records.get(0).value(), CallRecorded.class);
        }
        CatalogFixtures.awaitIndexed(word, List.of(id));
        String supervisor = Tokens.forUser("supervisor1");

        // What retention-service announces after removing the object.
        RecordingDeleted deleted = RecordingDeleted.of(recorded.recordingId(), recorded.objectKey(), "erasure", null, Instant.now());
        try (KafkaProducer<String, byte[]> producer = CatalogFixtures.producer()) {
            CatalogFixtures.send(producer, Topics.RECORDING_DELETED, deleted.kafkaKey(), EventJson.write(deleted));
        }
        org.awaitility.Awaitility.await().atMost(CatalogFixtures.INDEXED_WITHIN)
                .until(() -> CatalogFixtures.detail(supervisor, id).statusCode() == 404);
        CatalogFixtures.search(supervisor, "name", word).then().statusCode(200).body("items.size()", equalTo(0));
        CatalogFixtures.search(supervisor, "plate", "XYZ789", "agentExtension", "1002", "name", word)
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    private static CallRecorded event(String word) {
        UUID id = UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(2)).minusHours(1).truncatedTo(ChronoUnit.SECONDS);
        return CallRecorded.of(id, "catalog-it-" + id, Infra.BUCKET, "recordings/2026/01/01/" + id + ".wav",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 16_044,
                new AudioFormat(AudioFormat.ALAW, 8000, 1, 8, 2000), start, start.plusSeconds(2),
                "+358401110000", "1002", "feedback", new CallerProvided("Raw " + word, null, null, null),
                null, true, List.of());
    }
}
