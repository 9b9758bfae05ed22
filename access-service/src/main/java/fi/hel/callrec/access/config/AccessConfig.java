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

        /**
         * The range a copy's pitch factor is drawn from, per copy: lowest and highest factor, and
         * the least change either way (a factor within it of 1 would hardly disguise a voice).
         */
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

        /**
         * Requests by one user for one recording and purpose that follow each other within this
         * gap are one listening session (a player seeking makes many range requests).
         */
        @WithDefault("PT10M")
        Duration sessionGap();

        /** How long audit entries are kept. They hold no caller data, so they may outlive the recordings. */
        @WithDefault("P730D")
        Duration retention();

        /** How often entries past their retention are purged ({@code off} to never purge). */
        @WithDefault("1h")
        String purgeInterval();

        /** Largest page GET /audit returns. */
        @WithDefault("1000")
        int maxPageSize();

        Sealer sealer();
    }

    /** The sealer that moves committed entries into the hash chain, in order. */
    interface Sealer {

        /**
         * Whether this instance runs a sealer. Several may: they take turns on the chain head.
         * An instance without one still writes entries; another instance seals them.
         */
        @WithDefault("true")
        boolean enabled();

        /** Most entries sealed in one transaction. */
        @WithDefault("500")
        int batchSize();

        /**
         * How long the sealer waits when this instance wrote nothing new (entries of other
         * instances, retries after the database failed). Its own entries wake it at once.
         */
        @WithDefault("PT1S")
        Duration idleInterval();

        /**
         * How long the sealer lets entries gather after being woken, so that under load one
         * transaction seals many. Entries are durable before this; only their sealing waits.
         */
        @WithDefault("PT0.05S")
        Duration linger();
    }
}
