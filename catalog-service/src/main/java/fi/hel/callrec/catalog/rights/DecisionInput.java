package fi.hel.callrec.catalog.rights;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The manager's decision on a rectification. */
@Schema(name = "DecisionInput")
public record DecisionInput(
        @Schema(required = true) @NotNull Decision decision,
        @Schema(description = "why; required to refuse, printed on the refusal certificate") @Size(max = 4000)
        String reason) {

    @Schema(name = "Decision", enumeration = {"approve", "refuse"})
    public enum Decision implements Vocabulary {
        APPROVE, REFUSE
    }
}
