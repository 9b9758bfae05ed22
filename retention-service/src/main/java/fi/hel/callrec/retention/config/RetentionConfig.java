package fi.hel.callrec.retention.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "callrec.retention")
public interface RetentionConfig {

    /** How long recordings are kept after the call started (ISO-8601); at most P6M, else the service refuses to start. */
    @WithDefault("P6M")
    @WithConverter(RetentionPeriod.Converter.class)
    RetentionPeriod period();

    /** How often this process sweeps ({@code off}: never; POST /retention/sweep works either way). */
    @WithDefault("5m")
    String sweepInterval();

    /** Recordings claimed, removed from the store and logged per transaction. */
    @WithDefault("500")
    int batchSize();

    /** Batches a sweep deletes side by side; the store's batch delete is what they wait on. */
    @WithDefault("4")
    int sweepWorkers();

    /** How long a sweep's claim on a batch lasts; a batch of a sweep that died is taken again after it. */
    @WithDefault("PT5M")
    Duration claimLease();

    /** How often the status gauges are recounted ({@code off} to stop). */
    @WithDefault("30s")
    String statusRefresh();

    /** Largest page of GET /holds. */
    @WithDefault("1000")
    int maxHoldsPage();

    /** How often this process reconciles the bucket with the schedule ({@code off}: never); it lists the whole bucket. */
    @WithDefault("24h")
    String reconcileInterval();

    /** How much older than the retention an unknown object must be before reconciliation removes it. */
    @WithDefault("P7D")
    Duration reconcileGrace();

    /** The part of the bucket that holds recordings; other keys are never touched. */
    @WithDefault("recordings/")
    String reconcilePrefix();

    /** A recording due longer than one sweep interval is overdue; with this process's sweep off, the default interval. */
    default Duration overdueAfter() {
        return DurationConverter.parseDuration("off".equals(sweepInterval()) ? "5m" : sweepInterval());
    }
}
