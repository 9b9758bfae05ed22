package fi.hel.callrec.access.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * When each user last heard audio, for the access-rights review (R14): the newest request
 * answered with audio (200 or 206: outcomes sent, sent-range), sealed or not yet sealed.
 */
@ApplicationScoped
public class LastListening {

    /*
     * One statement, so one snapshot: an entry the sealer moves meanwhile is seen in exactly one
     * of the tables. Sealed entries are read per user on audit_entry_last_listening (V5); the
     * pending ones, a few until the sealer has run, in one pass for all users rather than one per
     * user, which spares the requests' insert an index of its own.
     */
    private static final String LAST = """
            WITH asked AS (SELECT * FROM unnest(?::text[]) WITH ORDINALITY AS u(username, position)),
            pending AS (SELECT username, max(occurred_at) AS occurred_at FROM audit_pending
                        WHERE username IN (SELECT username FROM asked) AND outcome IN ('sent', 'sent-range')
                        GROUP BY username)
            SELECT a.username, greatest(s.occurred_at, p.occurred_at) AS last_listening_at
            FROM asked a
            LEFT JOIN LATERAL (SELECT e.occurred_at FROM audit_entry e
                               WHERE e.username = a.username AND e.outcome IN ('sent', 'sent-range')
                               ORDER BY e.occurred_at DESC LIMIT 1) s ON true
            LEFT JOIN pending p ON p.username = a.username
            ORDER BY a.position""";

    private final AgroalDataSource db;

    public LastListening(AgroalDataSource db) {
        this.db = db;
    }

    /** One user's newest listening; null when the log has none. */
    public record User(String username, Instant lastListeningAt) {
    }

    /** The last listening of each of these distinct usernames, in their order. */
    public List<User> of(List<String> usernames) {
        List<User> found = new ArrayList<>(usernames.size());
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(LAST)) {
            s.setArray(1, c.createArrayOf("text", usernames.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime at = rs.getObject("last_listening_at", OffsetDateTime.class);
                    found.add(new User(rs.getString("username"), at == null ? null : at.toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the audit log", e);
        }
        return found;
    }
}
