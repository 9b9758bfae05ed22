package fi.hel.callrec.catalog.rights;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A subject-access request as the manager registers it. */
@Schema(name = "SubjectAccessRequestInput")
public record SubjectAccessRequestInput(
        @Schema(description = "the subject's phone number in any Finnish or E.164 spelling", required = true,
                examples = "040 123 4567") @NotBlank String subjectNumber,
        @Schema(description = "the subject's name, when given") @Size(max = 500) String subjectName,
        @Schema(description = "how the request came", required = true) @NotNull Channel channel,
        @Schema(description = "who verified the requester's identity", required = true) @NotBlank @Size(max = 500)
        String identityVerifiedBy,
        @Schema(description = "how the identity was verified, e.g. the document shown", required = true) @NotBlank
        @Size(max = 500) String identityVerifiedHow,
        @Schema(description = "the day the request was received (not in the future)", required = true) @NotNull
        LocalDate receivedOn) {

    @Schema(name = "SubjectAccessChannel", enumeration = {"in-person", "signed-letter"})
    public enum Channel implements Vocabulary {
        IN_PERSON, SIGNED_LETTER
    }
}
