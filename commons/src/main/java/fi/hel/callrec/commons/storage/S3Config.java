package fi.hel.callrec.commons.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where recordings are stored. Local defaults live in commons' microprofile-config.properties. */
@ConfigMapping(prefix = "callrec.s3")
public interface S3Config {

    /**
     * Whether this service uses the object store at all: a build-time switch that adds the S3
     * client and its readiness check. catalog-service keeps no audio and leaves it off.
     */
    @WithDefault("false")
    boolean enabled();

    /** S3 endpoint URL: MinIO in production, S3Proxy in the local stack. */
    String endpoint();

    /** Access key of the service's S3 identity. */
    String accessKey();

    /** Secret key of the service's S3 identity. */
    String secretKey();

    /** Bucket that holds every recording. */
    @WithDefault("recordings")
    String bucket();

    /** Region sent in request signatures; MinIO and S3Proxy accept any. */
    @WithDefault("us-east-1")
    String region();

    /**
     * Whether the store enforces object lock (legal holds). True on MinIO with object lock on the
     * bucket (docker-compose, Kubernetes); false on S3Proxy, which has none.
     */
    @WithDefault("false")
    boolean objectLock();
}
