package fi.hel.callrec.access.training;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A request for a training copy: a title that says what the call teaches (it must not name the
 * caller), and the stretches where someone says a name, number, plate, address or anything else
 * that identifies a person, marked while listening. Each is replaced by a tone.
 */
public record TrainingCopyRequest(
        @NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
        String title,
        @NotNull @Size(max = 500) List<@Valid @NotNull Span> spans) {

    /** A stretch of the call in seconds from its start; start before end. */
    public record Span(@NotNull @DecimalMin("0") Double start, @NotNull @DecimalMin("0") Double end) {
    }
}
