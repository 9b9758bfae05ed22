package fi.hel.callrec.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minio.BucketExistsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * How fast retention-service destroys due recordings, and whether the cost of a sweep follows the
 * due recordings rather than all of them.
 *
 * <p>The benchmark starts its own retention-service from the jar on {@code port} (18084), on a
 * schema of its own ({@code retention_bench} in the service's test database, dropped at the end)
 * and a bucket of its own (created and removed by the run), with its scheduled sweep and relay off and a consumer group of its own, so nothing it does
 * reaches the running system. Rows are written with {@code psql}; objects exist only for due rows,
 * since a sweep never touches the others.
 * <ol>
 * <li>Throughput: {@code live} (1,000,000) recordings not yet due and {@code due} (100,000) due
 * ones; one {@code POST /retention/sweep}; deletions per second. Baseline: the same store's batch
 * delete of {@code baseline} objects straight from this process.</li>
 * <li>Scaling: {@code small} (10,000) due among the {@code live} recordings, then the same number
 * among none; the ratio of the two sweep times (goal ≤ 1.2).</li>
 * </ol>
 * Goal: ≥ 2,000 deletions/s against the local S3 store. A first sweep of {@code warmup} due
 * recordings warms the service up and is not counted.
 */
public final class RetentionSweepBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "retention_bench";
    private static final byte[] AUDIO = new byte[1024];

    private final Options o;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final MinioClient minio;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String bucket;

    private RetentionSweepBenchmark(Options o) {
        this.o = o;
        // A bucket of its own: call-recorded events of other tests name the shared buckets, so its
        // service treats them as foreign and never schedules (or deletes) their objects.
        this.bucket = o.string("s3Bucket", "retention-bench-" + run);
        this.minio = MinioClient.builder()
                .endpoint(o.string("s3Endpoint", "http://127.0.0.1:9000"))
                .credentials(o.string("s3AccessKey", "callrec-local"), o.string("s3SecretKey", "callrec-local-test-only-secret"))
                .region("us-east-1").build();
    }

    public static void main(String[] args) throws Exception {
        new RetentionSweepBenchmark(Options.parse(args)).run();
    }

    private void run() throws Exception {
        int live = o.integer("live", 1_000_000);
        int due = o.integer("due", 100_000);
        int small = o.integer("small", 10_000);
        int baseline = o.integer("baseline", 10_000);
        int port = o.integer("port", 18084);
        int threads = o.integer("putThreads", 16);
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        if (!Files.isDirectory(root.resolve("retention-service"))) {
            root = root.getParent();
        }
        Path jar = Path.of(o.string("retentionJar", root.resolve("retention-service/target/quarkus-app/quarkus-run.jar").toString()));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: build it first (./mvnw -pl retention-service -am package -DskipTests)");
        }
        if (ServiceProcess.portInUse(port)) {
            throw new IllegalStateException("port " + port + " is taken; pass port=<free port>");
        }
        psql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        if (!minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        }
        Path log = Files.createTempFile("bench-retention-", ".log");
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/" + database() + "?currentSchema=" + SCHEMA);
        env.put("QUARKUS_FLYWAY_SCHEMAS", SCHEMA);
        env.put("CALLREC_S3_BUCKET", bucket);
        env.put("CALLREC_RETENTION_SWEEP_INTERVAL", "off");
        env.put("CALLREC_RETENTION_RECONCILE_INTERVAL", "off");
        env.put("CALLREC_RETENTION_STATUS_REFRESH", "off");
        env.put("CALLREC_OUTBOX_INTERVAL", "off");
        System.out.printf(Locale.ROOT, "starting retention-service on port %d (schema %s, bucket %s) ...%n", port, SCHEMA, bucket);
        // A group of its own from the topic's end: it takes nothing from the running service. As system
        // properties: an environment variable cannot name a channel with a dash that no file names.
        List<String> jvm = List.of("-Xmx512m", "-Dmp.messaging.incoming.call-recorded.group.id=retention-benchmark-" + run,
                "-Dmp.messaging.incoming.call-recorded.auto.offset.reset=latest");
        try (ServiceProcess service = ServiceProcess.start(jar, root, jvm, env, log)) {
            String base = "http://127.0.0.1:" + port;
            service.awaitReady(http, URI.create(base + "/q/health/ready"), Duration.ofSeconds(180));

            int warmup = o.integer("warmup", 2_000);
            if (warmup > 0) {
                System.out.printf(Locale.ROOT, "warming up with %,d due recordings (not counted) ...%n", warmup);
                List<String> warm = insert(warmup, true);
                putAll(warm, threads);
                sweep(base);
            }
            System.out.printf(Locale.ROOT, "scheduling %,d live and %,d due recordings ...%n", live, due);
            insert(live, false);
            List<String> dueKeys = insert(due, true);
            analyze();
            putAll(dueKeys, threads);
            JsonNode big = sweep(base);
            double bigRate = big.get("deleted").asLong() / (big.get("durationMillis").asLong() / 1000.0);

            List<String> direct = new ArrayList<>();
            for (int i = 0; i < baseline; i++) {
                direct.add("bench/" + run + "/direct/" + UUID.randomUUID() + ".wav");
            }
            putAll(direct, threads);
            long start = System.nanoTime();
            removeDirect(direct);
            double directSeconds = (System.nanoTime() - start) / 1e9;
            double directRate = baseline / directSeconds;

            // Both small sweeps start from a vacuumed table, so neither walks the other phases' dead rows.
            psql("VACUUM ANALYZE " + SCHEMA + ".retention_schedule");
            System.out.printf(Locale.ROOT, "sweeping %,d due among %,d live ...%n", small, live);
            List<String> smallKeys = insert(small, true);
            analyze();
            putAll(smallKeys, threads);
            JsonNode withLive = sweep(base);

            psql("DELETE FROM " + SCHEMA + ".retention_schedule WHERE deleted_at IS NULL");
            psql("VACUUM ANALYZE " + SCHEMA + ".retention_schedule");
            System.out.printf(Locale.ROOT, "sweeping %,d due among 0 live ...%n", small);
            smallKeys = insert(small, true);
            analyze();
            putAll(smallKeys, threads);
            JsonNode withoutLive = sweep(base);

            double ratio = withLive.get("durationMillis").asDouble() / Math.max(1, withoutLive.get("durationMillis").asDouble());
            System.out.println();
            System.out.println("== RetentionSweepBenchmark ==");
            System.out.printf(Locale.ROOT, "sweep of %,d due among %,d live: %,d deleted in %.2f s = %,.0f deletions/s (goal >= 2,000)%n",
                    due, live, big.get("deleted").asLong(), big.get("durationMillis").asLong() / 1000.0, bigRate);
            System.out.printf(Locale.ROOT, "baseline, direct batch delete of %,d objects: %.2f s = %,.0f deletions/s; service/direct = %.2f%n",
                    baseline, directSeconds, directRate, bigRate / directRate);
            System.out.printf(Locale.ROOT, "sweep of %,d due among %,d live: %d ms; among 0 live: %d ms; ratio %.2f (goal <= 1.2)%n",
                    small, live, withLive.get("durationMillis").asLong(), withoutLive.get("durationMillis").asLong(), ratio);
            for (JsonNode r : List.of(big, withLive, withoutLive)) {
                if (r.get("failed").asLong() > 0 || !r.get("error").isNull()) {
                    System.out.println("note: a sweep reported failures: " + r);
                }
            }
        } finally {
            psql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            emptyAndRemoveBucket();
            Files.deleteIfExists(log);
        }
    }

    /** Writes {@code count} schedule rows, due an hour ago or in five months; returns their keys when due. */
    private List<String> insert(int count, boolean due) throws IOException, InterruptedException {
        String dueAt = due ? "now() - interval '1 hour'" : "now() + interval '5 months'";
        String sql = "INSERT INTO " + SCHEMA + ".retention_schedule (recording_id, bucket, object_key, started_at, due_at) "
                + "SELECT id, '" + bucket + "', 'bench/" + run + "/' || id || '.wav', now() - interval '1 day', " + dueAt
                + " FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, " + count + ")) g RETURNING object_key";
        String out = psql(due ? sql : "WITH x AS (" + sql + ") SELECT count(*) FROM x");
        return due ? out.lines().filter(l -> !l.isBlank()).toList() : List.of();
    }

    private void analyze() throws IOException, InterruptedException {
        psql("ANALYZE " + SCHEMA + ".retention_schedule");
    }

    private void putAll(List<String> keys, int threads) throws Exception {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            int chunk = (keys.size() + threads - 1) / threads;
            for (int t = 0; t < threads; t++) {
                List<String> part = keys.subList(Math.min(keys.size(), t * chunk), Math.min(keys.size(), (t + 1) * chunk));
                futures.add(pool.submit(() -> {
                    for (String key : part) {
                        minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                                .stream(new ByteArrayInputStream(AUDIO), AUDIO.length, -1).build());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        System.out.printf(Locale.ROOT, "  put %,d objects in %.1f s%n", keys.size(), (System.nanoTime() - start) / 1e9);
    }

    private void emptyAndRemoveBucket() throws Exception {
        List<String> left = new ArrayList<>();
        for (Result<Item> item : minio.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
            left.add(item.get().objectName());
        }
        removeDirect(left);
        minio.removeBucket(RemoveBucketArgs.builder().bucket(bucket).build());
    }

    private void removeDirect(List<String> keys) throws Exception {
        for (int i = 0; i < keys.size(); i += 500) {
            List<DeleteObject> batch = keys.subList(i, Math.min(keys.size(), i + 500)).stream().map(DeleteObject::new).toList();
            for (Result<DeleteError> error : minio.removeObjects(RemoveObjectsArgs.builder().bucket(bucket).objects(batch).build())) {
                throw new IOException("direct delete failed: " + error.get().message());
            }
        }
    }

    private JsonNode sweep(String base) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/retention/sweep"))
                .header("Authorization", "Bearer " + adminToken()).timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("sweep answered " + answer.statusCode() + ": " + answer.body());
        }
        JsonNode result = JSON.readTree(answer.body());
        System.out.println("  sweep: " + result);
        return result;
    }

    private String adminToken() throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=" + enc(o.string("clientId", "callrec-portal"))
                + "&client_secret=" + enc(o.string("clientSecret", "test-only-portal-secret"))
                + "&username=" + enc(o.string("adminUser", "admin1")) + "&password=" + enc(o.string("password", "test-password"));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(o.string("keycloakUrl", "http://127.0.0.1:8180")
                        + "/realms/callrec/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("token endpoint answered " + answer.statusCode());
        }
        return JSON.readTree(answer.body()).get("access_token").asText();
    }

    private String database() {
        return o.string("database", "callrec_retention_test");
    }

    private String psql(String sql) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("psql", "-h", o.string("dbHost", "127.0.0.1"), "-U", o.string("dbUser", "callrec_retention"),
                "-d", database(), "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", o.string("dbPassword", "callrec_retention-local-test-only"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("psql failed: " + out);
        }
        return out;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
