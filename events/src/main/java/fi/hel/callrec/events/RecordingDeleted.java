package fi.hel.callrec.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * A recording's audio was removed from the object store. Consumers drop what they hold about it
 * (catalog-service its metadata, access-service its projection). Produced by retention-service.
 *
 * @param objectKey the key that was removed
 * @param reason    a {@link DeletionReasons} value
 * @param dueAt     when retention made the recording due, or null when not deleted by retention
 * @param deletedAt when the object was removed
 */
public record RecordingDeleted(
        @JsonProperty(required = true) UUID eventId,
        @JsonProperty(required = true) String type,
        @JsonProperty(required = true) int version,
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) UUID recordingId,
        @JsonProperty(required = true) String objectKey,
        @JsonProperty(required = true) String reason,
        Instant dueAt,
        @JsonProperty(required = true) Instant deletedAt) implements CallrecEvent {

    public static final String TYPE = "recording-deleted";
    public static final int VERSION = 1;

    public RecordingDeleted {
        Checks.required(eventId, "eventId");
        Checks.constant(TYPE, type, "type");
        Checks.constant(VERSION, version, "version");
        Checks.required(occurredAt, "occurredAt");
        Checks.required(recordingId, "recordingId");
        Checks.requiredText(objectKey, "objectKey");
        Checks.requiredText(reason, "reason");
        Checks.required(deletedAt, "deletedAt");
    }

    /** A new event with a fresh eventId, the current type and version, and occurredAt = now. */
    public static RecordingDeleted of(UUID recordingId, String objectKey, String reason,
                                      Instant dueAt, Instant deletedAt) {
        return new RecordingDeleted(UUID.randomUUID(), TYPE, VERSION, Instant.now(), recordingId,
                objectKey, reason, dueAt, deletedAt);
    }
}
