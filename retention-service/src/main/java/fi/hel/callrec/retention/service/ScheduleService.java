package fi.hel.callrec.retention.service;

import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.retention.config.RetentionConfig;
import fi.hel.callrec.retention.storage.RecordingObjects;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Puts each recorded call on the retention schedule. */
@ApplicationScoped
public class ScheduleService {

    private static final Logger LOG = Logger.getLogger(ScheduleService.class);

    private final EntityManager em;
    private final RetentionConfig config;
    private final RecordingObjects objects;
    private final Counter foreignBucket;

    public ScheduleService(EntityManager em, RetentionConfig config, RecordingObjects objects, MeterRegistry registry) {
        this.em = em;
        this.config = config;
        this.objects = objects;
        this.foreignBucket = registry.counter("callrec.retention.foreign.bucket");
    }

    /**
     * Schedules the recording for destruction at call start + retention; a recording already
     * scheduled keeps its row. A recording in a bucket this service does not manage is not
     * scheduled: deleting there would reach into another deployment's data. It is logged and
     * counted so that an operator sees the misconfiguration.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void schedule(CallRecorded event) {
        if (!objects.bucket().equals(event.bucket())) {
            foreignBucket.increment();
            LOG.warnf("Recording %s is in bucket '%s', not in '%s' that this service manages; not scheduled",
                    event.recordingId(), event.bucket(), objects.bucket());
            return;
        }
        Instant due = config.period().dueAt(event.startedAt());
        em.createNativeQuery("""
                INSERT INTO retention_schedule (recording_id, bucket, object_key, started_at, due_at)
                VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (recording_id) DO NOTHING""")
                .setParameter(1, event.recordingId())
                .setParameter(2, event.bucket())
                .setParameter(3, event.objectKey())
                .setParameter(4, event.startedAt().toInstant())
                .setParameter(5, due)
                .executeUpdate();
    }
}
