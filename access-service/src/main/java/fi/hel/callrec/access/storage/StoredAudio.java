package fi.hel.callrec.access.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.util.ArrayDeque;

/**
 * One read from the object store: a range of audio, held (its first {@value #HOLD} bytes, the
 * store paused after them) until it is piped once to a listener or discarded. Only a read that ends whole leaves its connection to the store for another;
 * any other end closes it ({@code abandon}), as does a silence of the store for the store
 * timeout, held or piped. Everything runs on the context of the store's answer.
 */
public final class StoredAudio {

    /** How a pipe ended: the bytes handed to the listener's connection, and why it stopped. */
    public record Sent(long bytes, Outcome outcome) {
    }

    public enum Outcome {
        /** Every byte of the range was sent. */
        WHOLE,
        /** The listener's connection closed first: a player seeking drops its earlier request. */
        CLIENT_DISCONNECTED,
        /** The store's connection failed midway, or fell silent for the store timeout. */
        STORE_FAILED,
        /** The store closed its connection before the range ended. */
        STORE_SHORT,
        /** The listener read nothing for the store timeout: the store's connection is not held for it. */
        CLIENT_STALLED
    }

    /** Bytes taken in before the pipe begins, so that what came before a failure is still sent. */
    static final int HOLD = 64 * 1024;

    private final ReadStream<Buffer> body;
    private final long length;
    private final Runnable abandon;
    private final long silenceMillis;
    private final Context context;
    private final Promise<Sent> done = Promise.promise();
    private final ArrayDeque<Buffer> held = new ArrayDeque<>();
    private long heldBytes;
    private WriteStream<Buffer> out;
    private boolean ended;
    private Outcome failed;
    private boolean waitingForListener;
    private long sent;
    private long lastHeard = System.nanoTime();
    private long watch;

    /** On the context of the store's answer, as soon as it has come, paused. */
    StoredAudio(ReadStream<Buffer> body, long length, Runnable abandon, long silenceMillis) {
        this.body = body;
        this.length = length;
        this.abandon = abandon;
        this.silenceMillis = silenceMillis;
        this.context = Vertx.currentContext();
        body.handler(this::received);
        body.endHandler(v -> {
            ended = true;
            if (out != null) {
                finish();
            }
        });
        body.exceptionHandler(failure -> {
            failed = failure instanceof HttpClosedException ? Outcome.STORE_SHORT : Outcome.STORE_FAILED;
            if (out != null && !waitingForListener) {
                end(failed);
            }
        });
        watch(silenceMillis);
        body.resume();
    }

    /** Bytes of the range, as the store announced them. */
    public long length() {
        return length;
    }

    /**
     * Sends the audio to {@code out}, pausing the store whenever {@code out} is behind, and ends
     * it when the range is whole. Completes once it is ended or abandoned, never failed; the
     * caller cuts a listener's connection that did not get it whole.
     */
    public Future<Sent> pipeTo(WriteStream<Buffer> out) {
        context.runOnContext(v -> start(out));
        return done.future();
    }

    /** Stops the read and closes the store's connection; a pipe under way ends as {@link Outcome#CLIENT_DISCONNECTED}. */
    public void discard() {
        context.runOnContext(v -> end(Outcome.CLIENT_DISCONNECTED));
    }

    private void start(WriteStream<Buffer> out) {
        this.out = out;
        if (done.future().isComplete()) {
            return;
        }
        lastHeard = System.nanoTime();
        while (!held.isEmpty()) {
            forward(held.poll());
        }
        if (ended) {
            finish();
        } else if (!waitingForListener) {
            resume();
        }
    }

    /**
     * Lets the store's answer flow again. A failure that came while it was paused waits until
     * what the stream still holds (the rest of the body, perhaps its end) has been handed on.
     */
    private void resume() {
        body.resume();
        if (failed != null) {
            context.runOnContext(v -> end(failed));
        }
    }

    private void received(Buffer audio) {
        lastHeard = System.nanoTime();
        if (out != null) {
            forward(audio);
            return;
        }
        held.add(audio);
        heldBytes += audio.length();
        if (heldBytes >= HOLD) {
            body.pause();
        }
    }

    private void forward(Buffer audio) {
        if (done.future().isComplete()) {
            return;
        }
        sent += audio.length();
        out.write(audio).onFailure(gone -> discard());
        if (!waitingForListener && out.writeQueueFull()) {
            waitingForListener = true;
            body.pause();
            out.drainHandler(drained -> context.runOnContext(v -> {
                waitingForListener = false;
                if (!done.future().isComplete()) {
                    resume();
                }
            }));
        }
    }

    /** On the context, as every other end: the listener's response is ended before the read reports. */
    private void finish() {
        if (sent != length) {
            end(Outcome.STORE_SHORT);
        } else if (!done.future().isComplete()) {
            context.owner().cancelTimer(watch);
            try {
                out.end();
            } finally {
                done.complete(new Sent(sent, Outcome.WHOLE));
            }
        }
    }

    private void watch(long delayMillis) {
        watch = context.owner().setTimer(Math.max(1, delayMillis), id -> {
            long silent = (System.nanoTime() - lastHeard) / 1_000_000;
            if (silent < silenceMillis) {
                watch(silenceMillis - silent);
            } else {
                // Silence while the listener is behind is the listener's, not the store's.
                end(waitingForListener ? Outcome.CLIENT_STALLED : Outcome.STORE_FAILED);
            }
        });
    }

    private void end(Outcome outcome) {
        context.owner().cancelTimer(watch);
        if (done.tryComplete(new Sent(sent, outcome))) {
            held.clear();
            abandon.run();
        }
    }
}
