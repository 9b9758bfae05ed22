package fi.hel.callrec.ingest.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

/**
 * This process, as its pending uploads name it: it says every few seconds that it lives, so that
 * when it dies its uploads are settled at once, not after the orphan grace (docs/decisions/0007).
 */
@ApplicationScoped
public class UploadProcess {

    private static final Logger LOG = Logger.getLogger(UploadProcess.class);

    private final UUID id = UUID.randomUUID();
    private final Jdbi jdbi;

    public UploadProcess(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public UUID id() {
        return id;
    }

    void started(@Observes StartupEvent event) {
        alive();
    }

    @Scheduled(every = "${callrec.ingest.alive-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void alive() {
        execute("INSERT INTO ingest_process (id) VALUES (:id) ON CONFLICT (id) DO UPDATE SET seen_at = clock_timestamp()");
    }

    void leaving(@Observes ShutdownEvent event) {
        execute("DELETE FROM ingest_process WHERE id = :id");
    }

    private void execute(String sql) {
        try {
            jdbi.useHandle(h -> h.createUpdate(sql).bind("id", id).execute());
        } catch (RuntimeException e) {
            LOG.debugf("Could not say that this process lives: %s", e.getMessage());
        }
    }
}
