package fi.hel.callrec.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What streaming through access-service costs over reading the same objects straight from the
 * store with the MinIO client, with 1 and 16 concurrent listeners (settable).
 *
 * <p>Throughput: whole recordings read through {@code GET /recordings/{id}/audio} (as a
 * supervisor, purpose {@code quality}, so each read is authorised, audited and streamed) and, as
 * the baseline, by {@code GetObject} on the same keys. Phases alternate per round (service,
 * direct, ...), and the best round of each counts. Goal: service at least 0.9 of direct.
 *
 * <p>Time to first byte: random 64 KiB ranges, through the service ({@code Range: bytes=a-b})
 * and directly ({@code GetObject} with offset and length), timed from sending the request to
 * the first byte of the body. Goal: the service adds at most 5 ms at the median.
 *
 * <p>With {@code relayEndpoint} set, a third side reads the same objects with the MinIO client
 * through that endpoint, a bare TCP relay in front of the store: its ratio is the most any proxy
 * can reach on the machine, since the relay only moves the bytes once more.
 *
 * <p>Recordings are sent in through ingest-service first (call ids {@code bench-...}); they stay
 * as real recordings. Run (the local stack up, the services built and running):
 *
 * <pre>
 * ./mvnw -q -pl benchmarks compile exec:java \
 *   -Dexec.mainClass=fi.hel.callrec.benchmarks.AccessStreamingBenchmark \
 *   -Dexec.args="objects=4 size=2400000 reads=160 rounds=3 ttfbSamples=1000 concurrency=1,16"
 * </pre>
 */
public final class AccessStreamingBenchmark {

    private static final double MB = 1_000_000.0;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TTFB_RANGE = 64 * 1024;

    /** Whose CPU a read costs: the parts of the local stack on this machine, and this client. */
    private final ProcessCpu.Part[] cpuParts;

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final OkHttpClient reader = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofMinutes(2)).build();
    private final MinioClient minio;
    /**
     * The store reached through a relay (option relayEndpoint: a TCP proxy in front of the store,
     * HAProxy say), or null. What the relay adds to the direct reads is what forwarding the bytes
     * alone costs on this machine, with no HTTP, token or audit work: the bound of any proxy.
     */
    private final MinioClient relay;
    private final String accessUrl;
    private final String bucket;
    private final UserToken listener;

    /** One recording as both sides read it. */
    record Target(String id, String key, long size) {
    }

    record Throughput(String side, int concurrency, int round, long bytes, double seconds) {
        double mbPerSecond() {
            return bytes / MB / seconds;
        }
    }

    private AccessStreamingBenchmark(Options options) {
        this.options = options;
        this.accessUrl = options.string("accessUrl", "http://127.0.0.1:8083").replaceAll("/+$", "");
        this.bucket = options.string("s3Bucket", "recordings");
        this.minio = store(options.string("s3Endpoint", "http://127.0.0.1:9000"));
        String relayEndpoint = options.string("relayEndpoint", null);
        this.relay = relayEndpoint == null ? null : store(relayEndpoint);
        List<ProcessCpu.Part> parts = new ArrayList<>(List.of(
                ProcessCpu.Part.self("client"),
                ProcessCpu.Part.of("access-service", "access-service", "quarkus-run.jar"),
                ProcessCpu.Part.of("s3proxy", "s3proxy"),
                ProcessCpu.Part.of("postgres", "postgres:", "callrec_access")));
        if (relay != null) {
            parts.add(ProcessCpu.Part.of("relay", options.string("relayProcess", "haproxy")));
        }
        this.cpuParts = parts.toArray(ProcessCpu.Part[]::new);
        this.listener = new UserToken(http, options.string("keycloakUrl", "http://127.0.0.1:8180"),
                options.string("realm", "callrec"), options.string("clientId", "callrec-portal"),
                options.string("clientSecret", "test-only-portal-secret"),
                options.string("user", "supervisor1"), options.string("password", "test-password"));
    }

    private MinioClient store(String endpoint) {
        return MinioClient.builder()
                .endpoint(endpoint)
                .credentials(options.string("s3AccessKey", "callrec-local"),
                        options.string("s3SecretKey", "callrec-local-test-only-secret"))
                .region(options.string("s3Region", "us-east-1"))
                .build();
    }

    public static void main(String[] args) throws Exception {
        int status = new AccessStreamingBenchmark(Options.parse(args)).run();
        System.exit(status);
    }

    private int run() throws Exception {
        int objects = options.integer("objects", 4);
        long size = options.number("size", 2_400_000);
        int reads = options.integer("reads", 160);
        int rounds = options.integer("rounds", 3);
        int samples = options.integer("ttfbSamples", 1000);
        // The figures are those of a service in use. C2 compiles a method after some 5,000 to
        // 15,000 calls, and most of a request's code runs once or twice per request: after 1,000
        // warm-up reads the JIT still took 46 % of access-service's CPU samples, and a whole read
        // cost it 8.6-9.6 ms of CPU; after 8,000, 3.2 ms.
        int warmup = options.integer("warmup", 5000);
        int[] concurrencies = Arrays.stream(options.string("concurrency", "1,16").split(","))
                .map(String::strip).mapToInt(Integer::parseInt).toArray();

        List<Target> targets = prepare(objects, size);
        System.out.printf(Locale.ROOT, "%d recordings of %.1f MB each, sent in through ingest and known to access-service%n",
                targets.size(), targets.get(0).size() / MB);

        List<String> sides = relay == null ? List.of("service", "direct") : List.of("service", "direct", "relay");
        // Warm every path (JIT, connection pools, the store's caches) before anything counts.
        for (String side : sides) {
            throughput(side, targets, 4, Math.max(warmup, objects), 0);
            ttfb(side, targets, 4, Math.max(warmup, 20));
        }

        List<String> summary = new ArrayList<>();
        System.out.printf("%n%-8s %5s %5s %10s %8s %8s%n", "side", "conc", "round", "MB", "s", "MB/s");
        for (int c : concurrencies) {
            int perRound = Math.max(reads, c);
            Map<String, Throughput> best = new LinkedHashMap<>();
            Map<String, Map<String, Double>> readCpu = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                // The sides take turns within each round, so a slow moment of the machine does not fall on one only.
                for (String side : sides) {
                    Map<String, Double> before = ProcessCpu.read(cpuParts);
                    Throughput t = throughput(side, targets, c, perRound, round);
                    ProcessCpu.accumulate(readCpu.computeIfAbsent(side, k -> new LinkedHashMap<>()), before, ProcessCpu.read(cpuParts));
                    System.out.printf(Locale.ROOT, "%-8s %5d %5d %10.1f %8.2f %8.1f%n",
                            t.side(), t.concurrency(), t.round(), t.bytes() / MB, t.seconds(), t.mbPerSecond());
                    best.merge(side, t, (a, b) -> b.mbPerSecond() > a.mbPerSecond() ? b : a);
                }
            }
            Map<String, long[]> ttfb = new LinkedHashMap<>();
            Map<String, String> rangeCpu = new LinkedHashMap<>();
            Map<String, double[]> phasesBefore = Map.of();
            Map<String, double[]> phasesAfter = Map.of();
            for (String side : sides) {
                boolean service = side.equals("service");
                if (service) {
                    phasesBefore = phases();
                }
                Map<String, Double> before = ProcessCpu.read(cpuParts);
                ttfb.put(side, ttfb(side, targets, c, samples));
                rangeCpu.put(side, ProcessCpu.perRequest(before, ProcessCpu.read(cpuParts), samples));
                if (service) {
                    phasesAfter = phases();
                }
            }
            double direct = best.get("direct").mbPerSecond();
            double ratio = best.get("service").mbPerSecond() / direct;
            double overheadP50 = (percentile(ttfb.get("service"), 50) - percentile(ttfb.get("direct"), 50)) / 1e6;
            StringBuilder lines = new StringBuilder(String.format(Locale.ROOT,
                    "%2d listener(s): throughput service %.1f MB/s, direct %.1f MB/s, ratio %.2f (goal >= 0.90: %s)%n"
                            + "                TTFB of a 64 KiB range: service p50 %.2f ms p99 %.2f ms, direct p50 %.2f ms p99 %.2f ms, "
                            + "overhead p50 %.2f ms (goal <= 5 ms: %s)",
                    c, best.get("service").mbPerSecond(), direct, ratio, ratio >= 0.9 ? "met" : "NOT met",
                    percentile(ttfb.get("service"), 50) / 1e6, percentile(ttfb.get("service"), 99) / 1e6,
                    percentile(ttfb.get("direct"), 50) / 1e6, percentile(ttfb.get("direct"), 99) / 1e6,
                    overheadP50, overheadP50 <= 5.0 ? "met" : "NOT met"));
            if (relay != null) {
                double relayRatio = best.get("relay").mbPerSecond() / direct;
                lines.append(String.format(Locale.ROOT,
                        "%n                through the relay alone: %.1f MB/s, ratio %.2f; TTFB p50 %.2f ms, overhead p50 %.2f ms",
                        best.get("relay").mbPerSecond(), relayRatio, percentile(ttfb.get("relay"), 50) / 1e6,
                        (percentile(ttfb.get("relay"), 50) - percentile(ttfb.get("direct"), 50)) / 1e6));
            }
            lines.append("\n                service phases of those requests (mean): ").append(phaseSummary(phasesBefore, phasesAfter));
            for (String side : sides) {
                lines.append(String.format(Locale.ROOT, "%n                CPU ms per whole read, %-8s: ", side))
                        .append(ProcessCpu.perRequest(Map.of(), readCpu.get(side), rounds * perRound));
            }
            for (String side : sides) {
                lines.append(String.format(Locale.ROOT, "%n                CPU ms per range request, %-8s: ", side))
                        .append(rangeCpu.get(side));
            }
            summary.add(lines.toString());
        }
        System.out.println();
        summary.forEach(System.out::println);
        System.out.printf("(best of %d rounds, %d whole reads per round; %d TTFB samples per side; MB = 10^6 bytes)%n",
                rounds, reads, samples);
        // A missed goal is a figure to report, not a failure: only a wrong answer fails the run (an exception).
        return 0;
    }

    /** Sends the recordings in through ingest-service and waits until access-service can stream each. */
    private List<Target> prepare(int objects, long size) throws Exception {
        RecorderToken recorder = new RecorderToken(http, options.string("keycloakUrl", "http://127.0.0.1:8180"),
                options.string("realm", "callrec"), options.string("recorderClientId", "callrec-recorder"),
                options.string("recorderClientSecret", "test-only-recorder-secret"));
        IngestClient ingest = new IngestClient(options.string("ingestUrl", "http://127.0.0.1:8081"));
        Path dir = Files.createTempDirectory("access-bench");
        List<Target> targets = new ArrayList<>();
        try {
            for (int i = 0; i < objects; i++) {
                Path wav = Wav.write(dir, size, System.nanoTime());
                IngestClient.Answer answer = ingest.upload(wav, size, recorder.get(), Duration.ofMinutes(5));
                Files.delete(wav);
                if (answer.status() != 201) {
                    throw new IllegalStateException("ingest answered " + answer.status() + ": " + answer.body());
                }
                JsonNode receipt = JSON.readTree(answer.body());
                targets.add(new Target(receipt.path("recordingId").asText(), receipt.path("objectKey").asText(),
                        receipt.path("sizeBytes").asLong()));
            }
        } finally {
            Files.deleteIfExists(dir);
        }
        Instant deadline = Instant.now().plusSeconds(120);
        for (Target t : targets) {
            while (head(t) != 200) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("access-service did not learn of recording " + t.id() + " in time");
                }
                Thread.sleep(250);
            }
        }
        return targets;
    }

    private int head(Target t) throws Exception {
        return http.send(request(t).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpRequest.Builder request(Target t) throws IOException, InterruptedException {
        return HttpRequest.newBuilder(URI.create(accessUrl + "/recordings/" + t.id() + "/audio?purpose=quality"))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + listener.get());
    }

    /** {@code reads} whole recordings by {@code concurrency} workers, round-robin over the targets. */
    private Throughput throughput(String side, List<Target> targets, int concurrency, int reads, int round) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    byte[] buffer = new byte[64 * 1024];
                    for (int i; (i = next.getAndIncrement()) < reads; ) {
                        Target t = targets.get(i % targets.size());
                        try (InputStream in = open(side, t, 0, t.size(), 200)) {
                            long got = 0;
                            for (int n; (n = in.read(buffer)) > 0; ) {
                                got += n;
                            }
                            if (got != t.size()) {
                                throw new IllegalStateException(side + " read " + got + " of " + t.size() + " bytes");
                            }
                            bytes.addAndGet(got);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return new Throughput(side, concurrency, round, bytes.get(), (System.nanoTime() - start) / 1e9);
    }

    /** Nanoseconds from sending a 64 KiB range request to its first body byte, {@code samples} of them. */
    private long[] ttfb(String side, List<Target> targets, int concurrency, int samples) throws Exception {
        List<Long> times = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                long seed = w;
                workers.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    byte[] buffer = new byte[64 * 1024];
                    for (int i; (i = next.getAndIncrement()) < samples; ) {
                        Target t = targets.get(i % targets.size());
                        long offset = (long) (random.nextDouble() * (t.size() - TTFB_RANGE));
                        long start = System.nanoTime();
                        try (InputStream in = open(side, t, offset, TTFB_RANGE, 206)) {
                            if (in.read() < 0) {
                                throw new IllegalStateException(side + " range answered no bytes");
                            }
                            times.add(System.nanoTime() - start);
                            while (in.read(buffer) > 0) {
                                // Read the rest, so that connections go back to the pool clean.
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return times.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** The bytes of a recording from {@code offset}, through the service or straight from the store. */
    private InputStream open(String side, Target t, long offset, long length, int expected) throws Exception {
        if (!side.equals("service")) {
            return (side.equals("relay") ? relay : minio).getObject(GetObjectArgs.builder().bucket(bucket).object(t.key()).offset(offset).length(length).build());
        }
        // Read with OkHttp, the HTTP client inside the MinIO client of the direct side: the ratio then
        // compares the service with the store, not two client libraries.
        Request.Builder request = new Request.Builder()
                .url(accessUrl + "/recordings/" + t.id() + "/audio?purpose=quality")
                .header("Authorization", "Bearer " + listener.get());
        if (expected == 206) {
            request.header("Range", "bytes=" + offset + "-" + (offset + length - 1));
        }
        Response response = reader.newCall(request.build()).execute();
        if (response.code() != expected) {
            try (response) {
                String body = response.body().string();
                throw new IllegalStateException("access-service answered " + response.code() + ": "
                        + body.substring(0, Math.min(2000, body.length())));
            }
        }
        return response.body().byteStream();
    }

    private static final Pattern METRIC = Pattern.compile(
            "^(callrec_access_phase_seconds|http_server_requests_seconds)_(count|sum)\\{(.*)}\\s+(\\S+)$");
    private static final Pattern PHASE = Pattern.compile("phase=\"([^\"]+)\"");

    /**
     * The service's own timers, from its Prometheus endpoint: count and sum of seconds per phase
     * of a request for audio (lookup, audit, store-open) and of the whole request as the HTTP
     * server saw it (key "request"; the token check and the HTTP layer are what it adds to the
     * phases). Empty when the endpoint cannot be read: the figures are then left out.
     */
    private Map<String, double[]> phases() {
        Map<String, double[]> totals = new TreeMap<>();
        try {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(accessUrl + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (metrics.statusCode() != 200) {
                return totals;
            }
            for (String line : metrics.body().split("\n")) {
                Matcher m = METRIC.matcher(line.strip());
                if (!m.matches()) {
                    continue;
                }
                String key;
                if (m.group(1).startsWith("callrec")) {
                    Matcher phase = PHASE.matcher(m.group(3));
                    key = phase.find() ? phase.group(1) : "?";
                } else if (m.group(3).contains("uri=\"/recordings/{id}/audio\"") && m.group(3).contains("method=\"GET\"")) {
                    key = "request";
                } else {
                    continue;
                }
                double[] t = totals.computeIfAbsent(key, k -> new double[2]);
                t[m.group(2).equals("count") ? 0 : 1] += Double.parseDouble(m.group(4));
            }
        } catch (IOException | InterruptedException | NumberFormatException e) {
            totals.clear();
        }
        return totals;
    }

    private static String phaseSummary(Map<String, double[]> before, Map<String, double[]> after) {
        if (after.isEmpty()) {
            return "not available (no timers at GET /q/metrics)";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, double[]> e : after.entrySet()) {
            double[] b = before.getOrDefault(e.getKey(), new double[2]);
            double count = e.getValue()[0] - b[0];
            if (count > 0) {
                parts.add(String.format(Locale.ROOT, "%s %.2f ms", e.getKey(), (e.getValue()[1] - b[1]) / count * 1000));
            }
        }
        return String.join(", ", parts);
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
