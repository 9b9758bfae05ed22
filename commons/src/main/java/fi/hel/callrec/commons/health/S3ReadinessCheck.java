package fi.hel.callrec.commons.health;

import fi.hel.callrec.commons.storage.S3Config;
import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the recordings bucket answers: the service cannot store or stream without it. */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "callrec.s3.enabled", stringValue = "true")
public class S3ReadinessCheck implements HealthCheck {

    private final MinioClient minio;
    private final S3Config config;

    public S3ReadinessCheck(MinioClient minio, S3Config config) {
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
