package fi.hel.callrec.events;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KafkaSerdeTest {

    private final EventSerializer serializer = new EventSerializer();

    @Test
    void eachDeserializerReadsWhatTheSerializerWrote() {
        assertRoundTrip(SampleEvents.callRecorded(), new CallRecordedDeserializer());
        assertRoundTrip(SampleEvents.holdPlaced(), new RecordingHoldChangedDeserializer());
        assertRoundTrip(SampleEvents.deletedByRetention(), new RecordingDeletedDeserializer());
    }

    @Test
    void deserializerWithHeadersReadsToo() {
        RecordingDeleted event = SampleEvents.deletedOnErasure();
        byte[] data = serializer.serialize(Topics.RECORDING_DELETED, event);

        try (RecordingDeletedDeserializer deserializer = new RecordingDeletedDeserializer()) {
            assertEquals(event, deserializer.deserialize(Topics.RECORDING_DELETED, new RecordHeaders(), data));
        }
    }

    @Test
    void deserializersThrowOnMalformedInput() {
        byte[] garbage = "not json".getBytes(StandardCharsets.UTF_8);

        try (CallRecordedDeserializer deserializer = new CallRecordedDeserializer()) {
            assertThrows(InvalidEventException.class, () -> deserializer.deserialize(Topics.CALL_RECORDED, garbage));
            assertThrows(InvalidEventException.class, () -> deserializer.deserialize(Topics.CALL_RECORDED, null));
        }
    }

    @Test
    void deserializerThrowsOnAnotherEventType() {
        byte[] hold = serializer.serialize(Topics.RECORDING_HOLD_CHANGED, SampleEvents.holdPlaced());

        try (RecordingDeletedDeserializer deserializer = new RecordingDeletedDeserializer()) {
            assertThrows(InvalidEventException.class, () -> deserializer.deserialize(Topics.RECORDING_DELETED, hold));
        }
    }

    @Test
    void serializerRefusesNull() {
        assertThrows(InvalidEventException.class, () -> serializer.serialize(Topics.CALL_RECORDED, null));
    }

    @Test
    void keyIsTheRecordingIdAndTopicFollowsTheEvent() {
        for (CallrecEvent event : SampleEvents.allFullyPopulated()) {
            assertEquals(SampleEvents.RECORDING_ID.toString(), event.kafkaKey());
            assertEquals(event.type(), Topics.topicOf(event));
        }
    }

    @Test
    void topicSettings() {
        assertEquals(604_800_000L, Topics.PERSONAL_DATA_RETENTION_MS);
        assertEquals("call-recorded", Topics.CALL_RECORDED);
        assertEquals("recording-hold-changed", Topics.RECORDING_HOLD_CHANGED);
        assertEquals("recording-deleted", Topics.RECORDING_DELETED);
        assertEquals("catalog-service.dlq", Topics.CATALOG_DLQ);
        assertEquals("access-service.dlq", Topics.ACCESS_DLQ);
        assertEquals("retention-service.dlq", Topics.RETENTION_DLQ);
    }

    private <T extends CallrecEvent> void assertRoundTrip(T event, Deserializer<T> deserializer) {
        try (deserializer) {
            assertEquals(event, deserializer.deserialize(event.type(), serializer.serialize(event.type(), event)));
        }
    }
}
