package fi.hel.callrec.access.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * When each user last heard audio, for the access-rights review (R14): the newest request
 * answered with audio (200 or 206: outcomes sent, sent-range), sealed or not yet sealed.
 */
@ApplicationScoped
public class LastListening {

    /*
     * One statement, so one snapshot: an entry the sealer moves meanwhile is seen in exactly one
     * of the tables. Sealed entries are read per user on audit_entry_last_listening (V5); the few
     * pending ones in one pass for all users, which spares the requests' insert an index of its own.
     */
    private static final String LAST = """
            WITH asked AS (SELECT * FROM unnest(CAST(:usernames AS text[])) WITH ORDINALITY AS u(username, position)),
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

    private final Jdbi jdbi;

    public LastListening(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One user's newest listening; null when the log has none. */
    public record User(String username, Instant lastListeningAt) {
    }

    /** The last listening of each of these distinct usernames, in their order. */
    public List<User> of(List<String> usernames) {
        return jdbi.withHandle(h -> h.createQuery(LAST).bindArray("usernames", String.class, usernames)
                .map(ConstructorMapper.of(User.class)).list());
    }
}
