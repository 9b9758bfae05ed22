package fi.hel.callrec.access.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import fi.hel.callrec.access.Fixtures;
import fi.hel.callrec.access.Recording;
import fi.hel.callrec.commons.testing.KafkaTools;
import fi.hel.callrec.events.AudioFormat;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.DeadLetterHeaders;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.events.RecordingDeleted;
import fi.hel.callrec.events.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The projection consumer on the real topics. */
@QuarkusTest
class RecordingEventsConsumerTest {

    private static CallRecorded recorded(UUID id, String agent) {
        OffsetDateTime start = OffsetDateTime.parse("2026-03-01T10:00:00+02:00");
        return CallRecorded.of(id, "call-" + id, "recordings-test", "recordings/2026/03/01/" + id + ".wav",
                "a".repeat(64), 1044, new AudioFormat(AudioFormat.ALAW, 8000, 1, 8, 125), start, start.plusSeconds(1),
                "anonymous", agent, "feedback", null, null, true, List.of());
    }

    private static Recording find(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Recording.findById(id));
    }

    @Test
    void a_call_recorded_event_fills_the_projection_and_a_redelivery_changes_nothing() {
        UUID id = UUID.randomUUID();
        CallRecorded event = recorded(id, "1001");
        Fixtures.publish(event);
        Fixtures.awaitProjection(id, false);
        Recording r = find(id);
        assertThat(r.agentExtension).isEqualTo("1001");
        assertThat(r.sizeBytes).isEqualTo(1044);
        assertThat(r.objectKey).isEqualTo(event.objectKey());

        // The same event again, then an event of another recording sent under the same key: once that
        // one is applied, the redelivery has been consumed too (same partition, in order).
        Fixtures.publish(new CallRecorded(event.eventId(), event.type(), event.version(), event.occurredAt(), id,
                event.callId(), event.bucket(), event.objectKey(), event.sha256(), event.sizeBytes(), event.audio(),
                event.startedAt(), event.endedAt(), event.callerNumber(), "9999", event.serviceLine(),
                null, null, true, List.of()));
        UUID marker = UUID.randomUUID();
        Fixtures.send(Topics.CALL_RECORDED, id.toString(), EventJson.write(recorded(marker, "1001")));
        Fixtures.awaitProjection(marker, false);
        assertThat(find(id).agentExtension).isEqualTo("1001");
    }

    @Test
    void a_deletion_that_arrives_first_is_not_undone_by_the_recording() {
        UUID id = UUID.randomUUID();
        CallRecorded event = recorded(id, "1002");
        Fixtures.publish(RecordingDeleted.of(id, event.objectKey(), "erasure", null, Instant.now()));
        Fixtures.awaitProjection(id, true);
        Fixtures.publish(event);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> find(id).recorded());
        Recording r = find(id);
        assertThat(r.deleted()).isTrue();
        assertThat(r.deletionReason).isEqualTo("erasure");
        assertThat(r.agentExtension).isEqualTo("1002");
    }

    @Test
    void a_malformed_record_goes_to_the_dead_letter_topic_with_the_reason() {
        String key = "malformed-" + UUID.randomUUID();
        try (KafkaConsumer<String, byte[]> dlq = dlqReader()) {
            Fixtures.send(Topics.CALL_RECORDED, key, "{\"type\":\"call-recorded\",\"version\":1}".getBytes(StandardCharsets.UTF_8));
            ConsumerRecord<String, byte[]> dead = deadLettered(dlq, key);
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).contains("call-recorded");
            assertThat(dead.headers().lastHeader(DeadLetterHeaders.REASON)).isNotNull();
            assertThat(new String(dead.headers().lastHeader(DeadLetterHeaders.TOPIC).value(), StandardCharsets.UTF_8))
                    .isEqualTo(Topics.CALL_RECORDED);
        }
        // The channel goes on after the poison record.
        UUID id = UUID.randomUUID();
        Fixtures.publish(recorded(id, "1001"));
        Fixtures.awaitProjection(id, false);
    }

    @Test
    void an_event_naming_another_recordings_audio_or_another_bucket_is_dead_lettered_and_not_applied() {
        UUID victim = UUID.randomUUID();
        CallRecorded theirs = recorded(victim, "1002");
        UUID forged = UUID.randomUUID();
        CallRecorded honest = recorded(forged, "1001");
        // A new recording id that points at the other agent's audio, as a forged event would.
        CallRecorded otherKey = new CallRecorded(honest.eventId(), honest.type(), honest.version(), honest.occurredAt(), forged,
                honest.callId(), honest.bucket(), theirs.objectKey(), honest.sha256(), honest.sizeBytes(), honest.audio(),
                honest.startedAt(), honest.endedAt(), honest.callerNumber(), "1001", honest.serviceLine(), null, null, true, List.of());
        UUID elsewhere = UUID.randomUUID();
        CallRecorded inBucket = recorded(elsewhere, "1001");
        CallRecorded otherBucket = new CallRecorded(inBucket.eventId(), inBucket.type(), inBucket.version(), inBucket.occurredAt(),
                elsewhere, inBucket.callId(), "someone-elses-bucket", inBucket.objectKey(), inBucket.sha256(), inBucket.sizeBytes(),
                inBucket.audio(), inBucket.startedAt(), inBucket.endedAt(), inBucket.callerNumber(), "1001", inBucket.serviceLine(),
                null, null, true, List.of());
        try (KafkaConsumer<String, byte[]> dlq = dlqReader()) {
            Fixtures.publish(otherKey);
            Fixtures.publish(otherBucket);
            // The running access-service, whose bucket is another, refuses both for their bucket; this one
            // (bucket recordings-test) refuses the first for its key.
            assertThat(reason(deadLettered(dlq, forged.toString(), r -> reason(r).contains("object key"))))
                    .doesNotContain(theirs.objectKey());
            deadLettered(dlq, elsewhere.toString(), r -> reason(r).contains("bucket"));
        }
        // Same partition as the forged one, sent after it: once it is applied, the forged one was consumed and refused.
        UUID marker = UUID.randomUUID();
        Fixtures.send(Topics.CALL_RECORDED, forged.toString(), EventJson.write(recorded(marker, "1001")));
        Fixtures.awaitProjection(marker, false);
        assertThat(find(forged)).isNull();
        assertThat(find(elsewhere)).isNull();
    }

    private static ConsumerRecord<String, byte[]> deadLettered(KafkaConsumer<String, byte[]> dlq, String key) {
        // The running access-service reads the same topic and dead-letters it too: either copy will do.
        return deadLettered(dlq, key, r -> true);
    }

    private static ConsumerRecord<String, byte[]> deadLettered(KafkaConsumer<String, byte[]> dlq, String key,
                                                               java.util.function.Predicate<ConsumerRecord<String, byte[]>> which) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : dlq.poll(Duration.ofMillis(500))) {
                if (key.equals(r.key()) && which.test(r)) {
                    return r;
                }
            }
        }
        throw new AssertionError("nothing dead-lettered under key " + key + " within 60 s");
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8);
    }

    private static KafkaConsumer<String, byte[]> dlqReader() {
        Properties props = new Properties();
        props.putAll(KafkaTools.client());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "access-test-dlq-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ACCESS_DLQ, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(Topics.ACCESS_DLQ, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}
