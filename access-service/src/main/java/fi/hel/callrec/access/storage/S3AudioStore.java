package fi.hel.callrec.access.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fi.hel.callrec.access.config.AccessConfig;
import fi.hel.callrec.commons.storage.ObjectStoreUnavailableException;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.http.Method;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reads recordings from S3 with presigned, ranged GETs on Vert.x's HTTP client, whose connections
 * are pooled and kept alive. A store at an {@code https} endpoint is reached over TLS with the
 * JVM's trust store, and its certificate must name its host.
 */
@ApplicationScoped
public class S3AudioStore implements AudioStore {

    /** A presigned request is used at once; a minute covers any wait for a pooled connection. */
    private static final int URL_VALIDITY_SECONDS = 60;

    /**
     * A player's range requests for one object share a signature (the range is a header outside
     * it), and each use keeps at least half the validity.
     */
    private static final Duration URL_REUSE = Duration.ofSeconds(URL_VALIDITY_SECONDS / 2);

    /** The store's body is handed on in pieces of up to this size (Vert.x's default is 8 KiB). */
    private static final int PIECE = 64 * 1024;

    private final MinioClient minio;
    private final HttpClient http;
    private final long timeoutMillis;
    private final Cache<String, String> signed =
            Caffeine.newBuilder().expireAfterWrite(URL_REUSE).maximumSize(10_000).build();

    public S3AudioStore(MinioClient minio, Vertx vertx, AccessConfig config) {
        this.minio = minio;
        this.timeoutMillis = config.storeTimeout().toMillis();
        this.http = vertx.createHttpClient(
                new HttpClientOptions().setConnectTimeout((int) timeoutMillis).setMaxChunkSize(PIECE).setVerifyHost(true),
                new PoolOptions().setHttp1MaxSize(config.storeConnections()));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    @Override
    public CompletionStage<Optional<StoredAudio>> open(String bucket, String key, long offset, long length) {
        RequestOptions request;
        try {
            // Connecting (or waiting for a pooled connection) and waiting for the answer are limited; the body's silences by StoredAudio.
            request = new RequestOptions().setAbsoluteURI(signed.get(bucket + '/' + key, object -> sign(bucket, key)))
                    .putHeader("Range", "bytes=" + offset + "-" + (offset + length - 1))
                    .setConnectTimeout(timeoutMillis).setIdleTimeout(timeoutMillis);
        } catch (ObjectStoreUnavailableException e) {
            return CompletableFuture.failedFuture(e);
        }
        // A kept connection the store closed as the request came fails before any answer: tried once more.
        return read(request, key, length)
                .recover(failure -> failure instanceof HttpClosedException ? read(request, key, length) : Future.failedFuture(failure))
                .recover(failure -> Future.failedFuture(failure instanceof ObjectStoreUnavailableException ? failure
                        : new ObjectStoreUnavailableException("could not read " + key + ": " + failure, failure)))
                .toCompletionStage();
    }

    private Future<Optional<StoredAudio>> read(RequestOptions request, String key, long length) {
        // Paused as it arrives, so that no byte comes before the handlers that take it.
        return http.request(request).compose(sent -> sent.send().map(HttpClientResponse::pause)).compose(answer -> {
            int status = answer.statusCode();
            if (status != 200 && status != 206) {
                // The error's body (S3's XML) tells a missing object from a failing store.
                Future<Buffer> error = answer.body();
                answer.resume();
                return error.compose(text -> status == 404 && text.toString().contains("NoSuchKey")
                        ? Future.succeededFuture(Optional.empty())
                        : Future.failedFuture(new ObjectStoreUnavailableException(
                                "the store answered " + status + " to a read of " + key, null)));
            }
            long offered = offered(answer);
            if (offered != length) {
                answer.request().reset();
                return Future.failedFuture(new ObjectStoreUnavailableException(
                        "the store offered " + offered + " bytes of " + key + " for a range of " + length, null));
            }
            return Future.succeededFuture(Optional.of(new StoredAudio(answer, length, () -> answer.request().reset(), timeoutMillis)));
        });
    }

    private static long offered(HttpClientResponse answer) {
        try {
            return Long.parseLong(answer.getHeader(HttpHeaders.CONTENT_LENGTH));
        } catch (NumberFormatException none) {
            return -1;
        }
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
}
