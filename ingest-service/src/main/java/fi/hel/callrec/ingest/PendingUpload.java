package fi.hel.callrec.ingest;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An object put (or being put) into S3 whose receipt has not committed yet. */
@Entity
@Table(name = "pending_upload")
public class PendingUpload extends PanacheEntityBase {

    @Id
    @Column(name = "recording_id")
    public UUID recordingId;

    @Column(nullable = false)
    public String bucket;

    @Column(name = "object_key", nullable = false)
    public String objectKey;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    public static PendingUpload of(UUID recordingId, String bucket, String objectKey) {
        PendingUpload pending = new PendingUpload();
        pending.recordingId = recordingId;
        pending.bucket = bucket;
        pending.objectKey = objectKey;
        pending.startedAt = Instant.now();
        return pending;
    }
}
