package fi.hel.callrec.ingest.rest;

import fi.hel.callrec.commons.phone.PhoneNumbers;
import fi.hel.callrec.commons.problem.Problem;
import fi.hel.callrec.commons.problem.ProblemException;
import fi.hel.callrec.events.CallerProvided;
import fi.hel.callrec.events.ServiceLine;
import fi.hel.callrec.ingest.service.Upload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.InputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.lang3.StringUtils;
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

    private static final String ACCEPTED_LINES = Arrays.stream(ServiceLine.values())
            .map(ServiceLine::code).collect(Collectors.joining(", "));

    /** The upload of this call, after the checks an annotation cannot make; the number in E.164. */
    Upload toUpload(InputStream audio, long lengthHint, Duration clockSkew) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String number = null;
        try {
            number = PhoneNumbers.normalize(callerNumber);
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError("metadata.callerNumber", e.getMessage()));
        }
        ServiceLine line = ServiceLine.fromCode(serviceLine).orElse(null);
        if (line == null) {
            errors.add(new Problem.FieldError("metadata.serviceLine",
                    "unknown service line '" + serviceLine + "'; accepted: " + ACCEPTED_LINES));
        }
        if (endedAt.isBefore(startedAt)) {
            errors.add(new Problem.FieldError("metadata.endedAt", "must not be before startedAt"));
        }
        if (startedAt.isAfter(OffsetDateTime.now().plus(clockSkew))) {
            errors.add(new Problem.FieldError("metadata.startedAt", "must not be in the future"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "The metadata is not valid: " + errors.size() + " field(s) rejected.", errors);
        }
        return new Upload(callId, startedAt, endedAt, number, agentExtension, line,
                callerProvided == null ? null : callerProvided.stripped(), StringUtils.stripToNull(serviceNotes),
                announcementPlayed, audio, lengthHint);
    }

    /** Caller-provided data; every part optional. */
    @Schema(name = "CallerProvided")
    public record CallerProvidedData(
            @Size(max = 200) String name,
            @Size(max = 500) String address,
            @Size(max = 20) @Pattern(regexp = "[\\p{L}0-9 -]*", message = "must be letters, digits, spaces or hyphens") String vehicleRegistration,
            @Size(max = 200) String contact) {

        /** Blank parts as null; null when nothing is left. */
        CallerProvided stripped() {
            CallerProvided c = new CallerProvided(StringUtils.stripToNull(name), StringUtils.stripToNull(address),
                    StringUtils.stripToNull(vehicleRegistration), StringUtils.stripToNull(contact));
            return c.name() == null && c.address() == null && c.vehicleRegistration() == null && c.contact() == null
                    ? null : c;
        }
    }
}
