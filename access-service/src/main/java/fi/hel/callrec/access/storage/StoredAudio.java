package fi.hel.callrec.access.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;

/**
 * The store's answer to one read, not yet consumed. Either piped once to a listener or
 * discarded; the store's connection is released either way.
 */
public final class StoredAudio {

    /** How a pipe ended: the bytes that reached the listener's connection, and why it stopped. */
    public record Sent(long bytes, Outcome outcome) {
    }

    public enum Outcome {
        /** Every byte of the range was sent. */
        WHOLE,
        /** The listener's connection closed first: a player seeking drops its earlier request. */
        CLIENT_DISCONNECTED,
        /** The store's connection failed midway. */
        STORE_FAILED,
        /** The store ended before the range did. */
        STORE_SHORT
    }

    private final HttpClientResponse source;
    private final Context context;
    private final long length;

    /** {@code context} is the one the store's response is delivered on: its streams are used there only. */
    StoredAudio(HttpClientResponse source, Context context, long length) {
        this.source = source;
        this.context = context;
        this.length = length;
    }

    /** Bytes of the range, as the store announced them. */
    public long length() {
        return length;
    }

    /**
     * Sends the audio to {@code out}, whose headers (with Content-Length) are set, pausing the
     * store whenever the listener's connection is behind. Completes once the response is ended or
     * abandoned, never failed. A pipe that cannot send the whole range resets the listener's
     * connection, so a truncated body is never taken for a complete one.
     */
    public Future<Sent> pipeTo(HttpServerResponse out) {
        Promise<Sent> done = Promise.promise();
        context.runOnContext(start -> pipe(out, done));
        return done.future();
    }

    private void pipe(HttpServerResponse out, Promise<Sent> done) {
        long[] sent = {0};
        // The listener's connection reports on its own event loop; the pipe's state lives on this one.
        Runnable listenerGone = () -> context.runOnContext(gone -> {
            if (done.tryComplete(new Sent(sent[0], Outcome.CLIENT_DISCONNECTED))) {
                source.request().reset();
            }
        });
        out.closeHandler(closed -> {
            if (!out.ended()) {
                listenerGone.run();
            }
        });
        out.exceptionHandler(failure -> listenerGone.run());
        source.handler(chunk -> {
            if (done.future().isComplete()) {
                return;
            }
            sent[0] += chunk.length();
            out.write(chunk);
            if (out.writeQueueFull()) {
                source.pause();
                // The listener's connection may live on another event loop: its drain is brought
                // back here, and a drain that came before the handler was set is not waited for.
                out.drainHandler(drained -> context.runOnContext(resume -> source.resume()));
                if (!out.writeQueueFull()) {
                    source.resume();
                }
            }
        });
        source.exceptionHandler(failure -> {
            if (done.tryComplete(new Sent(sent[0], Outcome.STORE_FAILED))) {
                out.reset();
            }
        });
        source.endHandler(end -> {
            if (sent[0] == length) {
                out.end();
                done.tryComplete(new Sent(sent[0], Outcome.WHOLE));
            } else if (done.tryComplete(new Sent(sent[0], Outcome.STORE_SHORT))) {
                out.reset();
            }
        });
        source.resume();
    }

    /** Releases the store's connection without reading the audio. */
    public void discard() {
        context.runOnContext(now -> source.request().reset());
    }
}
