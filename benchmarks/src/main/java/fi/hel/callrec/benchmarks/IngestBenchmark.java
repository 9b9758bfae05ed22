package fi.hel.callrec.benchmarks;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much the ingest path costs over storing the audio directly, and how much memory the service
 * needs while a very large recording streams through it.
 *
 * <p>Throughput: the same WAV files go to {@code POST /recordings} and, as the baseline, straight
 * to the bucket with the MinIO client the service itself uses, at the same concurrency; the
 * phases alternate (service, direct, service, direct, ...) so that a slow spell of the machine
 * does not fall on one side only, and the best round of each counts. Goal: service at least 0.80
 * of direct.
 *
 * <p>Memory: a separate ingest-service with {@code -Xmx128m} receives one {@code bigSize} upload
 * (1 GiB by default) while its resident memory is sampled every 100 ms; it must answer 201.
 *
 * <p>Settings are {@code key=value} arguments or system properties; see benchmarks/README.md.
 */
public final class IngestBenchmark {

    private static final double MB = 1_000_000.0;
    /** A sample line of the summary; a count may carry an OpenMetrics exemplar ({@code # {trace_id=…}}). */
    private static final Pattern PHASE_METRIC = Pattern.compile(
            "^callrec_ingest_phase_seconds_(sum|count)\\{phase=\"([a-z-]+)\"} ([0-9.E+-]+)(?: #.*)?$", Pattern.MULTILINE);
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration BIG_UPLOAD_TIMEOUT = Duration.ofMinutes(30);
    private static final String BIG_HEAP = "-Xmx128m";

    private final int count;
    private final long size;
    private final int concurrency;
    private final int warmup;
    private final int rounds;
    private final long bigSize;
    private final int bigPort;
    private final String ingestUrl;
    private final String bucket;
    private final Options options;

    /** Whose CPU a request costs: the parts of the local stack on this machine, and this client. */
    private static final ProcessCpu.Part[] CPU_PARTS = {
            ProcessCpu.Part.self("client"),
            ProcessCpu.Part.of("ingest-service", "ingest-service", "quarkus-run.jar"),
            ProcessCpu.Part.of("s3proxy", "s3proxy"),
            ProcessCpu.Part.of("postgres", "postgres:", "callrec_ingest"),
            ProcessCpu.Part.of("kafka", "kafka.Kafka")};

    private final HttpClient http;
    private final RecorderToken tokens;
    private final MinioClient minio;
    private final List<String> directKeys = Collections.synchronizedList(new ArrayList<>());
    private final List<Path> tempFiles = new ArrayList<>();
    private final Path tempDir;

    record Phase(String name, int round, int uploads, long bytes, double seconds, List<String> failures) {
        double mbPerSecond() {
            return bytes / MB / seconds;
        }

        double uploadsPerSecond() {
            return uploads / seconds;
        }
    }

    record BigUpload(int status, String body, long bytes, double seconds, long readyRssKb, long peakRssKb,
                     long hwmKb, long samples, String logTail) {
    }

    private IngestBenchmark(Options o) throws IOException {
        this.options = o;
        this.count = o.integer("count", 120);
        this.size = o.number("size", 2_400_000);
        this.concurrency = o.integer("concurrency", 4);
        // The figures are those of a service in use: on two cores shared with the whole stack, the
        // JIT of a fresh ingest-service still compiled 8,566 methods between its 200th and 600th
        // upload (JFR jdk.Compilation), a third of its CPU per upload.
        this.warmup = o.integer("warmup", 1000);
        this.rounds = o.integer("rounds", 3);
        this.bigSize = o.number("bigSize", 1L << 30);
        this.bigPort = o.integer("bigPort", 18081);
        this.ingestUrl = o.string("ingestUrl", "http://127.0.0.1:8081");
        this.bucket = o.string("s3Bucket", "recordings");
        if (count < 1 || size < 1 || concurrency < 1 || warmup < 0 || rounds < 1 || bigSize < 0) {
            throw new IllegalArgumentException("count, size, concurrency and rounds must be positive; warmup and bigSize not negative");
        }
        // HTTP/1.1 as the platform speaks it; the default would first try an h2c upgrade.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        // The local stack's test-only credentials are the defaults; other stacks pass their own.
        this.tokens = new RecorderToken(http, o.string("keycloakUrl", "http://127.0.0.1:8180"),
                o.string("realm", "callrec"), o.string("clientId", "callrec-recorder"),
                o.string("clientSecret", "test-only-recorder-secret"));
        this.minio = MinioClient.builder()
                .endpoint(o.string("s3Endpoint", "http://127.0.0.1:9000"))
                .credentials(o.string("s3AccessKey", "callrec-local"), o.string("s3SecretKey", "callrec-local-test-only-secret"))
                .region(o.string("s3Region", "us-east-1"))
                .build();
        this.tempDir = Path.of(o.string("tmpDir", System.getProperty("java.io.tmpdir")));
    }

    public static void main(String[] args) throws Exception {
        IngestBenchmark benchmark = new IngestBenchmark(Options.parse(args));
        try {
            benchmark.run();
        } finally {
            benchmark.cleanUp();
        }
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "ingest benchmark: %d uploads of %s, %d concurrent, %d warm-up, %d rounds; service %s;"
                        + " big upload %s%n", count, mb(size), concurrency, warmup, rounds, ingestUrl,
                bigSize == 0 ? "skipped" : mb(bigSize));
        tokens.get();
        if (!minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            throw new IllegalStateException("bucket '" + bucket + "' does not exist at the S3 endpoint");
        }

        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            files.add(temp(Wav.write(tempDir, size, 0x5EED_0000L + i)));
        }
        List<Path> warmupFiles = new ArrayList<>();
        for (int i = 0; i < warmup; i++) {
            warmupFiles.add(files.get(i % files.size()));
        }
        if (!warmupFiles.isEmpty()) {
            check(service(warmupFiles, 0));
            check(direct(warmupFiles, 0));
        }
        List<Phase> phases = new ArrayList<>();
        Map<String, double[]> before = servicePhases();
        Map<String, Double> serviceCpu = new LinkedHashMap<>();
        Map<String, Double> directCpu = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            Map<String, Double> start = ProcessCpu.read(CPU_PARTS);
            phases.add(check(service(files, round)));
            Map<String, Double> middle = ProcessCpu.read(CPU_PARTS);
            phases.add(check(direct(files, round)));
            Map<String, Double> end = ProcessCpu.read(CPU_PARTS);
            ProcessCpu.accumulate(serviceCpu, start, middle);
            ProcessCpu.accumulate(directCpu, middle, end);
        }
        Map<String, double[]> after = servicePhases();
        removeDirectObjects();

        BigUpload big = bigSize == 0 ? null : bigUpload();

        report(phases, big);
        reportServicePhases(before, after);
        int uploads = rounds * files.size();
        System.out.println("CPU ms per upload, service: " + ProcessCpu.perRequest(Map.of(), serviceCpu, uploads));
        System.out.println("CPU ms per upload, direct : " + ProcessCpu.perRequest(Map.of(), directCpu, uploads));
        if (big != null && big.status() != 201) {
            throw new IllegalStateException("the " + mb(bigSize) + " upload answered " + big.status() + ", not 201");
        }
    }

    /** One round of uploads through the service; every answer must be 201 (a new recording). */
    private Phase service(List<Path> files, int round) throws Exception {
        IngestClient client = new IngestClient(ingestUrl);
        return timed("service", round, files, file -> {
            IngestClient.Answer answer = client.upload(file, size, tokens.get(), UPLOAD_TIMEOUT);
            return answer.status() == 201 ? null : answer.status() + " " + answer.body();
        });
    }

    /** The baseline: the same bytes put straight into the bucket, as the service's store does. */
    private Phase direct(List<Path> files, int round) throws Exception {
        return timed("direct", round, files, file -> {
            String key = "bench/" + UUID.randomUUID() + ".wav";
            directKeys.add(key);
            try (InputStream in = Files.newInputStream(file)) {
                minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                        .stream(in, Files.size(file), -1).contentType("audio/wav").build());
            }
            return null;
        });
    }

    interface Upload {
        /** Sends one file; answers null on success, else what went wrong. */
        String send(Path file) throws Exception;
    }

    private Phase timed(String name, int round, List<Path> files, Upload upload) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        try {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                running.add(workers.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < files.size(); ) {
                        try {
                            String failure = upload.send(files.get(i));
                            if (failure != null) {
                                failures.add(failure);
                            }
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Phase(name, round, files.size(), bytes, seconds, List.copyOf(failures));
        } finally {
            workers.shutdownNow();
        }
    }

    private static Phase check(Phase phase) {
        if (!phase.failures().isEmpty()) {
            String label = phase.round() == 0 ? "warm-up" : "round " + phase.round();
            StringBuilder text = new StringBuilder(phase.name() + " " + label + ": " + phase.failures().size() + " of "
                    + phase.uploads() + " uploads failed; first ones:");
            phase.failures().stream().limit(3).forEach(f -> text.append("\n  ").append(f));
            throw new IllegalStateException(text.toString());
        }
        return phase;
    }

    private BigUpload bigUpload() throws Exception {
        Path root = projectRoot();
        Path jar = Path.of(options.string("ingestJar",
                root.resolve("ingest-service/target/quarkus-app/quarkus-run.jar").toString()));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: build it first (./mvnw -pl ingest-service -am package -DskipTests)");
        }
        if (ServiceProcess.portInUse(bigPort)) {
            throw new IllegalStateException("port " + bigPort + " is taken; pass bigPort=<free port>");
        }
        System.out.printf(Locale.ROOT, "writing the %s WAV ...%n", mb(bigSize));
        Path wav = temp(Wav.write(tempDir, bigSize, 0xB16L));
        long bytes = Files.size(wav);
        Path log = temp(Files.createTempFile(tempDir, "bench-ingest-" + bigPort + "-", ".log"));

        System.out.printf(Locale.ROOT, "starting ingest-service %s on port %d ...%n", BIG_HEAP, bigPort);
        // Started from the project root, as local/up starts the services.
        try (ServiceProcess service = ServiceProcess.start(jar, root, List.of(BIG_HEAP),
                Map.of("QUARKUS_HTTP_PORT", Integer.toString(bigPort), "QUARKUS_HTTP_HOST", "127.0.0.1"), log)) {
            String base = "http://127.0.0.1:" + bigPort;
            service.awaitReady(http, URI.create(base + "/q/health/ready"), Duration.ofSeconds(180));
            long readyRss = ProcessMemory.read(service.pid(), "VmRSS");
            System.out.printf(Locale.ROOT, "ingest-service pid %d ready, RSS %d MB; uploading ...%n",
                    service.pid(), readyRss / 1024);

            IngestClient client = new IngestClient(base);
            String token = tokens.fresh();
            IngestClient.Answer answer;
            double seconds;
            long peak;
            long samples;
            ProcessMemory memory = ProcessMemory.sample(service.pid(), 100);
            try {
                long start = System.nanoTime();
                try {
                    answer = client.upload(wav, bigSize, token, BIG_UPLOAD_TIMEOUT);
                } catch (IOException e) {
                    answer = new IngestClient.Answer(-1, e.toString());
                }
                seconds = (System.nanoTime() - start) / 1e9;
            } finally {
                memory.close();
            }
            peak = memory.peakKb();
            samples = memory.samples();
            long hwm = ProcessMemory.read(service.pid(), "VmHWM");
            if (seconds > tokens.lifespan().toSeconds()) {
                System.out.printf(Locale.ROOT, "note: the upload took longer than a token lives (%d s)%n",
                        tokens.lifespan().toSeconds());
            }
            String tail = answer.status() == 201 ? null : service.logTail(40);
            return new BigUpload(answer.status(), answer.body(), bytes, seconds, readyRss, peak, hwm, samples, tail);
        }
    }

    private void report(List<Phase> phases, BigUpload big) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-8s %5s %8s %9s %8s %8s %10s%n",
                "phase", "round", "uploads", "total MB", "seconds", "MB/s", "uploads/s");
        for (Phase p : phases) {
            System.out.printf(Locale.ROOT, "%-8s %5d %8d %9.1f %8.2f %8.1f %10.1f%n",
                    p.name(), p.round(), p.uploads(), p.bytes() / MB, p.seconds(), p.mbPerSecond(), p.uploadsPerSecond());
        }
        Phase service = best(phases, "service");
        Phase direct = best(phases, "direct");
        double ratio = service.mbPerSecond() / direct.mbPerSecond();
        String best = rounds == 1 ? "" : ", best of " + rounds + " rounds";
        System.out.println();
        System.out.printf(Locale.ROOT, "ingest via service    : %.1f MB/s, %.1f uploads/s (%d uploads of %s, %d concurrent%s)%n",
                service.mbPerSecond(), service.uploadsPerSecond(), count, mb(size), concurrency, best);
        System.out.printf(Locale.ROOT, "direct S3 PUT (MinIO) : %.1f MB/s, %.1f uploads/s%n",
                direct.mbPerSecond(), direct.uploadsPerSecond());
        System.out.printf(Locale.ROOT, "ratio                 : %.2f (goal >= 0.80: %s)%n", ratio, ratio >= 0.80 ? "met" : "NOT met");
        if (big == null) {
            System.out.println("big upload            : skipped (bigSize=0)");
            return;
        }
        System.out.printf(Locale.ROOT, "%s upload, %s: %s in %.1f s (%.1f MB/s), peak RSS %d MB"
                        + " (sampled every 100 ms, %d samples; VmHWM %d MB; %d MB when ready); heap limit 128 MB%n",
                mb(bigSize), BIG_HEAP, big.status() == -1 ? "no answer" : Integer.toString(big.status()), big.seconds(),
                big.bytes() / MB / big.seconds(), big.peakRssKb() / 1024, big.samples(), big.hwmKb() / 1024,
                big.readyRssKb() / 1024);
        if (big.status() != 201) {
            System.out.println("answer: " + big.body());
            System.out.println("service log tail:\n" + big.logTail());
        }
    }

    /**
     * The service's own timing of each step of an upload ({@code callrec_ingest_phase_seconds}, see
     * ingest-service's README): where the time of a measured upload goes. Sum and count per phase.
     */
    private Map<String, double[]> servicePhases() {
        Map<String, double[]> phases = new TreeMap<>();
        try {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(ingestUrl.replaceAll("/+$", "") + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = PHASE_METRIC.matcher(metrics.body());
            while (m.find()) {
                double[] sumAndCount = phases.computeIfAbsent(m.group(2), k -> new double[2]);
                sumAndCount["sum".equals(m.group(1)) ? 0 : 1] = Double.parseDouble(m.group(3));
            }
        } catch (IOException e) {
            System.out.println("could not read the service's metrics: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return phases;
    }

    private static void reportServicePhases(Map<String, double[]> before, Map<String, double[]> after) {
        StringBuilder line = new StringBuilder();
        for (Map.Entry<String, double[]> e : after.entrySet()) {
            double[] was = before.getOrDefault(e.getKey(), new double[2]);
            double count = e.getValue()[1] - was[1];
            if (count > 0) {
                line.append(String.format(Locale.ROOT, "%s%s %.1f", line.length() == 0 ? "" : ", ", e.getKey(),
                        (e.getValue()[0] - was[0]) / count * 1000));
            }
        }
        System.out.println("service phases, mean ms per measured upload (callrec_ingest_phase_seconds): "
                + (line.length() == 0 ? "none reported" : line));
    }

    private static Phase best(List<Phase> phases, String name) {
        return phases.stream().filter(p -> p.name().equals(name))
                .max((a, b) -> Double.compare(a.mbPerSecond(), b.mbPerSecond())).orElseThrow();
    }

    private void removeDirectObjects() {
        List<DeleteObject> objects;
        synchronized (directKeys) {
            objects = directKeys.stream().map(DeleteObject::new).toList();
            directKeys.clear();
        }
        if (objects.isEmpty()) {
            return;
        }
        // The removal is lazy: nothing is deleted until the results are read.
        for (Result<DeleteError> result : minio.removeObjects(RemoveObjectsArgs.builder().bucket(bucket).objects(objects).build())) {
            try {
                DeleteError error = result.get();
                System.out.println("could not remove " + error.objectName() + ": " + error.message());
            } catch (Exception e) {
                System.out.println("could not remove the bench/ objects: " + e);
            }
        }
    }

    private void cleanUp() {
        try {
            removeDirectObjects();
        } catch (RuntimeException e) {
            System.out.println("could not remove the bench/ objects: " + e);
        }
        try {
            // Ends the S3 client's idle worker threads, which would otherwise hold the JVM (and
            // exec:java, which waits for them) for their keep-alive minute.
            minio.close();
        } catch (Exception e) {
            System.out.println("could not close the S3 client: " + e);
        }
        for (Path f : tempFiles) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                System.out.println("could not delete " + f + ": " + e.getMessage());
            }
        }
    }

    private Path temp(Path file) {
        tempFiles.add(file);
        return file;
    }

    /** The project root: set by the module's exec configuration, else found above the working directory. */
    private Path projectRoot() {
        String configured = options.string("callrec.root", null);
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("ingest-service"))) {
                return dir;
            }
        }
        throw new IllegalStateException("project root not found above " + Path.of("").toAbsolutePath()
                + "; pass callrec.root=<path> or ingestJar=<path>");
    }

    /** A size as people name it: whole GiB where it is one (the 1 GiB upload), else MB of 10^6 bytes. */
    private static String mb(long bytes) {
        long gib = 1L << 30;
        if (bytes >= gib && bytes % gib == 0) {
            return bytes / gib + " GiB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / MB);
    }
}
