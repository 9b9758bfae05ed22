package fi.hel.callrec.system;

import fi.hel.callrec.commons.testing.KafkaTools;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The servers behind the services, reached directly to check what the services did. */
final class Infra {

    static final String BUCKET = System.getenv().getOrDefault("CALLREC_S3_BUCKET", "recordings");
    static final MinioClient S3 = MinioClient.builder()
            .endpoint(System.getenv().getOrDefault("CALLREC_S3_ENDPOINT", "http://127.0.0.1:9000"))
            .credentials(System.getenv().getOrDefault("CALLREC_S3_ACCESS_KEY", "callrec-local"),
                    System.getenv().getOrDefault("CALLREC_S3_SECRET_KEY", "callrec-local-test-only-secret"))
            .build();

    private Infra() {
    }

    /** retention-service's database, where the deletion log and the schedule are checked. */
    static java.sql.Connection retentionDb() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(System.getenv().getOrDefault("CALLREC_RETENTION_DB",
                "jdbc:postgresql://127.0.0.1:5432/callrec_retention"), "callrec_retention", "callrec_retention-local-test-only");
    }

    /** ingest-service's database, where receipts and pending uploads are checked. */
    static java.sql.Connection ingestDb() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(System.getenv().getOrDefault("CALLREC_INGEST_DB",
                "jdbc:postgresql://127.0.0.1:5432/callrec_ingest"), "callrec_ingest", "callrec_ingest-local-test-only");
    }

    /** Where local/up keeps the services' logs. */
    static final Path LOGS = Path.of(System.getenv().getOrDefault("CALLREC_LOCAL_LOGS",
            Path.of(System.getProperty("user.dir")).getParent().resolve(".local/log").toString()));

    /** Whether the store has an object under the key. */
    static boolean exists(String key) throws Exception {
        try {
            S3.statObject(io.minio.StatObjectArgs.builder().bucket(BUCKET).object(key).build());
            return true;
        } catch (io.minio.errors.ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return false;
            }
            throw e;
        }
    }

    /** SHA-256 of an object as stored. */
    static String sha256Of(String key) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = S3.getObject(GetObjectArgs.builder().bucket(BUCKET).object(key).build())) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Reads a topic from the offsets it has now on, without joining a consumer group. */
    static final class TopicReader implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;

        TopicReader(String topic) {
            Properties props = new Properties();
            props.putAll(KafkaTools.client());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "system-tests-" + UUID.randomUUID());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            consumer = new KafkaConsumer<>(props);
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        /** Polls until a record of each key arrived, or the time is up; returns those records. */
        List<ConsumerRecord<String, byte[]>> awaitKeys(List<String> keys, Duration timeout) {
            return awaitKeys(keys, keys, timeout);
        }

        /**
         * Polls until a record of each {@code required} key arrived, or the time is up; returns every
         * record of a {@code watched} key seen meanwhile, in the order read.
         */
        List<ConsumerRecord<String, byte[]>> awaitKeys(List<String> watched, List<String> required, Duration timeout) {
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline
                    && !found.stream().map(ConsumerRecord::key).toList().containsAll(required)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (watched.contains(record.key())) {
                        found.add(record);
                    }
                }
            }
            return found;
        }

        /** Every record of a watched key that arrives within the time. */
        List<ConsumerRecord<String, byte[]>> drain(List<String> watched, Duration during) {
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            long deadline = System.nanoTime() + during.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (watched.contains(record.key())) {
                        found.add(record);
                    }
                }
            }
            return found;
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Waits until a consumer group has committed past a record: the service has processed it
     * (offsets are committed after the service's transaction), whatever its effect was.
     */
    static void awaitConsumed(String group, org.apache.kafka.clients.producer.RecordMetadata record, Duration timeout)
            throws Exception {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Properties props = new Properties();
        props.putAll(KafkaTools.client());
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(partition);
                if (committed != null && committed.offset() > record.offset()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(group + " did not consume " + partition + "@" + record.offset() + " within " + timeout);
                }
                Thread.sleep(200);
            }
        }
    }

    /** Runs one of the local stack's scripts (local/up, local/down) and fails when it fails. */
    static void local(String... command) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        List<String> args = new ArrayList<>();
        args.add(root.resolve("local").resolve(command[0]).toString());
        args.addAll(List.of(command).subList(1, command.length));
        Process process = new ProcessBuilder(args).directory(root.toFile()).inheritIO().start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("local/" + String.join(" ", command) + " failed");
        }
    }
}
