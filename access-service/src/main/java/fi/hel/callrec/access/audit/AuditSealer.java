package fi.hel.callrec.access.audit;

import fi.hel.callrec.access.config.AccessConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.FieldMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Moves committed audit entries into the hash chain, in the order of their pending id. One thread
 * per instance, woken by every entry this instance writes and otherwise every {@code idle-interval}.
 * Each batch is one transaction under the lock of the chain head: sealers of several instances take
 * turns, and one that dies mid-batch leaves its entries pending for the next.
 */
@ApplicationScoped
public class AuditSealer {

    private static final Logger LOG = Logger.getLogger(AuditSealer.class);

    private static final String INSERT = "INSERT INTO audit_entry (seq, " + AuditContent.COLUMNS
            + ", ref_seq, prev_hash, hash) VALUES (:seq, " + AuditContent.PARAMETERS + ", :refSeq, :prevHash, :hash)";

    private static final RowMapper<AuditEntry> CONTENT = FieldMapper.of(AuditEntry.class);

    /** A pending row: its order, the access entry it completes (if interrupted) and its content. */
    private record Pending(long id, UUID refEntryId, AuditEntry entry) {
    }

    private final Jdbi jdbi;
    private final AccessConfig.Sealer config;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public AuditSealer(Jdbi jdbi, AccessConfig config) {
        this.jdbi = jdbi;
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
        int sealed;
        do {
            sealed = jdbi.inTransaction(this::sealBatch);
            total += sealed;
        } while (sealed == config.batchSize());
        return total;
    }

    /**
     * Seals the oldest pending entries, up to a batch, in the transaction open on {@code h}: each
     * gets the next seq and the hash over its content and the previous entry's hash, and leaves
     * the pending table; the head moves to the last. Returns how many were sealed.
     */
    int sealBatch(Handle h) {
        // The pending table refuses deletes unless this transaction says it is the sealer. It is a
        // queue: its statistics, taken when it was nearly empty, may mislead the planner into a
        // sequential scan of its dead rows; its primary key always serves these statements.
        h.createQuery("SELECT set_config('callrec.audit_seal', 'on', true) AS seal, set_config('enable_seqscan', 'off', true) AS scan")
                .mapToMap().one();
        Map<String, Object> head = h.createQuery("SELECT last_seq, last_hash FROM audit_chain WHERE id = 1 FOR UPDATE")
                .mapToMap().one();
        long seq = (Long) head.get("last_seq");
        String prev = (String) head.get("last_hash");
        // Read after the lock: what a sealer that held it before sealed is gone from here.
        List<Pending> batch = h.createQuery("SELECT * FROM audit_pending ORDER BY id LIMIT :size")
                .bind("size", config.batchSize())
                .map((rs, ctx) -> new Pending(rs.getLong("id"), rs.getObject("ref_entry_id", UUID.class), CONTENT.map(rs, ctx)))
                .list();
        if (batch.isEmpty()) {
            return 0;
        }
        Map<UUID, Long> sealedNow = new HashMap<>();
        List<Long> pendingIds = new ArrayList<>();
        PreparedBatch insert = h.prepareBatch(INSERT);
        for (Pending p : batch) {
            AuditEntry e = p.entry();
            e.seq = ++seq;
            e.refSeq = p.refEntryId() == null ? null : refSeq(h, p.refEntryId(), sealedNow);
            e.prevHash = prev;
            e.hash = AuditHash.of(e);
            insert.bindBean(e).add();
            sealedNow.put(e.entryId, e.seq);
            pendingIds.add(p.id());
            prev = e.hash;
        }
        insert.execute();
        h.createUpdate("DELETE FROM audit_pending WHERE id = ANY (:ids)").bindArray("ids", Long.class, pendingIds).execute();
        h.createUpdate("UPDATE audit_chain SET last_seq = :seq, last_hash = :hash WHERE id = 1")
                .bind("seq", seq).bind("hash", prev).execute();
        return batch.size();
    }

    /**
     * The seq of the access entry an interrupted entry completes. That entry was committed first,
     * so it is sealed in this batch or an earlier one (null only if the retention purge removed it).
     */
    private static Long refSeq(Handle h, UUID entryId, Map<UUID, Long> sealedNow) {
        Long seq = sealedNow.get(entryId);
        return seq != null ? seq : h.createQuery("SELECT seq FROM audit_entry WHERE entry_id = :id").bind("id", entryId)
                .mapTo(Long.class).findOne().orElse(null);
    }
}
