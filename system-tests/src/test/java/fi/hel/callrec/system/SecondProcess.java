package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second instance of a service, from the jar this build made, on a free port of its own, beside
 * the running stack (dev profile: the local stack's test-only secrets). Stopped with SIGTERM, as
 * Kubernetes stops a pod.
 */
final class SecondProcess implements AutoCloseable {

    private final String service;
    private final Process process;
    private final Path log;
    private final int port;

    private SecondProcess(String service, Process process, Path log, int port) {
        this.service = service;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static SecondProcess start(String service, List<String> jvmOptions, Map<String, String> env) throws IOException {
        Path jar = Path.of(System.getProperty("user.dir")).getParent()
                .resolve(service + "/target/quarkus-app/quarkus-run.jar");
        assumeTrue(Files.exists(jar), "the " + service + " jar is built");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile(service + "-second", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_PROFILE", "dev");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().putAll(env);
        return new SecondProcess(service, builder.start(), log, port);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    void awaitReady() throws IOException {
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptionsInstanceOf(ConnectException.class) // not listening yet
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the second " + service + " exited with " + process.exitValue());
                        }
                        return given().when().get(url() + "/q/health/ready").statusCode() == 200;
                    });
        } catch (RuntimeException e) {
            throw new AssertionError("the second " + service + " did not become ready; its output:\n" + output(), e);
        }
    }

    /** Sends SIGTERM; returns the exit code, or null if the process still runs after {@code wait}. */
    Integer terminate(Duration wait) throws InterruptedException {
        process.toHandle().destroy();
        return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        ProcessHandle handle = process.toHandle();
        handle.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            handle.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
    }
}
