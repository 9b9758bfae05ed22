package fi.hel.callrec.ingest;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The receipt of one stored recording. */
@Entity
@Table(name = "recording")
public class Recording extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "call_id", nullable = false)
    public String callId;

    @Column(nullable = false)
    public String bucket;

    @Column(name = "object_key", nullable = false)
    public String objectKey;

    @Column(nullable = false, columnDefinition = "bpchar(64)")
    public String sha256;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(nullable = false)
    public String codec;

    @Column(name = "sample_rate_hz", nullable = false)
    public int sampleRateHz;

    @Column(nullable = false)
    public int channels;

    @Column(name = "bits_per_sample", nullable = false)
    public int bitsPerSample;

    @Column(name = "duration_millis", nullable = false)
    public long durationMillis;

    @Column(name = "started_at", nullable = false)
    public OffsetDateTime startedAt;

    @Column(name = "ended_at", nullable = false)
    public OffsetDateTime endedAt;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] flags;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    public static Optional<Recording> findByCallId(String callId) {
        return find("callId", callId).firstResultOptional();
    }
}
