package fi.hel.callrec.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * An anonymised training copy of a recording is being written. Keyed by the source recording, so
 * that it lands in the source's partition. retention-service keeps the copy's key beside its source
 * and destroys both in one step. Produced by access-service before the copy's first byte is
 * stored, so that no copy exists that retention does not know of.
 *
 * @param recordingId the source recording
 * @param copyId      the copy's own id; its key does not contain the source's id
 * @param bucket      object-store bucket of the copy
 * @param objectKey   the copy's key, {@code training/<copyId>.wav}
 * @param madeAt      when the copy was requested
 */
public record TrainingCopyMade(
        @JsonProperty(required = true) UUID eventId,
        @JsonProperty(required = true) String type,
        @JsonProperty(required = true) int version,
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) UUID recordingId,
        @JsonProperty(required = true) UUID copyId,
        @JsonProperty(required = true) String bucket,
        @JsonProperty(required = true) String objectKey,
        @JsonProperty(required = true) Instant madeAt) implements CallrecEvent {

    public static final String TYPE = "training-copy-made";
    public static final int VERSION = 1;

    public TrainingCopyMade {
        Checks.required(eventId, "eventId");
        Checks.constant(TYPE, type, "type");
        Checks.constant(VERSION, version, "version");
        Checks.required(occurredAt, "occurredAt");
        Checks.required(recordingId, "recordingId");
        Checks.required(copyId, "copyId");
        Checks.requiredText(bucket, "bucket");
        Checks.requiredText(objectKey, "objectKey");
        Checks.required(madeAt, "madeAt");
    }

    /** A new event with a fresh eventId, the current type and version, and occurredAt = now. */
    public static TrainingCopyMade of(UUID recordingId, UUID copyId, String bucket, Instant madeAt) {
        return new TrainingCopyMade(UUID.randomUUID(), TYPE, VERSION, Instant.now(), recordingId, copyId, bucket,
                ObjectKeys.ofTrainingCopy(copyId), madeAt);
    }
}
