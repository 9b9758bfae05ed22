package fi.hel.callrec.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service or the console started in the production profile with the local stack's known
 * secrets refuses to run and names every key to set, without printing a value. Each runs as a
 * second process on a port of its own (ingest-service with its relay and cleanup off), so that it
 * could not disturb the running one even if it did start.
 */
class ProductionSecretsIT {

    @Test
    void the_production_profile_refuses_the_local_stacks_test_only_secrets() throws Exception {
        assertRefused("ingest-service", inOrder(
                "callrec.kafka.password", "ingest-service-local-test-only",
                "quarkus.datasource.password", "callrec_ingest-local-test-only",
                "callrec.s3.secret-key", "callrec-local-test-only-secret"),
                Map.of("CALLREC_OUTBOX_INTERVAL", "off", "CALLREC_INGEST_CLEANUP_INTERVAL", "off"));
    }

    @Test
    void the_console_refuses_them_too() throws Exception {
        assertRefused("console", inOrder(
                "quarkus.oidc.credentials.secret", "test-only-console-secret",
                "quarkus.oidc-client.access-review.credentials.secret", "test-only-access-review-secret",
                "quarkus.oidc.token-state-manager.encryption-secret", "test-only-console-token-encryption-key",
                "quarkus.oidc.authentication.state-secret", "test-only-console-sign-in-state-secret"), Map.of());
    }

    /** Keys and values, in the order the service lists the keys. */
    private static Map<String, String> inOrder(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Starts the jar in the production profile with these secrets (by key) and checks what it says. */
    private static void assertRefused(String service, Map<String, String> secrets, Map<String, String> more) throws Exception {
        Map<String, String> env = new HashMap<>(more);
        env.put("QUARKUS_PROFILE", null);
        secrets.forEach((key, value) -> env.put(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"), value));

        String output = FailedStart.of(service, env);
        assertThat(output).contains("Refusing to start in profile prod")
                .contains(String.join(", ", secrets.keySet()));
        secrets.values().forEach(value -> assertThat(output).doesNotContain(value));
    }
}
