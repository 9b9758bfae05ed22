package fi.hel.callrec.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service started by the benchmark itself, so that its JVM options are known and its memory is
 * its own: stopped on close and, should the benchmark be interrupted, by a shutdown hook.
 */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final Thread killer;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.killer = new Thread(process::destroyForcibly, "stop-" + process.pid());
        Runtime.getRuntime().addShutdownHook(killer);
    }

    static ServiceProcess start(Path jar, Path workDir, List<String> jvmOptions, Map<String, String> env, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        // The JVM running the benchmark: the same Java the build chose.
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        // The dev profile holds the local stack's test-only secrets; any other profile refuses them.
        builder.environment().put("QUARKUS_PROFILE", "dev");
        builder.environment().put("KAFKA_SSL_TRUSTSTORE_LOCATION", workDir.resolve(".local/data/kafka/tls/ca.crt").toString());
        builder.environment().putAll(env);
        return new ServiceProcess(builder.start(), log);
    }

    static boolean portInUse(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    void awaitReady(HttpClient http, URI ready, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int lastStatus = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the service exited with " + process.exitValue() + " while starting; log tail:\n"
                        + logTail(40));
            }
            try {
                lastStatus = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (lastStatus == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(500);
        }
        throw new IOException(ready + " not 200 after " + timeout.toSeconds() + " s (last: " + lastStatus + "); log tail:\n"
                + logTail(40));
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    /** Asks the service to stop (SIGTERM, a graceful Quarkus shutdown) and kills it if it does not. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running or ran.
        }
    }
}
