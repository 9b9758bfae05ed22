package fi.hel.callrec.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventJsonReadErrorsTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    @Test
    void malformedJsonIsRejected() {
        byte[] truncated = "{\"eventId\":\"0b7e8c1e-5d0a-4c56-9a55-2f3f1d6c2a11\",\"type\":".getBytes(StandardCharsets.UTF_8);

        assertInvalid(() -> EventJson.read(truncated, CallRecorded.class), "malformed JSON");
    }

    @Test
    void trailingContentIsRejected() {
        String json = EventJson.writeString(SampleEvents.deletedByRetention()) + " {}";

        assertInvalid(() -> EventJson.read(json, RecordingDeleted.class), "malformed JSON");
    }

    @Test
    void emptyAndNullPayloadsAreRejected() {
        assertInvalid(() -> EventJson.read(new byte[0], CallRecorded.class), "empty payload");
        assertInvalid(() -> EventJson.read((byte[]) null, CallRecorded.class), "empty payload");
        assertInvalid(() -> EventJson.read("   ", CallRecorded.class), "expected a JSON object");
    }

    @Test
    void nonObjectJsonIsRejected() {
        assertInvalid(() -> EventJson.read("[1,2]", CallRecorded.class), "expected a JSON object");
        assertInvalid(() -> EventJson.read("\"call-recorded\"", CallRecorded.class), "expected a JSON object");
    }

    @Test
    void missingRecordingIdIsRejected() {
        byte[] json = mutate(SampleEvents.callRecorded(), tree -> tree.remove("recordingId"));

        assertInvalid(() -> EventJson.read(json, CallRecorded.class), "missing required field 'recordingId'");
    }

    @Test
    void nullRecordingIdIsRejected() {
        byte[] json = mutate(SampleEvents.holdPlaced(), tree -> tree.putNull("recordingId"));

        assertInvalid(() -> EventJson.read(json, RecordingHoldChanged.class), "recordingId is required");
    }

    @Test
    void missingNestedRequiredFieldIsRejected() {
        byte[] json = mutate(SampleEvents.callRecorded(), tree -> ((ObjectNode) tree.get("audio")).remove("codec"));

        assertInvalid(() -> EventJson.read(json, CallRecorded.class), "missing required field 'audio.codec'");
    }

    @Test
    void missingBooleanIsRejectedRatherThanReadAsFalse() {
        byte[] json = mutate(SampleEvents.holdPlaced(), tree -> tree.remove("held"));

        assertInvalid(() -> EventJson.read(json, RecordingHoldChanged.class), "held");
    }

    @Test
    void nullBooleanIsRejectedRatherThanReadAsFalse() {
        byte[] json = mutate(SampleEvents.holdPlaced(), tree -> tree.putNull("held"));

        assertInvalid(() -> EventJson.read(json, RecordingHoldChanged.class), "held");
    }

    @Test
    void numberAsStringIsRejected() {
        byte[] json = mutate(SampleEvents.callRecorded(), tree -> tree.put("sizeBytes", "1234"));

        assertInvalid(() -> EventJson.read(json, CallRecorded.class), "sizeBytes");
    }

    @Test
    void numberAsTextIsRejected() {
        byte[] callId = mutate(SampleEvents.callRecorded(), tree -> tree.put("callId", 123));
        byte[] flag = mutate(SampleEvents.callRecorded(), tree -> tree.putArray("flags").add(true));

        assertInvalid(() -> EventJson.read(callId, CallRecorded.class), "callId");
        assertInvalid(() -> EventJson.read(flag, CallRecorded.class), "flags[0]");
    }

    @Test
    void malformedUuidIsRejected() {
        byte[] json = mutate(SampleEvents.deletedByRetention(), tree -> tree.put("recordingId", "not-a-uuid"));

        assertInvalid(() -> EventJson.read(json, RecordingDeleted.class), "recordingId");
    }

    @Test
    void uppercaseChecksumIsRejected() {
        byte[] json = mutate(SampleEvents.callRecorded(),
                tree -> tree.put("sha256", SampleEvents.SHA256.toUpperCase()));

        assertInvalid(() -> EventJson.read(json, CallRecorded.class), "sha256");
    }

    @Test
    void wrongTypeIsRejected() {
        byte[] json = EventJson.write(SampleEvents.callRecorded());

        InvalidEventException e = assertInvalid(() -> EventJson.read(json, RecordingDeleted.class),
                "expected type 'recording-deleted' but got 'call-recorded'");
        assertTrue(e.getMessage().contains("eventId"), "names the event for the dead-letter triage: " + e.getMessage());
    }

    @Test
    void missingTypeIsRejected() {
        byte[] json = mutate(SampleEvents.deletedByRetention(), tree -> tree.remove("type"));

        assertInvalid(() -> EventJson.read(json, RecordingDeleted.class), "missing field 'type'");
    }

    @Test
    void unknownTypeIsRejectedWhenReadingAnyEvent() {
        byte[] json = mutate(SampleEvents.deletedByRetention(), tree -> tree.put("type", "recording-restored"));

        assertInvalid(() -> EventJson.read(json, CallrecEvent.class), "unknown event type 'recording-restored'");
    }

    @Test
    void unknownFutureVersionIsRejected() {
        byte[] json = mutate(SampleEvents.callRecorded(), tree -> {
            tree.put("version", CallRecorded.VERSION + 1);
            // A future version may well rename fields; the version must be the reason given.
            tree.set("recording", tree.remove("recordingId"));
        });

        assertInvalid(() -> EventJson.read(json, CallRecorded.class),
                "unsupported version " + (CallRecorded.VERSION + 1) + " of call-recorded");
    }

    @Test
    void missingOrNonIntegerVersionIsRejected() {
        byte[] missing = mutate(SampleEvents.holdReleased(), tree -> tree.remove("version"));
        byte[] text = mutate(SampleEvents.holdReleased(), tree -> tree.put("version", "1"));
        byte[] fraction = mutate(SampleEvents.holdReleased(), tree -> tree.put("version", 1.5));

        assertInvalid(() -> EventJson.read(missing, RecordingHoldChanged.class), "missing field 'version'");
        assertInvalid(() -> EventJson.read(text, RecordingHoldChanged.class), "must be an integer");
        assertInvalid(() -> EventJson.read(fraction, RecordingHoldChanged.class), "must be an integer");
    }

    @Test
    void unknownExtraFieldsAreIgnored() {
        CallRecorded original = SampleEvents.callRecorded();
        byte[] json = mutate(original, tree -> {
            tree.put("queueWaitMillis", 42_000);
            tree.putObject("transcript").put("language", "fi");
            ((ObjectNode) tree.get("audio")).put("container", "wav");
            ((ObjectNode) tree.get("callerProvided")).put("preferredLanguage", "sv");
        });

        assertEquals(original, EventJson.read(json, CallRecorded.class));
    }

    @Test
    void absentNullableFieldsReadAsNull() {
        // A producer of the same version that predates a nullable field does not write it.
        CallRecorded original = SampleEvents.anonymousCall();
        byte[] json = mutate(original, tree -> {
            tree.remove("callerProvided");
            tree.remove("serviceNotes");
        });

        assertEquals(original, EventJson.read(json, CallRecorded.class));
    }

    @Test
    void noValueOfTheRecordReachesTheMessageOrItsCauses() {
        String canary = "Maija Kanarialintu 040 999 8877";
        String whole = EventJson.writeString(SampleEvents.callRecorded());
        java.util.List<byte[]> records = java.util.List.of(
                // Malformed JSON cut inside the caller's name.
                whole.substring(0, whole.indexOf("\"callerProvided\"")).concat("\"callerProvided\":{\"name\":\"" + canary)
                        .getBytes(StandardCharsets.UTF_8),
                ("{\"note\": \"" + canary + "\" ").getBytes(StandardCharsets.UTF_8),
                mutate(SampleEvents.callRecorded(), tree -> tree.put("startedAt", canary)),
                mutate(SampleEvents.callRecorded(), tree -> tree.put("recordingId", canary)),
                mutate(SampleEvents.callRecorded(), tree -> tree.put("sizeBytes", canary)),
                mutate(SampleEvents.callRecorded(), tree -> tree.put("type", canary)),
                mutate(SampleEvents.callRecorded(), tree -> tree.put("version", canary)),
                mutate(SampleEvents.callRecorded(), tree -> tree.put("eventId", canary).put("type", "recording-deleted")),
                mutate(SampleEvents.callRecorded(), tree -> ((ObjectNode) tree.get("audio")).put("codec", 7).put("channels", canary)),
                mutate(SampleEvents.holdPlaced(), tree -> tree.put("held", canary)));
        for (byte[] record : records) {
            InvalidEventException e = assertThrows(InvalidEventException.class, () -> EventJson.read(record, CallRecorded.class));
            for (Throwable t = e; t != null; t = t.getCause()) {
                String message = String.valueOf(t.getMessage());
                assertTrue(!message.contains("Kanarialintu") && !message.contains("999 8877"),
                        () -> "the message quotes the record: " + message);
            }
        }
    }

    private static InvalidEventException assertInvalid(Executable read, String expectedInMessage) {
        InvalidEventException e = assertThrows(InvalidEventException.class, read);
        assertTrue(e.getMessage().contains(expectedInMessage),
                () -> "expected the message to contain '" + expectedInMessage + "' but was: " + e.getMessage());
        return e;
    }

    private static byte[] mutate(CallrecEvent event, Consumer<ObjectNode> change) {
        try {
            ObjectNode tree = (ObjectNode) PLAIN.readTree(EventJson.write(event));
            change.accept(tree);
            return PLAIN.writeValueAsBytes(tree);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
