package fi.hel.callrec.retention.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "callrec.retention")
public interface RetentionConfig {

    /** How long recordings are kept after the call started (ISO-8601); at most P6M, else the service refuses to start. */
    @WithDefault("P6M")
    @WithConverter(RetentionPeriodConverter.class)
    RetentionPeriod period();

    /** Whether this process runs the scheduled sweep (POST /retention/sweep works either way). */
    @WithDefault("true")
    boolean sweepEnabled();

    /** How often the sweep runs; a recording due for longer than this counts as overdue. */
    @WithDefault("5m")
    Duration sweepInterval();

    /** Recordings claimed, removed from the store and logged per transaction. */
    @WithDefault("500")
    int batchSize();

    /** Batches a sweep deletes side by side; the store's batch delete is what they wait on. */
    @WithDefault("4")
    int sweepWorkers();

    /** How long a sweep's claim on a batch lasts; a batch of a sweep that died is taken again after it. */
    @WithDefault("PT5M")
    Duration claimLease();

    /** How often the status gauges (scheduled, due, overdue, held, deleted) are recounted ({@code off} to stop). */
    @WithDefault("30s")
    String statusRefresh();

    /** Largest page of GET /holds. */
    @WithDefault("1000")
    int maxHoldsPage();

    /** Whether this process runs the scheduled reconciliation (POST /retention/reconcile works either way). */
    @WithDefault("true")
    boolean reconcileEnabled();

    /** How often the bucket is reconciled against the schedule; it lists the whole bucket, so rarely. */
    @WithDefault("24h")
    Duration reconcileInterval();

    /** How much older than the retention an unknown object must be before reconciliation removes it. */
    @WithDefault("P7D")
    Duration reconcileGrace();

    /** The part of the bucket that holds recordings; other keys are never touched. */
    @WithDefault("recordings/")
    String reconcilePrefix();
}
