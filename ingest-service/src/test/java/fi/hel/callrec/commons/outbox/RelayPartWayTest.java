package fi.hel.callrec.commons.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import fi.hel.callrec.commons.testing.KafkaTools;
import fi.hel.callrec.events.Topics;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A relay batch that Kafka accepts only in part: against the real broker, whose ACLs refuse
 * ingest-service's principal a topic it may not write. The rows Kafka accepted are deleted and
 * never sent again; the refused row, and only it, waits for the next run.
 */
@QuarkusTest
class RelayPartWayTest {

    @Inject
    OutboxRelay relay;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void rows_kafka_accepted_before_and_after_a_refused_one_are_sent_once() throws Exception {
        String first = "relay-test-" + UUID.randomUUID();
        String refused = "relay-test-" + UUID.randomUUID();
        String last = "relay-test-" + UUID.randomUUID();
        try (KafkaConsumer<String, byte[]> topic = atTheEndOf(Topics.CALL_RECORDED)) {
            execute("DELETE FROM outbox_event");
            queue(Topics.CALL_RECORDED, first);
            // ingest-service writes call-recorded only: the broker refuses this one.
            queue(Topics.RECORDING_DELETED, refused);
            queue(Topics.CALL_RECORDED, last);

            OutboxRelay.Batch batch = QuarkusTransaction.requiringNew().call(relay::publishBatch);
            assertThat(batch.failure()).as("the refused send is reported").isNotNull();
            assertThat(keysLeft()).containsExactly(refused);

            OutboxRelay.Batch again = QuarkusTransaction.requiringNew().call(relay::publishBatch);
            assertThat(again.failure()).isNotNull();
            assertThat(keysLeft()).containsExactly(refused);

            List<String> sent = readKeys(topic, Duration.ofSeconds(5));
            assertThat(sent).filteredOn(key -> key.startsWith("relay-test-")).containsExactlyInAnyOrder(first, last);
        } finally {
            execute("DELETE FROM outbox_event WHERE record_key = '" + refused + "'");
        }
    }

    private void queue(String topic, String key) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO outbox_event (id, topic, record_key, payload) VALUES (?, ?, ?, ?)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, topic);
            insert.setString(3, key);
            insert.setBytes(4, "{}".getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
    }

    private List<String> keysLeft() throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT record_key FROM outbox_event ORDER BY created_at");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }

    private static KafkaConsumer<String, byte[]> atTheEndOf(String topic) {
        Properties props = KafkaTools.client();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** Every key that arrives within the time (long enough for the relay's sends, which were acknowledged). */
    private static List<String> readKeys(KafkaConsumer<String, byte[]> consumer, Duration during) {
        List<String> keys = new ArrayList<>();
        long end = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < end) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                keys.add(record.key());
            }
        }
        return keys;
    }
}
