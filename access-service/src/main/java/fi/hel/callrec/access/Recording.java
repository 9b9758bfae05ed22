package fi.hel.callrec.access;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/**
 * One recording as this service knows it from events. Written only by the projection consumer;
 * the audio fields are null while the row is only a deletion marker.
 */
@Entity
public class Recording extends PanacheEntityBase {

    @Id
    public UUID id;
    public String bucket;
    public String objectKey;
    public String agentExtension;
    public String sha256;
    public Long sizeBytes;
    public String codec;
    public Integer sampleRateHz;
    public Integer channels;
    public Integer bitsPerSample;
    public Long durationMillis;
    public Instant recordedAt;
    public Instant deletedAt;
    public String deletionReason;

    public boolean deleted() {
        return deletedAt != null;
    }

    /** Whether the audio is known: a call-recorded event has been applied. */
    public boolean recorded() {
        return sha256 != null;
    }
}
