package fi.hel.callrec.catalog.service;

import fi.hel.callrec.catalog.CallHold;
import fi.hel.callrec.catalog.CallRecord;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The catalog's queries. The viewer's scope is a condition of the query itself, never a filter
 * applied afterwards, so a search, a count and a detail view cannot disagree about what an agent
 * may see. Every search is ordered by start time, newest first, with the recording id breaking
 * ties; the cursor continues strictly after the last row of the previous page, so rows inserted
 * meanwhile never duplicate or shift a page.
 *
 * <p>A search is one SQL statement over plain JDBC, run as a transaction of its own: it reads the
 * page (only the columns of a result list) with each call's hold state, and writes the access-log
 * row of the calls shown, so the answer and its log entry commit together or not at all, in one
 * round trip to the database (measured at 1M calls: CatalogSearchBenchmark).
 */
@ApplicationScoped
public class CallSearch {

    /** What a result list shows of a call. */
    private static final String SUMMARY_COLUMNS = "c.recording_id, c.started_at, c.ended_at, c.utc_offset_seconds, "
            + "c.duration_millis, c.caller_number, c.agent_extension, c.service_line, c.caller_name, "
            + "c.vehicle_registration, c.flags";
    private static final String ORDER = " ORDER BY started_at DESC, recording_id DESC";
    /**
     * How far back a search by notes words looks first. Walking the calls newest first visits tens
     * of thousands of rows when two common words meet in one call in a thousand; intersecting their
     * word indexes over the whole catalog fetches thousands of scattered rows. Within a recent
     * window the intersection meets the start-time BRIN index (V5), and only that window's rows are
     * read (60 sampled word pairs at 1M calls: slowest 35 ms before, 14 ms after).
     */
    private static final Duration RECENT_WINDOW = Duration.ofDays(30);

    private final AgroalDataSource dataSource;

    public CallSearch(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One call of a result list, with its hold state. */
    public record Found(UUID recordingId, Instant startedAt, Instant endedAt, int utcOffsetSeconds, long durationMillis,
                        String callerNumber, String agentExtension, String serviceLine, String callerName,
                        String vehicleRegistration, List<String> flags, boolean held) {

        public OffsetDateTime startedAtLocal() {
            return startedAt.atOffset(ZoneOffset.ofTotalSeconds(utcOffsetSeconds));
        }

        public OffsetDateTime endedAtLocal() {
            return endedAt.atOffset(ZoneOffset.ofTotalSeconds(utcOffsetSeconds));
        }
    }

    /** A page of calls and the cursor of the next one (null on the last page). */
    public record Page(List<Found> calls, Cursor next) {
    }

    /** What the access-log row of a search records besides the calls shown. */
    public record LogEntry(Instant accessedAt, String username, String[] roles, String action, String filtersJson) {
    }

    /**
     * One page of the search, and its access-log entry (the ids of the calls shown, in order, and
     * their number), in a single statement that is its own transaction: not joined to a caller's
     * transaction, so that it commits before the page is returned.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Page searchAndLog(Viewer viewer, CallFilters filters, Cursor after, int limit, LogEntry log) {
        Sql sql = viewer.seesNothing() ? Sql.nothing() : where(viewer, filters);
        if (after != null) {
            sql.and("(c.started_at, c.recording_id) < (?, ?)", timestamp(after.startedAt()), after.recordingId());
        }
        // One row more than asked tells whether another page exists without a count.
        List<Sql> parts = new ArrayList<>();
        String page;
        if (filters.notesQuery() != null && !viewer.seesNothing()) {
            // Newest calls first: the recent window alone fills most pages, and the rest of the
            // catalog is searched only when it does not (its branch is gated on the count).
            Instant edge = (after != null ? after.startedAt() : Instant.now()).minus(RECENT_WINDOW);
            Sql recent = sql.copy();
            recent.and("c.started_at >= ?", timestamp(edge));
            Sql older = sql.copy();
            older.and("c.started_at < ?", timestamp(edge));
            older.and("(SELECT count(*) FROM recent) < " + (limit + 1));
            parts.add(recent);
            parts.add(older);
            page = "WITH recent AS (SELECT " + SUMMARY_COLUMNS + " FROM call_record c" + recent.where() + ORDER
                    + " LIMIT " + (limit + 1) + ") SELECT * FROM recent UNION ALL (SELECT " + SUMMARY_COLUMNS
                    + " FROM call_record c" + older.where() + ORDER + " LIMIT " + (limit + 1) + ")" + ORDER
                    + " LIMIT " + (limit + 1);
        } else {
            parts.add(sql);
            page = "SELECT " + SUMMARY_COLUMNS + " FROM call_record c" + sql.where() + ORDER + " LIMIT " + (limit + 1);
        }
        String text = "WITH page AS (" + page + "),"
                + " logged AS (INSERT INTO access_log (accessed_at, username, roles, action, filters, result_ids, result_count)"
                + " SELECT ?, ?, ?, ?, ?::jsonb, coalesce(array_agg(recording_id ORDER BY started_at DESC, recording_id DESC),"
                + " '{}'), count(*) FROM (SELECT recording_id, started_at FROM page" + ORDER + " LIMIT " + limit + ") shown)"
                + " SELECT p.*, coalesce(h.held, false) AS held FROM page p"
                + " LEFT JOIN call_hold h ON h.recording_id = p.recording_id" + ORDER;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(text)) {
            int at = 1;
            for (Sql part : parts) {
                at = part.bind(statement, at);
            }
            statement.setObject(at++, timestamp(log.accessedAt()));
            statement.setString(at++, log.username());
            statement.setArray(at++, connection.createArrayOf("text", log.roles()));
            statement.setString(at++, log.action());
            statement.setString(at, log.filtersJson());
            List<Found> rows = new ArrayList<>(limit + 1);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(found(rs));
                }
            }
            Cursor next = null;
            if (rows.size() > limit) {
                rows = rows.subList(0, limit);
                Found last = rows.get(limit - 1);
                next = new Cursor(last.startedAt(), last.recordingId());
            }
            return new Page(List.copyOf(rows), next);
        } catch (SQLException e) {
            throw new IllegalStateException("search failed", e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long count(Viewer viewer, CallFilters filters, Integer upTo) {
        if (viewer.seesNothing()) {
            return 0;
        }
        Sql sql = where(viewer, filters);
        // With upTo, the scan stops one row past it: a broad search's "more than 1,000" costs what a page does.
        String text = upTo == null ? "SELECT count(*) FROM call_record c" + sql.where()
                : "SELECT count(*) FROM (SELECT 1 FROM call_record c" + sql.where() + " LIMIT " + (upTo + 1L) + ") capped";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(text)) {
            sql.bind(statement, 1);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("count failed", e);
        }
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

    private static Found found(ResultSet rs) throws SQLException {
        return new Found(rs.getObject("recording_id", UUID.class),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                rs.getObject("ended_at", OffsetDateTime.class).toInstant(),
                rs.getInt("utc_offset_seconds"), rs.getLong("duration_millis"), rs.getString("caller_number"),
                rs.getString("agent_extension"), rs.getString("service_line"), rs.getString("caller_name"),
                rs.getString("vehicle_registration"), List.of((String[]) rs.getArray("flags").getArray()),
                rs.getBoolean("held"));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Sql where(Viewer viewer, CallFilters f) {
        Sql sql = new Sql();
        if (viewer.onlyExtension() != null) {
            sql.and("c.agent_extension = ?", viewer.onlyExtension());
        }
        if (f.from() != null) {
            sql.and("c.started_at >= ?", timestamp(f.from()));
        }
        if (f.to() != null) {
            sql.and("c.started_at < ?", timestamp(f.to()));
        }
        if (f.callerNumber() != null) {
            sql.and("c.caller_number = ?", f.callerNumber());
        }
        if (f.agentExtension() != null) {
            sql.and("c.agent_extension = ?", f.agentExtension());
        }
        if (f.plateKey() != null) {
            sql.and("c.plate_key = ?", f.plateKey());
        }
        if (f.nameQuery() != null) {
            sql.and("c.name_prefixes @@ to_tsquery('simple', ?)", f.nameQuery());
        }
        if (f.notesQuery() != null) {
            sql.and("c.notes_prefixes @@ to_tsquery('simple', ?)", f.notesQuery());
        }
        if (f.serviceLine() != null) {
            sql.and("c.service_line = ?", f.serviceLine());
        }
        if (f.held() != null) {
            sql.and((f.held() ? "" : "NOT ")
                    + "EXISTS (SELECT 1 FROM call_hold h WHERE h.recording_id = c.recording_id AND h.held)");
        }
        if (f.flagged() != null) {
            sql.and(f.flagged() ? "cardinality(c.flags) > 0" : "cardinality(c.flags) = 0");
        }
        for (String flag : f.flags()) {
            sql.and("? = ANY (c.flags)", flag);
        }
        return sql;
    }

    /** Conditions joined with AND, every value a bound parameter in the order of the text. */
    private static final class Sql {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> params = new ArrayList<>();

        static Sql nothing() {
            Sql sql = new Sql();
            sql.and("false");
            return sql;
        }

        void and(String condition, Object... values) {
            conditions.add(condition);
            params.addAll(List.of(values));
        }

        String where() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }

        Sql copy() {
            Sql copy = new Sql();
            copy.conditions.addAll(conditions);
            copy.params.addAll(params);
            return copy;
        }

        /** Binds the values from parameter {@code at} on; returns the index of the next parameter. */
        int bind(PreparedStatement statement, int at) throws SQLException {
            for (Object value : params) {
                statement.setObject(at++, value);
            }
            return at;
        }
    }
}
