package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.hel.callrec.commons.testing.KafkaTools;
import fi.hel.callrec.events.DeletionReasons;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.events.RecordingDeleted;
import fi.hel.callrec.events.Topics;
import io.minio.ListObjectsArgs;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Two retention-service processes sweep the same database at the same moment: the running service
 * and a second one started from the packaged jar on a free port, configured as a replica would be
 * (same database, bucket and batch size, its own outbox relay). Recordings are made due directly
 * in retention-service's database, and both sweeps are triggered at once; the running service's
 * scheduled sweep may join in as a third. Every recording must be destroyed exactly once: one
 * deletion-log row, one {@code recording-deleted} event on the real topic, and the object gone.
 * The number of recordings is {@code callrec.it.two-processes.recordings}; the default 2500 is more
 * than one process claims at once (4 workers of 500), so whichever starts first leaves work that
 * the other claims while the first is still deleting.
 */
class RetentionTwoProcessesIT {

    private static final int RECORDINGS = Integer.getInteger("callrec.it.two-processes.recordings", 2500);
    /** The call start of the test's recordings: six months and a day ago, as their keys say. */
    private static final Instant STARTED = OffsetDateTime.now(ZoneOffset.UTC).minusMonths(6).minusDays(1).toInstant();

    @Test
    void two_processes_sweeping_at_once_destroy_each_recording_exactly_once() throws Exception {
        String admin = Tokens.forUser("admin1");

        // A system property: the channel's name has a dash, which an environment variable cannot name.
        try (SecondProcess second = SecondProcess.start("retention-service",
                List.of("-Dmp.messaging.incoming.call-recorded.enabled=false"),
                Map.of("CALLREC_RETENTION_SWEEP_INTERVAL", "off", "CALLREC_RETENTION_RECONCILE_INTERVAL", "off"))) {
            List<UUID> ids = stored(RECORDINGS);
            List<String> keys = ids.stream().map(UUID::toString).toList();
            second.awaitReady();
            // Both have their token keys and a warm request path, so that neither starts late.
            for (String url : List.of(Stack.RETENTION, second.url())) {
                given().auth().oauth2(admin).when().get(url + "/retention/status").then().statusCode(200);
            }
            try (KafkaConsumer<String, byte[]> topic = deletedTopicFromNow()) {
                // Only now: the running service's scheduled sweep may take them from this moment on.
                makeDue(ids);
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                    CountDownLatch start = new CountDownLatch(1);
                    Future<Map<String, Object>> first = pool.submit(sweep(Stack.RETENTION, admin, start));
                    Future<Map<String, Object>> other = pool.submit(sweep(second.url(), admin, start));
                    start.countDown();
                    Map<String, Object> a = first.get(2, TimeUnit.MINUTES);
                    Map<String, Object> b = other.get(2, TimeUnit.MINUTES);
                    assertThat(a.get("error")).as("sweep of the running service").isNull();
                    assertThat(b.get("error")).as("sweep of the second process").isNull();
                    assertThat(((Number) a.get("failed")).intValue() + ((Number) b.get("failed")).intValue()).isZero();
                    System.out.printf("Two sweeps at once: the running service deleted %s, the second process %s%n",
                            a.get("deleted"), b.get("deleted"));
                } finally {
                    pool.shutdownNow();
                }

                // The running service's scheduled sweep may join in and still be committing its batches.
                awaitAllDeleted(ids);
                assertThat(deletionLog(ids)).as("deletion-log rows per recording")
                        .hasSize(RECORDINGS).allSatisfy((id, reasons) -> assertThat(reasons).containsExactly(DeletionReasons.RETENTION));
                // A relay deletes an outbox row only after Kafka acknowledged it, so once the rows are
                // gone every copy either relay sent lies below the topic's current end offsets.
                awaitOutboxEmpty(ids);
                List<ConsumerRecord<String, byte[]>> records = readToEnd(topic, new HashSet<>(keys));
                assertThat(records).hasSize(RECORDINGS);
                assertThat(records.stream().map(ConsumerRecord::key).distinct()).hasSize(RECORDINGS);
                assertThat(records).allSatisfy(r ->
                        assertThat(EventJson.read(r.value(), RecordingDeleted.class).reason()).isEqualTo(DeletionReasons.RETENTION));
            }
            assertThat(remaining(new HashSet<>(ids.stream().map(RetentionTwoProcessesIT::key).toList())))
                    .as("objects still in the store").isEmpty();
        }
    }

    /** A consumer of recording-deleted positioned at the topic's end now, outside any consumer group. */
    private static KafkaConsumer<String, byte[]> deletedTopicFromNow() {
        Properties props = new Properties();
        props.putAll(KafkaTools.client());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.RECORDING_DELETED, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** Every record of the given keys from the consumer's position up to the end offsets as they are now. */
    private static List<ConsumerRecord<String, byte[]>> readToEnd(KafkaConsumer<String, byte[]> consumer, Set<String> keys) {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        if (keys.contains(record.key())) {
                            found.add(record);
                        }
                    }
                    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                });
        return found;
    }

    private static Callable<Map<String, Object>> sweep(String url, String token, CountDownLatch start) {
        return () -> {
            start.await();
            return given().auth().oauth2(token).when().post(url + "/retention/sweep")
                    .then().statusCode(200).extract().jsonPath().getMap("$");
        };
    }

    /** The objects of N recordings, not yet known to the schedule. */
    static List<UUID> stored(int count) throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID());
        }
        byte[] wav = new byte[44];
        ExecutorService uploads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (UUID id : ids) {
                puts.add(uploads.submit(() -> {
                    Infra.S3.putObject(PutObjectArgs.builder().bucket(Infra.BUCKET).object(key(id))
                            .stream(new ByteArrayInputStream(wav), wav.length, -1).contentType("audio/wav").build());
                    return null;
                }));
            }
            for (Future<?> put : puts) {
                put.get(2, TimeUnit.MINUTES);
            }
        } finally {
            uploads.shutdownNow();
        }
        return ids;
    }

    /** Schedules the recordings as call-recorded would have, with a retention that already ended. */
    static void makeDue(List<UUID> ids) throws Exception {
        try (Connection db = Infra.retentionDb();
                PreparedStatement insert = db.prepareStatement("""
                        INSERT INTO retention_schedule (recording_id, bucket, object_key, started_at, due_at)
                        VALUES (?, ?, ?, ?, now() - interval '1 minute')""")) {
            for (UUID id : ids) {
                insert.setObject(1, id);
                insert.setString(2, Infra.BUCKET);
                insert.setString(3, key(id));
                insert.setTimestamp(4, Timestamp.from(STARTED));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static String key(UUID id) {
        return "recordings/" + DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC).format(STARTED) + "/" + id + ".wav";
    }

    private static Map<UUID, List<String>> deletionLog(List<UUID> ids) throws Exception {
        Map<UUID, List<String>> reasons = new HashMap<>();
        try (Connection db = Infra.retentionDb();
                PreparedStatement query = db.prepareStatement(
                        "SELECT recording_id, reason FROM deletion_log WHERE recording_id = ANY (?) ORDER BY id")) {
            query.setArray(1, db.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    reasons.computeIfAbsent(rows.getObject(1, UUID.class), k -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        }
        return reasons;
    }

    private static void awaitAllDeleted(List<UUID> ids) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            try (Connection db = Infra.retentionDb();
                    PreparedStatement query = db.prepareStatement(
                            "SELECT count(*) FROM retention_schedule WHERE recording_id = ANY (?) AND deleted_at IS NULL")) {
                query.setArray(1, db.createArrayOf("uuid", ids.toArray()));
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1) == 0;
                }
            }
        });
    }

    /** Waits until no event of these recordings waits in the outbox: both relays have sent all they will send. */
    private static void awaitOutboxEmpty(List<UUID> ids) {
        String[] keys = ids.stream().map(UUID::toString).toArray(String[]::new);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            try (Connection db = Infra.retentionDb();
                    PreparedStatement query = db.prepareStatement("SELECT count(*) FROM outbox_event WHERE record_key = ANY (?)")) {
                query.setArray(1, db.createArrayOf("text", keys));
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1) == 0;
                }
            }
        });
    }

    /** Those of the keys still in the bucket, from one listing of the day they share. */
    private static List<String> remaining(Set<String> keys) throws Exception {
        String prefix = keys.iterator().next().substring(0, "recordings/yyyy/MM/dd/".length());
        List<String> found = new ArrayList<>();
        for (Result<Item> item : Infra.S3.listObjects(ListObjectsArgs.builder().bucket(Infra.BUCKET).prefix(prefix).recursive(true).build())) {
            String name = item.get().objectName();
            if (keys.contains(name)) {
                found.add(name);
            }
        }
        return found;
    }
}
