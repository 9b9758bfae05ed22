package fi.hel.callrec.catalog.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * When staff members last looked at calls, for the manager's access-rights review (R14), read
 * from the access log. The review shows no caller data, so it is not a search; like the manager's
 * other reads of lists it is logged, under an action of its own that the review does not count.
 */
@ApplicationScoped
public class StaffActivity {

    public static final String LAST_ACTIVITY = "last-activity";

    /**
     * The newest search, count or view of each user, in the order asked: one read backwards on
     * the (username, accessed_at) index per user, however long the log.
     */
    private static final String LAST_SEARCH = "SELECT u.username, s.accessed_at"
            + " FROM unnest(?::text[]) WITH ORDINALITY AS u(username, position)"
            + " LEFT JOIN LATERAL (SELECT a.accessed_at FROM access_log a WHERE a.username = u.username"
            + " AND a.action IN ('" + AccessLog.SEARCH + "', '" + AccessLog.COUNT + "', '" + AccessLog.VIEW + "')"
            + " ORDER BY a.accessed_at DESC LIMIT 1) s ON true"
            + " ORDER BY u.position";

    private final AgroalDataSource dataSource;
    private final AccessLog log;

    public StaffActivity(AgroalDataSource dataSource, AccessLog log) {
        this.dataSource = dataSource;
        this.log = log;
    }

    /** One user's newest search, count or view; null when the log has none. */
    public record LastSearch(String username, Instant lastSearchAt) {
    }

    /** The last search of each of these distinct usernames, in their order; logged with the query as asked. */
    @Transactional
    public List<LastSearch> lastSearches(Viewer viewer, List<String> usernames, Map<String, List<String>> asAsked) {
        List<LastSearch> found = new ArrayList<>(usernames.size());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(LAST_SEARCH)) {
            statement.setArray(1, connection.createArrayOf("text", usernames.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime at = rs.getObject("accessed_at", OffsetDateTime.class);
                    found.add(new LastSearch(rs.getString("username"), at == null ? null : at.toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the access log failed", e);
        }
        log.record(viewer, LAST_ACTIVITY, null, asAsked, List.of(), found.size());
        return found;
    }
}
