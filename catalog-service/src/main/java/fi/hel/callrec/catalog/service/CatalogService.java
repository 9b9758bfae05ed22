package fi.hel.callrec.catalog.service;

import fi.hel.callrec.catalog.CallHold;
import fi.hel.callrec.catalog.CallRecord;
import fi.hel.callrec.commons.security.Staff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What users do with the catalog: each search, count and view is answered and logged in one transaction. */
@ApplicationScoped
public class CatalogService {

    private final CallSearch search;
    private final AccessLog log;

    public CatalogService(CallSearch search, AccessLog log) {
        this.search = search;
        this.log = log;
    }

    /** A call and its hold state (null when it was never held). */
    public record CallView(CallRecord call, CallHold hold) {
    }

    /** A page of calls, returned once its access-log entry is committed ({@link CallSearch#searchAndLog}). */
    public CallSearch.Page search(Staff viewer, CallFilters filters, Cursor after, int limit,
                                  Map<String, List<String>> asAsked) {
        return search.searchAndLog(viewer, filters, after, limit, log.entry(viewer, AccessLog.SEARCH, asAsked));
    }

    /** The count, or with {@code upTo} the count up to one past it (so that "more" can be told). */
    @Transactional
    public long count(Staff viewer, CallFilters filters, Integer upTo, Map<String, List<String>> asAsked) {
        long count = search.count(viewer, filters, upTo);
        log.record(viewer, AccessLog.COUNT, null, asAsked, List.of(), count);
        return count;
    }

    /** The call when the viewer may see it; logged also when not, even for no UUID: misses are what probing is. */
    public Optional<CallView> view(Staff viewer, String id) {
        UUID recordingId;
        try {
            recordingId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            // No call has this id; its row names what was asked instead of a recording.
            return search.viewAndLog(viewer, null, log.entry(viewer, AccessLog.VIEW, Map.of("id", List.of(id))));
        }
        return search.viewAndLog(viewer, recordingId, log.entry(viewer, AccessLog.VIEW, Map.of()));
    }
}
