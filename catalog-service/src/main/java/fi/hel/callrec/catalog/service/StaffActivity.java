package fi.hel.callrec.catalog.service;

import fi.hel.callrec.commons.security.Staff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * When staff members last looked at calls, for the manager's access-rights review (R14), read
 * from the access log. The review is logged under an action of its own, which it does not count.
 */
@ApplicationScoped
public class StaffActivity {

    public static final String LAST_ACTIVITY = "last-activity";

    /** Each user's newest search, count or view, in the order asked: one backward index read per user. */
    private static final String LAST_SEARCH = "SELECT u.username, s.accessed_at AS last_search_at"
            + " FROM unnest(:usernames::text[]) WITH ORDINALITY AS u(username, position)"
            + " LEFT JOIN LATERAL (SELECT a.accessed_at FROM access_log a WHERE a.username = u.username"
            + " AND a.action IN ('" + AccessLog.SEARCH + "', '" + AccessLog.COUNT + "', '" + AccessLog.VIEW + "')"
            + " ORDER BY a.accessed_at DESC LIMIT 1) s ON true"
            + " ORDER BY u.position";
    private static final RowMapper<LastSearch> LAST = ConstructorMapper.of(LastSearch.class);

    private final Jdbi jdbi;
    private final AccessLog log;

    public StaffActivity(Jdbi jdbi, AccessLog log) {
        this.jdbi = jdbi;
        this.log = log;
    }

    /** One user's newest search, count or view; null when the log has none. */
    public record LastSearch(String username, Instant lastSearchAt) {
    }

    /** The last search of each of these distinct usernames, in their order; logged with the query as asked. */
    @Transactional
    public List<LastSearch> lastSearches(Staff viewer, List<String> usernames, Map<String, List<String>> asAsked) {
        List<LastSearch> found = jdbi.withHandle(h -> h.createQuery(LAST_SEARCH)
                .bind("usernames", usernames.toArray(String[]::new)).map(LAST).list());
        log.record(viewer, LAST_ACTIVITY, null, asAsked, List.of(), found.size());
        return found;
    }
}
