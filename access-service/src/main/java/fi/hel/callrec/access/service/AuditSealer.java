package fi.hel.callrec.access.service;

import fi.hel.callrec.access.AuditEntry;
import fi.hel.callrec.access.config.AccessConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Moves committed audit entries into the hash chain. One thread per instance, woken by every
 * entry this instance writes and otherwise every {@code idle-interval}; each batch is one
 * transaction under the lock of the chain head, so sealers of several instances take turns and
 * a sealer that dies mid-batch leaves its entries pending for the next one (after a restart this
 * instance's sealer starts with them). Entries are sealed in the order of their pending id, among
 * those committed: one written a moment earlier whose insert commits a moment later goes next.
 */
@ApplicationScoped
public class AuditSealer {

    private static final Logger LOG = Logger.getLogger(AuditSealer.class);

    /** The content columns, in the order of both tables' statements. */
    private static final String COLUMNS = "entry_id, session_id, occurred_at, kind, subject, username, roles, "
            + "recording_id, purpose, method, range_requested, range_start, range_end, bytes, status, outcome, client_address";

    private final AgroalDataSource db;
    private final AccessConfig.Sealer config;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public AuditSealer(AgroalDataSource db, AccessConfig config) {
        this.db = db;
        this.config = config.audit().sealer();
    }

    void start(@Observes StartupEvent started) {
        if (!config.enabled()) {
            LOG.info("Audit sealer off in this instance: entries stay pending until another instance seals them");
            return;
        }
        running = true;
        thread = new Thread(this::run, "audit-sealer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        if (thread != null) {
            wake.release();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /** Asks the sealer to look for pending entries now. */
    void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    private void run() {
        while (running) {
            try {
                sealPending();
            } catch (RuntimeException e) {
                LOG.warnf("Sealing audit entries failed, will retry: %s", e.getMessage());
            }
            try {
                if (wake.tryAcquire(config.idleInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    // Entries that arrive meanwhile join the batch: one transaction for many requests.
                    Thread.sleep(config.linger().toMillis());
                }
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Seals every entry pending now, a batch per transaction; returns how many. */
    public long sealPending() {
        long total = 0;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            int sealed;
            do {
                try {
                    sealed = sealBatch(c);
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
                total += sealed;
            } while (sealed == config.batchSize());
        } catch (SQLException e) {
            throw new IllegalStateException("could not seal audit entries", e);
        }
        return total;
    }

    /**
     * Seals the oldest pending entries, up to a batch, in the transaction open on {@code c}: each
     * gets the next seq and the hash over its content and the previous entry's hash, and leaves
     * the pending table; the head moves to the last. Returns how many were sealed. Plain JDBC:
     * this runs for nearly every request, and an ORM session per batch cost more than the rest.
     */
    int sealBatch(Connection c) throws SQLException {
        long seq;
        String prev;
        try (Statement s = c.createStatement()) {
            // The pending table refuses deletes unless this transaction says it is the sealer. And
            // it is a queue: statistics taken of it (by any vacuum) say it is nearly empty, while a
            // moment later it holds thousands of dead rows until the next vacuum. A plan that
            // trusts them reads the whole table for every batch (a sequential scan and sort of
            // 1.8 ms seen just after a vacuum, against 0.2 ms on the primary key); the indexes
            // always serve this batch's statements.
            s.execute("SELECT set_config('callrec.audit_seal', 'on', true), set_config('enable_seqscan', 'off', true)");
        }
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT last_seq, last_hash FROM audit_chain WHERE id = 1 FOR UPDATE")) {
            r.next();
            seq = r.getLong(1);
            prev = r.getString(2);
        }
        // Read after the lock: a sealer that held it before has committed, and what it sealed is gone from here.
        List<AuditEntry> batch = new ArrayList<>();
        List<Long> pendingIds = new ArrayList<>();
        Map<AuditEntry, UUID> refs = new IdentityHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, " + COLUMNS + ", ref_entry_id FROM audit_pending ORDER BY id LIMIT ?")) {
            s.setInt(1, config.batchSize());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    pendingIds.add(r.getLong("id"));
                    AuditEntry e = new AuditEntry();
                    e.entryId = r.getObject("entry_id", UUID.class);
                    e.sessionId = r.getObject("session_id", UUID.class);
                    e.occurredAt = r.getObject("occurred_at", OffsetDateTime.class).toInstant();
                    e.kind = r.getString("kind");
                    e.subject = r.getString("subject");
                    e.username = r.getString("username");
                    e.roles = r.getString("roles");
                    e.recordingId = r.getString("recording_id");
                    e.purpose = r.getString("purpose");
                    e.method = r.getString("method");
                    e.rangeRequested = r.getString("range_requested");
                    e.rangeStart = r.getObject("range_start", Long.class);
                    e.rangeEnd = r.getObject("range_end", Long.class);
                    e.bytes = r.getLong("bytes");
                    e.status = r.getInt("status");
                    e.outcome = r.getString("outcome");
                    e.clientAddress = r.getString("client_address");
                    UUID ref = r.getObject("ref_entry_id", UUID.class);
                    if (ref != null) {
                        refs.put(e, ref);
                    }
                    batch.add(e);
                }
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        Map<UUID, Long> sealedNow = new HashMap<>();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_entry (seq, " + COLUMNS
                + ", ref_seq, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AuditEntry e : batch) {
                e.seq = ++seq;
                UUID ref = refs.get(e);
                e.refSeq = ref == null ? null : refSeq(c, ref, sealedNow);
                e.prevHash = prev;
                e.hash = AuditHash.of(e);
                int i = 1;
                insert.setLong(i++, e.seq);
                insert.setObject(i++, e.entryId);
                insert.setObject(i++, e.sessionId);
                insert.setObject(i++, e.occurredAt.atOffset(ZoneOffset.UTC));
                insert.setString(i++, e.kind);
                insert.setString(i++, e.subject);
                insert.setString(i++, e.username);
                insert.setString(i++, e.roles);
                insert.setString(i++, e.recordingId);
                insert.setString(i++, e.purpose);
                insert.setString(i++, e.method);
                insert.setString(i++, e.rangeRequested);
                insert.setObject(i++, e.rangeStart, Types.BIGINT);
                insert.setObject(i++, e.rangeEnd, Types.BIGINT);
                insert.setLong(i++, e.bytes);
                insert.setInt(i++, e.status);
                insert.setString(i++, e.outcome);
                insert.setString(i++, e.clientAddress);
                insert.setObject(i++, e.refSeq, Types.BIGINT);
                insert.setString(i++, e.prevHash);
                insert.setString(i, e.hash);
                insert.addBatch();
                sealedNow.put(e.entryId, e.seq);
                prev = e.hash;
            }
            insert.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM audit_pending WHERE id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("bigint", pendingIds.toArray()));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE audit_chain SET last_seq = ?, last_hash = ? WHERE id = 1")) {
            s.setLong(1, seq);
            s.setString(2, prev);
            s.executeUpdate();
        }
        return batch.size();
    }

    /**
     * The seq of the access entry an interrupted entry completes. That entry was committed before
     * the interrupted one was written, so it has a lower pending id: it is sealed in this batch or
     * an earlier one (null only if the retention purge has removed it since).
     */
    private static Long refSeq(Connection c, UUID entryId, Map<UUID, Long> sealedNow) throws SQLException {
        Long seq = sealedNow.get(entryId);
        if (seq != null) {
            return seq;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT seq FROM audit_entry WHERE entry_id = ?")) {
            s.setObject(1, entryId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : null;
            }
        }
    }
}
