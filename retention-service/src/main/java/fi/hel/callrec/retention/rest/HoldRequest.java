package fi.hel.callrec.retention.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A hold: why (a reported crime or accident, R10) and the case it belongs to.
 *
 * @param reason        {@code crime} or {@code accident}
 * @param caseReference police report or accident case number
 * @param note          free text for whoever reviews the hold
 */
public record HoldRequest(
        @NotBlank @Pattern(regexp = "crime|accident", message = "must be 'crime' or 'accident'") String reason,
        @NotBlank @Size(max = 100) String caseReference,
        @Size(max = 2000) String note) {
}
