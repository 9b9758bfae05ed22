package fi.hel.callrec.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A recording that is gone: its metadata is never indexed again, whatever arrives later. */
@Entity
@Table(name = "deleted_recording")
public class DeletedRecording extends PanacheEntityBase {

    @Id
    @Column(name = "recording_id")
    public UUID recordingId;

    @Column(nullable = false)
    public String reason;

    @Column(name = "deleted_at", nullable = false)
    public Instant deletedAt;
}
