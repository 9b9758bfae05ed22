package fi.hel.callrec.catalog.rest;

import fi.hel.callrec.catalog.CallHold;
import fi.hel.callrec.catalog.CallRecord;
import fi.hel.callrec.catalog.service.CatalogService;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The whole record of one call. */
public record CallDetail(UUID recordingId, String callId, OffsetDateTime startedAt, OffsetDateTime endedAt,
                         String callerNumber, String agentExtension, String serviceLine, CallerProvided callerProvided,
                         String serviceNotes, boolean announcementPlayed, List<String> flags, Audio audio,
                         long sizeBytes, String sha256, Hold hold) {

    /** What the caller said about themselves; each part null when not given. */
    public record CallerProvided(String name, String address, String vehicleRegistration, String contact) {
    }

    /** The stored audio's format as measured at ingest. */
    public record Audio(String codec, int sampleRateHz, int channels, int bitsPerSample, long durationMillis) {
    }

    /** The recording's hold state; {@code held} false with no other fields when it was never held. */
    public record Hold(boolean held, String reason, String caseReference, String note, String releaseReason,
                       String changedBy, Instant changedAt) {
    }

    static CallDetail of(CatalogService.CallView view) {
        CallRecord c = view.call();
        CallHold h = view.hold();
        return new CallDetail(c.recordingId, c.callId, c.startedAtLocal(), c.endedAtLocal(), c.callerNumber,
                c.agentExtension, c.serviceLine,
                new CallerProvided(c.callerName, c.callerAddress, c.vehicleRegistration, c.callerContact),
                c.serviceNotes, c.announcementPlayed, List.of(c.flags),
                new Audio(c.codec, c.sampleRateHz, c.channels, c.bitsPerSample, c.durationMillis),
                c.sizeBytes, c.sha256,
                h == null ? new Hold(false, null, null, null, null, null, null)
                        : new Hold(h.held, h.reason, h.caseReference, h.note, h.releaseReason, h.changedBy, h.changedAt));
    }
}
