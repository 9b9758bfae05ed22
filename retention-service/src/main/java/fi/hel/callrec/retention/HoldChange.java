package fi.hel.callrec.retention;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One placement or release of a hold: who, when and why. Written once, never changed. */
@Entity
@Table(name = "hold_change")
public class HoldChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "recording_id", nullable = false)
    public UUID recordingId;

    @Column(nullable = false)
    public boolean held;

    public String reason;

    @Column(name = "case_reference")
    public String caseReference;

    public String note;

    @Column(name = "release_reason")
    public String releaseReason;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    public static List<HoldChange> history(UUID recordingId) {
        return list("recordingId = ?1 order by id", recordingId);
    }
}
