package fi.hel.callrec.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Upload and indexing throughput with one ingest-service and one catalog-service (the stack's),
 * then with a second of each beside them, in the same run: uploads per second from
 * {@code clients} uploaders (spread over the instances), and the time until catalog-service's
 * group has consumed every {@code call-recorded} record of the round, with its partitions shared
 * by one or two instances.
 */
public final class TwoInstancesBenchmark {

    private final Options o;
    private final HttpClient http = HttpClient.newHttpClient();
    private final RecorderToken recorder;
    private final Path root;

    private TwoInstancesBenchmark(Options o) {
        this.o = o;
        this.recorder = new RecorderToken(http, o.string("keycloakUrl", "http://127.0.0.1:8180"), "callrec", "callrec-recorder",
                "test-only-recorder-secret");
        this.root = Path.of(o.string("callrec.root", "..")).toAbsolutePath().normalize();
    }

    public static void main(String[] args) throws Exception {
        new TwoInstancesBenchmark(Options.parse(args)).run();
    }

    private record Round(double uploadsPerSecond, double indexedAfterSeconds) {
    }

    private void run() throws Exception {
        int uploads = o.integer("uploads", 300);
        int clients = o.integer("clients", 8);
        Path wav = Wav.write(Path.of(System.getProperty("java.io.tmpdir")), 8_000, 1);
        try {
            round(List.of("http://127.0.0.1:8081"), 40, clients, wav); // warm-up
            Round one = round(List.of("http://127.0.0.1:8081"), uploads, clients, wav);
            Round two;
            try (ServiceProcess ingest = second("ingest-service", 9081); ServiceProcess catalog = second("catalog-service", 9082)) {
                round(List.of("http://127.0.0.1:8081", "http://127.0.0.1:9081"), 40, clients, wav); // warm-up
                two = round(List.of("http://127.0.0.1:8081", "http://127.0.0.1:9081"), uploads, clients, wav);
            }
            System.out.printf(Locale.ROOT, "%n== TwoInstancesBenchmark: %d uploads of 1 s of audio, %d clients ==%n", uploads, clients);
            System.out.printf(Locale.ROOT, "                          one instance   two instances   ratio%n");
            System.out.printf(Locale.ROOT, "uploads per second        %12.1f   %13.1f   %5.2f%n", one.uploadsPerSecond(), two.uploadsPerSecond(),
                    two.uploadsPerSecond() / one.uploadsPerSecond());
            System.out.printf(Locale.ROOT, "all indexed after (s)     %12.2f   %13.2f   %5.2f%n", one.indexedAfterSeconds(), two.indexedAfterSeconds(),
                    one.indexedAfterSeconds() / two.indexedAfterSeconds());
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    /** A second instance from the stack's jar, on its own port, joining the same consumer groups. */
    private ServiceProcess second(String service, int port) throws Exception {
        ServiceProcess process = ServiceProcess.start(root.resolve(service + "/target/quarkus-app/quarkus-run.jar"), root,
                List.of("-Xmx256m"), Map.of("QUARKUS_HTTP_PORT", Integer.toString(port), "QUARKUS_HTTP_HOST", "127.0.0.1"),
                Files.createTempFile(service + "-second", ".log"));
        process.awaitReady(http, URI.create("http://127.0.0.1:" + port + "/q/health/ready"), Duration.ofMinutes(2));
        return process;
    }

    private Round round(List<String> ingestUrls, int uploads, int clients, Path wav) throws Exception {
        Map<TopicPartition, Long> before = ends();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            IngestClient ingest = new IngestClient(ingestUrls.get(c % ingestUrls.size()));
            work.add(pool.submit(() -> {
                while (next.getAndIncrement() < uploads) {
                    IngestClient.Answer answer = ingest.upload(wav, 8_000, recorder.get(), Duration.ofMinutes(1));
                    if (answer.status() != 201) {
                        throw new IllegalStateException("upload answered " + answer.status() + ": " + answer.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double uploadSeconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        // The outbox relays publish each upload's event just after its commit: wait for all of them.
        Map<TopicPartition, Long> after = ends();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (sum(after) - sum(before) < uploads) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("fewer call-recorded records than uploads");
            }
            Thread.sleep(20);
            after = ends();
        }
        awaitConsumed("catalog-service", after, Duration.ofMinutes(5));
        double indexed = (System.nanoTime() - start) / 1e9;
        return new Round(uploads / uploadSeconds, indexed);
    }

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    private Admin admin() {
        Properties props = new Properties();
        try (var in = Files.newInputStream(root.resolve("local/config/kafka-tools.properties"))) {
            props.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        props.setProperty("ssl.truststore.location", root.resolve(props.getProperty("ssl.truststore.location")).toString());
        return Admin.create(props);
    }

    private Map<TopicPartition, Long> ends() throws Exception {
        try (Admin admin = admin()) {
            List<TopicPartition> partitions = admin.describeTopics(List.of("call-recorded")).allTopicNames().get().get("call-recorded")
                    .partitions().stream().map(p -> new TopicPartition("call-recorded", p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new java.util.HashMap<>();
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : admin.listOffsets(latest).all().get().entrySet()) {
                ends.put(e.getKey(), e.getValue().offset());
            }
            return ends;
        }
    }

    private void awaitConsumed(String group, Map<TopicPartition, Long> ends, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                boolean done = ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue());
                if (done) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(group + " did not consume the round within " + timeout);
                }
                Thread.sleep(20);
            }
        }
    }
}
