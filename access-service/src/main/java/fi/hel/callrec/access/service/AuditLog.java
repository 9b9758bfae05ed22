package fi.hel.callrec.access.service;

import fi.hel.callrec.access.AuditEntry;
import fi.hel.callrec.access.AuditPending;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.commons.lang3.StringUtils;
import org.jboss.logging.Logger;

/**
 * The append-only, hash-chained audit log. A request's entry is committed with a plain insert
 * into the pending entries, which takes no lock of the chain (entries of requests that arrive
 * together share one insert and one commit, see {@link #append}); {@link AuditSealer} then moves
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

    /**
     * The same for many entries in one statement, as one array per column (one statement text
     * whatever their number, so it is prepared once). The session is looked up for each entry
     * as above, among the entries committed before the statement.
     */
    private static final String INSERT_ALL = """
            INSERT INTO audit_pending (entry_id, session_id, occurred_at, kind, subject, username, roles, recording_id,
                purpose, method, range_requested, range_start, range_end, bytes, status, outcome, client_address,
                ref_entry_id)
            SELECT r.entry_id, coalesce(r.session_id, (
                    SELECT session_id FROM (
                        (SELECT p.session_id, p.occurred_at FROM audit_pending p
                         WHERE p.subject = r.subject AND p.recording_id = r.recording_id
                           AND coalesce(p.purpose, '') = coalesce(r.purpose, '') AND p.occurred_at > r.since::timestamptz
                         ORDER BY p.occurred_at DESC LIMIT 1)
                        UNION ALL
                        (SELECT e.session_id, e.occurred_at FROM audit_entry e
                         WHERE e.subject = r.subject AND e.recording_id = r.recording_id
                           AND coalesce(e.purpose, '') = coalesce(r.purpose, '') AND e.occurred_at > r.since::timestamptz
                         ORDER BY e.occurred_at DESC LIMIT 1)
                    ) recent ORDER BY occurred_at DESC LIMIT 1), r.new_session),
                r.occurred_at::timestamptz, r.kind, r.subject, r.username, r.roles, r.recording_id, r.purpose, r.method,
                r.range_requested, r.range_start, r.range_end, r.bytes, r.status, r.outcome, r.client_address, r.ref_entry_id
            FROM unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WITH ORDINALITY
                AS r(entry_id, session_id, new_session, occurred_at, since, kind, subject, username, roles, recording_id,
                     purpose, method, range_requested, range_start, range_end, bytes, status, outcome, client_address,
                     ref_entry_id, position)
            ORDER BY r.position
            RETURNING entry_id, session_id""";

    /** Element types of {@link #INSERT_ALL}'s arrays, in order. */
    private static final String[] ARRAY_TYPES = {"uuid", "uuid", "uuid", "text", "text", "text", "text", "text", "text",
            "text", "text", "text", "text", "int8", "int8", "int8", "int4", "text", "text", "uuid"};

    /** The most entries one statement writes. */
    private static final int MAX_BATCH = 64;

    private final EntityManager em;
    private final AgroalDataSource db;
    private final AccessConfig config;
    private final AuditSealer sealer;
    private final Queue<Waiting> queue = new ConcurrentLinkedQueue<>();
    /** Guards {@link #writing}: one request at a time writes the queued entries, the others wait. */
    private final Object turn = new Object();
    private boolean writing;

    private final Counter writtenAlone;
    /**
     * The latest session of each user, recording and purpose whose entry this instance wrote: a
     * request that continues one (a player's next range request) names it and needs no lookup. A
     * session not here, or here but older than the gap, is looked up in the database, where the
     * entries of every instance are. Written by one writer at a time, after each commit.
     */
    private final Cache<SessionKey, Recent> sessions;

    public AuditLog(EntityManager em, AgroalDataSource db, AccessConfig config, AuditSealer sealer, MeterRegistry meters) {
        this.em = em;
        this.db = db;
        this.config = config;
        this.sealer = sealer;
        this.sessions = Caffeine.newBuilder().expireAfterWrite(config.audit().sessionGap()).maximumSize(100_000).build();
        this.writtenAlone = Counter.builder("callrec.access.audit.written.alone")
                .description("Audit entries written again one at a time because the batch they came in failed")
                .register(meters);
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

    /**
     * Commits an entry (durable when this returns) and wakes the sealer. Entries of requests that
     * arrive while another request's entry is being written wait for it and are then written
     * together, one statement and one commit for all of them: a lone request writes at once, and
     * many at a time share the commit instead of each paying for its own (a single-row insert and
     * commit cost the database about four times the CPU per entry of one of eight rows).
     */
    public Receipt append(Draft d) {
        // The database keeps microseconds; the hash must cover what is stored.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Waiting mine = new Waiting(d, UUID.randomUUID(), now, now.minus(config.audit().sessionGap()));
        queue.add(mine);
        boolean interrupted = false;
        try {
            for (;;) {
                synchronized (turn) {
                    while (writing && !mine.done) {
                        try {
                            turn.wait();
                        } catch (InterruptedException e) {
                            // The entry is queued and will be written; the request waits for it regardless.
                            interrupted = true;
                        }
                    }
                    if (mine.done) {
                        return mine.result();
                    }
                    writing = true;
                }
                List<Waiting> batch = drain();
                try {
                    write(batch);
                } finally {
                    for (Waiting w : batch) {
                        if (!w.done) {
                            w.failed(new IllegalStateException("the audit entry " + w.entryId + " was not written"));
                        }
                    }
                    synchronized (turn) {
                        writing = false;
                        turn.notifyAll();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private List<Waiting> drain() {
        List<Waiting> batch = new ArrayList<>();
        for (Waiting w; batch.size() < MAX_BATCH && (w = queue.poll()) != null; ) {
            batch.add(w);
        }
        return batch;
    }

    /**
     * Writes queued entries, each one's outcome set before this returns. A batch whose content
     * the database refuses is written again one entry at a time, so that an entry it refuses
     * fails its own request only; a batch that fails otherwise fails all its entries at once.
     */
    void write(List<Waiting> batch) {
        if (batch.isEmpty()) {
            return;
        }
        for (Waiting w : batch) {
            Recent recent = w.draft.sessionId() == null ? sessions.getIfPresent(w.key) : null;
            w.knownSession = recent != null && recent.at().isAfter(w.since) ? recent.session() : w.draft.sessionId();
        }
        if (batch.size() > 1) {
            try {
                insertAll(batch);
                batch.forEach(this::remember);
                sealer.wake();
                return;
            } catch (SQLException | RuntimeException e) {
                if (!refusedContent(e)) {
                    // The database is unreachable or failing: one attempt per entry would only wait as long again for each.
                    IllegalStateException failure = new IllegalStateException("could not write the audit entry", e);
                    batch.forEach(w -> w.failed(failure));
                    return;
                }
                LOG.warnf("Writing %d audit entries together failed, writing each alone: %s", batch.size(), e.getMessage());
                writtenAlone.increment(batch.size());
            }
        }
        for (Waiting w : batch) {
            try {
                w.succeeded(insertOne(w));
                remember(w);
                sealer.wake();
            } catch (SQLException | RuntimeException e) {
                w.failed(new IllegalStateException("could not write the audit entry", e));
            }
        }
    }

    /** Whether the database refused what was written (SQLSTATE class 22, bad data, or 23, a constraint), rather than failed. */
    static boolean refusedContent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private void remember(Waiting w) {
        if (w.session != null) {
            sessions.asMap().merge(w.key, new Recent(w.session, w.occurredAt), (a, b) -> b.at().isAfter(a.at()) ? b : a);
        }
    }

    private UUID insertOne(Waiting w) throws SQLException {
        Draft d = w.draft;
        String recordingId = w.key.recordingId();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            int i = 1;
            s.setObject(i++, w.entryId);
            s.setObject(i++, w.knownSession, Types.OTHER);
            for (int table = 0; table < 2; table++) {
                s.setString(i++, d.caller().subject());
                s.setString(i++, recordingId);
                s.setString(i++, w.key.purpose());
                s.setObject(i++, w.since.atOffset(ZoneOffset.UTC));
            }
            s.setObject(i++, UUID.randomUUID());
            s.setObject(i++, w.occurredAt.atOffset(ZoneOffset.UTC));
            s.setString(i++, d.kind());
            s.setString(i++, d.caller().subject());
            s.setString(i++, d.caller().username());
            s.setString(i++, d.caller().rolesText());
            s.setString(i++, recordingId);
            s.setString(i++, purposeCode(d));
            s.setString(i++, d.method());
            s.setString(i++, StringUtils.truncate(d.rangeRequested(), 200));
            s.setObject(i++, d.range() == null ? null : d.range().start(), Types.BIGINT);
            s.setObject(i++, d.range() == null ? null : d.range().end(), Types.BIGINT);
            s.setLong(i++, d.bytes());
            s.setInt(i++, d.status());
            s.setString(i++, d.outcome());
            s.setString(i++, d.caller().address());
            s.setObject(i, d.refEntryId(), Types.OTHER);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getObject(1, UUID.class);
            }
        }
    }

    /**
     * Many entries in one statement. A lone entry keeps {@link #INSERT}: unnesting arrays of one
     * costs the database more (0.26-0.30 against 0.19-0.25 CPU ms per entry, pgbench).
     */
    private void insertAll(List<Waiting> batch) throws SQLException {
        int n = batch.size();
        UUID[] entryIds = new UUID[n];
        UUID[] sessionIds = new UUID[n];
        UUID[] newSessions = new UUID[n];
        String[] occurredAt = new String[n];
        String[] since = new String[n];
        String[] kinds = new String[n];
        String[] subjects = new String[n];
        String[] usernames = new String[n];
        String[] roles = new String[n];
        String[] recordingIds = new String[n];
        String[] purposes = new String[n];
        String[] methods = new String[n];
        String[] ranges = new String[n];
        Long[] rangeStarts = new Long[n];
        Long[] rangeEnds = new Long[n];
        Long[] bytes = new Long[n];
        Integer[] statuses = new Integer[n];
        String[] outcomes = new String[n];
        String[] addresses = new String[n];
        UUID[] refs = new UUID[n];
        // Entries of one user, recording and purpose in one batch cannot see each other: they
        // start the same session when none is found before them.
        Map<SessionKey, UUID> started = new HashMap<>();
        for (int k = 0; k < n; k++) {
            Waiting w = batch.get(k);
            Draft d = w.draft;
            entryIds[k] = w.entryId;
            sessionIds[k] = w.knownSession;
            recordingIds[k] = w.key.recordingId();
            purposes[k] = purposeCode(d);
            subjects[k] = w.key.subject();
            newSessions[k] = started.computeIfAbsent(w.key, key -> UUID.randomUUID());
            occurredAt[k] = w.occurredAt.toString();
            since[k] = w.since.toString();
            kinds[k] = d.kind();
            usernames[k] = d.caller().username();
            roles[k] = d.caller().rolesText();
            methods[k] = d.method();
            ranges[k] = StringUtils.truncate(d.rangeRequested(), 200);
            rangeStarts[k] = d.range() == null ? null : d.range().start();
            rangeEnds[k] = d.range() == null ? null : d.range().end();
            bytes[k] = d.bytes();
            statuses[k] = d.status();
            outcomes[k] = d.outcome();
            addresses[k] = d.caller().address();
            refs[k] = d.refEntryId();
        }
        Map<UUID, UUID> sessions = new HashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(INSERT_ALL)) {
            Object[][] columns = {entryIds, sessionIds, newSessions, occurredAt, since, kinds, subjects, usernames, roles,
                    recordingIds, purposes, methods, ranges, rangeStarts, rangeEnds, bytes, statuses, outcomes, addresses, refs};
            for (int col = 0; col < columns.length; col++) {
                s.setArray(col + 1, c.createArrayOf(ARRAY_TYPES[col], columns[col]));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    sessions.put(r.getObject(1, UUID.class), r.getObject(2, UUID.class));
                }
            }
        }
        for (Waiting w : batch) {
            w.succeeded(sessions.get(w.entryId));
        }
    }

    /** The purpose as stored: null when the request named none (it was refused for that). */
    private static String purposeCode(Draft d) {
        return d.purpose() == null ? null : d.purpose().code();
    }

    /** What makes requests one listening session, besides following each other within the gap. */
    record SessionKey(String subject, String recordingId, String purpose) {
    }

    /** A session and its latest entry written here. */
    record Recent(UUID session, Instant at) {
    }

    /** An entry on its way into the pending table, and the request waiting for it. */
    static final class Waiting {
        final Draft draft;
        final UUID entryId;
        final Instant occurredAt;
        /** Entries after this instant may be of the same listening session. */
        final Instant since;
        final SessionKey key;
        /** The session the entry joins without a lookup: the draft's, or one this instance wrote within the gap. */
        UUID knownSession;
        /** Set, with the session or the failure, before the writer lets the waiting request go. */
        private volatile boolean done;
        private UUID session;
        private RuntimeException failure;

        Waiting(Draft draft, UUID entryId, Instant occurredAt, Instant since) {
            this.draft = draft;
            this.entryId = entryId;
            this.occurredAt = occurredAt;
            this.since = since;
            String purpose = purposeCode(draft);
            this.key = new SessionKey(draft.caller().subject(), StringUtils.truncate(draft.recordingId(), 200), purpose == null ? "" : purpose);
        }

        void succeeded(UUID session) {
            if (session == null) {
                failed(new IllegalStateException("the audit entry " + entryId + " was not written"));
                return;
            }
            this.session = session;
            done = true;
        }

        void failed(RuntimeException failure) {
            this.failure = failure;
            done = true;
        }

        Receipt result() {
            if (failure != null) {
                throw failure;
            }
            return new Receipt(entryId, session, occurredAt);
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
}
