package fi.hel.callrec.catalog.rights;

import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A subject-access request as the manager registers it. */
@Schema(name = "SubjectAccessRequestInput")
public record SubjectAccessRequestInput(
        @Schema(description = "the subject's phone number in any Finnish or E.164 spelling", required = true,
                examples = "040 123 4567") String subjectNumber,
        @Schema(description = "the subject's name, when given") String subjectName,
        @Schema(description = "how the request came", enumeration = {"in-person", "signed-letter"}, required = true)
        String channel,
        @Schema(description = "who verified the requester's identity", required = true) String identityVerifiedBy,
        @Schema(description = "how the identity was verified, e.g. the document shown", required = true)
        String identityVerifiedHow,
        @Schema(description = "the day the request was received (not in the future)", required = true)
        LocalDate receivedOn) {
}
