package fi.hel.callrec.retention.service;

import java.time.Instant;
import java.util.List;

/**
 * What a reconciliation found.
 *
 * @param listed       objects under the recordings prefix
 * @param old          of those, older than retention + grace
 * @param orphans      old objects no schedule row knows
 * @param deleted      orphans removed, logged and announced
 * @param refused      orphans the store would not delete (for example under a legal hold)
 * @param unrecognised old, unknown keys that are not {@code <recordingId>.wav}: left alone and listed for an operator
 * @param error        why the pass stopped early, or null
 */
public record ReconcileResult(Instant startedAt, long durationMillis, long listed, long old, long orphans, long deleted,
        long refused, List<String> unrecognised, String error) {
}
