package fi.hel.callrec.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.hel.callrec.commons.testing.KafkaTools;
import fi.hel.callrec.commons.testing.Wavs;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.events.RecordingDeleted;
import fi.hel.callrec.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The broker knows every client and lets each do only what the event contract says: nobody
 * anonymous, no wrong password, no service writing another's events or reading in another's
 * group. A forged event that the broker refuses changes nothing in any service.
 */
class KafkaTrustIT {

    @Test
    void an_anonymous_client_can_neither_produce_nor_consume() {
        try (KafkaProducer<String, byte[]> producer = producer(KafkaTools.anonymous())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.CALL_RECORDED, "k", new byte[] {1})).get())
                    .hasCauseInstanceOf(TimeoutException.class);
        }
        try (KafkaConsumer<String, byte[]> consumer = consumer(KafkaTools.anonymous(), "anonymous-" + UUID.randomUUID())) {
            assertThatThrownBy(() -> consumer.partitionsFor(Topics.CALL_RECORDED, Duration.ofSeconds(5)))
                    .isInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void a_wrong_password_is_refused() {
        try (KafkaProducer<String, byte[]> producer = producer(KafkaTools.as("ingest-service", "not-the-password"))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.CALL_RECORDED, "k", new byte[] {1})).get())
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void each_service_writes_only_its_own_topics() {
        assertRefusedWrite("ingest-service", Topics.RECORDING_DELETED);
        assertRefusedWrite("ingest-service", Topics.RECORDING_HOLD_CHANGED);
        assertRefusedWrite("access-service", Topics.CALL_RECORDED);
        assertRefusedWrite("catalog-service", Topics.RECORDING_DELETED);
        assertRefusedWrite("catalog-service", "access-service.dlq");
        assertRefusedWrite("retention-service", Topics.CALL_RECORDED);
        // Only access-service announces training copies: a forged one could name another object for deletion.
        assertRefusedWrite("catalog-service", Topics.TRAINING_COPY_MADE);
        assertRefusedWrite("retention-service", Topics.TRAINING_COPY_MADE);
        assertRefusedWrite("ingest-service", Topics.TRAINING_COPY_MADE);
    }

    @Test
    void each_service_reads_only_its_topics_in_its_own_group() {
        try (KafkaConsumer<String, byte[]> consumer = consumer(KafkaTools.asService("ingest-service"), "ingest-service")) {
            consumer.subscribe(List.of(Topics.CALL_RECORDED));
            assertThatThrownBy(() -> pollUntilRefused(consumer)).isInstanceOfAny(TopicAuthorizationException.class,
                    GroupAuthorizationException.class);
        }
        try (KafkaConsumer<String, byte[]> consumer = consumer(KafkaTools.asService("catalog-service"), "access-service")) {
            consumer.subscribe(List.of(Topics.CALL_RECORDED));
            assertThatThrownBy(() -> pollUntilRefused(consumer)).isInstanceOf(GroupAuthorizationException.class);
        }
        try (KafkaConsumer<String, byte[]> consumer = consumer(KafkaTools.asService("access-service"), "access-service")) {
            consumer.subscribe(List.of(Topics.RECORDING_HOLD_CHANGED));
            assertThatThrownBy(() -> pollUntilRefused(consumer)).isInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaConsumer<String, byte[]> consumer = consumer(KafkaTools.asService("catalog-service"), "catalog-service")) {
            consumer.subscribe(List.of(Topics.TRAINING_COPY_MADE));
            assertThatThrownBy(() -> pollUntilRefused(consumer)).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void a_forged_deletion_from_a_principal_without_rights_changes_nothing() throws Exception {
        AccessListener.Uploaded call = AccessListener.upload("1001", Wavs.alaw8k(8_000, System.nanoTime()));
        UUID id = UUID.fromString(call.id());
        RecordingDeleted forged = RecordingDeleted.of(id, call.objectKey(), "retention", Instant.now(), Instant.now());
        for (String principal : List.of("ingest-service", "access-service", "catalog-service")) {
            try (KafkaProducer<String, byte[]> producer = producer(KafkaTools.asService(principal))) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.RECORDING_DELETED, forged.kafkaKey(),
                        EventJson.write(forged))).get()).as(principal).hasCauseInstanceOf(TopicAuthorizationException.class);
            }
        }
        // The call is still there for everyone who had it: searchable, streamable, under retention.
        AccessListener.as("supervisor1").queryParam("purpose", "quality").when().get(AccessListener.audio(call.id()))
                .then().statusCode(200);
        AccessListener.as("supervisor1").when().get(Stack.CATALOG + "/calls/" + call.id()).then().statusCode(200);
        assertThat(Infra.sha256Of(call.objectKey())).isEqualTo(call.sha256());
    }

    private static void assertRefusedWrite(String principal, String topic) {
        try (KafkaProducer<String, byte[]> producer = producer(KafkaTools.asService(principal))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", new byte[] {1})).get())
                    .as("%s writing %s", principal, topic)
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    private static void pollUntilRefused(KafkaConsumer<String, byte[]> consumer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(500));
        }
        throw new AssertionError("the broker let the consumer poll for 30 s");
    }

    private static KafkaProducer<String, byte[]> producer(Properties client) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> consumer(Properties client, String group) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
