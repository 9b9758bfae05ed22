package fi.hel.callrec.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The register allows at most six months: the packaged retention-service refuses to start with a
 * longer retention. The process gets its own port, consumer group and no sweep or relay, so that
 * it could not disturb the running service even if it did start.
 */
class RetentionStartupIT {

    @Test
    void a_retention_above_six_months_stops_the_service_at_start_up() throws Exception {
        Path jar = Path.of(System.getProperty("user.dir")).getParent()
                .resolve("retention-service/target/quarkus-app/quarkus-run.jar");
        assumeTrue(Files.exists(jar), "the retention-service jar is built");
        Path log = Files.createTempFile("retention-startup", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("CALLREC_RETENTION_PERIOD", "P7M");
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("CALLREC_RETENTION_SWEEP_ENABLED", "false");
        env.put("CALLREC_OUTBOX_RELAY_ENABLED", "false");
        env.put("MP_MESSAGING_INCOMING_CALL_RECORDED_GROUP_ID", "retention-startup-check");
        Process process = builder.start();
        try {
            boolean exited = process.waitFor(90, TimeUnit.SECONDS);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(exited).as("the service exits instead of running; output:%n%s", output).isTrue();
            assertThat(process.exitValue()).isNotZero();
            assertThat(output).contains("longer than the register's maximum of six months");
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
