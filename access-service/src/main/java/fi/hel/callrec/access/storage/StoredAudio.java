package fi.hel.callrec.access.storage;

import fi.hel.callrec.commons.storage.ObjectStoreUnavailableException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.pool.ChannelPool;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One read from the object store: the request, its answer, and the audio, which waits in the
 * store's connection until it is piped once to a listener or discarded. The connection goes back
 * to its pool only after a whole body was read; any other end closes it.
 *
 * <p>Everything here runs on the event loop of the store's connection, which is the one of the
 * listener's connection ({@link AudioStore} opens it there). So the store's buffers are handed to
 * the listener's connection as they came off the socket: no copy, no hand-over between threads.
 */
public final class StoredAudio extends ChannelInboundHandlerAdapter {

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
        STORE_SHORT,
        /**
         * The listener read nothing for the silence limit: the store's connection is not held
         * for a listener who stopped reading (a player resumes with a new range request).
         */
        CLIENT_STALLED
    }

    static final String DECODER = "store-answer";
    static final String HANDLER = "store-read";

    /** An error answer is kept only for the store's error code, which comes first. */
    private static final int ERROR_TEXT_KEPT = 4096;

    private final Channel store;
    private final ChannelPool pool;
    private final String key;
    private final long length;
    private final CompletableFuture<Optional<StoredAudio>> answered;

    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();
    private StringBuilder errorText;
    private int status;
    private boolean keepAlive;
    private long received;
    private long sent;
    private Sink sink;
    private Promise<Sent> done;
    private boolean waitingForListener;
    private boolean returned;

    StoredAudio(Channel store, ChannelPool pool, String key, long length,
                CompletableFuture<Optional<StoredAudio>> answered) {
        this.store = store;
        this.pool = pool;
        this.key = key;
        this.length = length;
        this.answered = answered;
    }

    /** Bytes of the range, as the store announced them. */
    public long length() {
        return length;
    }

    /** Whether the store has begun to answer: a failure before that, on a pooled connection, is worth one retry. */
    boolean heard() {
        return status != 0;
    }

    /** Sends the request; on the store connection's event loop. */
    void send(ByteBuf request) {
        store.pipeline().addBefore(AudioStore.IDLE_CLOSER, DECODER, new HttpResponseDecoder());
        store.pipeline().addBefore(AudioStore.IDLE_CLOSER, HANDLER, this);
        store.config().setAutoRead(true);
        store.writeAndFlush(request).addListener((ChannelFuture written) -> {
            if (!written.isSuccess()) {
                failed(new ObjectStoreUnavailableException("could not ask the store for " + key + ": " + written.cause(),
                        written.cause()), Outcome.STORE_FAILED);
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf audio) {
            audio(audio);
        } else if (msg instanceof HttpResponse head) {
            try {
                head(ctx, head);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        } else if (msg instanceof HttpContent content) {
            try {
                errorBody(content);
            } finally {
                content.release();
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void head(ChannelHandlerContext ctx, HttpResponse head) {
        status = head.status().code();
        if (status != 200 && status != 206) {
            // The error's body (S3's XML) is read to tell a missing object from a failing store.
            errorText = new StringBuilder();
            return;
        }
        long offered = HttpUtil.getContentLength(head, -1L);
        if (offered != length) {
            failed(new ObjectStoreUnavailableException(
                    "the store offered " + offered + " bytes of " + key + " for a range of " + length, null), Outcome.STORE_FAILED);
            return;
        }
        keepAlive = HttpUtil.isKeepAlive(head);
        // Held until piped: the audio waits in the connection, not in a buffer of ours.
        store.config().setAutoRead(false);
        // From here on the body is taken as it comes off the socket; what the decoder has already
        // read arrives at once, as a buffer (ByteToMessageDecoder hands its rest on when removed).
        ctx.pipeline().remove(DECODER);
        answered.complete(Optional.of(this));
    }

    private void errorBody(HttpContent content) {
        if (errorText.length() < ERROR_TEXT_KEPT) {
            errorText.append(content.content().toString(StandardCharsets.UTF_8));
        }
        if (content instanceof LastHttpContent) {
            close();
            if (status == 404 && errorText.toString().contains("NoSuchKey")) {
                answered.complete(Optional.empty());
            } else {
                answered.completeExceptionally(new ObjectStoreUnavailableException(
                        "the store answered " + status + " to a read of " + key, null));
            }
        }
    }

    private void audio(ByteBuf audio) {
        int bytes = audio.readableBytes();
        if (returned || bytes == 0) {
            audio.release();
            return;
        }
        if (received + bytes > length) {
            audio.release();
            failed(new ObjectStoreUnavailableException("the store sent more than the " + length + " bytes of " + key, null),
                    Outcome.STORE_FAILED);
            return;
        }
        received += bytes;
        if (sink == null) {
            held.add(audio);
        } else {
            forward(audio);
        }
        if (received == length && sink != null) {
            finish();
        }
    }

    private void forward(ByteBuf audio) {
        sent += audio.readableBytes();
        sink.write(audio);
        if (!waitingForListener && !sink.writable()) {
            waitingForListener = true;
            store.config().setAutoRead(false);
            sink.whenWritable(this::listenerReady, this::listenerGone);
        }
    }

    private void listenerReady() {
        waitingForListener = false;
        if (!returned && sink != null && !done.future().isComplete()) {
            store.config().setAutoRead(true);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (sink != null) {
            sink.flush();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            // Silence while the listener is behind is the listener's, not the store's.
            failed(new ObjectStoreUnavailableException("the store fell silent while sending " + key, null),
                    waitingForListener ? Outcome.CLIENT_STALLED : Outcome.STORE_FAILED);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failed(new ObjectStoreUnavailableException("could not read " + key + ": " + cause, cause), Outcome.STORE_FAILED);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        failed(new ObjectStoreUnavailableException("the store closed the connection while sending " + key, null),
                Outcome.STORE_SHORT);
        ctx.fireChannelInactive();
    }

    /**
     * Sends the audio to the listener of {@code request}, whose response headers (with
     * Content-Length) are set, pausing the store whenever the listener's connection is behind.
     * Completes once the response is ended or abandoned, never failed. A pipe that cannot send
     * the whole range resets the listener's connection, so a truncated body is never taken for a
     * complete one.
     */
    public Future<Sent> pipeTo(HttpServerRequest request) {
        Promise<Sent> piped = Promise.promise();
        store.eventLoop().execute(() -> pipe(request, piped));
        return piped.future();
    }

    private void pipe(HttpServerRequest request, Promise<Sent> piped) {
        done = piped;
        HttpServerResponse out = request.response();
        sink = Sink.of(request);
        out.closeHandler(closed -> {
            if (!out.ended()) {
                store.eventLoop().execute(this::listenerGone);
            }
        });
        out.exceptionHandler(failure -> store.eventLoop().execute(this::listenerGone));
        if (out.closed()) {
            // Gone before the pipe began: a close handler set now would never be called.
            piped.tryComplete(new Sent(0, Outcome.CLIENT_DISCONNECTED));
            close();
            return;
        }
        if (returned) {
            // The store's connection failed (or fell silent) while the audio waited for this pipe.
            piped.tryComplete(new Sent(0, Outcome.STORE_FAILED));
            sink.reset();
            return;
        }
        while (!held.isEmpty()) {
            forward(held.poll());
        }
        sink.flush();
        if (received == length) {
            finish();
        } else if (!waitingForListener) {
            store.config().setAutoRead(true);
        }
    }

    /**
     * Every byte is in the listener's connection: the store's connection may serve another read.
     * Not before the pipe, so that audio never piped (or discarded) stays with a connection,
     * which the silence limit closes, and no buffer of it outlives that.
     */
    private void finish() {
        giveBack();
        sink.end();
        done.tryComplete(new Sent(sent, Outcome.WHOLE));
    }

    private void listenerGone() {
        if (done.tryComplete(new Sent(sent, Outcome.CLIENT_DISCONNECTED))) {
            close();
        }
    }

    private void failed(ObjectStoreUnavailableException failure, Outcome outcome) {
        close();
        if (answered.completeExceptionally(failure)) {
            return;
        }
        if (done != null && done.tryComplete(new Sent(sent, outcome))) {
            sink.reset();
        }
    }

    /** Releases the store's connection without reading the audio. */
    public void discard() {
        store.eventLoop().execute(this::close);
    }

    private void giveBack() {
        returned = true;
        store.pipeline().remove(this);
        if (!keepAlive) {
            store.close();
        }
        pool.release(store);
    }

    /** Ends the read before its end: the connection is closed, with whatever it still holds. */
    private void close() {
        if (returned) {
            return;
        }
        returned = true;
        held.forEach(ByteBuf::release);
        held.clear();
        store.close();
        pool.release(store);
    }

    /** Where the audio goes: the listener's connection. */
    private interface Sink {

        void write(ByteBuf audio);

        void flush();

        boolean writable();

        /** Runs {@code then} once the listener's connection can take more, or {@code gone} if it cannot any more. */
        void whenWritable(Runnable then, Runnable gone);

        void end();

        void reset();

        /**
         * Over HTTP/1.x the store's buffers go straight into the listener's Netty channel, behind
         * the headers Vert.x has queued there; over HTTP/2 a connection carries many streams, so
         * the audio goes through the response, which copies it.
         */
        static Sink of(HttpServerRequest request) {
            HttpServerResponse out = request.response();
            if (request.version() != HttpVersion.HTTP_2 && request.connection() instanceof ConnectionBase connection) {
                return new ChannelSink(connection.channel(), out);
            }
            return new ResponseSink(out);
        }
    }

    private static final class ChannelSink implements Sink {
        private final Channel listener;
        private final HttpServerResponse out;
        private ChannelFuture last;

        ChannelSink(Channel listener, HttpServerResponse out) {
            this.listener = listener;
            this.out = out;
        }

        @Override
        public void write(ByteBuf audio) {
            last = listener.write(new DefaultHttpContent(audio));
        }

        @Override
        public void flush() {
            listener.flush();
        }

        @Override
        public boolean writable() {
            return listener.isWritable();
        }

        @Override
        public void whenWritable(Runnable then, Runnable gone) {
            listener.flush();
            // Once the last write has left, so has everything before it.
            last.addListener(written -> (written.isSuccess() ? then : gone).run());
        }

        @Override
        public void end() {
            listener.flush();
            out.end();
        }

        @Override
        public void reset() {
            out.reset();
        }
    }

    private static final class ResponseSink implements Sink {
        private final HttpServerResponse out;

        ResponseSink(HttpServerResponse out) {
            this.out = out;
        }

        @Override
        public void write(ByteBuf audio) {
            try {
                out.write(Buffer.buffer(ByteBufUtil.getBytes(audio)));
            } finally {
                audio.release();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public boolean writable() {
            return !out.writeQueueFull();
        }

        @Override
        public void whenWritable(Runnable then, Runnable gone) {
            // A response that closes calls its close handler, which the pipe has set.
            out.drainHandler(drained -> then.run());
        }

        @Override
        public void end() {
            out.end();
        }

        @Override
        public void reset() {
            out.reset();
        }
    }
}
