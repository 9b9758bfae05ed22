package fi.hel.callrec.access.training;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** An anonymised training copy of a recording (see V6__training_copy.sql). */
@Entity
public class TrainingCopy extends PanacheEntityBase {

    public static final String WRITING = "writing";
    public static final String READY = "ready";
    public static final String FAILED = "failed";

    @Id
    public UUID id;
    public UUID sourceId;
    public String title;
    public String bucket;
    public String objectKey;
    public String state;
    public int spanCount;
    public int sampleRateHz;
    public int channels;
    public long durationMillis;
    public long sizeBytes;
    public String sha256;
    public String madeBy;
    public Instant madeAt;
    public Instant deletedAt;
}
