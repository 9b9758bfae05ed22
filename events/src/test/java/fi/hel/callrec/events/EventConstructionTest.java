package fi.hel.callrec.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventConstructionTest {

    @Test
    void factoriesFillTheConstantFields() {
        Instant before = Instant.now();
        CallRecorded recorded = SampleEvents.callRecorded();
        RecordingHoldChanged hold = SampleEvents.holdPlaced();
        RecordingDeleted deleted = SampleEvents.deletedByRetention();

        assertEquals(CallRecorded.TYPE, recorded.type());
        assertEquals(CallRecorded.VERSION, recorded.version());
        assertEquals(RecordingHoldChanged.TYPE, hold.type());
        assertEquals(RecordingHoldChanged.VERSION, hold.version());
        assertEquals(RecordingDeleted.TYPE, deleted.type());
        assertEquals(RecordingDeleted.VERSION, deleted.version());
        for (CallrecEvent event : List.of(recorded, hold, deleted)) {
            assertNotNull(event.eventId());
            assertFalse(event.occurredAt().isBefore(before));
        }
        assertNotEquals(SampleEvents.callRecorded().eventId(), recorded.eventId());
    }

    @Test
    void constructorNamesTheMissingField() {
        RecordingDeleted d = SampleEvents.deletedByRetention();

        assertMessage(NullPointerException.class, "recordingId is required", () -> new RecordingDeleted(
                d.eventId(), d.type(), d.version(), d.occurredAt(), null, d.objectKey(), d.reason(), d.dueAt(), d.deletedAt()));
        assertMessage(NullPointerException.class, "eventId is required", () -> new RecordingDeleted(
                null, d.type(), d.version(), d.occurredAt(), d.recordingId(), d.objectKey(), d.reason(), d.dueAt(), d.deletedAt()));
        assertMessage(NullPointerException.class, "occurredAt is required", () -> new RecordingDeleted(
                d.eventId(), d.type(), d.version(), null, d.recordingId(), d.objectKey(), d.reason(), d.dueAt(), d.deletedAt()));
        assertMessage(NullPointerException.class, "deletedAt is required", () -> RecordingDeleted.of(
                d.recordingId(), d.objectKey(), d.reason(), d.dueAt(), null));
        assertMessage(NullPointerException.class, "audio.codec is required",
                () -> new AudioFormat(null, 8000, 1, 8, 10));
    }

    @Test
    void constructorRejectsAnotherTypeOrVersion() {
        RecordingDeleted d = SampleEvents.deletedByRetention();

        assertMessage(IllegalArgumentException.class, "type must be 'recording-deleted'", () -> new RecordingDeleted(
                d.eventId(), "call-recorded", d.version(), d.occurredAt(), d.recordingId(), d.objectKey(), d.reason(), d.dueAt(), d.deletedAt()));
        assertMessage(IllegalArgumentException.class, "version must be 1", () -> new RecordingDeleted(
                d.eventId(), d.type(), 2, d.occurredAt(), d.recordingId(), d.objectKey(), d.reason(), d.dueAt(), d.deletedAt()));
    }

    @Test
    void aHoldNeedsAReason() {
        assertMessage(NullPointerException.class, "reason (when held) is required", () -> RecordingHoldChanged.placed(
                UUID.randomUUID(), null, null, null, "supervisor1", Instant.now()));
        assertMessage(IllegalArgumentException.class, "releaseReason must be null when held", () -> RecordingHoldChanged.of(
                UUID.randomUUID(), true, HoldReasons.CRIME, null, null, "done", "supervisor1", Instant.now()));
    }

    @Test
    void aReleaseNeedsNoReason() {
        RecordingHoldChanged released = SampleEvents.holdReleased();

        assertFalse(released.held());
        assertNull(released.reason());
        assertEquals("Case closed", released.releaseReason());
    }

    @Test
    void flagsAreNeverNullAndCannotChangeAfterwards() {
        CallRecorded c = SampleEvents.callRecorded();
        List<String> flags = new ArrayList<>(List.of(CallFlags.NO_ANNOUNCEMENT));
        CallRecorded withFlags = CallRecorded.of(c.recordingId(), c.callId(), c.bucket(), c.objectKey(), c.sha256(),
                c.sizeBytes(), c.audio(), c.startedAt(), c.endedAt(), c.callerNumber(), c.agentExtension(),
                c.serviceLine(), null, null, false, flags);
        CallRecorded withoutFlags = CallRecorded.of(c.recordingId(), c.callId(), c.bucket(), c.objectKey(), c.sha256(),
                c.sizeBytes(), c.audio(), c.startedAt(), c.endedAt(), c.callerNumber(), c.agentExtension(),
                c.serviceLine(), null, null, true, null);

        flags.add(CallFlags.DURATION_MISMATCH);

        assertEquals(List.of(CallFlags.NO_ANNOUNCEMENT), withFlags.flags());
        assertTrue(withFlags.hasFlag(CallFlags.NO_ANNOUNCEMENT));
        assertThrows(UnsupportedOperationException.class, () -> withFlags.flags().add("x"));
        assertEquals(List.of(), withoutFlags.flags());
    }

    @Test
    void serviceLineCodes() {
        assertEquals("streets-and-green-areas", ServiceLine.STREETS_AND_GREEN_AREAS.code());
        assertEquals("feedback", ServiceLine.FEEDBACK.code());
        assertEquals("parking-and-fines", ServiceLine.PARKING_AND_FINES.code());
        assertEquals("parking-permits", ServiceLine.PARKING_PERMITS.code());
        for (ServiceLine line : ServiceLine.values()) {
            assertEquals(Optional.of(line), ServiceLine.fromCode(line.code()));
        }
        assertEquals(Optional.empty(), ServiceLine.fromCode("snow-ploughing"));
        assertEquals(Optional.empty(), ServiceLine.fromCode(null));
        assertEquals(Optional.of(ServiceLine.PARKING_PERMITS), SampleEvents.callRecorded().knownServiceLine());
    }

    @Test
    void anUnknownServiceLineCodeIsStillAValidEvent() {
        CallRecorded c = SampleEvents.callRecorded();
        CallRecorded newLine = CallRecorded.of(c.recordingId(), c.callId(), c.bucket(), c.objectKey(), c.sha256(),
                c.sizeBytes(), c.audio(), c.startedAt(), c.endedAt(), c.callerNumber(), c.agentExtension(),
                "snow-ploughing", null, null, true, List.of());

        assertEquals(newLine, EventJson.read(EventJson.write(newLine), CallRecorded.class));
        assertEquals(Optional.empty(), newLine.knownServiceLine());
    }

    private static void assertMessage(Class<? extends Exception> type, String expected, Executable executable) {
        Exception e = assertThrows(type, executable);
        assertTrue(e.getMessage().contains(expected),
                () -> "expected the message to contain '" + expected + "' but was: " + e.getMessage());
    }
}
