package fi.hel.callrec.commons.health;

import fi.hel.callrec.commons.storage.S3Config;
import io.minio.GetObjectLockConfigurationArgs;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * With {@code callrec.s3.object-lock} on, the pod is not ready until the store has confirmed that
 * the bucket has object lock: without it the first legal hold would fail, and object lock can
 * only be chosen when a bucket is created. Once confirmed, the answer is kept, so a later outage
 * of the store does not take the pod out of its Service. The store is given two seconds per probe.
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "callrec.s3.enabled", stringValue = "true")
public class ObjectLockCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(ObjectLockCheck.class);

    private final MinioClient minio;
    private final S3Config config;
    private volatile boolean confirmed;
    private volatile String lastReason;
    private CompletableFuture<String> asking;

    public ObjectLockCheck(MinioClient minio, S3Config config) {
        this.minio = minio;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Object lock").withData("bucket", config.bucket())
                .withData("required", config.objectLock());
        if (!config.objectLock() || confirmed) {
            return response.up().build();
        }
        String reason = ask();
        if (reason == null) {
            confirmed = true;
            return response.up().build();
        }
        if (!reason.equals(lastReason)) {
            LOG.warnf("Not ready: %s", reason);
            lastReason = reason;
        }
        return response.down().withData("reason", reason).build();
    }

    /** Null when the bucket has object lock, else why this pod cannot count on it. */
    private synchronized String ask() {
        if (asking == null) {
            asking = CompletableFuture.supplyAsync(this::lockMissing);
        }
        try {
            String reason = asking.get(2, TimeUnit.SECONDS);
            asking = null;
            return reason;
        } catch (TimeoutException e) {
            return "the store has not answered yet whether bucket " + config.bucket() + " has object lock";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while asking the store";
        } catch (ExecutionException e) {
            asking = null;
            return "could not ask the store: " + e.getCause().getMessage();
        }
    }

    private String lockMissing() {
        try {
            var lock = minio.getObjectLockConfiguration(GetObjectLockConfigurationArgs.builder().bucket(config.bucket()).build());
            return lock != null ? null : "bucket " + config.bucket() + " has no object lock";
        } catch (ErrorResponseException e) {
            return "bucket " + config.bucket() + " has no object lock (" + e.errorResponse().code()
                    + "): create it with object lock (mc mb --with-lock), which cannot be switched on later,"
                    + " or set callrec.s3.object-lock=false where the store has none";
        } catch (Exception e) {
            return "could not ask the store whether bucket " + config.bucket() + " has object lock: " + e.getMessage();
        }
    }
}
