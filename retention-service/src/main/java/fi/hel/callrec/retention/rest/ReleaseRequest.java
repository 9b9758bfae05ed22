package fi.hel.callrec.retention.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The release of a hold.
 *
 * @param releaseReason why the recording no longer needs to be kept (for example the case is closed)
 * @param note          free text
 */
public record ReleaseRequest(@NotBlank @Size(max = 500) String releaseReason, @Size(max = 2000) String note) {
}
