package fi.hel.callrec.ingest.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The {@code metadata} part of an upload: what the telephony platform knows about the call. */
@Schema(name = "RecordingMetadata")
public record RecordingMetadata(
        @Schema(description = "The telephony platform's id of the call; one recording per call id", example = "pbx-2026-11-28-000123")
        @NotBlank @Size(max = 200) @Pattern(regexp = "\\p{Graph}+", message = "must be printable characters without spaces")
        String callId,

        @Schema(description = "When the call was answered, ISO-8601 with offset", example = "2026-11-28T09:15:00+02:00")
        @NotNull OffsetDateTime startedAt,

        @Schema(description = "When the call ended, ISO-8601 with offset", example = "2026-11-28T09:20:00+02:00")
        @NotNull OffsetDateTime endedAt,

        @Schema(description = "Caller's number, E.164 or Finnish national; \"anonymous\" when withheld", example = "040 123 4567")
        @NotBlank @Size(max = 40) String callerNumber,

        @Schema(description = "Extension number of the answering agent", example = "1001")
        @NotBlank @Pattern(regexp = "[0-9]{2,10}", message = "must be 2 to 10 digits") String agentExtension,

        @Schema(description = "Service line: streets-and-green-areas, feedback, parking-and-fines, parking-permits", example = "parking-and-fines")
        @NotBlank String serviceLine,

        @Schema(description = "What the caller said about themselves")
        @Valid CallerProvidedData callerProvided,

        @Schema(description = "Notes made while serving the caller: topic, case references")
        @Size(max = 10000) String serviceNotes,

        @Schema(description = "Whether the caller heard the recording notice before the call was answered")
        @NotNull Boolean announcementPlayed) {

    /** Caller-provided data; every part optional. */
    @Schema(name = "CallerProvided")
    public record CallerProvidedData(
            @Size(max = 200) String name,
            @Size(max = 500) String address,
            @Size(max = 20) @Pattern(regexp = "[\\p{L}0-9 -]*", message = "must be letters, digits, spaces or hyphens") String vehicleRegistration,
            @Size(max = 200) String contact) {
    }
}
