package fi.hel.callrec.retention.service;

import java.time.Instant;

/**
 * What one sweep did.
 *
 * @param claimed     due, unheld recordings the sweep took
 * @param deleted     recordings destroyed and logged
 * @param keptByHold  recordings held after the sweep chose them and before it deleted: the hold won
 * @param failed      recordings the store refused or could not be asked about; retried after the claim lapses
 * @param error       why the sweep stopped early, or null
 */
public record SweepResult(Instant startedAt, Instant finishedAt, long durationMillis, int claimed, int deleted,
        int keptByHold, int failed, String error) {
}
