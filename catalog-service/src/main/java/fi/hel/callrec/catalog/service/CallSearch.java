package fi.hel.callrec.catalog.service;

import fi.hel.callrec.catalog.CallHold;
import fi.hel.callrec.catalog.CallRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.jpa.HibernateHints;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalog's queries. The viewer's scope is a condition of the query itself, never a filter
 * applied afterwards, so a search, a count and a detail view cannot disagree about what an agent
 * may see. Every search is ordered by start time, newest first, with the recording id breaking
 * ties; the cursor continues strictly after the last row of the previous page, so rows inserted
 * meanwhile never duplicate or shift a page.
 */
@ApplicationScoped
public class CallSearch {

    private final EntityManager em;

    public CallSearch(EntityManager em) {
        this.em = em;
    }

    /** A page of calls and the cursor of the next one (null on the last page). */
    public record Page(List<CallRecord> calls, Map<UUID, CallHold> holds, Cursor next) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Page search(Viewer viewer, CallFilters filters, Cursor after, int limit) {
        if (viewer.seesNothing()) {
            return new Page(List.of(), Map.of(), null);
        }
        Sql sql = where(viewer, filters);
        if (after != null) {
            sql.and("(c.started_at, c.recording_id) < (" + sql.param(after.startedAt()) + ", " + sql.param(after.recordingId()) + ")");
        }
        // One row more than asked tells whether another page exists without a count.
        String order = " ORDER BY c.started_at DESC, c.recording_id DESC LIMIT " + (limit + 1);
        String text = "SELECT c.* FROM call_record c" + sql.where() + order;
        if (filters.nameQuery() != null || filters.notesQuery() != null) {
            // With a small LIMIT the planner walks the start-time index and tests every row's words,
            // tens of thousands of rows for common words; the word index first, then a sort, is
            // bounded by the matches (measured at 1M calls: CatalogSearchBenchmark). OFFSET 0 keeps
            // the LIMIT from reaching the inner plan.
            text = "SELECT c.* FROM (SELECT c.* FROM call_record c" + sql.where() + " OFFSET 0) c" + order;
        }
        @SuppressWarnings("unchecked")
        List<CallRecord> rows = sql.bind(em.createNativeQuery(text, CallRecord.class))
                // Read-only: nothing to dirty-check when the transaction (with its access-log row) commits.
                .setHint(HibernateHints.HINT_READ_ONLY, true).getResultList();
        Cursor next = null;
        if (rows.size() > limit) {
            rows = new ArrayList<>(rows.subList(0, limit));
            CallRecord last = rows.get(limit - 1);
            next = new Cursor(last.startedAt, last.recordingId);
        }
        return new Page(rows, holdsOf(rows.stream().map(c -> c.recordingId).toList()), next);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long count(Viewer viewer, CallFilters filters) {
        if (viewer.seesNothing()) {
            return 0;
        }
        Sql sql = where(viewer, filters);
        return ((Number) sql.bind(em.createNativeQuery("SELECT count(*) FROM call_record c" + sql.where()))
                .getSingleResult()).longValue();
    }

    /** The call, when it exists and the viewer may see it; otherwise empty, alike for both cases. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<CallRecord> find(Viewer viewer, UUID recordingId) {
        if (viewer.seesNothing()) {
            return Optional.empty();
        }
        return CallRecord.<CallRecord>findByIdOptional(recordingId)
                .filter(c -> viewer.onlyExtension() == null || viewer.onlyExtension().equals(c.agentExtension));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<CallHold> holdOf(UUID recordingId) {
        return CallHold.findByIdOptional(recordingId);
    }

    private Map<UUID, CallHold> holdsOf(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<CallHold> holds = CallHold.list("recordingId in ?1", ids);
        return holds.stream().collect(Collectors.toMap(h -> h.recordingId, Function.identity()));
    }

    private static Sql where(Viewer viewer, CallFilters f) {
        Sql sql = new Sql();
        if (viewer.onlyExtension() != null) {
            sql.and("c.agent_extension = " + sql.param(viewer.onlyExtension()));
        }
        if (f.from() != null) {
            sql.and("c.started_at >= " + sql.param(f.from()));
        }
        if (f.to() != null) {
            sql.and("c.started_at < " + sql.param(f.to()));
        }
        if (f.callerNumber() != null) {
            sql.and("c.caller_number = " + sql.param(f.callerNumber()));
        }
        if (f.agentExtension() != null) {
            sql.and("c.agent_extension = " + sql.param(f.agentExtension()));
        }
        if (f.plateKey() != null) {
            sql.and("c.plate_key = " + sql.param(f.plateKey()));
        }
        if (f.nameQuery() != null) {
            sql.and("c.name_words @@ to_tsquery('simple', " + sql.param(f.nameQuery()) + ")");
        }
        if (f.notesQuery() != null) {
            sql.and("c.notes_words @@ to_tsquery('simple', " + sql.param(f.notesQuery()) + ")");
        }
        if (f.serviceLine() != null) {
            sql.and("c.service_line = " + sql.param(f.serviceLine()));
        }
        if (f.held() != null) {
            sql.and((f.held() ? "" : "NOT ")
                    + "EXISTS (SELECT 1 FROM call_hold h WHERE h.recording_id = c.recording_id AND h.held)");
        }
        if (f.flagged() != null) {
            sql.and(f.flagged() ? "cardinality(c.flags) > 0" : "cardinality(c.flags) = 0");
        }
        for (String flag : f.flags()) {
            sql.and(sql.param(flag) + " = ANY (c.flags)");
        }
        return sql;
    }

    /** Conditions joined with AND, every value a bound parameter. */
    private static final class Sql {
        private final List<String> conditions = new ArrayList<>();
        private final Map<String, Object> params = new LinkedHashMap<>();

        String param(Object value) {
            String name = "p" + params.size();
            params.put(name, value);
            return ":" + name;
        }

        void and(String condition) {
            conditions.add(condition);
        }

        String where() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }

        Query bind(Query query) {
            params.forEach(query::setParameter);
            return query;
        }
    }
}
