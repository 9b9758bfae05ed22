package fi.hel.callrec.catalog.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.hel.callrec.catalog.CallHold;
import fi.hel.callrec.catalog.CallRecord;
import fi.hel.callrec.catalog.CallStatistic;
import fi.hel.callrec.catalog.Calls;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.events.RecordingDeleted;
import fi.hel.callrec.events.RecordingHoldChanged;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

    @Test
    void a_call_is_indexed_once_however_often_it_is_delivered() throws Exception {
        CallRecorded event = Calls.call().agent(Calls.uniqueExtension()).name("Maija Hämäläinen").plate("abc-123")
                .notes("Asked about a resident permit").event();

        assertThat(deliver("call-recorded", EventJson.write(event))).isTrue();
        assertThat(deliver("call-recorded", EventJson.write(event))).isTrue();

        CallRecord row = QuarkusTransaction.requiringNew().call(() -> (CallRecord) CallRecord.findById(event.recordingId()));
        assertThat(row.callerName).isEqualTo("Maija Hämäläinen");
        assertThat(row.nameKey).isEqualTo("maija hamalainen");
        assertThat(row.plateKey).isEqualTo("ABC123");
        assertThat(row.utcOffsetSeconds).isEqualTo(7200);
        assertThat(count("select count(*) from call_record where agent_extension = '" + event.agentExtension() + "'")).isEqualTo(1);
        assertThat(count("select count(*) from processed_event where event_id = '" + event.eventId() + "'")).isEqualTo(1);
    }

    @Test
    void a_malformed_record_fails_and_the_next_one_is_still_indexed() throws Exception {
        CallRecorded good = Calls.call().agent(Calls.uniqueExtension()).event();
        byte[] wrongVersion = EventJson.writeString(good).replace("\"version\":1", "\"version\":99")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(deliver("call-recorded", "{not json".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(deliver("call-recorded", wrongVersion)).isFalse();
        assertThat(deliver("call-recorded", EventJson.write(good))).isTrue();

        assertThat(count("select count(*) from call_record where recording_id = '" + good.recordingId() + "'")).isEqualTo(1);
        assertThat(count("select count(*) from processed_event where event_id = '" + good.eventId() + "'")).isEqualTo(1);
    }

    @Test
    void hold_state_follows_the_latest_change_even_when_it_arrives_first() throws Exception {
        UUID id = UUID.randomUUID();
        Instant placedAt = Instant.parse("2026-03-03T10:00:00Z");
        RecordingHoldChanged placed = RecordingHoldChanged.placed(id, "crime", "POL-2026-1", "assault reported", "supervisor1", placedAt);
        RecordingHoldChanged releasedEarlier = RecordingHoldChanged.released(id, "mistake", null, "manager1", placedAt.minusSeconds(60));

        assertThat(deliver("recording-hold-changed", EventJson.write(placed))).isTrue();
        assertThat(deliver("recording-hold-changed", EventJson.write(releasedEarlier))).isTrue();
        assertThat(deliver("call-recorded", EventJson.write(Calls.call().id(id).event()))).isTrue();

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
        assertThat(deliver("call-recorded", EventJson.write(call))).isTrue();
        assertThat(deliver("recording-hold-changed", EventJson.write(RecordingHoldChanged.placed(call.recordingId(),
                "accident", "POL-2", null, "supervisor1", Instant.now())))).isTrue();

        RecordingDeleted deleted = RecordingDeleted.of(call.recordingId(), call.objectKey(), "erasure", null, Instant.now());
        assertThat(deliver("recording-deleted", EventJson.write(deleted))).isTrue();
        assertThat(deliver("recording-deleted", EventJson.write(deleted))).isTrue();
        // A replay of the call after its deletion must not bring the personal data back.
        assertThat(deliver("call-recorded", EventJson.write(call))).isTrue();

        assertThat(count("select count(*) from call_record where recording_id = '" + call.recordingId() + "'")).isZero();
        assertThat(count("select count(*) from call_hold where recording_id = '" + call.recordingId() + "'")).isZero();
        CallStatistic statistic = QuarkusTransaction.requiringNew().call(() ->
                CallStatistic.<CallStatistic>find("agentExtension", extension).singleResult());
        assertThat(statistic.callDate).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(statistic.serviceLine).isEqualTo("parking-permits");
        assertThat(statistic.durationMillis).isEqualTo(95_000);
    }

    @Test
    void a_call_whose_deletion_came_first_leaves_only_its_statistic() throws Exception {
        String extension = Calls.uniqueExtension();
        CallRecorded call = Calls.call().agent(extension).name("Late Arrival").event();
        assertThat(deliver("recording-deleted", EventJson.write(
                RecordingDeleted.of(call.recordingId(), call.objectKey(), "retention", Instant.now(), Instant.now())))).isTrue();
        assertThat(deliver("call-recorded", EventJson.write(call))).isTrue();

        assertThat(count("select count(*) from call_record where recording_id = '" + call.recordingId() + "'")).isZero();
        assertThat(count("select count(*) from call_statistic where agent_extension = '" + extension + "'")).isEqualTo(1);
    }

    /** Sends a record and waits for the consumer's verdict: true when acknowledged, false when it failed. */
    private boolean deliver(String channel, byte[] value) throws Exception {
        CompletableFuture<Boolean> outcome = new CompletableFuture<>();
        Message<byte[]> message = Message.of(value)
                .withAck(() -> {
                    outcome.complete(true);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(reason -> {
                    outcome.complete(false);
                    return CompletableFuture.completedFuture(null);
                });
        connector.source(channel).send(message);
        return outcome.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) CallRecord.getEntityManager().createNativeQuery(sql).getSingleResult()).longValue());
    }
}
