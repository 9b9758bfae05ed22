package fi.hel.callrec.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * A hold on a recording was placed or released. A held recording is never deleted by retention.
 * Produced by retention-service, the only authority on holds; consumed by catalog-service.
 *
 * @param held          true when a hold is now in place, false when it was released
 * @param reason        a {@link HoldReasons} value; required when held
 * @param caseReference police or insurance case number, or null
 * @param note          free text from the person who changed the hold, or null
 * @param releaseReason why the hold was released; null while held
 * @param changedBy     username of the supervisor or manager who changed the hold
 * @param changedAt     when the hold state changed in retention-service
 */
public record RecordingHoldChanged(
        @JsonProperty(required = true) UUID eventId,
        @JsonProperty(required = true) String type,
        @JsonProperty(required = true) int version,
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) UUID recordingId,
        @JsonProperty(required = true) boolean held,
        String reason,
        String caseReference,
        String note,
        String releaseReason,
        @JsonProperty(required = true) String changedBy,
        @JsonProperty(required = true) Instant changedAt) implements CallrecEvent {

    public static final String TYPE = "recording-hold-changed";
    public static final int VERSION = 1;

    public RecordingHoldChanged {
        Checks.required(eventId, "eventId");
        Checks.constant(TYPE, type, "type");
        Checks.constant(VERSION, version, "version");
        Checks.required(occurredAt, "occurredAt");
        Checks.required(recordingId, "recordingId");
        if (held) {
            // A hold without a reason cannot be reviewed, and a release reason on a hold is contradictory.
            Checks.requiredText(reason, "reason (when held)");
            if (releaseReason != null) {
                throw new IllegalArgumentException("releaseReason must be null when held");
            }
        }
        Checks.requiredText(changedBy, "changedBy");
        Checks.required(changedAt, "changedAt");
    }

    /** A new event with a fresh eventId, the current type and version, and occurredAt = now. */
    public static RecordingHoldChanged of(UUID recordingId, boolean held, String reason,
                                          String caseReference, String note, String releaseReason,
                                          String changedBy, Instant changedAt) {
        return new RecordingHoldChanged(UUID.randomUUID(), TYPE, VERSION, Instant.now(), recordingId,
                held, reason, caseReference, note, releaseReason, changedBy, changedAt);
    }

    /** A hold was placed. */
    public static RecordingHoldChanged placed(UUID recordingId, String reason, String caseReference,
                                              String note, String changedBy, Instant changedAt) {
        return of(recordingId, true, reason, caseReference, note, null, changedBy, changedAt);
    }

    /** A hold was released; the reason of the original hold is not repeated. */
    public static RecordingHoldChanged released(UUID recordingId, String releaseReason, String note,
                                                String changedBy, Instant changedAt) {
        return of(recordingId, false, null, null, note, releaseReason, changedBy, changedAt);
    }
}
