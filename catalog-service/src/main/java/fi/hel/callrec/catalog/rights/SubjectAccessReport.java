package fi.hel.callrec.catalog.rights;

import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Every call still held of one subject, for the subject (R12). */
@TemplateData
public record SubjectAccessReport(UUID requestId, String subjectNumber, String subjectName, LocalDate receivedOn,
                                  Instant producedAt, String producedBy, List<Call> calls) {

    /** One call: its times, line, what the caller said, the notes, whether it is held, and its audio. */
    @TemplateData
    public record Call(UUID recordingId, OffsetDateTime startedAt, OffsetDateTime endedAt, long durationSeconds,
                       String serviceLine, String callerName, String callerAddress, String vehicleRegistration,
                       String callerContact, String serviceNotes, boolean held, Instant heldSince, String audioUrl) {
    }
}
