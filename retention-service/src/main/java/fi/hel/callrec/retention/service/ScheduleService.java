package fi.hel.callrec.retention.service;

import fi.hel.callrec.commons.messaging.RecordedObjects;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.InvalidEventException;
import fi.hel.callrec.retention.config.RetentionConfig;
import fi.hel.callrec.retention.storage.RecordingObjects;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Puts each recorded call on the retention schedule. */
@ApplicationScoped
public class ScheduleService {

    private final EntityManager em;
    private final RetentionConfig config;
    private final RecordingObjects objects;
    private final Counter refused;

    public ScheduleService(EntityManager em, RetentionConfig config, RecordingObjects objects, MeterRegistry registry) {
        this.em = em;
        this.config = config;
        this.objects = objects;
        this.refused = registry.counter("callrec.retention.recorded.refused");
    }

    /**
     * Schedules the recording for destruction at call start + retention; a recording already
     * scheduled keeps its row. An event that names another bucket, or another key than its own
     * recording's, is refused (counted, and dead-lettered by the consumer): deleting there would
     * reach into another deployment's data or another recording.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void schedule(CallRecorded event) {
        try {
            RecordedObjects.requireOwn(event, objects.bucket());
        } catch (InvalidEventException e) {
            refused.increment();
            throw e;
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
