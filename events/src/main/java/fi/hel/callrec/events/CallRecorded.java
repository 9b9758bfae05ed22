package fi.hel.callrec.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A call's audio is stored and its metadata is final. Produced by ingest-service once the upload
 * is durable; consumed by catalog-service, access-service and retention-service.
 *
 * @param recordingId        id given by ingest-service; also the Kafka key
 * @param callId             the telephony platform's id of the call; ingest is idempotent on it
 * @param bucket             object-store bucket holding the audio
 * @param objectKey          object key within the bucket
 * @param sha256             SHA-256 of the stored object, 64 lowercase hex digits
 * @param sizeBytes          size of the stored object
 * @param audio              encoding of the stored audio
 * @param startedAt          call start as reported by the platform, with its offset
 * @param endedAt            call end as reported by the platform, with its offset
 * @param callerNumber       E.164 number, or {@code anonymous} when withheld
 * @param agentExtension     extension of the agent who took the call; decides who may listen
 * @param serviceLine        a {@link ServiceLine} code; unknown codes must be tolerated
 * @param callerProvided     what the caller told about themselves, or null when nothing
 * @param serviceNotes       the agent's free-text notes, or null
 * @param announcementPlayed whether the caller heard that the call is recorded
 * @param flags              {@link CallFlags} values; empty, never null
 */
public record CallRecorded(
        @JsonProperty(required = true) UUID eventId,
        @JsonProperty(required = true) String type,
        @JsonProperty(required = true) int version,
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) UUID recordingId,
        @JsonProperty(required = true) String callId,
        @JsonProperty(required = true) String bucket,
        @JsonProperty(required = true) String objectKey,
        @JsonProperty(required = true) String sha256,
        @JsonProperty(required = true) long sizeBytes,
        @JsonProperty(required = true) AudioFormat audio,
        @JsonProperty(required = true) OffsetDateTime startedAt,
        @JsonProperty(required = true) OffsetDateTime endedAt,
        @JsonProperty(required = true) String callerNumber,
        @JsonProperty(required = true) String agentExtension,
        @JsonProperty(required = true) String serviceLine,
        CallerProvided callerProvided,
        String serviceNotes,
        @JsonProperty(required = true) boolean announcementPlayed,
        @JsonProperty(required = true) List<String> flags) implements CallrecEvent {

    public static final String TYPE = "call-recorded";
    public static final int VERSION = 1;

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public CallRecorded {
        Checks.required(eventId, "eventId");
        Checks.constant(TYPE, type, "type");
        Checks.constant(VERSION, version, "version");
        Checks.required(occurredAt, "occurredAt");
        Checks.required(recordingId, "recordingId");
        Checks.requiredText(callId, "callId");
        Checks.requiredText(bucket, "bucket");
        Checks.requiredText(objectKey, "objectKey");
        Checks.required(sha256, "sha256");
        // Consumers compare checksums as strings; one spelling avoids false mismatches.
        if (!SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits but was '" + sha256 + "'");
        }
        Checks.notNegative(sizeBytes, "sizeBytes");
        Checks.required(audio, "audio");
        Checks.required(startedAt, "startedAt");
        Checks.required(endedAt, "endedAt");
        Checks.requiredText(callerNumber, "callerNumber");
        Checks.requiredText(agentExtension, "agentExtension");
        Checks.requiredText(serviceLine, "serviceLine");
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    /** A new event with a fresh eventId, the current type and version, and occurredAt = now. */
    public static CallRecorded of(UUID recordingId, String callId, String bucket, String objectKey,
                                  String sha256, long sizeBytes, AudioFormat audio,
                                  OffsetDateTime startedAt, OffsetDateTime endedAt,
                                  String callerNumber, String agentExtension, String serviceLine,
                                  CallerProvided callerProvided, String serviceNotes,
                                  boolean announcementPlayed, List<String> flags) {
        return new CallRecorded(UUID.randomUUID(), TYPE, VERSION, Instant.now(), recordingId, callId,
                bucket, objectKey, sha256, sizeBytes, audio, startedAt, endedAt, callerNumber,
                agentExtension, serviceLine, callerProvided, serviceNotes, announcementPlayed, flags);
    }

    /** The service line, or empty when the code is one this version does not know. */
    public Optional<ServiceLine> knownServiceLine() {
        return ServiceLine.fromCode(serviceLine);
    }

    public boolean hasFlag(String flag) {
        return flags.contains(flag);
    }
}
