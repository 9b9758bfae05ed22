package fi.hel.callrec.retention.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.hel.callrec.commons.storage.S3Config;
import fi.hel.callrec.commons.testing.KafkaTools;
import fi.hel.callrec.events.AudioFormat;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.DeadLetterHeaders;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.events.ObjectKeys;
import fi.hel.callrec.events.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The consumer on the real call-recorded topic. The events name the test bucket, which the
 * running retention-service does not manage, so it does not schedule them.
 */
@QuarkusTest
class CallRecordedConsumerTest {

    @Inject
    EntityManager em;
    @Inject
    S3Config s3;

    @Test
    void schedules_each_recording_once_due_at_start_plus_retention() throws Exception {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        UUID id = UUID.randomUUID();
        CallRecorded event = CallRecorded.of(id, "consumer-test-" + id, s3.bucket(), ObjectKeys.of(id, start),
                "a".repeat(64), 44, new AudioFormat(AudioFormat.PCM, 8000, 1, 16, 1000), start, start.plusSeconds(1),
                "+358401234567", "1001", "feedback", null, null, true, List.of());
        try (KafkaProducer<String, byte[]> producer = producer()) {
            // Twice, as a redelivery would: one schedule row, one processed mark.
            producer.send(new ProducerRecord<>(Topics.CALL_RECORDED, event.kafkaKey(), EventJson.write(event))).get();
            producer.send(new ProducerRecord<>(Topics.CALL_RECORDED, event.kafkaKey(), EventJson.write(event))).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM processed_event WHERE event_id = ?1", event.eventId()) == 1);
        Object due = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT due_at FROM retention_schedule WHERE recording_id = ?1").setParameter(1, id).getSingleResult());
        Instant dueAt = due instanceof Timestamp t ? t.toInstant() : (Instant) due;
        assertThat(dueAt).isEqualTo(start.toInstant().plusSeconds(2));
        assertThat(count("SELECT count(*) FROM retention_schedule WHERE recording_id = ?1", id)).isEqualTo(1);
    }

    @Test
    void a_malformed_record_goes_to_the_dead_letter_topic_with_its_reason() throws Exception {
        String key = "retention-test-poison-" + UUID.randomUUID();
        try (KafkaConsumer<String, byte[]> dlq = dlqReader(); KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.CALL_RECORDED, key, "{not json".getBytes(StandardCharsets.UTF_8))).get();
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (found.isEmpty() && System.nanoTime() < deadline) {
                dlq.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
            assertThat(found).hasSize(1);
            assertThat(new String(found.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
            assertThat(new String(found.get(0).headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
                    .contains("malformed JSON");
        }
    }

    private long count(String sql, UUID param) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).setParameter(1, param).getSingleResult()).longValue());
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.putAll(KafkaTools.client());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private KafkaConsumer<String, byte[]> dlqReader() {
        Properties props = new Properties();
        props.putAll(KafkaTools.client());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "retention-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.RETENTION_DLQ, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(Topics.RETENTION_DLQ, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}
