package fi.hel.callrec.access.training;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An anonymised training copy of a recording (see V6__training_copy.sql). */
@Entity
@Table(name = "training_copy")
public class TrainingCopy extends PanacheEntityBase {

    public static final String WRITING = "writing";
    public static final String READY = "ready";
    public static final String FAILED = "failed";

    @Id
    public UUID id;

    @Column(name = "source_id", nullable = false)
    public UUID sourceId;

    public String title;

    public String bucket;

    @Column(name = "object_key", nullable = false)
    public String objectKey;

    public String state;

    @Column(name = "span_count")
    public int spanCount;

    @Column(name = "sample_rate_hz")
    public int sampleRateHz;

    public int channels;

    @Column(name = "duration_millis")
    public long durationMillis;

    @Column(name = "size_bytes")
    public long sizeBytes;

    @Column(columnDefinition = "bpchar(64)")
    public String sha256;

    @Column(name = "made_by")
    public String madeBy;

    @Column(name = "made_at")
    public Instant madeAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** Whether it can be listed and heard: complete and its source not deleted. */
    public boolean audible() {
        return READY.equals(state) && deletedAt == null;
    }
}
