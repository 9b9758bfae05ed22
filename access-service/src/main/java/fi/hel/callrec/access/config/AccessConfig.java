package fi.hel.callrec.access.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "callrec.access")
public interface AccessConfig {

    /** Connections to the object store kept for reading audio: the most reads in flight at once. */
    @WithDefault("64")
    int storeConnections();

    /**
     * How long the object store may take to accept a connection, and may stay silent while
     * sending, before the read counts as failed (a 503 before the first byte, a cut response after).
     */
    @WithDefault("PT10S")
    Duration storeTimeout();

    /** Seconds a client is asked to wait (Retry-After) when the object store or the audit log is unavailable. */
    @WithDefault("10")
    int retryAfterSeconds();

    /**
     * How long a recording's row is kept in memory after it was read, so that a player's range
     * requests do not each look it up. Safe because the row does not change while the recording
     * lives, this instance forgets it when it applies the deletion, and the object store (from
     * which a recording is removed before its deletion is announced) answers for the rest.
     */
    @WithDefault("PT30S")
    Duration recordingCacheTtl();

    Audit audit();

    Training training();

    /** Anonymised training copies. */
    interface Training {

        /** The range a copy's pitch factor is drawn from, and the least change from 1 either way. */
        @WithDefault("0.80")
        double minPitchFactor();

        @WithDefault("1.25")
        double maxPitchFactor();

        @WithDefault("0.08")
        double leastPitchChange();

        /** Largest page GET /training-copies returns. */
        @WithDefault("500")
        int maxPageSize();
    }

    interface Audit {

        /** A pause longer than this between requests of one user, recording and purpose ends a listening session. */
        @WithDefault("PT10M")
        Duration sessionGap();

        /** How long audit entries are kept (they hold no caller data). */
        @WithDefault("P730D")
        Duration retention();

        /** How often entries past their retention are purged ({@code off}: never). */
        @WithDefault("1h")
        String purgeInterval();

        /** Largest page GET /audit returns. */
        @WithDefault("1000")
        int maxPageSize();

        Sealer sealer();
    }

    /** The sealer that moves written entries into the hash chain. */
    interface Sealer {

        /** Whether this instance runs one; an instance without one writes entries that another seals. */
        @WithDefault("true")
        boolean enabled();

        /** Most entries sealed in one transaction. */
        @WithDefault("500")
        int batchSize();

        /** How often the sealer looks when this instance wrote nothing; its own entries wake it at once. */
        @WithDefault("PT1S")
        Duration idleInterval();

        /** How long a woken sealer lets entries gather, so that under load one transaction seals many. */
        @WithDefault("PT0.05S")
        Duration linger();
    }
}
