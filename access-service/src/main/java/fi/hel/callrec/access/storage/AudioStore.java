package fi.hel.callrec.access.storage;

import fi.hel.callrec.access.config.AccessConfig;
import fi.hel.callrec.commons.storage.ObjectStoreUnavailableException;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.http.Method;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Reads recordings from the object store, one byte range at a time. The request is a presigned
 * GET on a pooled non-blocking client, so the store's bytes reach the listener's connection
 * through the event loop with backpressure ({@link StoredAudio#pipeTo}) instead of through a
 * thread blocked on a stream; nothing is held beyond what is in flight.
 */
@ApplicationScoped
public class AudioStore {

    /** A presigned request is used at once; a minute covers any wait for a pooled connection. */
    private static final int URL_VALIDITY_SECONDS = 60;

    private static final int STORE_CHUNK_BYTES = 64 * 1024;

    private final MinioClient minio;
    private final HttpClient http;
    private final Vertx vertx;

    public AudioStore(MinioClient minio, Vertx vertx, AccessConfig config) {
        this.minio = minio;
        this.vertx = vertx;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                // Audio arrives in pieces of up to this size (8 KiB by default): each piece is one
                // write to the listener, so larger pieces mean fewer writes per recording.
                .setMaxChunkSize(STORE_CHUNK_BYTES)
                .setMaxPoolSize(config.storeConnections())
                .setConnectTimeout((int) config.storeTimeout().toMillis())
                // A store that stops sending mid-recording fails the read instead of holding the listener forever.
                .setIdleTimeout((int) config.storeTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /**
     * Asks the store for {@code length} bytes of an object from {@code offset}. Completes when the
     * store's answer has begun: with the audio, paused until it is piped; empty when the object is
     * not there (removed behind the projection's back); failed with
     * {@link ObjectStoreUnavailableException} when the store cannot be read.
     */
    public CompletionStage<Optional<StoredAudio>> open(String bucket, String key, long offset, long length) {
        String url;
        try {
            // Signed locally (the client knows its region): no round trip before the GET.
            url = minio.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(Method.GET).bucket(bucket).object(key).expiry(URL_VALIDITY_SECONDS).build());
        } catch (Exception e) {
            return Future.<Optional<StoredAudio>>failedFuture(new ObjectStoreUnavailableException("could not sign a read of " + key, e))
                    .toCompletionStage();
        }
        RequestOptions get = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .putHeader("Range", "bytes=" + offset + "-" + (offset + length - 1));
        // The request is made on the event loop, so that its answer is handled there before any of
        // the audio arrives; from a worker thread the answer could be handled after the first bytes.
        Promise<Optional<StoredAudio>> answered = Promise.promise();
        Context context = vertx.getOrCreateContext();
        context.runOnContext(now -> http.request(get)
                .compose(HttpClientRequest::send)
                .compose(response -> answer(response, key, length))
                .recover(failure -> Future.failedFuture(failure instanceof ObjectStoreUnavailableException
                        ? failure : new ObjectStoreUnavailableException("could not read " + key, failure)))
                .onComplete(answered));
        return answered.future().toCompletionStage();
    }

    private static Future<Optional<StoredAudio>> answer(HttpClientResponse response, String key, long length) {
        int status = response.statusCode();
        if (status == 200 || status == 206) {
            // Held until piped: the body waits in the connection, not in a buffer of ours.
            response.pause();
            String sent = response.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (!Long.toString(length).equals(sent)) {
                response.request().reset();
                return Future.failedFuture(new ObjectStoreUnavailableException(
                        "the store offered " + sent + " bytes of " + key + " for a range of " + length, null));
            }
            return Future.succeededFuture(Optional.of(new StoredAudio(response, Vertx.currentContext(), length)));
        }
        return response.body().compose(error -> {
            if (status == 404 && error.toString().contains("NoSuchKey")) {
                return Future.succeededFuture(Optional.empty());
            }
            return Future.failedFuture(new ObjectStoreUnavailableException(
                    "the store answered " + status + " to a read of " + key, null));
        });
    }
}
