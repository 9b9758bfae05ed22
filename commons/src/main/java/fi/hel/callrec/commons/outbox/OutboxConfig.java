package fi.hel.callrec.commons.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "callrec.outbox")
public interface OutboxConfig {

    /** Build-time switch: whether this service publishes events through an outbox (ingest, retention). */
    @WithDefault("false")
    boolean enabled();

    /**
     * How often the relay looks for events no notification announced; {@code off} stops the relay
     * in this process (tests of the write path inspect the rows).
     */
    @WithDefault("5s")
    String interval();

    default boolean relayEnabled() {
        return !"off".equals(interval());
    }

    /** Events sent per transaction. */
    @WithDefault("200")
    int batchSize();

    /** How long one send may wait for Kafka before the batch is retried later. */
    @WithDefault("15s")
    Duration sendTimeout();
}
