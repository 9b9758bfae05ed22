package fi.hel.callrec.commons.messaging;

import fi.hel.callrec.events.InvalidEventException;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * The one retry policy of every event consumer: an attempt that fails for any reason but a
 * malformed record (the database away, a deadlock, the dead-letter topic unreachable) is tried
 * again with backoff for up to ten minutes, so that a valid event never goes to the dead-letter
 * topic. A malformed record fails at once. When the retries run out the channel fails, health
 * reports it, and a restart redelivers from the last committed offset. Each attempt must run in
 * a transaction of its own, started inside the attempt.
 */
@ApplicationScoped
public class ConsumerRetry {

    @Retry(maxRetries = -1, delay = 500, maxDuration = 600_000, jitter = 200, abortOn = InvalidEventException.class)
    @ExponentialBackoff(maxDelay = 30_000)
    public void run(Runnable attempt) {
        attempt.run();
    }
}
