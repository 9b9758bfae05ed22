package fi.hel.callrec.access.rest;

import fi.hel.callrec.access.storage.StoredAudio;
import io.vertx.core.http.HttpServerResponse;

/**
 * The body of an audio answer: the store's bytes, piped into {@code out} by {@link AudioBodyWriter}.
 * A pipe that ends short is reported to {@code interrupted} with the bytes sent and the audit outcome.
 */
record AudioBody(StoredAudio audio, HttpServerResponse out, Interruption interrupted) {

    interface Interruption {
        void record(long bytesSent, String outcome);
    }
}
