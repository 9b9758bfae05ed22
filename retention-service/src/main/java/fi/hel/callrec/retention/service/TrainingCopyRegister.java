package fi.hel.callrec.retention.service;

import fi.hel.callrec.events.TrainingCopyMade;
import fi.hel.callrec.retention.storage.RecordingObjects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

/**
 * The training copies of each recording, as access-service announced them. A copy never outlives
 * its source: {@link Destroyer} and {@link Reconciler} take a recording's copies in the same step
 * as the recording, and a copy announced after its source was destroyed is destroyed at once.
 */
@ApplicationScoped
public class TrainingCopyRegister {

    private static final Logger LOG = Logger.getLogger(TrainingCopyRegister.class);
    /** The deletion-log reason of a copy destroyed after its source (the copy was announced late). */
    static final String SOURCE_DELETED = "source-deleted";

    private final Jdbi jdbi;
    private final RecordingObjects objects;
    private final InstantSource clock;

    public TrainingCopyRegister(Jdbi jdbi, RecordingObjects objects, InstantSource clock) {
        this.jdbi = jdbi;
        this.objects = objects;
        this.clock = clock;
    }

    /** Keeps the copy beside its source; destroys it at once when the source is gone already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void made(TrainingCopyMade event) {
        jdbi.useHandle(h -> {
            h.createUpdate("""
                    INSERT INTO training_copy (copy_id, recording_id, bucket, object_key, made_at)
                    VALUES (:copyId, :recordingId, :bucket, :objectKey, :madeAt) ON CONFLICT (copy_id) DO NOTHING""")
                    .bindMethods(event).execute();
            String sourceKey = h.createQuery(
                    "SELECT object_key FROM retention_schedule WHERE recording_id = :id AND deleted_at IS NOT NULL FOR UPDATE")
                    .bind("id", event.recordingId()).mapTo(String.class).findOne().orElse(null);
            if (sourceKey == null) {
                return;
            }
            if (!objects.removeAll(event.bucket(), List.of(event.objectKey())).isEmpty()) {
                LOG.warnf("Training copy %s of a deleted recording was refused by the store; reconciliation retries", event.copyId());
                return;
            }
            Instant now = clock.instant();
            markDeleted(List.of(event.objectKey()), now);
            DeletionLog.write(h, List.of(new DeletionLog(event.recordingId(), sourceKey, null, now, SOURCE_DELETED, null, null,
                    DeletionLog.keys(List.of(event.objectKey())))));
        });
    }

    /** The undeleted copies' keys of each recording, locked until the caller's transaction ends. */
    public Map<UUID, List<String>> of(Collection<UUID> recordingIds) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT recording_id, object_key FROM training_copy WHERE recording_id = ANY (:ids) AND deleted_at IS NULL FOR UPDATE")
                .bindArray("ids", UUID.class, recordingIds)
                .map((rs, ctx) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList()))));
    }

    public void markDeleted(Collection<String> keys, Instant deletedAt) {
        if (!keys.isEmpty()) {
            jdbi.useHandle(h -> h.createUpdate("UPDATE training_copy SET deleted_at = :at WHERE object_key = ANY (:keys) AND deleted_at IS NULL")
                    .bind("at", deletedAt).bindArray("keys", String.class, keys).execute());
        }
    }

    /** The keys among these of copies already recorded as destroyed (an object written after its removal). */
    public Set<String> destroyed(Collection<String> keys) {
        return jdbi.withHandle(h -> h.createQuery("SELECT object_key FROM training_copy WHERE object_key = ANY (:keys) AND deleted_at IS NOT NULL")
                .bindArray("keys", String.class, keys).mapTo(String.class).collect(Collectors.toSet()));
    }
}
