package fi.hel.callrec.access.storage;

import fi.hel.callrec.commons.storage.ObjectStoreUnavailableException;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.util.Optional;

/** Reads recordings from the object store, a byte range at a time, never a whole object into memory. */
@ApplicationScoped
public class AudioStore {

    private final MinioClient minio;

    public AudioStore(MinioClient minio) {
        this.minio = minio;
    }

    /**
     * Opens {@code length} bytes of an object from {@code offset}; the caller closes the stream.
     * Empty when the object is not there (removed behind the projection's back).
     */
    public Optional<InputStream> open(String bucket, String key, long offset, long length) {
        try {
            return Optional.of(minio.getObject(GetObjectArgs.builder()
                    .bucket(bucket).object(key).offset(offset).length(length).build()));
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return Optional.empty();
            }
            throw new ObjectStoreUnavailableException("could not read " + key, e);
        } catch (Exception e) {
            throw new ObjectStoreUnavailableException("could not read " + key, e);
        }
    }
}
