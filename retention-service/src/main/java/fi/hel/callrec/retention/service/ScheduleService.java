package fi.hel.callrec.retention.service;

import fi.hel.callrec.commons.messaging.RecordedObjects;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.InvalidEventException;
import fi.hel.callrec.retention.config.RetentionConfig;
import fi.hel.callrec.retention.storage.RecordingObjects;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jdbi.v3.core.Jdbi;

/** Puts each recorded call on the retention schedule. */
@ApplicationScoped
public class ScheduleService {

    private final Jdbi jdbi;
    private final RetentionConfig config;
    private final RecordingObjects objects;
    private final Counter refused;

    public ScheduleService(Jdbi jdbi, RetentionConfig config, RecordingObjects objects, MeterRegistry registry) {
        this.jdbi = jdbi;
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
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO retention_schedule (recording_id, bucket, object_key, started_at, due_at)
                VALUES (:recordingId, :bucket, :objectKey, :startedAt, :dueAt) ON CONFLICT (recording_id) DO NOTHING""")
                .bindMethods(event).bind("dueAt", config.period().dueAt(event.startedAt())).execute());
    }
}
