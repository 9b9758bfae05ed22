package fi.hel.callrec.access.audit;

import fi.hel.callrec.access.config.AccessConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

/** Removes audit entries past their retention from the start of the chain. */
@ApplicationScoped
public class AuditPurge {

    private static final Logger LOG = Logger.getLogger(AuditPurge.class);

    private final Jdbi jdbi;
    private final AccessConfig config;

    public AuditPurge(Jdbi jdbi, AccessConfig config) {
        this.jdbi = jdbi;
        this.config = config;
    }

    @Scheduled(every = "${callrec.access.audit.purge-interval:1h}", delayed = "1m",
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
     * Removes the entries older than {@code before} and moves the chain's anchor to the last one
     * removed, so that verification starts where the log now does.
     */
    public long purge(Instant before) {
        return jdbi.inTransaction(h -> {
            h.createQuery("SELECT 1 FROM audit_chain WHERE id = 1 FOR UPDATE").mapTo(Integer.class).one();
            Optional<Map<String, Object>> last = h.createQuery(
                            "SELECT seq, hash FROM audit_entry WHERE occurred_at < :before ORDER BY seq DESC LIMIT 1")
                    .bind("before", before).mapToMap().findOne();
            if (last.isEmpty()) {
                return 0L;
            }
            // The table refuses deletes unless this transaction says it is the purge.
            h.createQuery("SELECT set_config('callrec.audit_purge', 'on', true)").mapTo(String.class).one();
            long removed = h.createUpdate("DELETE FROM audit_entry WHERE seq <= :seq").bindMap(last.get()).execute();
            h.createUpdate("UPDATE audit_chain SET purged_through_seq = :seq, purged_through_hash = :hash WHERE id = 1")
                    .bindMap(last.get()).execute();
            return removed;
        });
    }
}
