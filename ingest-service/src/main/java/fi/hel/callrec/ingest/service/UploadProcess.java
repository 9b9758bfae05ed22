package fi.hel.callrec.ingest.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * This process, as the pending uploads name it: it says every few seconds that it lives
 * ({@code ingest_process.seen_at}), so that when it dies the uploads it was streaming are settled
 * by whoever notices first, not after the orphan grace. Leaving normally, it says so.
 */
@ApplicationScoped
public class UploadProcess {

    private static final Logger LOG = Logger.getLogger(UploadProcess.class);

    private final UUID id = UUID.randomUUID();
    private final AgroalDataSource dataSource;

    public UploadProcess(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public UUID id() {
        return id;
    }

    void started(@Observes StartupEvent event) {
        alive();
    }

    @Scheduled(every = "${callrec.ingest.alive-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void alive() {
        execute("INSERT INTO ingest_process (id) VALUES (?) ON CONFLICT (id) DO UPDATE SET seen_at = clock_timestamp()");
    }

    void leaving(@Observes ShutdownEvent event) {
        execute("DELETE FROM ingest_process WHERE id = ?");
    }

    private void execute(String sql) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            statement.executeUpdate();
        } catch (SQLException e) {
            LOG.debugf("Could not say that this process lives: %s", e.getMessage());
        }
    }
}
