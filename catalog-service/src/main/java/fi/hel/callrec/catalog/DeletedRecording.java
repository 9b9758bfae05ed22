package fi.hel.callrec.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** A recording that is gone: its metadata is never indexed again, whatever arrives later. */
@Entity
public class DeletedRecording extends PanacheEntityBase {

    @Id
    public UUID recordingId;

    public String reason;
    public Instant deletedAt;
}
