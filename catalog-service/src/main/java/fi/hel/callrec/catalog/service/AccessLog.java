package fi.hel.callrec.catalog.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.hel.callrec.catalog.AccessLogEntry;
import fi.hel.callrec.commons.security.Staff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes the access log of searches, counts and views. An entry joins the transaction that reads
 * the calls, so that an answer is never given when its log entry could not be written; a search
 * page writes its entry in its own statement ({@link CallSearch#searchAndLog}).
 */
@ApplicationScoped
public class AccessLog {

    public static final String SEARCH = "search";
    public static final String COUNT = "count";
    public static final String VIEW = "view";

    private final ObjectMapper json;

    public AccessLog(ObjectMapper json) {
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Staff viewer, String action, UUID recordingId, Map<String, List<String>> filters,
                       List<UUID> shown, long count) {
        CallSearch.LogEntry of = entry(viewer, action, filters);
        AccessLogEntry entry = new AccessLogEntry();
        entry.accessedAt = of.accessedAt();
        entry.username = of.username();
        entry.roles = of.roles();
        entry.action = of.action();
        entry.recordingId = recordingId;
        entry.filters = of.filtersJson();
        entry.resultIds = shown.toArray(UUID[]::new);
        entry.resultCount = count;
        entry.persist();
    }

    /** An entry but for the recording and the calls shown, which a search page's statement adds itself. */
    public CallSearch.LogEntry entry(Staff viewer, String action, Map<String, List<String>> filters) {
        return new CallSearch.LogEntry(Instant.now(), viewer.username(),
                viewer.roles().stream().sorted().toArray(String[]::new), action, filtersJson(filters));
    }

    private String filtersJson(Map<String, List<String>> filters) {
        try {
            return json.writeValueAsString(new TreeMap<>(filters));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the access log", e);
        }
    }
}
