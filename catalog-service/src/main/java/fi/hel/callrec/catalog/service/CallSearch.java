package fi.hel.callrec.catalog.service;

import fi.hel.callrec.catalog.CallHold;
import fi.hel.callrec.catalog.CallRecord;
import fi.hel.callrec.commons.security.Staff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.FieldMapper;

/**
 * The catalog's queries. The viewer's scope is a condition of the query itself, so a search, a
 * count and a detail view cannot disagree about what an agent may see. Searches run newest first,
 * the recording id breaking ties; the cursor continues strictly after the previous page's last row.
 * A search page and its access-log row are one statement, its own transaction: both commit
 * together, in one round trip.
 */
@ApplicationScoped
public class CallSearch {

    /** What a result list shows of a call. */
    private static final String SUMMARY_COLUMNS = "c.recording_id, c.started_at, c.ended_at, c.utc_offset_seconds, "
            + "c.duration_millis, c.caller_number, c.agent_extension, c.service_line, c.caller_name, "
            + "c.vehicle_registration, c.flags";
    private static final String ORDER = " ORDER BY started_at DESC, recording_id DESC";
    /** How far back a notes search looks first (docs/decisions/0030-catalog-notes-search-window.md). */
    private static final Duration RECENT_WINDOW = Duration.ofDays(30);

    /** By position, as SUMMARY_COLUMNS and then held: a mapper by name looked the columns up for every page. */
    private static final RowMapper<Found> FOUND = (rs, ctx) -> new Found(rs.getObject(1, UUID.class),
            rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getObject(3, OffsetDateTime.class).toInstant(),
            rs.getInt(4), rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
            rs.getString(10), List.of((String[]) rs.getArray(11).getArray()), rs.getBoolean(12));

    /** A call's own columns by name; the word vectors and the hold's columns have no field and are left. */
    private static final RowMapper<CallRecord> CALL = FieldMapper.of(CallRecord.class);

    private final Jdbi jdbi;

    public CallSearch(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One call of a result list, with its hold state. */
    public record Found(UUID recordingId, Instant startedAt, Instant endedAt, int utcOffsetSeconds, long durationMillis,
                        String callerNumber, String agentExtension, String serviceLine, String callerName,
                        String vehicleRegistration, List<String> flags, boolean held) {
    }

    /** A page of calls and the cursor of the next one (null on the last page). */
    public record Page(List<Found> calls, Cursor next) {
    }

    /** What the access-log row of a search records besides the calls shown. */
    public record LogEntry(Instant accessedAt, String username, String[] roles, String action, String filtersJson) {
    }

    /** One page of the search and its access-log row (the ids shown, in order), committed before it returns. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Page searchAndLog(Staff viewer, CallFilters filters, Cursor after, int limit, LogEntry log) {
        Sql sql = viewer.seesNothing() ? new Sql().and("false") : where(viewer, filters);
        if (after != null) {
            sql.and("(c.started_at, c.recording_id) < (:afterStartedAt, :afterId)")
                    .bind("afterStartedAt", timestamp(after.startedAt())).bind("afterId", after.recordingId());
        }
        // One row more than asked tells whether another page exists.
        String page;
        if (filters.notesQuery() != null && !viewer.seesNothing()) {
            // The recent window first; the rest of the catalog only when it does not fill the page.
            sql.bind("edge", timestamp((after != null ? after.startedAt() : Instant.now()).minus(RECENT_WINDOW)));
            page = "WITH recent AS (SELECT " + SUMMARY_COLUMNS + " FROM call_record c"
                    + sql.where("c.started_at >= :edge") + ORDER + " LIMIT " + (limit + 1) + ") SELECT * FROM recent"
                    + " UNION ALL (SELECT " + SUMMARY_COLUMNS + " FROM call_record c" + sql.where("c.started_at < :edge",
                    "(SELECT count(*) FROM recent) < " + (limit + 1)) + ORDER + " LIMIT " + (limit + 1) + ")" + ORDER
                    + " LIMIT " + (limit + 1);
        } else {
            page = "SELECT " + SUMMARY_COLUMNS + " FROM call_record c" + sql.where() + ORDER + " LIMIT " + (limit + 1);
        }
        String text = "WITH page AS (" + page + "),"
                + " logged AS (INSERT INTO access_log (accessed_at, username, roles, action, filters, result_ids, result_count)"
                + " SELECT :log.accessedAt, :log.username, :log.roles, :log.action, :log.filtersJson::jsonb,"
                + " coalesce(array_agg(recording_id ORDER BY started_at DESC, recording_id DESC), '{}'), count(*)"
                + " FROM (SELECT recording_id, started_at FROM page" + ORDER + " LIMIT " + limit + ") shown)"
                + " SELECT p.*, coalesce(h.held, false) AS held FROM page p"
                + " LEFT JOIN call_hold h ON h.recording_id = p.recording_id" + ORDER;
        List<Found> rows = jdbi.withHandle(h -> h.createQuery(text).bindMap(sql.values).bindMethods("log", log)
                .map(FOUND).list());
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        Found last = rows.get(limit - 1);
        return new Page(rows.subList(0, limit), new Cursor(last.startedAt(), last.recordingId()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long count(Staff viewer, CallFilters filters, Integer upTo) {
        if (viewer.seesNothing()) {
            return 0;
        }
        Sql sql = where(viewer, filters);
        // With upTo, the scan stops one row past it: a broad search's "more than 1,000" costs what a page does.
        String text = upTo == null ? "SELECT count(*) FROM call_record c" + sql.where()
                : "SELECT count(*) FROM (SELECT 1 FROM call_record c" + sql.where() + " LIMIT " + (upTo + 1L) + ") capped";
        return jdbi.withHandle(h -> h.createQuery(text).bindMap(sql.values).mapTo(Long.class).one());
    }

    /**
     * The call and its hold, when it exists and the viewer may see it (otherwise empty, alike for
     * both cases), and the view's access-log row: one statement, committed before it returns. A null
     * id finds nothing and is logged as such.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Optional<CatalogService.CallView> viewAndLog(Staff viewer, UUID recordingId, LogEntry log) {
        String scope = viewer.seesNothing() ? " AND false"
                : viewer.onlyExtension() != null ? " AND agent_extension = :onlyExtension" : "";
        String text = "WITH c AS (SELECT * FROM call_record WHERE recording_id = CAST(:id AS uuid)" + scope + "),"
                + " logged AS (INSERT INTO access_log (accessed_at, username, roles, action, recording_id, filters,"
                + " result_ids, result_count) SELECT :log.accessedAt, :log.username, :log.roles, :log.action,"
                + " CAST(:id AS uuid), :log.filtersJson::jsonb, coalesce(array_agg(recording_id), '{}'), count(*) FROM c)"
                + " SELECT c.*, h.held AS hold_held, h.reason AS hold_reason, h.case_reference AS hold_case_reference,"
                + " h.note AS hold_note, h.release_reason AS hold_release_reason, h.changed_by AS hold_changed_by,"
                + " h.changed_at AS hold_changed_at FROM c LEFT JOIN call_hold h ON h.recording_id = c.recording_id";
        return jdbi.withHandle(h -> h.createQuery(text).bind("id", recordingId)
                .bind("onlyExtension", viewer.onlyExtension()).bindMethods("log", log)
                .map((rs, ctx) -> new CatalogService.CallView(CALL.map(rs, ctx), holdOf(rs, recordingId))).findOne());
    }

    /** The hold columns of {@link #viewAndLog}'s row; null when the recording was never held. */
    private static CallHold holdOf(ResultSet rs, UUID recordingId) throws SQLException {
        if (rs.getObject("hold_changed_at") == null) {
            return null;
        }
        CallHold hold = new CallHold();
        hold.recordingId = recordingId;
        hold.held = rs.getBoolean("hold_held");
        hold.reason = rs.getString("hold_reason");
        hold.caseReference = rs.getString("hold_case_reference");
        hold.note = rs.getString("hold_note");
        hold.releaseReason = rs.getString("hold_release_reason");
        hold.changedBy = rs.getString("hold_changed_by");
        hold.changedAt = rs.getObject("hold_changed_at", OffsetDateTime.class).toInstant();
        return hold;
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Sql where(Staff viewer, CallFilters f) {
        Sql sql = new Sql();
        if (viewer.onlyExtension() != null) {
            sql.and("c.agent_extension = :onlyExtension").bind("onlyExtension", viewer.onlyExtension());
        }
        sql.andIf("from", timestamp(f.from()), "c.started_at >= :from");
        sql.andIf("to", timestamp(f.to()), "c.started_at < :to");
        sql.andIf("callerNumber", f.callerNumber(), "c.caller_number = :callerNumber");
        sql.andIf("agentExtension", f.agentExtension(), "c.agent_extension = :agentExtension");
        sql.andIf("plateKey", f.plateKey(), "c.plate_key = :plateKey");
        sql.andIf("nameQuery", f.nameQuery(), "c.name_prefixes @@ to_tsquery('simple', :nameQuery)");
        sql.andIf("notesQuery", f.notesQuery(), "c.notes_prefixes @@ to_tsquery('simple', :notesQuery)");
        sql.andIf("serviceLine", f.serviceLine(), "c.service_line = :serviceLine");
        if (f.held() != null) {
            sql.and((f.held() ? "" : "NOT ")
                    + "EXISTS (SELECT 1 FROM call_hold h WHERE h.recording_id = c.recording_id AND h.held)");
        }
        if (f.flagged() != null) {
            sql.and(f.flagged() ? "cardinality(c.flags) > 0" : "cardinality(c.flags) = 0");
        }
        for (int i = 0; i < f.flags().size(); i++) {
            sql.and(":flag" + i + " = ANY (c.flags)").bind("flag" + i, f.flags().get(i));
        }
        return sql;
    }

    /** Conditions joined with AND, and the values of their named parameters. */
    private static final class Sql {
        private final List<String> conditions = new ArrayList<>();
        private final Map<String, Object> values = new HashMap<>();

        Sql and(String condition) {
            conditions.add(condition);
            return this;
        }

        Sql bind(String name, Object value) {
            values.put(name, value);
            return this;
        }

        /** The condition and the value of its parameter {@code name}, when the value is given. */
        void andIf(String name, Object value, String condition) {
            if (value != null) {
                and(condition).bind(name, value);
            }
        }

        String where(String... more) {
            List<String> all = new ArrayList<>(conditions);
            all.addAll(List.of(more));
            return all.isEmpty() ? "" : " WHERE " + String.join(" AND ", all);
        }
    }
}
