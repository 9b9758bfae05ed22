package fi.hel.callrec.catalog.rights;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A request to correct, delete or complete one field of a call. */
@Schema(name = "RectificationInput")
public record RectificationInput(
        @Schema(description = "the field, named as in the call's detail", required = true,
                examples = "callerProvided.name") String field,
        @Schema(description = "replace the value, delete it, or complete it (appended; set when empty)",
                enumeration = {"replace", "delete", "complete"}, required = true) String changeType,
        @Schema(description = "the corrected value or the completion; none for delete") String newValue,
        @Schema(description = "subject: the person's written request (default); controller: the department's own",
                enumeration = {"subject", "controller"}) String initiative,
        @Schema(description = "who asks; required on the subject's initiative") Requester requester,
        @Schema(description = "how the written request came; required on the subject's initiative",
                enumeration = {"letter", "e-mail", "in-person"}) String channel,
        @Schema(description = "the item of the written request: what is wrong and how; required on the subject's "
                + "initiative") String itemisation) {

    /** The person who asks for the rectification. */
    public record Requester(String name, String contact) {
    }
}
