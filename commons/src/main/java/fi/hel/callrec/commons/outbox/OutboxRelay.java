package fi.hel.callrec.commons.outbox;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes queued events to Kafka and deletes them once Kafka has acknowledged them. While Kafka
 * is down a batch fails, its transaction rolls back and the rows wait for the next run: nothing
 * is lost, and a row is deleted only after its send succeeded. Rows carry personal data, so a
 * published row is deleted rather than kept.
 *
 * <p>Replicas share the table safely: {@code FOR UPDATE SKIP LOCKED} gives each batch to one
 * relay. Delivery is at least once (a crash between the send and the commit sends a batch again);
 * consumers are idempotent by event id. Events of one recording keep their order: one key goes to
 * one partition and the idempotent producer keeps sends in order.
 */
@ApplicationScoped
@IfBuildProperty(name = "callrec.outbox.enabled", stringValue = "true")
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final Map<String, Object> kafkaConfig;
    private final AtomicLong pending = new AtomicLong();
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile boolean failing;

    public OutboxRelay(AgroalDataSource dataSource, OutboxConfig config, MeterRegistry registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.dataSource = dataSource;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        registry.gauge("callrec.outbox.pending", pending);
    }

    @Scheduled(every = "${callrec.outbox.interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = RelayDisabled.class)
    void run() {
        try {
            int sent;
            do {
                sent = QuarkusTransaction.requiringNew().call(this::publishBatch);
            } while (sent == config.batchSize());
            if (failing) {
                LOG.info("Outbox relay publishes again");
                failing = false;
            }
        } catch (RuntimeException e) {
            // One warning per outage, not one per second.
            if (!failing) {
                LOG.warnf("Outbox relay cannot publish, will retry: %s", e.getMessage());
                failing = true;
            }
        } finally {
            refreshPending();
        }
    }

    /** Sends one batch and deletes what was sent, in the caller's transaction. */
    int publishBatch() throws Exception {
        List<UUID> ids = new ArrayList<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, topic, record_key, payload FROM outbox_event ORDER BY created_at, id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                select.setInt(1, config.batchSize());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getObject(1, UUID.class));
                        sends.add(producer().send(new ProducerRecord<>(rows.getString(2), rows.getString(3), rows.getBytes(4))));
                    }
                }
            }
            if (ids.isEmpty()) {
                return 0;
            }
            long deadline = System.nanoTime() + config.sendTimeout().toNanos();
            for (Future<RecordMetadata> send : sends) {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox_event WHERE id = ANY (?)")) {
                delete.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                delete.executeUpdate();
            }
        }
        return ids.size();
    }

    private void refreshPending() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM outbox_event");
                ResultSet result = count.executeQuery()) {
            result.next();
            pending.set(result.getLong(1));
        } catch (SQLException e) {
            LOG.debugf("Could not count pending events: %s", e.getMessage());
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = createProducer();
                }
                current = producer;
            }
        }
        return current;
    }

    private KafkaProducer<String, byte[]> createProducer() {
        long timeout = config.sendTimeout().toMillis();
        // The service's own Kafka settings (every kafka.* key: address, sign-in, TLS), then the relay's.
        Properties props = new Properties();
        props.putAll(kafkaConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        // Fail a send within the relay's timeout instead of Kafka's default two minutes.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout, 10_000));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout + 5_000);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    void close(@Observes ShutdownEvent event) {
        KafkaProducer<String, byte[]> current = producer;
        if (current != null) {
            current.close(java.time.Duration.ofSeconds(5));
        }
    }

    /** Skips the scheduled run where the relay is switched off by configuration. */
    @ApplicationScoped
    public static class RelayDisabled implements Scheduled.SkipPredicate {

        private final OutboxConfig config;

        public RelayDisabled(OutboxConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.relayEnabled();
        }
    }
}
