package fi.hel.callrec.ingest.storage;

import fi.hel.callrec.commons.storage.ObjectStoreUnavailableException;
import fi.hel.callrec.commons.storage.S3Config;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

/** Puts recordings into the bucket and removes the ones whose receipt never committed. */
@ApplicationScoped
public class RecordingStore {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private final MinioClient minio;
    private final S3Config config;

    public RecordingStore(MinioClient minio, S3Config config) {
        this.minio = minio;
        this.config = config;
    }

    public String bucket() {
        return config.bucket();
    }

    /** The object key: generated from the call's UTC start day and the id, never from client input. */
    public static String keyFor(UUID recordingId, OffsetDateTime startedAt) {
        return "recordings/" + DAY.format(startedAt.withOffsetSameInstant(ZoneOffset.UTC)) + "/" + recordingId + ".wav";
    }

    /**
     * Sends the spooled file to the store. Uploading from the file (rather than a stream) lets the
     * client send parts straight from disk instead of copying each part into memory first, so
     * memory use does not grow with the recording's size.
     */
    public void put(String key, Path file, String sha256, UUID recordingId) {
        try {
            minio.uploadObject(UploadObjectArgs.builder()
                    .bucket(config.bucket())
                    .object(key)
                    .filename(file.toString())
                    .contentType("audio/wav")
                    .userMetadata(Map.of("sha256", sha256, "recording-id", recordingId.toString()))
                    .build());
        } catch (Exception e) {
            throw new ObjectStoreUnavailableException("could not store " + key, e);
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
}
