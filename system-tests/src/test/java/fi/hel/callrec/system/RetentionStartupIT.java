package fi.hel.callrec.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The register allows at most six months: the packaged retention-service refuses to start with a
 * longer retention. The process gets its own port, consumer group and no sweep or relay, so that
 * it could not disturb the running service even if it did start.
 */
class RetentionStartupIT {

    @Test
    void a_retention_above_six_months_stops_the_service_at_start_up() throws Exception {
        String output = FailedStart.of("retention-service", Map.of(
                "QUARKUS_PROFILE", "dev", // the local stack's test-only secrets
                "CALLREC_RETENTION_PERIOD", "P7M",
                "CALLREC_RETENTION_SWEEP_INTERVAL", "off",
                "CALLREC_OUTBOX_INTERVAL", "off",
                // Should it start after all, it takes nothing from the running service's group.
                "JAVA_TOOL_OPTIONS", "-Dmp.messaging.incoming.call-recorded.group.id=retention-startup-check"));
        assertThat(output).contains("longer than the register's maximum of six months");
    }
}
