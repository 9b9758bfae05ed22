package fi.hel.callrec.access.service;

import fi.hel.callrec.access.AuditEntry;
import fi.hel.callrec.access.config.AccessConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The append-only, hash-chained audit log. Appends take the lock on the chain's head row, so
 * entries form one line with no gaps in seq however many requests run at once; each append is
 * its own transaction, committed before the answer it records is sent.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final int VERIFY_PAGE = 1000;

    private final EntityManager em;
    private final AccessConfig config;

    public AuditLog(EntityManager em, AccessConfig config) {
        this.em = em;
        this.config = config;
    }

    /** What to record; the log adds seq, time, session and the hashes. */
    public record Draft(String kind, Caller caller, String recordingId, Purpose purpose, String method,
                        String rangeRequested, ByteRange range, long bytes, int status, String outcome,
                        Long refSeq, UUID sessionId) {
    }

    /** Appends an entry and commits it; returns it as written. */
    public AuditEntry append(Draft draft) {
        return QuarkusTransaction.requiringNew().call(() -> appendLocked(draft));
    }

    private AuditEntry appendLocked(Draft d) {
        Object[] head = (Object[]) em.createNativeQuery(
                "SELECT last_seq, last_hash FROM audit_chain WHERE id = 1 FOR UPDATE").getSingleResult();
        AuditEntry e = new AuditEntry();
        e.seq = ((Number) head[0]).longValue() + 1;
        e.prevHash = (String) head[1];
        // The database keeps microseconds; the hash must cover what is stored.
        e.occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        e.kind = d.kind();
        e.subject = d.caller().subject();
        e.username = d.caller().username();
        e.roles = d.caller().rolesText();
        e.recordingId = clip(d.recordingId(), 200);
        e.purpose = d.purpose() == null ? null : d.purpose().code();
        e.method = d.method();
        e.rangeRequested = clip(d.rangeRequested(), 200);
        e.rangeStart = d.range() == null ? null : d.range().start();
        e.rangeEnd = d.range() == null ? null : d.range().end();
        e.bytes = d.bytes();
        e.status = d.status();
        e.outcome = d.outcome();
        e.clientAddress = d.caller().address();
        e.refSeq = d.refSeq();
        e.sessionId = d.sessionId() != null ? d.sessionId() : sessionFor(e);
        e.hash = AuditHash.of(e);
        em.persist(e);
        em.flush();
        em.createNativeQuery("UPDATE audit_chain SET last_seq = ?1, last_hash = ?2 WHERE id = 1")
                .setParameter(1, e.seq).setParameter(2, e.hash).executeUpdate();
        return e;
    }

    /** The session this request continues, or a new one: same user, recording and purpose, within the gap. */
    private UUID sessionFor(AuditEntry e) {
        @SuppressWarnings("unchecked")
        List<UUID> recent = em.createNativeQuery("""
                SELECT session_id FROM audit_entry
                WHERE subject = ?1 AND recording_id = ?2 AND coalesce(purpose, '') = ?3 AND occurred_at > ?4
                ORDER BY seq DESC LIMIT 1""", UUID.class)
                .setParameter(1, e.subject)
                .setParameter(2, e.recordingId)
                .setParameter(3, e.purpose == null ? "" : e.purpose)
                .setParameter(4, e.occurredAt.minus(config.audit().sessionGap()))
                .getResultList();
        return recent.isEmpty() ? UUID.randomUUID() : recent.get(0);
    }

    /** Filters of the audit listing; null means any. */
    public record Filter(String user, String recordingId, UUID sessionId, Instant from, Instant to) {
    }

    /** Entries matching the filter with seq above {@code after}, oldest first. */
    public List<AuditEntry> list(Filter f, long after, int limit) {
        StringBuilder q = new StringBuilder("seq > :after");
        Parameters p = Parameters.with("after", after);
        if (f.user() != null) {
            q.append(" and (username = :user or subject = :user)");
            p.and("user", f.user());
        }
        if (f.recordingId() != null) {
            q.append(" and recordingId = :recording");
            p.and("recording", f.recordingId());
        }
        if (f.sessionId() != null) {
            q.append(" and sessionId = :session");
            p.and("session", f.sessionId());
        }
        if (f.from() != null) {
            q.append(" and occurredAt >= :from");
            p.and("from", f.from());
        }
        if (f.to() != null) {
            q.append(" and occurredAt < :to");
            p.and("to", f.to());
        }
        return AuditEntry.find(q.toString(), Sort.by("seq"), p)
                .page(Page.ofSize(Math.min(limit, config.audit().maxPageSize()))).list();
    }

    /** The result of recomputing the chain. */
    public record Verification(boolean intact, long entriesChecked, long firstSeq, long lastSeq,
                               Long firstBrokenSeq, String problem) {
    }

    /**
     * Recomputes the chain from its anchor (the start, or the last entry the retention purge
     * removed) to the head as it was when verification began, and names the first entry that
     * is missing, altered or does not link to the one before it.
     */
    public Verification verify() {
        return QuarkusTransaction.requiringNew().call(this::verifyInTransaction);
    }

    private Verification verifyInTransaction() {
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
                return broken(checked, anchorSeq, lastSeq, expected, "entry is missing (the chain ends early)");
            }
            for (AuditEntry e : page) {
                if (e.seq != expected) {
                    return broken(checked, anchorSeq, lastSeq, expected,
                            "entry is missing (the next entry present is " + e.seq + ")");
                }
                if (!prev.equals(e.prevHash)) {
                    return broken(checked, anchorSeq, lastSeq, e.seq, "does not link to the entry before it");
                }
                if (!AuditHash.of(e).equals(e.hash)) {
                    return broken(checked, anchorSeq, lastSeq, e.seq, "content does not match its hash");
                }
                prev = e.hash;
                expected++;
                checked++;
            }
            em.clear();
        }
        if (!prev.equals(lastHash)) {
            return broken(checked, anchorSeq, lastSeq, lastSeq, "the last entry does not match the chain head");
        }
        return new Verification(true, checked, anchorSeq + 1, lastSeq, null, null);
    }

    private static Verification broken(long checked, long anchor, long last, long seq, String problem) {
        return new Verification(false, checked, anchor + 1, last, seq, problem);
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
