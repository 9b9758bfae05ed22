package fi.hel.callrec.access.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * A training copy as the API shows it. Agents get the id, title and date only; the source, its
 * length and the maker are for supervisors and the manager ({@code null} fields are left out).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingCopyView(UUID id, String title, Instant madeAt, UUID sourceRecordingId, String madeBy,
                               Long durationMillis, Integer blankedSpans) {

    static TrainingCopyView forAgent(TrainingCopy copy) {
        return new TrainingCopyView(copy.id, copy.title, copy.madeAt, null, null, null, null);
    }

    static TrainingCopyView full(TrainingCopy copy) {
        return new TrainingCopyView(copy.id, copy.title, copy.madeAt, copy.sourceId, copy.madeBy, copy.durationMillis,
                copy.spanCount);
    }
}
