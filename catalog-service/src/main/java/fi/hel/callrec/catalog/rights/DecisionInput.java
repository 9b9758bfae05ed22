package fi.hel.callrec.catalog.rights;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The manager's decision on a rectification. */
@Schema(name = "DecisionInput")
public record DecisionInput(
        @Schema(enumeration = {"approve", "refuse"}, required = true) String decision,
        @Schema(description = "why; required to refuse, printed on the refusal certificate") String reason) {
}
