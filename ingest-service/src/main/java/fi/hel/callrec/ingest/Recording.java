package fi.hel.callrec.ingest;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The receipt of one stored recording. */
@Entity
public class Recording extends PanacheEntityBase {

    @Id
    public UUID id;
    public String callId;
    public String bucket;
    public String objectKey;
    public String sha256;
    public long sizeBytes;
    public String codec;
    public int sampleRateHz;
    public int channels;
    public int bitsPerSample;
    public long durationMillis;
    public OffsetDateTime startedAt;
    public OffsetDateTime endedAt;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] flags;
    public Instant receivedAt;

    public static Optional<Recording> findByCallId(String callId) {
        return find("callId", callId).firstResultOptional();
    }
}
