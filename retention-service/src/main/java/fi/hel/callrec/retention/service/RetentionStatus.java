package fi.hel.callrec.retention.service;

import fi.hel.callrec.retention.config.RetentionConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

/**
 * Counts of the schedule for operators: the status endpoint and the gauges
 * {@code callrec_retention_recordings{state=...}}, so that an alert can fire on overdue > 0.
 * The gauges are recounted on a schedule and after every sweep, not on every scrape.
 */
@ApplicationScoped
public class RetentionStatus {

    private static final Logger LOG = Logger.getLogger(RetentionStatus.class);
    private static final String COUNT = """
            SELECT count(*) FILTER (WHERE deleted_at IS NULL),
                   count(*) FILTER (WHERE deleted_at IS NULL AND NOT held AND due_at <= :now),
                   count(*) FILTER (WHERE deleted_at IS NULL AND NOT held AND due_at <= :overdueBy),
                   count(*) FILTER (WHERE deleted_at IS NULL AND held),
                   count(*) FILTER (WHERE deleted_at IS NOT NULL),
                   min(due_at) FILTER (WHERE deleted_at IS NULL AND NOT held AND due_at > :now),
                   (SELECT count(*) FROM training_copy WHERE deleted_at IS NULL),
                   (SELECT count(*) FROM training_copy WHERE deleted_at IS NOT NULL)
            FROM retention_schedule""";

    /**
     * The schedule's counts at one moment, and the last sweep this process ran. {@code trainingCopies}
     * are the anonymised copies stored, each destroyed with its recording ({@code trainingCopiesDeleted}).
     */
    public record Snapshot(Instant countedAt, String retention, long scheduled, long due, long overdue, long held, long deleted,
            Instant nextDueAt, long trainingCopies, long trainingCopiesDeleted, SweepResult lastSweep) {
    }

    private final Jdbi jdbi;
    private final RetentionConfig config;
    private final InstantSource clock;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private final AtomicReference<SweepResult> lastSweep = new AtomicReference<>();

    public RetentionStatus(Jdbi jdbi, RetentionConfig config, InstantSource clock, MeterRegistry registry) {
        this.jdbi = jdbi;
        this.config = config;
        this.clock = clock;
        for (String state : new String[] {"scheduled", "due", "overdue", "held", "deleted"}) {
            AtomicLong value = new AtomicLong();
            gauges.put(state, value);
            Gauge.builder("callrec.retention.recordings", value, AtomicLong::get).tag("state", state)
                    .description("Recordings in the retention schedule by state").register(registry);
        }
    }

    @Scheduled(every = "${callrec.retention.status-refresh:30s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            count();
        } catch (RuntimeException e) {
            LOG.debugf("Could not count the schedule: %s", e.getMessage());
        }
    }

    void sweepFinished(SweepResult result) {
        lastSweep.set(result);
        refresh();
    }

    /** Counts now (a full read of the schedule, so not per scrape) and updates the gauges. */
    public Snapshot count() {
        Instant now = clock.instant();
        Snapshot snapshot = jdbi.withHandle(h -> h.createQuery(COUNT)
                .bind("now", now).bind("overdueBy", now.minus(config.overdueAfter()))
                .map((row, ctx) -> {
                    Timestamp next = row.getTimestamp(6);
                    return new Snapshot(now, config.period().toString(), row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4),
                            row.getLong(5), next == null ? null : next.toInstant(), row.getLong(7), row.getLong(8), lastSweep.get());
                }).one());
        gauges.get("scheduled").set(snapshot.scheduled());
        gauges.get("due").set(snapshot.due());
        gauges.get("overdue").set(snapshot.overdue());
        gauges.get("held").set(snapshot.held());
        gauges.get("deleted").set(snapshot.deleted());
        return snapshot;
    }
}
