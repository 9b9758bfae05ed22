package fi.hel.callrec.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventJsonRoundTripTest {

    private final ObjectMapper plain = new ObjectMapper();

    @Test
    void callRecordedRoundTripKeepsEveryFieldAndTheOffsets() throws Exception {
        CallRecorded original = SampleEvents.callRecorded();

        byte[] json = EventJson.write(original);
        CallRecorded read = EventJson.read(json, CallRecorded.class);

        assertEquals(original, read);
        assertEquals(ZoneOffset.ofHours(2), read.startedAt().getOffset());
        assertEquals(ZoneOffset.ofHours(3), read.endedAt().getOffset());
        JsonNode tree = plain.readTree(json);
        assertEquals("2026-03-29T02:58:00+02:00", tree.get("startedAt").textValue());
        assertEquals("2026-03-29T04:09:40+03:00", tree.get("endedAt").textValue());
        assertTrue(tree.get("occurredAt").isTextual(), "occurredAt is an ISO-8601 string, not a number");
        assertEquals(original.eventId().toString(), tree.get("eventId").textValue());
    }

    @Test
    void callRecordedRoundTripKeepsNullOptionalFields() throws Exception {
        CallRecorded original = SampleEvents.anonymousCall();

        byte[] json = EventJson.write(original);
        CallRecorded read = EventJson.read(json, CallRecorded.class);

        assertEquals(original, read);
        assertNull(read.callerProvided());
        assertNull(read.serviceNotes());
        JsonNode tree = plain.readTree(json);
        assertTrue(tree.get("callerProvided").isNull(), "nulls are written, not omitted");
        assertTrue(tree.get("serviceNotes").isNull(), "nulls are written, not omitted");
    }

    @Test
    void partlyFilledCallerProvidedRoundTrips() {
        CallRecorded full = SampleEvents.callRecorded();
        CallRecorded original = CallRecorded.of(full.recordingId(), full.callId(), full.bucket(), full.objectKey(),
                full.sha256(), full.sizeBytes(), full.audio(), full.startedAt(), full.endedAt(),
                full.callerNumber(), full.agentExtension(), full.serviceLine(),
                new CallerProvided(null, "Kaivokatu 8", null, null), null, true, null);

        CallRecorded read = EventJson.read(EventJson.write(original), CallRecorded.class);

        assertEquals(original, read);
        assertEquals(new CallerProvided(null, "Kaivokatu 8", null, null), read.callerProvided());
        assertTrue(read.flags().isEmpty());
    }

    @Test
    void holdPlacedRoundTrip() {
        RecordingHoldChanged original = SampleEvents.holdPlaced();

        assertEquals(original, EventJson.read(EventJson.write(original), RecordingHoldChanged.class));
    }

    @Test
    void holdReleasedRoundTripKeepsNulls() {
        RecordingHoldChanged original = SampleEvents.holdReleased();

        RecordingHoldChanged read = EventJson.read(EventJson.write(original), RecordingHoldChanged.class);

        assertEquals(original, read);
        assertNull(read.reason());
        assertNull(read.caseReference());
        assertNull(read.note());
    }

    @Test
    void recordingDeletedRoundTrip() {
        RecordingDeleted original = SampleEvents.deletedByRetention();

        assertEquals(original, EventJson.read(EventJson.write(original), RecordingDeleted.class));
    }

    @Test
    void trainingCopyMadeRoundTripAndItsKeyHidesTheSource() {
        TrainingCopyMade original = SampleEvents.trainingCopyMade();

        assertEquals(original, EventJson.read(EventJson.write(original), TrainingCopyMade.class));
        assertEquals("training/" + original.copyId() + ".wav", original.objectKey());
        assertEquals(original.recordingId().toString(), original.kafkaKey());
        assertEquals(false, original.objectKey().contains(original.recordingId().toString()));
        assertEquals(true, ObjectKeys.follows(original));
    }

    @Test
    void recordingDeletedRoundTripWithoutDueAt() {
        RecordingDeleted original = SampleEvents.deletedOnErasure();

        RecordingDeleted read = EventJson.read(EventJson.writeString(original), RecordingDeleted.class);

        assertEquals(original, read);
        assertNull(read.dueAt());
    }

    @Test
    void readingAsCallrecEventPicksTheClassByType() {
        for (CallrecEvent original : SampleEvents.allFullyPopulated()) {
            CallrecEvent read = EventJson.read(EventJson.write(original), CallrecEvent.class);

            assertInstanceOf(original.getClass(), read);
            assertEquals(original, read);
        }
    }

    @Test
    void writesUtf8() {
        String json = new String(EventJson.write(SampleEvents.callRecorded()), StandardCharsets.UTF_8);

        assertTrue(json.contains("Matti Meikäläinen"), json);
    }
}
