package fi.hel.callrec.access.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fi.hel.callrec.access.config.AccessConfig;
import fi.hel.callrec.commons.storage.ObjectStoreUnavailableException;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.http.Method;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.AbstractChannelPoolMap;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.ChannelPool;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Reads recordings from the object store, one byte range at a time, as presigned GETs on pooled
 * connections of the listener's own event loop. The store's answer is read by Netty's HTTP
 * decoder up to its headers; the audio after them is handed, buffer by buffer as it comes off the
 * socket, to the listener's connection ({@link StoredAudio#pipeTo}), with backpressure. Nothing is
 * held beyond what is in flight, no thread waits on a stream, and over HTTP/1.x no byte is copied
 * on the way.
 */
@ApplicationScoped
public class AudioStore {

    static final String IDLE_CLOSER = "idle-closer";

    /** A presigned request is used at once; a minute covers any wait for a pooled connection. */
    private static final int URL_VALIDITY_SECONDS = 60;

    /**
     * How long one signed URL serves further reads of its object. A player's seeking is many
     * range requests for one object, and signing is a good part of a range request's work; the
     * range is a header outside the signature, so one URL serves them all. Half the validity
     * leaves every use as much time as a fresh signature would.
     */
    private static final Duration URL_REUSE = Duration.ofSeconds(URL_VALIDITY_SECONDS / 2);

    private static final AttributeKey<Boolean> USED = AttributeKey.valueOf("callrec.store.used");

    /** Where a pool's connections go, and from which event loop. */
    private record Origin(EventLoop loop, String host, int port, boolean tls) {
    }

    private final MinioClient minio;
    private final Vertx vertx;
    private final Cache<String, String> signed =
            Caffeine.newBuilder().expireAfterWrite(URL_REUSE).maximumSize(10_000).build();
    private final AbstractChannelPoolMap<Origin, FixedChannelPool> pools;

    public AudioStore(MinioClient minio, Vertx vertx, AccessConfig config) {
        this.minio = minio;
        this.vertx = vertx;
        VertxInternal internal = (VertxInternal) vertx;
        int loops = 0;
        for (var ignored : internal.getEventLoopGroup()) {
            loops++;
        }
        // The configured connections are shared out among the event loops, each with its own pool.
        int perLoop = Math.max(1, (config.storeConnections() + loops - 1) / loops);
        int timeoutMillis = (int) config.storeTimeout().toMillis();
        this.pools = new AbstractChannelPoolMap<>() {
            @Override
            protected FixedChannelPool newPool(Origin origin) {
                Bootstrap bootstrap = new Bootstrap()
                        .group(origin.loop())
                        .channelFactory(internal.transport().channelFactory(false))
                        .remoteAddress(origin.host(), origin.port())
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                        .option(ChannelOption.TCP_NODELAY, true);
                return new FixedChannelPool(bootstrap, new Connections(origin, timeoutMillis), ChannelHealthChecker.ACTIVE,
                        FixedChannelPool.AcquireTimeoutAction.FAIL, timeoutMillis, perLoop, Integer.MAX_VALUE, true, true);
            }
        };
    }

    @PreDestroy
    void close() {
        pools.close();
    }

    /**
     * Asks the store for {@code length} bytes of an object from {@code offset}. Completes when the
     * store's answer has begun: with the audio, held until it is piped; empty when the object is
     * not there (removed behind the projection's back); failed with
     * {@link ObjectStoreUnavailableException} when the store cannot be read.
     */
    public CompletionStage<Optional<StoredAudio>> open(String bucket, String key, long offset, long length) {
        URI url;
        try {
            url = URI.create(signed.get(bucket + '/' + key, object -> sign(bucket, key)));
        } catch (ObjectStoreUnavailableException e) {
            return CompletableFuture.failedFuture(e);
        }
        boolean tls = "https".equals(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        // The listener's event loop: its connection and the store's are then served by one thread.
        EventLoop loop = ((ContextInternal) vertx.getOrCreateContext()).nettyEventLoop();
        FixedChannelPool pool = pools.get(new Origin(loop, url.getHost(), port, tls));
        String request = "GET " + url.getRawPath() + "?" + url.getRawQuery() + " HTTP/1.1\r\n"
                + "Host: " + url.getRawAuthority() + "\r\n"
                + "Range: bytes=" + offset + "-" + (offset + length - 1) + "\r\n\r\n";
        CompletableFuture<Optional<StoredAudio>> answered = new CompletableFuture<>();
        loop.execute(() -> read(pool, request, key, length, answered, true));
        return answered;
    }

    /**
     * One attempt. A pooled connection the store has meanwhile closed fails before any answer:
     * that read is tried once more, on another connection.
     */
    private void read(ChannelPool pool, String request, String key, long length,
                      CompletableFuture<Optional<StoredAudio>> answered, boolean mayRetry) {
        pool.acquire().addListener(acquired -> {
            if (!acquired.isSuccess()) {
                answered.completeExceptionally(new ObjectStoreUnavailableException(
                        "could not connect to the store: " + acquired.cause(), acquired.cause()));
                return;
            }
            Channel store = (Channel) acquired.getNow();
            boolean reused = store.attr(USED).getAndSet(Boolean.TRUE) != null;
            CompletableFuture<Optional<StoredAudio>> attempt = new CompletableFuture<>();
            StoredAudio read = new StoredAudio(store, pool, key, length, attempt);
            attempt.whenComplete((body, failure) -> {
                if (failure != null && reused && mayRetry && !read.heard()) {
                    read(pool, request, key, length, answered, false);
                } else if (failure != null) {
                    answered.completeExceptionally(failure);
                } else {
                    answered.complete(body);
                }
            });
            ByteBuf bytes = ByteBufUtil.writeAscii(store.alloc(), request);
            read.send(bytes);
        });
    }

    private String sign(String bucket, String key) {
        try {
            // Signed locally (the client knows its region): no round trip before the GET.
            return minio.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(Method.GET).bucket(bucket).object(key).expiry(URL_VALIDITY_SECONDS).build());
        } catch (Exception e) {
            throw new ObjectStoreUnavailableException("could not sign a read of " + key, e);
        }
    }

    /** Sets up each new connection to the store: TLS when the store has it, and a silence limit. */
    private static final class Connections extends AbstractChannelPoolHandler {
        private final Origin origin;
        private final int timeoutMillis;
        private final SslContext tls;

        Connections(Origin origin, int timeoutMillis) {
            this.origin = origin;
            this.timeoutMillis = timeoutMillis;
            try {
                // The JVM's trust store, and the store's certificate must name its host.
                this.tls = origin.tls() ? SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build() : null;
            } catch (SSLException e) {
                throw new IllegalStateException("no TLS for the object store", e);
            }
        }

        @Override
        public void channelCreated(Channel ch) {
            if (tls != null) {
                ch.pipeline().addLast(tls.newHandler(ch.alloc(), origin.host(), origin.port()));
            }
            // A store that stops sending mid-recording fails the read instead of holding the listener forever.
            ch.pipeline().addLast(new IdleStateHandler(timeoutMillis, 0, 0, TimeUnit.MILLISECONDS));
            ch.pipeline().addLast(IDLE_CLOSER, IdleCloser.INSTANCE);
        }
    }

    /** Closes a pooled connection that has sat unused for the silence limit. */
    @ChannelHandler.Sharable
    private static final class IdleCloser extends ChannelInboundHandlerAdapter {
        static final IdleCloser INSTANCE = new IdleCloser();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent) {
                ctx.close();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            // Bytes on a connection no read owns: the store's state is unknown, so the connection goes.
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }
}
