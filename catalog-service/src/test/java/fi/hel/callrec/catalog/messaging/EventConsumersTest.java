package fi.hel.callrec.catalog.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.hel.callrec.catalog.CallHold;
import fi.hel.callrec.catalog.CallRecord;
import fi.hel.callrec.catalog.CallStatistic;
import fi.hel.callrec.catalog.Calls;
import fi.hel.callrec.commons.messaging.ConsumerRetry;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.DeadLetterHeaders;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.events.RecordingDeleted;
import fi.hel.callrec.events.RecordingHoldChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

/**
 * The consumers on the real database, fed through in-memory channels (the Kafka wiring, the
 * dead-letter topic included, is exercised by the system tests against the real topics).
 */
@QuarkusTest
class EventConsumersTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    MeterRegistry registry;

    private final AtomicLong nextOffset = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000));

    @Test
    void a_call_is_indexed_once_however_often_it_is_delivered() throws Exception {
        CallRecorded event = Calls.call().agent(Calls.uniqueExtension()).name("Maija Hämäläinen").plate("abc-123")
                .notes("Asked about a resident permit").event();

        assertThat(deliverBatch(EventJson.write(event))).isTrue();
        assertThat(deliverBatch(EventJson.write(event))).isTrue();

        CallRecord row = QuarkusTransaction.requiringNew().call(() -> (CallRecord) CallRecord.findById(event.recordingId()));
        assertThat(row.callerName).isEqualTo("Maija Hämäläinen");
        assertThat(row.nameKey).isEqualTo("maija hamalainen");
        assertThat(row.plateKey).isEqualTo("ABC123");
        assertThat(row.utcOffsetSeconds).isEqualTo(7200);
        assertThat(count("select count(*) from call_record where agent_extension = '" + event.agentExtension() + "'")).isEqualTo(1);
        assertThat(count("select count(*) from processed_event where event_id = '" + event.eventId() + "'")).isEqualTo(1);
    }

    @Test
    void malformed_records_go_to_the_dead_letter_topic_and_the_rest_of_their_batch_is_indexed() throws Exception {
        InMemorySink<byte[]> dead = connector.sink("dead-letters");
        dead.clear();
        CallRecorded before = Calls.call().agent(Calls.uniqueExtension()).event();
        CallRecorded after = Calls.call().agent(Calls.uniqueExtension()).event();
        byte[] notJson = "{not json".getBytes(StandardCharsets.UTF_8);
        byte[] wrongVersion = EventJson.writeString(after).replace("\"version\":1", "\"version\":99")
                .getBytes(StandardCharsets.UTF_8);
        long first = nextOffset.get();

        assertThat(deliverBatch(EventJson.write(before), notJson, wrongVersion, EventJson.write(after))).isTrue();

        assertThat(count("select count(*) from call_record where recording_id in ('" + before.recordingId() + "', '"
                + after.recordingId() + "')")).isEqualTo(2);
        // The batch was acknowledged only after Kafka had taken both dead letters.
        List<? extends Message<byte[]>> letters = dead.received();
        assertThat(letters).hasSize(2);
        assertThat(letters.get(0).getPayload()).isEqualTo(notJson);
        assertThat(letters.get(1).getPayload()).isEqualTo(wrongVersion);
        assertThat(key(letters.get(0))).isEqualTo("key-" + (first + 2));
        assertThat(header(letters.get(0), DeadLetterHeaders.REASON)).isNotBlank();
        assertThat(header(letters.get(1), DeadLetterHeaders.REASON)).contains("99");
        assertThat(header(letters.get(0), DeadLetterHeaders.EXCEPTION_CLASS_NAME)).isNotBlank();
        assertThat(header(letters.get(1), DeadLetterHeaders.TOPIC)).isEqualTo("call-recorded");
        assertThat(header(letters.get(1), DeadLetterHeaders.PARTITION)).isEqualTo("3");
        assertThat(header(letters.get(1), DeadLetterHeaders.OFFSET)).isEqualTo(Long.toString(first + 2));
    }

    @Test
    void a_batch_of_only_malformed_records_indexes_nothing_and_is_acknowledged() throws Exception {
        InMemorySink<byte[]> dead = connector.sink("dead-letters");
        dead.clear();
        long rows = count("select count(*) from call_record");

        // An array, an empty value and a Kafka tombstone (no value at all).
        assertThat(deliverBatch("[]".getBytes(StandardCharsets.UTF_8), new byte[0], null)).isTrue();

        assertThat(dead.received()).hasSize(3);
        assertThat(dead.received()).allSatisfy(m -> assertThat(header(m, DeadLetterHeaders.REASON)).isNotBlank());
        assertThat(count("select count(*) from call_record")).isEqualTo(rows);
    }

    @Test
    void duplicates_within_a_batch_and_across_batches_leave_one_row() throws Exception {
        String extension = Calls.uniqueExtension();
        CallRecorded a = Calls.call().agent(extension).event();
        CallRecorded b = Calls.call().agent(extension).event();
        // The same recording announced again under another event id (a producer that lost its outbox mark).
        CallRecorded aAgain = Calls.call().id(a.recordingId()).agent(extension).event();

        assertThat(deliverBatch(EventJson.write(a), EventJson.write(a), EventJson.write(aAgain), EventJson.write(b)))
                .isTrue();
        assertThat(deliverBatch(EventJson.write(b), EventJson.write(a))).isTrue();

        assertThat(count("select count(*) from call_record where agent_extension = '" + extension + "'")).isEqualTo(2);
        assertThat(count("select count(*) from processed_event where event_id in ('" + a.eventId() + "', '"
                + aAgain.eventId() + "', '" + b.eventId() + "')")).isEqualTo(3);
    }

    @Test
    void a_redelivered_batch_after_a_crash_changes_nothing_twice() throws Exception {
        String extension = Calls.uniqueExtension();
        List<CallRecorded> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(Calls.call().agent(extension).name("Name" + i).event());
        }
        assertThat(deliverBatch(calls.subList(0, 3).stream().map(EventJson::write).toArray(byte[][]::new))).isTrue();
        // The offsets of that batch were never committed: the next poll starts at its first record again.
        assertThat(deliverBatch(calls.stream().map(EventJson::write).toArray(byte[][]::new))).isTrue();

        assertThat(count("select count(*) from call_record where agent_extension = '" + extension + "'")).isEqualTo(5);
        assertThat(count("select count(*) from call_statistic where agent_extension = '" + extension + "'")).isZero();
    }

    @Test
    void a_database_failure_retries_the_batch_and_sends_no_valid_event_to_the_dead_letter_topic() throws Exception {
        InMemorySink<byte[]> dead = connector.sink("dead-letters");
        dead.clear();
        String extension = Calls.uniqueExtension();
        CallRecorded first = Calls.call().agent(extension).event();
        CallRecorded second = Calls.call().agent(extension).event();
        double retriesBefore = retries();
        CompletableFuture<Boolean> outcome;
        execute("ALTER TABLE call_record RENAME TO call_record_away");
        try {
            outcome = sendBatch(EventJson.write(first), "{broken".getBytes(StandardCharsets.UTF_8),
                    EventJson.write(second));
            await().atMost(WAIT).until(() -> retries() >= retriesBefore + 2);
            // Each failed attempt rolled back, its inbox marks with it.
            assertThat(count("select count(*) from processed_event where event_id in ('" + first.eventId() + "', '"
                    + second.eventId() + "')")).isZero();
            assertThat(outcome).isNotDone();
        } finally {
            execute("ALTER TABLE call_record_away RENAME TO call_record");
        }

        assertThat(outcome.get(WAIT.toSeconds() * 6, TimeUnit.SECONDS)).isTrue();
        assertThat(count("select count(*) from call_record where agent_extension = '" + extension + "'")).isEqualTo(2);
        assertThat(dead.received()).hasSize(1);
        assertThat(dead.received().get(0).getPayload()).isEqualTo("{broken".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hold_state_follows_the_latest_change_even_when_it_arrives_first() throws Exception {
        UUID id = UUID.randomUUID();
        Instant placedAt = Instant.parse("2026-03-03T10:00:00Z");
        RecordingHoldChanged placed = RecordingHoldChanged.placed(id, "crime", "POL-2026-1", "assault reported", "supervisor1", placedAt);
        RecordingHoldChanged releasedEarlier = RecordingHoldChanged.released(id, "mistake", null, "manager1", placedAt.minusSeconds(60));

        assertThat(deliver("recording-hold-changed", EventJson.write(placed))).isTrue();
        assertThat(deliver("recording-hold-changed", EventJson.write(releasedEarlier))).isTrue();
        assertThat(deliverBatch(EventJson.write(Calls.call().id(id).event()))).isTrue();

        CallHold hold = QuarkusTransaction.requiringNew().call(() -> (CallHold) CallHold.findById(id));
        assertThat(hold.held).isTrue();
        assertThat(hold.reason).isEqualTo("crime");
        assertThat(hold.caseReference).isEqualTo("POL-2026-1");
    }

    @Test
    void deletion_erases_the_personal_data_and_keeps_an_anonymous_statistic() throws Exception {
        String extension = Calls.uniqueExtension();
        CallRecorded call = Calls.call().agent(extension).name("Maija Meikäläinen").plate("XYZ-789")
                .notes("Fell on ice").event();
        assertThat(deliverBatch(EventJson.write(call))).isTrue();
        assertThat(deliver("recording-hold-changed", EventJson.write(RecordingHoldChanged.placed(call.recordingId(),
                "accident", "POL-2", null, "supervisor1", Instant.now())))).isTrue();

        RecordingDeleted deleted = RecordingDeleted.of(call.recordingId(), call.objectKey(), "erasure", null, Instant.now());
        assertThat(deliver("recording-deleted", EventJson.write(deleted))).isTrue();
        assertThat(deliver("recording-deleted", EventJson.write(deleted))).isTrue();
        // A replay of the call after its deletion must not bring the personal data back.
        assertThat(deliverBatch(EventJson.write(call))).isTrue();

        assertThat(count("select count(*) from call_record where recording_id = '" + call.recordingId() + "'")).isZero();
        assertThat(count("select count(*) from call_hold where recording_id = '" + call.recordingId() + "'")).isZero();
        CallStatistic statistic = QuarkusTransaction.requiringNew().call(() ->
                CallStatistic.<CallStatistic>find("agentExtension", extension).singleResult());
        assertThat(statistic.callDate).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(statistic.serviceLine).isEqualTo("parking-permits");
        assertThat(statistic.durationMillis).isEqualTo(95_000);
    }

    @Test
    void a_deletion_during_a_database_failure_is_retried_until_it_applies_never_dead_lettered() throws Exception {
        String extension = Calls.uniqueExtension();
        CallRecorded call = Calls.call().agent(extension).name("Pekka Poistettava").event();
        assertThat(deliverBatch(EventJson.write(call))).isTrue();
        RecordingDeleted deleted = RecordingDeleted.of(call.recordingId(), call.objectKey(), "retention", Instant.now(), Instant.now());
        double retriesBefore = retries();
        CompletableFuture<Boolean> outcome;
        execute("ALTER TABLE deleted_recording RENAME TO deleted_recording_away");
        try {
            outcome = send("recording-deleted", EventJson.write(deleted));
            await().atMost(WAIT).until(() -> retries() >= retriesBefore + 2);
            // Each failed attempt rolled back: the call is still there and the message not settled.
            assertThat(count("select count(*) from call_record where recording_id = '" + call.recordingId() + "'")).isEqualTo(1);
            assertThat(outcome).isNotDone();
        } finally {
            execute("ALTER TABLE deleted_recording_away RENAME TO deleted_recording");
        }

        assertThat(outcome.get(WAIT.toSeconds() * 6, TimeUnit.SECONDS)).isTrue();
        assertThat(count("select count(*) from call_record where recording_id = '" + call.recordingId() + "'")).isZero();
        assertThat(count("select count(*) from deleted_recording where recording_id = '" + call.recordingId() + "'")).isEqualTo(1);
    }

    @Test
    void a_call_whose_deletion_came_first_leaves_only_its_statistic() throws Exception {
        String extension = Calls.uniqueExtension();
        CallRecorded call = Calls.call().agent(extension).name("Late Arrival").event();
        CallRecorded neighbour = Calls.call().agent(extension).name("Still Here").event();
        assertThat(deliver("recording-deleted", EventJson.write(
                RecordingDeleted.of(call.recordingId(), call.objectKey(), "retention", Instant.now(), Instant.now())))).isTrue();
        assertThat(deliverBatch(EventJson.write(neighbour), EventJson.write(call))).isTrue();

        assertThat(count("select count(*) from call_record where recording_id = '" + call.recordingId() + "'")).isZero();
        assertThat(count("select count(*) from call_record where recording_id = '" + neighbour.recordingId() + "'"))
                .isEqualTo(1);
        assertThat(count("select count(*) from call_statistic where agent_extension = '" + extension + "'")).isEqualTo(1);
    }

    /** Sends a record and waits for the consumer's verdict: true when acknowledged, false when it failed. */
    private boolean deliver(String channel, byte[] value) throws Exception {
        return send(channel, value).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends call-recorded records as one poll's batch and waits for the verdict on the batch. */
    private boolean deliverBatch(byte[]... values) throws Exception {
        return sendBatch(values).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The batch the Kafka connector hands over for one poll: records of one partition at consecutive offsets. */
    private CompletableFuture<Boolean> sendBatch(byte[]... values) {
        TopicPartition partition = new TopicPartition("call-recorded", 3);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (byte[] value : values) {
            records.add(new ConsumerRecord<>(partition.topic(), partition.partition(), nextOffset.getAndIncrement(),
                    "key-" + nextOffset.get(), value));
        }
        return send("call-recorded", new ConsumerRecords<>(Map.of(partition, records),
                Map.of(partition, new OffsetAndMetadata(nextOffset.get()))));
    }

    private <T> CompletableFuture<Boolean> send(String channel, T payload) {
        CompletableFuture<Boolean> outcome = new CompletableFuture<>();
        Message<T> message = Message.of(payload)
                .withAck(() -> {
                    outcome.complete(true);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(reason -> {
                    outcome.complete(false);
                    return CompletableFuture.completedFuture(null);
                });
        connector.source(channel).send(message);
        return outcome;
    }

    private static String header(Message<?> message, String name) {
        Header header = message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getHeaders().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String key(Message<?> message) {
        return (String) message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey();
    }

    private double retries() {
        return registry.find("ft.retry.retries.total").tag("method", ConsumerRetry.class.getName() + ".run")
                .counters().stream().mapToDouble(Counter::count).sum();
    }

    private static void execute(String sql) {
        QuarkusTransaction.requiringNew().run(() -> CallRecord.getEntityManager().createNativeQuery(sql).executeUpdate());
    }

    private static long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) CallRecord.getEntityManager().createNativeQuery(sql).getSingleResult()).longValue());
    }
}
