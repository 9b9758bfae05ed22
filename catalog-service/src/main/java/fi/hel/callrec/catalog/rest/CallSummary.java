package fi.hel.callrec.catalog.rest;

import fi.hel.callrec.catalog.service.CallSearch;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** One call in a result list: enough to recognise it; the detail view has the rest. */
public record CallSummary(UUID recordingId, OffsetDateTime startedAt, OffsetDateTime endedAt, long durationMillis,
                          String callerNumber, String agentExtension, String serviceLine, String callerName,
                          String vehicleRegistration, boolean held, List<String> flags) {

    static CallSummary of(CallSearch.Found c) {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(c.utcOffsetSeconds());
        return new CallSummary(c.recordingId(), c.startedAt().atOffset(offset), c.endedAt().atOffset(offset),
                c.durationMillis(),
                c.callerNumber(), c.agentExtension(), c.serviceLine(), c.callerName(), c.vehicleRegistration(), c.held(),
                c.flags());
    }
}
