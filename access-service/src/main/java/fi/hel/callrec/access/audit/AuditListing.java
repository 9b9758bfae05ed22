package fi.hel.callrec.access.audit;

import fi.hel.callrec.access.config.AccessConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Reads the audit log a page at a time, for GET /audit. */
@ApplicationScoped
public class AuditListing {

    private final Jdbi jdbi;
    private final AccessConfig config;

    public AuditListing(Jdbi jdbi, AccessConfig config) {
        this.jdbi = jdbi;
        this.config = config;
    }

    /** Filters of the listing; null means any. */
    public record Filter(String user, String recordingId, UUID sessionId, Instant from, Instant to) {
    }

    /** A page of the log: sealed entries, then (when the page has room) entries not sealed yet. */
    public record Listing(List<AuditEntry> sealed, List<AuditPending> pending) {
    }

    /**
     * Entries matching the filter: sealed ones with seq above {@code after}, oldest first, then,
     * if fewer than {@code limit}, those still pending in the order they will be sealed. Both are
     * read from one snapshot, so an entry sealed meanwhile is listed once, not twice or never.
     */
    public Listing list(Filter f, long after, int limit) {
        int size = Math.min(limit, config.audit().maxPageSize());
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> p = new HashMap<>();
        where(q, p, "(username = :user or subject = :user)", "user", f.user());
        where(q, p, "recordingId = :recording", "recording", f.recordingId());
        where(q, p, "sessionId = :session", "session", f.sessionId());
        where(q, p, "occurredAt >= :from", "from", f.from());
        where(q, p, "occurredAt < :to", "to", f.to());
        Map<String, Object> sealedParameters = new HashMap<>(p);
        sealedParameters.put("after", after);
        return QuarkusTransaction.requiringNew().call(() -> {
            jdbi.useHandle(h -> h.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
            List<AuditEntry> sealed = AuditEntry.<AuditEntry>find(q + " and seq > :after", Sort.by("seq"), sealedParameters)
                    .page(Page.ofSize(size)).list();
            List<AuditPending> pending = sealed.size() < size
                    ? AuditPending.<AuditPending>find(q.toString(), Sort.by("id"), p)
                            .page(Page.ofSize(size - sealed.size())).list()
                    : List.<AuditPending>of();
            return new Listing(sealed, pending);
        });
    }

    private static void where(StringBuilder q, Map<String, Object> parameters, String condition, String name, Object value) {
        if (value != null) {
            q.append(" and ").append(condition);
            parameters.put(name, value);
        }
    }
}
