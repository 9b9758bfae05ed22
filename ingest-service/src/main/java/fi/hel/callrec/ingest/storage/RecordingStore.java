package fi.hel.callrec.ingest.storage;

import com.google.common.collect.ImmutableMultimap;
import fi.hel.callrec.commons.storage.ObjectStoreUnavailableException;
import fi.hel.callrec.commons.storage.S3Config;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.Signer;
import io.minio.Time;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Part;
import io.minio.messages.Upload;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Puts recordings into the bucket and removes the ones whose receipt never committed. Object bodies
 * go in requests of our own, signed by the MinIO client's {@link Signer} with {@code UNSIGNED-PAYLOAD}
 * (docs/decisions/0020): the checksum that counts is the SHA-256 in the object's metadata. Requests
 * without a body go through the MinIO client.
 */
@ApplicationScoped
public class RecordingStore {

    private static final MediaType WAV = MediaType.get("audio/wav");
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private final MinioClient minio;
    private final MinioAsyncClient multipart;
    private final OkHttpClient http;
    private final S3Config config;
    private final HttpUrl endpoint;
    private final String hostHeader;

    public RecordingStore(MinioClient minio, S3Config config) {
        this.minio = minio;
        this.config = config;
        this.multipart = MinioAsyncClient.builder()
                .endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey())
                .region(config.region())
                .build();
        this.endpoint = HttpUrl.get(config.endpoint());
        this.hostHeader = endpoint.port() == HttpUrl.defaultPort(endpoint.scheme())
                ? endpoint.host() : endpoint.host() + ":" + endpoint.port();
        // A retried PUT would resend a body the caller may already have reused: failures surface instead.
        this.http = new OkHttpClient.Builder()
                .retryOnConnectionFailure(false)
                .connectTimeout(Duration.ofSeconds(10))
                .writeTimeout(Duration.ofMinutes(2))
                .readTimeout(Duration.ofMinutes(5))
                .build();
    }

    @PreDestroy
    void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    public String bucket() {
        return config.bucket();
    }

    /** Stores a whole recording held in memory in one PUT, its SHA-256 in the object's metadata. */
    public void put(String key, byte[] bytes, int length, String sha256, UUID recordingId) {
        Request.Builder request = new Request.Builder()
                .url(objectUrl(key).build())
                .put(RequestBody.create(bytes, WAV, 0, length))
                .header("x-amz-meta-sha256", sha256)
                .header("x-amz-meta-recording-id", recordingId.toString());
        send(signed(request, UNSIGNED_PAYLOAD), "store " + key);
    }

    /** Starts a multipart upload; {@link MultipartWrite#complete(String)} puts the SHA-256 in its metadata. */
    public MultipartWrite beginMultipart(String key, UUID recordingId) {
        try {
            String uploadId = multipart.createMultipartUploadAsync(config.bucket(), config.region(), key,
                    ImmutableMultimap.of("Content-Type", "audio/wav", "x-amz-meta-recording-id", recordingId.toString()),
                    null).get().result().uploadId();
            return new MultipartWrite(key, uploadId, recordingId);
        } catch (Exception e) {
            throw unavailable("could not start the upload of " + key, e);
        }
    }

    /** An object being written in parts; abort it on any failure so that no part stays behind. */
    public final class MultipartWrite {
        private final String key;
        private final String uploadId;
        private final UUID recordingId;
        private final List<Part> parts = new ArrayList<>();

        private MultipartWrite(String key, String uploadId, UUID recordingId) {
            this.key = key;
            this.uploadId = uploadId;
            this.recordingId = recordingId;
        }

        /** Sends the next part (at least 5 MiB, except the last). */
        public void uploadPart(byte[] bytes, int length) {
            int number = parts.size() + 1;
            Request.Builder request = new Request.Builder()
                    .url(objectUrl(key)
                            .addQueryParameter("partNumber", Integer.toString(number))
                            .addQueryParameter("uploadId", uploadId)
                            .build())
                    .put(RequestBody.create(bytes, WAV, 0, length));
            String etag = send(signed(request, UNSIGNED_PAYLOAD), "store part " + number + " of " + key);
            if (etag == null) {
                throw new ObjectStoreUnavailableException("no ETag for part " + number + " of " + key, null);
            }
            parts.add(new Part(number, etag));
        }

        /** Completes the object, then copies it onto itself, inside the store, with the SHA-256 in its metadata. */
        public void complete(String sha256) {
            try {
                multipart.completeMultipartUploadAsync(config.bucket(), config.region(), key, uploadId,
                        parts.toArray(Part[]::new), null, null).get();
                minio.copyObject(CopyObjectArgs.builder()
                        .bucket(config.bucket())
                        .object(key)
                        .source(CopySource.builder().bucket(config.bucket()).object(key).build())
                        .metadataDirective(io.minio.Directive.REPLACE)
                        .headers(Map.of("Content-Type", "audio/wav"))
                        .userMetadata(Map.of("sha256", sha256, "recording-id", recordingId.toString()))
                        .build());
            } catch (Exception e) {
                throw unavailable("could not complete " + key, e);
            }
        }

        /** Drops the parts sent so far; an upload already gone counts as aborted. */
        public void abort() {
            abortUpload(config.bucket(), key, uploadId);
        }
    }

    /** Aborts every unfinished multipart upload of the key: what a crash in the middle of a large upload leaves. */
    public void abortUploads(String bucket, String key) {
        List<Upload> uploads;
        try {
            uploads = multipart.listMultipartUploadsAsync(bucket, config.region(), null, null, null, 1000,
                    key, null, null, null).get().result().uploads();
        } catch (Exception e) {
            throw unavailable("could not list unfinished uploads of " + key, e);
        }
        for (Upload upload : uploads) {
            if (upload.objectName().equals(key)) {
                abortUpload(bucket, key, upload.uploadId());
            }
        }
    }

    /** Removes an object; one that is already gone counts as removed. */
    public void remove(String bucket, String key) {
        try {
            minio.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (ErrorResponseException e) {
            if (!"NoSuchKey".equals(e.errorResponse().code())) {
                throw new ObjectStoreUnavailableException("could not remove " + key, e);
            }
        } catch (Exception e) {
            throw new ObjectStoreUnavailableException("could not remove " + key, e);
        }
    }

    private void abortUpload(String bucket, String key, String uploadId) {
        try {
            multipart.abortMultipartUploadAsync(bucket, config.region(), key, uploadId, null, null).get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof ErrorResponseException r && "NoSuchUpload".equals(r.errorResponse().code()))) {
                throw unavailable("could not abort the upload of " + key, e);
            }
        } catch (Exception e) {
            throw unavailable("could not abort the upload of " + key, e);
        }
    }

    private HttpUrl.Builder objectUrl(String key) {
        HttpUrl.Builder url = endpoint.newBuilder().addPathSegment(config.bucket());
        for (String segment : key.split("/")) {
            url.addPathSegment(segment);
        }
        return url;
    }

    private Request signed(Request.Builder request, String contentSha256) {
        request.header("Host", hostHeader)
                .header("x-amz-date", ZonedDateTime.now(ZoneOffset.UTC).format(Time.AMZ_DATE_FORMAT))
                .header("x-amz-content-sha256", contentSha256);
        try {
            return Signer.signV4S3(request.build(), config.region(), config.accessKey(), config.secretKey(), contentSha256);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign S3 requests on this JVM", e);
        }
    }

    /** Sends a request whose success has no body we need; returns the ETag. */
    private String send(Request request, String what) {
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                String body = response.body() == null ? "" : response.body().string();
                throw new ObjectStoreUnavailableException("could not " + what + ": HTTP " + response.code() + " "
                        + body.substring(0, Math.min(body.length(), 500)), null);
            }
            return response.header("ETag");
        } catch (IOException e) {
            throw new ObjectStoreUnavailableException("could not " + what, e);
        }
    }

    private static ObjectStoreUnavailableException unavailable(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new ObjectStoreUnavailableException(what, cause);
    }
}
