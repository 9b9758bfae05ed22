package fi.hel.callrec.access.audit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fi.hel.callrec.access.config.AccessConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.apache.commons.lang3.StringUtils;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes a request's audit entry into the pending table, durable before the request is answered,
 * with no lock shared with other requests; {@link AuditSealer} then chains it. Entries of requests
 * that arrive while one is being written wait and are then written together, one commit for all.
 */
@ApplicationScoped
public class AuditWriter {

    private static final Logger LOG = Logger.getLogger(AuditWriter.class);

    /** The most entries written in one commit. */
    private static final int MAX_BATCH = 64;

    /**
     * The entry's listening session: the one it names, else the latest of the same user, recording
     * and purpose since {@code :since}, pending or sealed (each table read backwards on its
     * session-lookup index), else a new one.
     */
    private static final String SESSION = """
            coalesce(CAST(:sessionId AS uuid), (SELECT session_id FROM (
                (SELECT session_id, occurred_at FROM audit_pending
                 WHERE subject = :subject AND recording_id = :recordingId AND coalesce(purpose, '') = :purposeKey
                   AND occurred_at > :since ORDER BY occurred_at DESC LIMIT 1)
                UNION ALL
                (SELECT session_id, occurred_at FROM audit_entry
                 WHERE subject = :subject AND recording_id = :recordingId AND coalesce(purpose, '') = :purposeKey
                   AND occurred_at > :since ORDER BY occurred_at DESC LIMIT 1)
            ) recent ORDER BY occurred_at DESC LIMIT 1), CAST(:newSession AS uuid))""";

    private static final String INSERT = "INSERT INTO audit_pending (" + AuditContent.COLUMNS + ", ref_entry_id) VALUES ("
            + AuditContent.PARAMETERS.replace(":sessionId", SESSION) + ", :refEntryId)";

    private final Jdbi jdbi;
    private final AccessConfig config;
    private final AuditSealer sealer;
    private final Counter writtenAlone;
    private final Queue<Waiting> queue = new ConcurrentLinkedQueue<>();
    /** Guards {@link #writing}: one request at a time writes the queued entries, the others wait. */
    private final Object turn = new Object();
    private boolean writing;
    /**
     * The latest session of each user, recording and purpose written here, so a player's next
     * request needs no lookup; older than the gap or missing, it is looked up in the database.
     */
    private final Cache<SessionKey, Recent> sessions;

    public AuditWriter(Jdbi jdbi, AccessConfig config, AuditSealer sealer, MeterRegistry meters) {
        this.jdbi = jdbi;
        this.config = config;
        this.sealer = sealer;
        this.sessions = Caffeine.newBuilder().expireAfterWrite(config.audit().sessionGap()).maximumSize(100_000).build();
        this.writtenAlone = Counter.builder("callrec.access.audit.written.alone")
                .description("Audit entries written again one at a time because the batch they came in failed")
                .register(meters);
    }

    /**
     * What to record; the writer adds the entry id, time and session, the sealer seq and hashes.
     * {@code refEntryId} is the access entry an interrupted entry completes; {@code sessionId}
     * null means the session is looked up.
     */
    public record Draft(String kind, Caller caller, String recordingId, Purpose purpose, String method,
                        String rangeRequested, Long rangeStart, Long rangeEnd, long bytes, int status, String outcome,
                        UUID refEntryId, UUID sessionId) {
    }

    /** A committed entry: its id until and after sealing, its listening session, and when it was written. */
    public record Receipt(UUID entryId, UUID sessionId, Instant occurredAt) {
    }

    /** Commits an entry (durable when this returns), together with those of requests waiting meanwhile. */
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
                List<Waiting> batch = new ArrayList<>();
                for (Waiting w; batch.size() < MAX_BATCH && (w = queue.poll()) != null; ) {
                    batch.add(w);
                }
                try {
                    write(batch);
                } finally {
                    batch.stream().filter(w -> !w.done).forEach(w -> w.failed(notWritten(w, null)));
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

    /**
     * Writes entries in one transaction, each one's outcome set before this returns. A batch
     * whose content the database refuses is written again entry by entry, so a bad entry fails
     * only its own request; one that fails otherwise (the database unreachable) fails them all.
     */
    void write(List<Waiting> batch) {
        if (batch.isEmpty()) {
            return;
        }
        for (Waiting w : batch) {
            Recent recent = w.row.sessionId == null ? sessions.getIfPresent(w.key) : null;
            if (recent != null && recent.at().isAfter(w.since)) {
                w.row.sessionId = recent.session();
            }
        }
        if (batch.size() > 1) {
            try {
                insert(batch);
                return;
            } catch (RuntimeException e) {
                if (!refusedContent(e)) {
                    batch.forEach(w -> w.failed(notWritten(w, e)));
                    return;
                }
                LOG.warnf("Writing %d audit entries together failed, writing each alone: %s", batch.size(), e.getMessage());
                writtenAlone.increment(batch.size());
            }
        }
        for (Waiting w : batch) {
            try {
                insert(List.of(w));
            } catch (RuntimeException e) {
                w.failed(notWritten(w, e));
            }
        }
    }

    /** Whether the database refused what was written (SQLSTATE class 22, bad data, or 23, a constraint), rather than failed. */
    static boolean refusedContent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && StringUtils.startsWithAny(sql.getSQLState(), "22", "23")) {
                return true;
            }
        }
        return false;
    }

    /** One statement per entry, one commit for all; each entry's lookup sees those before it in the batch. */
    private void insert(List<Waiting> batch) {
        Map<UUID, UUID> written = jdbi.withHandle(h -> batch.size() == 1 ? insert(h, batch) : h.inTransaction(t -> insert(t, batch)));
        for (Waiting w : batch) {
            w.succeeded(written.get(w.row.entryId));
            if (w.session != null) {
                sessions.asMap().merge(w.key, new Recent(w.session, w.row.occurredAt), (a, b) -> b.at().isAfter(a.at()) ? b : a);
            }
        }
        sealer.wake();
    }

    private static Map<UUID, UUID> insert(Handle h, List<Waiting> batch) {
        PreparedBatch insert = h.prepareBatch(INSERT);
        for (Waiting w : batch) {
            insert.bindBean(w.row).bind("since", w.since).bind("purposeKey", w.key.purpose())
                    .bind("newSession", UUID.randomUUID()).add();
        }
        return insert.executePreparedBatch("entry_id", "session_id")
                .map((rs, ctx) -> Map.entry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static IllegalStateException notWritten(Waiting w, Throwable cause) {
        return new IllegalStateException("could not write the audit entry " + w.row.entryId, cause);
    }

    /** What makes requests one listening session, besides following each other within the gap. */
    record SessionKey(String subject, String recordingId, String purpose) {
    }

    /** A session and its latest entry written here. */
    record Recent(UUID session, Instant at) {
    }

    /** An entry on its way into the pending table, and the request waiting for it. */
    static final class Waiting {
        final AuditPending row = new AuditPending();
        /** Entries after this instant may be of the same listening session. */
        final Instant since;
        final SessionKey key;
        /** Set, with the session or the failure, before the writer lets the waiting request go. */
        private volatile boolean done;
        private UUID session;
        private RuntimeException failure;

        Waiting(Draft d, UUID entryId, Instant occurredAt, Instant since) {
            this.since = since;
            row.entryId = entryId;
            row.sessionId = d.sessionId();
            row.occurredAt = occurredAt;
            row.kind = d.kind();
            row.subject = d.caller().staff().subject();
            row.username = d.caller().staff().username();
            row.roles = d.caller().staff().rolesText();
            row.recordingId = StringUtils.truncate(d.recordingId(), 200);
            row.purpose = d.purpose() == null ? null : d.purpose().code();
            row.method = d.method();
            row.rangeRequested = StringUtils.truncate(d.rangeRequested(), 200);
            row.rangeStart = d.rangeStart();
            row.rangeEnd = d.rangeEnd();
            row.bytes = d.bytes();
            row.status = d.status();
            row.outcome = d.outcome();
            row.clientAddress = d.caller().address();
            row.refEntryId = d.refEntryId();
            this.key = new SessionKey(row.subject, row.recordingId, StringUtils.defaultString(row.purpose));
        }

        void succeeded(UUID session) {
            if (session == null) {
                failed(notWritten(this, null));
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
            return new Receipt(row.entryId, session, row.occurredAt);
        }
    }
}
