package fi.hel.callrec.catalog.rights;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A request to correct, delete or complete one field of a call. */
@Schema(name = "RectificationInput")
public record RectificationInput(
        @Schema(description = "the field, named as in the call's detail", required = true,
                examples = "callerProvided.name") String field,
        @Schema(description = "replace the value, delete it, or complete it (appended; set when empty)",
                required = true) @NotNull ChangeType changeType,
        @Schema(description = "the corrected value or the completion; none for delete") @Size(max = 4000) String newValue,
        @Schema(description = "subject: the person's written request (default); controller: the department's own")
        Initiative initiative,
        @Schema(description = "who asks; required on the subject's initiative") @Valid Requester requester,
        @Schema(description = "how the written request came; required on the subject's initiative") Channel channel,
        @Schema(description = "the item of the written request: what is wrong and how; required on the subject's "
                + "initiative") @Size(max = 4000) String itemisation) {

    /** The person who asks for the rectification. */
    public record Requester(@Size(max = 500) String name, @Size(max = 500) String contact) {
    }

    /** How the field changes. */
    @Schema(name = "ChangeType", enumeration = {"replace", "delete", "complete"})
    public enum ChangeType implements Vocabulary {
        REPLACE, DELETE, COMPLETE
    }

    /** The person's written request, or the department's own. */
    @Schema(name = "Initiative", enumeration = {"subject", "controller"})
    public enum Initiative implements Vocabulary {
        SUBJECT, CONTROLLER
    }

    /** How the written request came; {@code controller} on the controller's initiative. */
    @Schema(name = "RectificationChannel", enumeration = {"letter", "e-mail", "in-person", "controller"})
    public enum Channel implements Vocabulary {
        LETTER, E_MAIL, IN_PERSON, CONTROLLER
    }
}
