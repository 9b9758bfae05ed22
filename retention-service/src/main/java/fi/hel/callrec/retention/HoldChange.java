package fi.hel.callrec.retention;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One placement or release of a hold: who, when and why. Written once, never changed. */
@Entity
public class HoldChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public UUID recordingId;
    public boolean held;
    public String reason;
    public String caseReference;
    public String note;
    public String releaseReason;
    public String changedBy;
    public Instant changedAt;

    public static List<HoldChange> history(UUID recordingId) {
        return list("recordingId = ?1 order by id", recordingId);
    }
}
