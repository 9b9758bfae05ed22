package fi.hel.callrec.commons.health;

import fi.hel.callrec.commons.storage.S3Config;
import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether the recordings bucket answers, for alerting ({@code /q/health/well}). Not a readiness
 * check: while the store is down every pod answers 503 with Retry-After, which a client can act
 * on, instead of leaving the Service with no pod at all.
 */
@Wellness
@ApplicationScoped
@IfBuildProperty(name = "callrec.s3.enabled", stringValue = "true")
public class ObjectStoreCheck implements HealthCheck {

    private final MinioClient minio;
    private final S3Config config;

    public ObjectStoreCheck(MinioClient minio, S3Config config) {
        this.minio = minio;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("S3 object store")
                .withData("endpoint", config.endpoint())
                .withData("bucket", config.bucket());
        try {
            boolean exists = minio.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build());
            return response.status(exists).withData("bucketExists", exists).build();
        } catch (Exception e) {
            return response.down().withData("error", String.valueOf(e)).build();
        }
    }
}
