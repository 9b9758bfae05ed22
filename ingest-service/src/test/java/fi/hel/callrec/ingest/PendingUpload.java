package fi.hel.callrec.ingest;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** A pending-upload row, for tests to set up and inspect (the service writes them with SQL). */
@Entity
public class PendingUpload extends PanacheEntityBase {

    @Id
    public UUID recordingId;
    public String bucket;
    public String objectKey;
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
