package fi.hel.callrec.access.service;

import fi.hel.callrec.access.AuditEntry;
import fi.hel.callrec.access.AuditPending;
import fi.hel.callrec.access.config.AccessConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
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

    private final EntityManager em;
    private final AccessConfig.Sealer config;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public AuditSealer(EntityManager em, AccessConfig config) {
        this.em = em;
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
                wake.tryAcquire(config.idleInterval().toMillis(), TimeUnit.MILLISECONDS);
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
            sealed = QuarkusTransaction.requiringNew().call(this::sealBatch);
            total += sealed;
        } while (sealed == config.batchSize());
        return total;
    }

    /**
     * Seals the oldest pending entries, up to a batch, in the caller's transaction: each gets the
     * next seq and the hash over its content and the previous entry's hash, and leaves the
     * pending table; the head moves to the last. Returns how many were sealed.
     */
    int sealBatch() {
        Object[] head = (Object[]) em.createNativeQuery(
                "SELECT last_seq, last_hash FROM audit_chain WHERE id = 1 FOR UPDATE").getSingleResult();
        // Read after the lock: a sealer that held it before has committed, and what it sealed is gone from here.
        List<AuditPending> batch = em.createQuery("from AuditPending order by id", AuditPending.class)
                .setMaxResults(config.batchSize()).getResultList();
        if (batch.isEmpty()) {
            return 0;
        }
        long seq = ((Number) head[0]).longValue();
        String prev = (String) head[1];
        Map<UUID, Long> sealedNow = new HashMap<>();
        for (AuditPending p : batch) {
            AuditEntry e = new AuditEntry();
            e.seq = ++seq;
            e.entryId = p.entryId;
            e.sessionId = p.sessionId;
            e.occurredAt = p.occurredAt;
            e.kind = p.kind;
            e.subject = p.subject;
            e.username = p.username;
            e.roles = p.roles;
            e.recordingId = p.recordingId;
            e.purpose = p.purpose;
            e.method = p.method;
            e.rangeRequested = p.rangeRequested;
            e.rangeStart = p.rangeStart;
            e.rangeEnd = p.rangeEnd;
            e.bytes = p.bytes;
            e.status = p.status;
            e.outcome = p.outcome;
            e.clientAddress = p.clientAddress;
            e.refSeq = p.refEntryId == null ? null : refSeq(p.refEntryId, sealedNow);
            e.prevHash = prev;
            e.hash = AuditHash.of(e);
            em.persist(e);
            sealedNow.put(e.entryId, e.seq);
            prev = e.hash;
        }
        em.flush();
        // The pending table refuses deletes unless this transaction says it is the sealer.
        em.createNativeQuery("SELECT set_config('callrec.audit_seal', 'on', true)").getSingleResult();
        em.createQuery("delete from AuditPending where id in :ids")
                .setParameter("ids", batch.stream().map(p -> p.id).toList()).executeUpdate();
        em.createNativeQuery("UPDATE audit_chain SET last_seq = ?1, last_hash = ?2 WHERE id = 1")
                .setParameter(1, seq).setParameter(2, prev).executeUpdate();
        return batch.size();
    }

    /**
     * The seq of the access entry an interrupted entry completes. That entry was committed before
     * the interrupted one was written, so it has a lower pending id: it is sealed in this batch or
     * an earlier one (null only if the retention purge has removed it since).
     */
    private Long refSeq(UUID entryId, Map<UUID, Long> sealedNow) {
        Long seq = sealedNow.get(entryId);
        if (seq != null) {
            return seq;
        }
        List<Long> found = em.createQuery("select seq from AuditEntry where entryId = :id", Long.class)
                .setParameter("id", entryId).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }
}
