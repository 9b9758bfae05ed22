package fi.hel.callrec.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service started in the production profile with the local stack's known secrets refuses to
 * run and names every key to set, without printing a value. ingest-service runs as a second
 * process with its relay and cleanup off, so that it could not disturb the running one even if it
 * did start.
 */
class ProductionSecretsIT {

    @Test
    void the_production_profile_refuses_the_local_stacks_test_only_secrets() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_PROFILE", null);
        env.put("CALLREC_OUTBOX_RELAY_ENABLED", "false");
        env.put("CALLREC_INGEST_CLEANUP_INTERVAL", "off");
        env.put("CALLREC_KAFKA_PASSWORD", "ingest-service-local-test-only");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "callrec_ingest-local-test-only");
        env.put("CALLREC_S3_SECRET_KEY", "callrec-local-test-only-secret");

        assertThat(FailedStart.of("ingest-service", env))
                .contains("Refusing to start in profile prod")
                .contains("callrec.kafka.password, quarkus.datasource.password, callrec.s3.secret-key")
                .doesNotContain("local-test-only");
    }
}
