package fi.hel.callrec.access;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One recording as this service knows it from events. Written only by the projection consumer;
 * the audio fields are null while the row is only a deletion marker.
 */
@Entity
@Table(name = "recording")
public class Recording extends PanacheEntityBase {

    @Id
    public UUID id;

    public String bucket;

    @Column(name = "object_key", nullable = false)
    public String objectKey;

    @Column(name = "agent_extension")
    public String agentExtension;

    @Column(columnDefinition = "bpchar(64)")
    public String sha256;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    public String codec;

    @Column(name = "sample_rate_hz")
    public Integer sampleRateHz;

    public Integer channels;

    @Column(name = "bits_per_sample")
    public Integer bitsPerSample;

    @Column(name = "duration_millis")
    public Long durationMillis;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Column(name = "deletion_reason")
    public String deletionReason;

    public boolean deleted() {
        return deletedAt != null;
    }

    /** Whether the audio is known: a call-recorded event has been applied. */
    public boolean recorded() {
        return sha256 != null;
    }
}
