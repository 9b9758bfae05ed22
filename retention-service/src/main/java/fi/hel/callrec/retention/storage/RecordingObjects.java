package fi.hel.callrec.retention.storage;

import fi.hel.callrec.commons.storage.ObjectStoreUnavailableException;
import fi.hel.callrec.commons.storage.S3Config;
import io.minio.DisableObjectLegalHoldArgs;
import io.minio.EnableObjectLegalHoldArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

/** Destroys recording objects in batches and, where the store enforces object lock, sets legal holds. */
@ApplicationScoped
public class RecordingObjects {

    private final MinioClient minio;
    private final S3Config config;

    public RecordingObjects(MinioClient minio, S3Config config) {
        this.minio = minio;
        this.config = config;
    }

    public String bucket() {
        return config.bucket();
    }

    /**
     * Removes the objects with the store's batch delete and returns the keys the store refused
     * (for example under a legal hold); a key that is already gone counts as removed. With
     * object lock the bucket is versioned and a plain delete would only hide the audio behind a
     * delete marker, so every version is removed: the law asks for destruction, not hiding.
     * Throws {@link ObjectStoreUnavailableException} when the store cannot be asked at all.
     */
    public Set<String> removeAll(String bucket, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        try {
            List<DeleteObject> objects = config.objectLock() ? allVersions(bucket, keys) : keys.stream().map(DeleteObject::new).toList();
            Set<String> refused = new HashSet<>();
            // The iterable is lazy: the requests are sent while it is read.
            for (Result<DeleteError> result : minio.removeObjects(RemoveObjectsArgs.builder().bucket(bucket).objects(objects).build())) {
                DeleteError error = result.get();
                if (!"NoSuchKey".equals(error.code()) && !"NoSuchVersion".equals(error.code())) {
                    refused.add(error.objectName());
                }
            }
            return refused;
        } catch (Exception e) {
            throw new ObjectStoreUnavailableException("could not remove " + keys.size() + " object(s) from " + bucket, e);
        }
    }

    /** An object as listed: its key and when it was written. */
    public record Listed(String key, Instant lastModified) {
    }

    /** Every object under the prefix, read page by page as the caller iterates. */
    public Iterable<Listed> list(String prefix) {
        Iterable<Result<Item>> items = minio.listObjects(ListObjectsArgs.builder().bucket(config.bucket()).prefix(prefix).recursive(true).build());
        return () -> StreamSupport.stream(items.spliterator(), false).map(result -> {
            try {
                Item item = result.get();
                return new Listed(item.objectName(), item.lastModified().toInstant());
            } catch (Exception e) {
                throw new ObjectStoreUnavailableException("could not list " + config.bucket(), e);
            }
        }).iterator();
    }

    private List<DeleteObject> allVersions(String bucket, Collection<String> keys) throws Exception {
        List<DeleteObject> versions = new ArrayList<>();
        for (String key : keys) {
            for (Result<Item> item : minio.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(key).includeVersions(true).build())) {
                Item found = item.get();
                if (found.objectName().equals(key)) {
                    versions.add(new DeleteObject(key, found.versionId()));
                }
            }
        }
        return versions;
    }

    /**
     * Sets or clears the S3 legal hold when the store enforces object lock, so that even a
     * mistaken delete is refused by the storage; does nothing on a store without object lock.
     */
    public void legalHold(String bucket, String key, boolean on) {
        if (!config.objectLock()) {
            return;
        }
        try {
            if (on) {
                minio.enableObjectLegalHold(EnableObjectLegalHoldArgs.builder().bucket(bucket).object(key).build());
            } else {
                minio.disableObjectLegalHold(DisableObjectLegalHoldArgs.builder().bucket(bucket).object(key).build());
            }
        } catch (Exception e) {
            // Audio already gone from the store (a reconciliation, an operator) has nothing to protect or free.
            if (!(e instanceof ErrorResponseException r && "NoSuchKey".equals(r.errorResponse().code()))) {
                throw new ObjectStoreUnavailableException("could not " + (on ? "set" : "clear") + " the legal hold of " + key, e);
            }
        }
    }
}
