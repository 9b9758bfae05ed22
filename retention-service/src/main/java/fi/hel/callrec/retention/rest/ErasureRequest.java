package fi.hel.callrec.retention.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * An erasure: why the recording is unnecessary (for example recorded in error). Kept in the
 * deletion log as the register's proof of the decision.
 *
 * @param reason the decision's grounds, without caller data (the log outlives the recording)
 */
public record ErasureRequest(@NotBlank @Size(max = 500) String reason) {
}
