package fi.hel.callrec.ingest.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "callrec.ingest")
public interface IngestConfig {

    /** Largest WAV accepted; larger uploads answer 413. Keep quarkus.http.limits.max-body-size above it. */
    @WithDefault("2G")
    MemorySize maxAudioSize();

    /** Recordings up to this size are stored in one request, larger ones in parts of this size; 5M to 512M. */
    @WithDefault("8M")
    MemorySize partSize();

    /** Part-size buffers kept between uploads for the next ones (memory kept: this times part-size). */
    @WithDefault("4")
    int partBuffersKept();

    /** How far the decoded duration may differ from endedAt - startedAt before the recording is flagged. */
    @WithDefault("PT5S")
    Duration durationTolerance();

    /** How far in the future a call may start (clock skew of the telephony platform). */
    @WithDefault("PT5M")
    Duration clockSkew();

    /** Age of an uncommitted upload before the cleanup removes its object; longer than any upload takes. */
    @WithDefault("PT1H")
    Duration orphanGrace();

    /** How long a process may not say it lives (every 5 s) before its pending uploads are settled. */
    @WithDefault("PT20S")
    Duration processLease();

    /** How often the orphan cleanup runs ({@code off} to run it only on demand). */
    @WithDefault("5m")
    String cleanupInterval();

    /** Seconds a client is asked to wait (Retry-After) when the object store is unavailable. */
    @WithDefault("30")
    int retryAfterSeconds();
}
