package fi.hel.callrec.commons.storage;

import io.minio.MinioClient;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** One S3 client per service that stores or reads audio (catalog-service has none). */
@ApplicationScoped
@IfBuildProperty(name = "callrec.s3.enabled", stringValue = "true")
public class MinioClientProducer {

    @Produces
    @ApplicationScoped
    MinioClient minioClient(S3Config config) {
        return MinioClient.builder()
                .endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey())
                .region(config.region())
                .build();
    }
}
