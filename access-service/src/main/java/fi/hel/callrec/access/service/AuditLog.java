package fi.hel.callrec.access.service;

import fi.hel.callrec.access.AuditEntry;
import fi.hel.callrec.access.AuditPending;
import io.agroal.api.AgroalDataSource;
import fi.hel.callrec.access.config.AccessConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The append-only, hash-chained audit log. A request's entry is committed with a plain insert
 * into the pending entries, which no other request waits for; {@link AuditSealer} then moves
 * pending entries into the chain one batch at a time, under the lock of the chain's head, so
 * the chain stays one line with no gaps in seq however many requests run at once.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final int VERIFY_PAGE = 1000;

    /*
     * One round trip: the session is looked up (the latest entry of the same user, recording and
     * purpose within the gap, pending or sealed) inside the insert, in autocommit, so the entry
     * is durable when the statement returns. Each table is asked for its latest entry alone, read
     * backwards on its session-lookup index: collecting every entry of the window first made each
     * request of a long session slower than the one before (4,153 entries: 5.9 ms).
     */
    private static final String INSERT = """
            INSERT INTO audit_pending (entry_id, session_id, occurred_at, kind, subject, username, roles, recording_id,
                purpose, method, range_requested, range_start, range_end, bytes, status, outcome, client_address,
                ref_entry_id)
            VALUES (?, coalesce(CAST(? AS uuid), (
                    SELECT session_id FROM (
                        (SELECT session_id, occurred_at FROM audit_pending
                         WHERE subject = ? AND recording_id = ? AND coalesce(purpose, '') = ? AND occurred_at > ?
                         ORDER BY occurred_at DESC LIMIT 1)
                        UNION ALL
                        (SELECT session_id, occurred_at FROM audit_entry
                         WHERE subject = ? AND recording_id = ? AND coalesce(purpose, '') = ? AND occurred_at > ?
                         ORDER BY occurred_at DESC LIMIT 1)
                    ) recent ORDER BY occurred_at DESC LIMIT 1), ?),
                ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            RETURNING session_id""";

    private final EntityManager em;
    private final AgroalDataSource db;
    private final AccessConfig config;
    private final AuditSealer sealer;

    public AuditLog(EntityManager em, AgroalDataSource db, AccessConfig config, AuditSealer sealer) {
        this.em = em;
        this.db = db;
        this.config = config;
        this.sealer = sealer;
    }

    /**
     * What to record; the log adds the entry id, time, session and, when sealing, seq and hashes.
     * {@code refEntryId} is the access entry an interrupted entry completes; {@code sessionId}
     * null means the session is looked up.
     */
    public record Draft(String kind, Caller caller, String recordingId, Purpose purpose, String method,
                        String rangeRequested, ByteRange range, long bytes, int status, String outcome,
                        UUID refEntryId, UUID sessionId) {
    }

    /** A committed entry: its id until and after sealing, its listening session, and when it was written. */
    public record Receipt(UUID entryId, UUID sessionId, Instant occurredAt) {
    }

    /** Commits an entry (durable when this returns) and wakes the sealer. */
    public Receipt append(Draft d) {
        UUID entryId = UUID.randomUUID();
        // The database keeps microseconds; the hash must cover what is stored.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String recordingId = clip(d.recordingId(), 200);
        String purpose = d.purpose() == null ? null : d.purpose().code();
        OffsetDateTime since = now.minus(config.audit().sessionGap()).atOffset(ZoneOffset.UTC);
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            int i = 1;
            s.setObject(i++, entryId);
            s.setObject(i++, d.sessionId(), Types.OTHER);
            for (int table = 0; table < 2; table++) {
                s.setString(i++, d.caller().subject());
                s.setString(i++, recordingId);
                s.setString(i++, purpose == null ? "" : purpose);
                s.setObject(i++, since);
            }
            s.setObject(i++, UUID.randomUUID());
            s.setObject(i++, now.atOffset(ZoneOffset.UTC));
            s.setString(i++, d.kind());
            s.setString(i++, d.caller().subject());
            s.setString(i++, d.caller().username());
            s.setString(i++, d.caller().rolesText());
            s.setString(i++, recordingId);
            s.setString(i++, purpose);
            s.setString(i++, d.method());
            s.setString(i++, clip(d.rangeRequested(), 200));
            s.setObject(i++, d.range() == null ? null : d.range().start(), Types.BIGINT);
            s.setObject(i++, d.range() == null ? null : d.range().end(), Types.BIGINT);
            s.setLong(i++, d.bytes());
            s.setInt(i++, d.status());
            s.setString(i++, d.outcome());
            s.setString(i++, d.caller().address());
            s.setObject(i, d.refEntryId(), Types.OTHER);
            UUID session;
            try (ResultSet r = s.executeQuery()) {
                r.next();
                session = r.getObject(1, UUID.class);
            }
            sealer.wake();
            return new Receipt(entryId, session, now);
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the audit entry", e);
        }
    }

    /** Filters of the audit listing; null means any. */
    public record Filter(String user, String recordingId, UUID sessionId, Instant from, Instant to) {
    }

    /** A page of the log: sealed entries, then (when the page has room) entries not sealed yet. */
    public record Listing(List<AuditEntry> sealed, List<AuditPending> pending) {
    }

    /**
     * Entries matching the filter: sealed ones with seq above {@code after}, oldest first, then,
     * if fewer than {@code limit}, those still pending in the order they will be sealed. Both
     * are read from one snapshot, so an entry sealed meanwhile is listed once, not twice or never.
     */
    public Listing list(Filter f, long after, int limit) {
        int size = Math.min(limit, config.audit().maxPageSize());
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").executeUpdate();
            StringBuilder q = new StringBuilder("1 = 1");
            Map<String, Object> p = new HashMap<>();
            if (f.user() != null) {
                q.append(" and (username = :user or subject = :user)");
                p.put("user", f.user());
            }
            if (f.recordingId() != null) {
                q.append(" and recordingId = :recording");
                p.put("recording", f.recordingId());
            }
            if (f.sessionId() != null) {
                q.append(" and sessionId = :session");
                p.put("session", f.sessionId());
            }
            if (f.from() != null) {
                q.append(" and occurredAt >= :from");
                p.put("from", f.from());
            }
            if (f.to() != null) {
                q.append(" and occurredAt < :to");
                p.put("to", f.to());
            }
            Map<String, Object> sealedParameters = new HashMap<>(p);
            sealedParameters.put("after", after);
            List<AuditEntry> sealed = AuditEntry.<AuditEntry>find(q + " and seq > :after", Sort.by("seq"),
                    sealedParameters).page(Page.ofSize(size)).list();
            List<AuditPending> pending = sealed.size() < size
                    ? AuditPending.<AuditPending>find(q.toString(), Sort.by("id"), p).page(Page.ofSize(size - sealed.size())).list()
                    : List.of();
            return new Listing(sealed, pending);
        });
    }

    /** The result of recomputing the chain. */
    public record Verification(boolean intact, long entriesChecked, long firstSeq, long lastSeq,
                               Long firstBrokenSeq, String problem, long unsealed) {
    }

    /**
     * Recomputes the chain from its anchor (the start, or the last entry the retention purge
     * removed) to the head as it was when verification began, and names the first entry that
     * is missing, altered or does not link to the one before it. Entries not sealed yet are not
     * in the chain: they are counted ({@code unsealed}), and are checked once sealed.
     */
    public Verification verify() {
        return QuarkusTransaction.requiringNew().call(this::verifyInTransaction);
    }

    private Verification verifyInTransaction() {
        // One snapshot, so that the count of unsealed entries belongs to the head read.
        em.createNativeQuery("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").executeUpdate();
        long unsealed = ((Number) em.createNativeQuery("SELECT count(*) FROM audit_pending").getSingleResult()).longValue();
        Object[] head = (Object[]) em.createNativeQuery(
                "SELECT last_seq, last_hash, purged_through_seq, purged_through_hash FROM audit_chain WHERE id = 1")
                .getSingleResult();
        long lastSeq = ((Number) head[0]).longValue();
        String lastHash = (String) head[1];
        long anchorSeq = ((Number) head[2]).longValue();
        String prev = (String) head[3];
        long expected = anchorSeq + 1;
        long checked = 0;
        while (expected <= lastSeq) {
            List<AuditEntry> page = em.createQuery(
                            "from AuditEntry where seq >= :from and seq <= :last order by seq", AuditEntry.class)
                    .setParameter("from", expected).setParameter("last", lastSeq)
                    .setMaxResults(VERIFY_PAGE).getResultList();
            if (page.isEmpty()) {
                return broken(checked, anchorSeq, lastSeq, expected, "entry is missing (the chain ends early)", unsealed);
            }
            for (AuditEntry e : page) {
                if (e.seq != expected) {
                    return broken(checked, anchorSeq, lastSeq, expected,
                            "entry is missing (the next entry present is " + e.seq + ")", unsealed);
                }
                if (!prev.equals(e.prevHash)) {
                    return broken(checked, anchorSeq, lastSeq, e.seq, "does not link to the entry before it", unsealed);
                }
                if (!AuditHash.of(e).equals(e.hash)) {
                    return broken(checked, anchorSeq, lastSeq, e.seq, "content does not match its hash", unsealed);
                }
                prev = e.hash;
                expected++;
                checked++;
            }
            em.clear();
        }
        if (!prev.equals(lastHash)) {
            return broken(checked, anchorSeq, lastSeq, lastSeq, "the last entry does not match the chain head", unsealed);
        }
        return new Verification(true, checked, anchorSeq + 1, lastSeq, null, null, unsealed);
    }

    private static Verification broken(long checked, long anchor, long last, long seq, String problem, long unsealed) {
        return new Verification(false, checked, anchor + 1, last, seq, problem, unsealed);
    }

    @Scheduled(every = "${callrec.access.audit.purge-interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPurge() {
        try {
            long removed = purge(Instant.now().minus(config.audit().retention()));
            if (removed > 0) {
                LOG.infof("Removed %d audit entries past their retention", removed);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Audit retention purge failed, will retry: %s", e.getMessage());
        }
    }

    /**
     * Removes the entries older than {@code before} from the start of the chain, and moves the
     * chain's anchor to the last one removed, so that verification starts where the log now does.
     */
    public long purge(Instant before) {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("SELECT 1 FROM audit_chain WHERE id = 1 FOR UPDATE").getSingleResult();
            @SuppressWarnings("unchecked")
            List<Object[]> last = em.createNativeQuery(
                            "SELECT seq, hash FROM audit_entry WHERE occurred_at < ?1 ORDER BY seq DESC LIMIT 1")
                    .setParameter(1, before).getResultList();
            if (last.isEmpty()) {
                return 0L;
            }
            long through = ((Number) last.get(0)[0]).longValue();
            // The table refuses deletes unless this transaction says it is the purge.
            em.createNativeQuery("SELECT set_config('callrec.audit_purge', 'on', true)").getSingleResult();
            long removed = em.createNativeQuery("DELETE FROM audit_entry WHERE seq <= ?1")
                    .setParameter(1, through).executeUpdate();
            em.createNativeQuery("UPDATE audit_chain SET purged_through_seq = ?1, purged_through_hash = ?2 WHERE id = 1")
                    .setParameter(1, through).setParameter(2, last.get(0)[1]).executeUpdate();
            return removed;
        });
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
