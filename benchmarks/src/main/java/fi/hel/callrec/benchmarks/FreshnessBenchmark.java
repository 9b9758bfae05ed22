package fi.hel.callrec.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How soon a new call can be found: from an upload's 201 until catalog-service's {@code GET /calls/{id}}
 * finds it, and until access-service's and retention-service's databases hold it: with 1 uploader,
 * 8 that never pause (the most the machine takes in), and 8 paced at half that rate. Beside it, in
 * the same run, Kafka's own produce-to-consume latency on a topic of the benchmark's own: the floor
 * any event-carried freshness stands on.
 */
public final class FreshnessBenchmark {

    private static final long GOAL_P99_MS = 150;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ProcessCpu.Part[] CPU_PARTS = {
            ProcessCpu.Part.self("benchmark"),
            ProcessCpu.Part.of("ingest", "ingest-service", "quarkus-run.jar"),
            ProcessCpu.Part.of("catalog", "catalog-service", "quarkus-run.jar"),
            ProcessCpu.Part.of("access", "access-service", "quarkus-run.jar"),
            ProcessCpu.Part.of("retention", "retention-service", "quarkus-run.jar"),
            ProcessCpu.Part.of("kafka", "kafka.Kafka"),
            ProcessCpu.Part.of("s3proxy", "s3proxy"),
            ProcessCpu.Part.of("postgres", "postgres")}; // the postmaster, which keeps ended backends' time, and its backends

    private final Options o;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final IngestClient ingest;
    private final RecorderToken recorder;
    private final UserToken supervisor;
    private final String catalog;
    private final Path root;

    private FreshnessBenchmark(Options o) {
        this.o = o;
        this.ingest = new IngestClient(o.string("ingestUrl", "http://127.0.0.1:8081"));
        String keycloak = o.string("keycloakUrl", "http://127.0.0.1:8180");
        this.recorder = new RecorderToken(http, keycloak, "callrec", "callrec-recorder", "test-only-recorder-secret");
        this.supervisor = new UserToken(http, keycloak, "callrec", "callrec-portal", "test-only-portal-secret",
                "supervisor1", "test-password");
        this.catalog = o.string("catalogUrl", "http://127.0.0.1:8082");
        this.root = Path.of(o.string("callrec.root", "..")).toAbsolutePath().normalize();
    }

    public static void main(String[] args) throws Exception {
        new FreshnessBenchmark(Options.parse(args)).run();
    }

    private void run() throws Exception {
        int uploads = o.integer("uploads", 200);
        int warmup = o.integer("warmup", 1000);
        Path wav = Wav.write(Path.of(System.getProperty("java.io.tmpdir")), 8_000, 1);
        try {
            System.out.printf(Locale.ROOT, "freshness: %d uploads of 1 s of audio per run after %d warm-up, goal p99 <= %d ms%n",
                    uploads, warmup, GOAL_P99_MS);
            // Eight at once, as many as the heaviest phase: the services' JIT compiles their hot paths first.
            measure(wav, 8, warmup, 0);
            double saturated = 0;
            for (Phase phase : new Phase[] {new Phase(1, false), new Phase(8, false), new Phase(8, true)}) {
                // Paced: the eight together at half the rate eight unpaced uploaders reached in this run.
                long period = phase.paced() ? (long) (1e9 * phase.uploaders() / (saturated / 2)) : 0;
                Map<String, Double> cpuBefore = ProcessCpu.read(CPU_PARTS);
                long started = System.nanoTime();
                Latencies service = measure(wav, phase.uploaders(), uploads, period);
                double rate = uploads / ((System.nanoTime() - started) / 1e9);
                Map<String, Double> cpuAfter = ProcessCpu.read(CPU_PARTS);
                if (phase.uploaders() == 8 && !phase.paced()) {
                    saturated = rate;
                }
                Latencies kafka = kafkaBaseline(phase.uploaders(), uploads, period);
                System.out.printf(Locale.ROOT, "%n%d uploader(s)%s, %.1f uploads/s       p50 ms   p99 ms   goal%n",
                        phase.uploaders(), phase.paced() ? " paced" : "", rate);
                print("catalog's table holds it", service.catalogTable(), "(part of the above)");
                print("catalog finds it (GET)", service.catalog(), null);
                print("access-service knows it", service.access(), null);
                print("retention-service knows it", service.retention(), null);
                print("Kafka produce->consume", kafka.catalog(), "(baseline)");
                System.out.printf(Locale.ROOT, "  p99 ratio catalog / Kafka    %.1f%n",
                        (double) percentile(service.catalog(), 99) / Math.max(1, percentile(kafka.catalog(), 99)));
                System.out.printf(Locale.ROOT, "  CPU ms per upload: %s%n", ProcessCpu.perRequest(cpuBefore, cpuAfter, uploads));
            }
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    /** Unpaced: each uploader sends its next call as soon as the last is found everywhere. */
    private record Phase(int uploaders, boolean paced) {
    }

    /** One line of figures; {@code note} null: measured against the goal. */
    private static void print(String what, long[] micros, String note) {
        double p50 = percentile(micros, 50) / 1000.0;
        double p99 = percentile(micros, 99) / 1000.0;
        System.out.printf(Locale.ROOT, "  %-28s %7.1f  %7.1f   %s%n", what, p50, p99,
                note != null ? note : p99 <= GOAL_P99_MS ? "met" : "NOT met");
    }

    /** Microseconds from the 201; {@code catalogTable}: until the catalog's own table held the call. */
    record Latencies(long[] catalog, long[] access, long[] retention, long[] catalogTable) {
    }

    /**
     * {@code total} uploads from {@code uploaders} threads, each waiting for its call to be found
     * everywhere; with a {@code period} (ns, 0: none) each uploader starts a call at most once per period.
     */
    private Latencies measure(Path wav, int uploaders, int total, long period) throws Exception {
        List<long[]> rows = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(uploaders);
        try (FreshnessWatcher watcher = new FreshnessWatcher(connect("catalog"), connect("access"), connect("retention"),
                http, catalog, supervisor)) {
            for (Future<?> f : start(pool, uploaders, total, period, () -> rows.add(one(wav, watcher)))) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Latencies(column(rows, FreshnessWatcher.CATALOG_GET), column(rows, FreshnessWatcher.ACCESS),
                column(rows, FreshnessWatcher.RETENTION), column(rows, FreshnessWatcher.CATALOG_TABLE));
    }

    /** One upload, or one record sent. */
    private interface Step {
        void run() throws Exception;
    }

    /**
     * {@code total} steps shared out among {@code workers} threads of the pool; with a {@code period}
     * (ns, 0: none) each worker starts a step at most once per period, the workers spread over it.
     */
    private static List<Future<?>> start(ExecutorService pool, int workers, int total, long period, Step step) {
        List<Future<?>> work = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int share = total / workers + (w < total % workers ? 1 : 0);
            long first = System.nanoTime() + period * w / workers;
            work.add(pool.submit(() -> {
                for (int i = 0; i < share; i++) {
                    pace(first + i * period);
                    step.run();
                }
                return null;
            }));
        }
        return work;
    }

    private static void pace(long notBefore) throws InterruptedException {
        long wait = notBefore - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** One upload; microseconds from its 201 until catalog, access and retention each have it. */
    private long[] one(Path wav, FreshnessWatcher watcher) throws Exception {
        IngestClient.Answer answer = ingest.upload(wav, 8_000, recorder.get(), Duration.ofSeconds(30));
        long acknowledged = System.nanoTime();
        if (answer.status() != 201) {
            throw new IOException("upload answered " + answer.status() + ": " + answer.body());
        }
        UUID id = UUID.fromString(JSON.readTree(answer.body()).path("recordingId").asText());
        return watcher.watch(id, acknowledged).get(60, TimeUnit.SECONDS);
    }

    private Connection connect(String service) throws SQLException {
        return DriverManager.getConnection(o.string(service + "JdbcUrl", "jdbc:postgresql://127.0.0.1:5432/callrec_" + service),
                "callrec_" + service, "callrec_" + service + "-local-test-only");
    }

    /**
     * Kafka alone: {@code uploaders} producers send {@code total} records, one at a time each and
     * paced as the uploads were, to a topic of the benchmark's own; one consumer notes when each arrives.
     */
    private Latencies kafkaBaseline(int uploaders, int total, long period) throws Exception {
        Properties tools = toolsClient();
        String topic = "freshness-bench-" + System.currentTimeMillis();
        Properties adminProps = new Properties();
        adminProps.putAll(tools);
        adminProps.setProperty("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"admin\" password=\"admin-local-test-only\";");
        try (Admin admin = Admin.create(adminProps)) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1).configs(Map.of("retention.ms", "3600000")))).all().get();
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(tools, new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (int p = 0; p < 6; p++) {
                    partitions.add(new TopicPartition(topic, p));
                }
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                long[] latencies = new long[total];
                int[] received = {0};
                ExecutorService producers = Executors.newFixedThreadPool(uploaders);
                try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(tools), new StringSerializer(), new ByteArraySerializer())) {
                    producer.partitionsFor(topic); // the topic's metadata before the first timed send, not during it
                    start(producers, uploaders, total, period, () -> {
                        byte[] sent = ByteBuffer.allocate(8).putLong(System.nanoTime()).array();
                        producer.send(new ProducerRecord<>(topic, UUID.randomUUID().toString(), sent)).get();
                    });
                    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                    while (received[0] < total && System.nanoTime() < deadline) {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                            long now = System.nanoTime();
                            if (received[0] < total) {
                                latencies[received[0]++] = (now - ByteBuffer.wrap(record.value()).getLong()) / 1000;
                            }
                        }
                    }
                } finally {
                    producers.shutdownNow();
                }
                return new Latencies(Arrays.copyOf(latencies, received[0]), null, null, null);
            } finally {
                admin.deleteTopics(List.of(topic)).all().get();
            }
        }
    }

    private static Properties producerProps(Properties tools) {
        Properties props = new Properties();
        props.putAll(tools);
        props.setProperty("acks", "all");
        return props;
    }

    /** The local stack's tests-and-tools client settings, the trust store resolved from the project root. */
    private Properties toolsClient() throws IOException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(root.resolve("local/config/kafka-tools.properties"))) {
            props.load(reader);
        }
        props.setProperty("ssl.truststore.location", root.resolve(props.getProperty("ssl.truststore.location")).toString());
        return props;
    }

    private static long[] column(List<long[]> rows, int index) {
        return rows.stream().mapToLong(row -> row[index]).sorted().toArray();
    }

    private static long percentile(long[] values, int p) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
