package fi.hel.callrec.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts a service's packaged jar as a second process that must refuse to run; returns what it said. */
final class FailedStart {

    private FailedStart() {
    }

    /**
     * Runs {@code <service>/target/quarkus-app/quarkus-run.jar} on a port of its own with these
     * environment variables (a null value removes one), asserts that it exits non-zero within 90 s,
     * and returns its output.
     */
    static String of(String service, Map<String, String> env) throws Exception {
        Path jar = Path.of(System.getProperty("user.dir")).getParent()
                .resolve(service + "/target/quarkus-app/quarkus-run.jar");
        assumeTrue(Files.exists(jar), "the " + service + " jar is built");
        Path log = Files.createTempFile(service + "-start", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("QUARKUS_HTTP_PORT", "0");
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.forEach((key, value) -> {
            if (value == null) {
                environment.remove(key);
            } else {
                environment.put(key, value);
            }
        });
        Process process = builder.start();
        try {
            boolean exited = process.waitFor(90, TimeUnit.SECONDS);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(exited).as("%s exits instead of running; output:%n%s", service, output).isTrue();
            assertThat(process.exitValue()).as("%s exit code", service).isNotZero();
            return output;
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
