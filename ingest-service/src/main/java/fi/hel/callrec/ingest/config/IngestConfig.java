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

    /**
     * Recordings up to this size are read into memory and stored in one request; larger ones go to
     * the store in parts of this size as they arrive (a multipart upload). Memory per upload in
     * progress is at most two parts: one arriving while the one before is sent. At least 5M, the smallest part S3 accepts, and above the 1 MiB
     * a WAV header may take, because the header is checked from the first part.
     */
    @WithDefault("8M")
    MemorySize partSize();

    /**
     * How many part-size buffers stay allocated between uploads, for the next ones (memory kept:
     * this times part-size). Beyond them, uploads running at once allocate their own.
     */
    @WithDefault("4")
    int partBuffersKept();

    /**
     * How far the duration decoded from the audio may differ from endedAt - startedAt before the
     * recording is flagged (it is still accepted: the audio is the evidence).
     */
    @WithDefault("PT5S")
    Duration durationTolerance();

    /** How far in the future a call may start (clock skew of the telephony platform). */
    @WithDefault("PT5M")
    Duration clockSkew();

    /** How old an uncommitted upload must be before the cleanup removes its object; longer than any upload takes. */
    @WithDefault("PT1H")
    Duration orphanGrace();

    /**
     * How long a process may go without saying it lives ({@code callrec.ingest.alive-interval},
     * every 5 s) before its pending uploads are taken for those of a dead process and settled.
     */
    @WithDefault("PT20S")
    Duration processLease();

    /** How often the orphan cleanup runs ({@code off} to run it only on demand). */
    @WithDefault("5m")
    String cleanupInterval();

    /** Seconds a client is asked to wait (Retry-After) when the object store is unavailable. */
    @WithDefault("30")
    int retryAfterSeconds();
}
