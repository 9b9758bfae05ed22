package fi.hel.callrec.commons.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Publishes queued events to Kafka and deletes the rows Kafka acknowledged (the others wait for
 * the next run; rows carry personal data and are not kept). A commit wakes the relay at once
 * through the table's trigger and {@code LISTEN}, whichever instance committed; the scheduled run
 * is the safety net. {@code FOR UPDATE SKIP LOCKED} gives each batch to one relay. Delivery is at
 * least once (a crash between send and commit); consumers are idempotent by event id
 * (docs/decisions/0003).
 */
@ApplicationScoped
@IfBuildProperty(name = "callrec.outbox.enabled", stringValue = "true")
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** The channel of the outbox table's trigger (db/outbox). */
    static final String CHANNEL = "outbox_event";
    private static final RowMapper<Outbox.Row> ROW = ConstructorMapper.of(Outbox.Row.class);

    private final Jdbi jdbi;
    private final OutboxConfig config;
    private final Map<String, Object> kafkaConfig;
    private final AtomicLong pending = new AtomicLong();
    private final ReentrantLock publishing = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile boolean failing;
    private volatile boolean stopped;
    private Thread listener;

    public OutboxRelay(Jdbi jdbi, OutboxConfig config, MeterRegistry registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.jdbi = jdbi;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        registry.gauge("callrec.outbox.pending", pending);
    }

    /** The row as a Kafka record, with the trace it was queued in as its traceparent header. */
    private static ProducerRecord<String, byte[]> record(Outbox.Row row) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.recordKey(), row.payload());
        if (row.traceParent() != null) {
            record.headers().add(Outbox.TRACEPARENT, row.traceParent().getBytes(StandardCharsets.US_ASCII));
        }
        return record;
    }

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            return;
        }
        listener = new Thread(this::listen, "outbox-listener");
        listener.setDaemon(true);
        listener.start();
    }

    /** The safety net: publishes what no notification announced (for example after a restart). */
    @Scheduled(every = "${callrec.outbox.interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        run();
        refreshPending();
    }

    /** Publishes until the table is empty or Kafka refuses; a call during a run makes it go once more. */
    void run() {
        again.set(true);
        while (again.get() && publishing.tryLock()) {
            try {
                again.set(false);
                drain();
            } finally {
                publishing.unlock();
            }
        }
    }

    private void drain() {
        try {
            Batch batch;
            do {
                batch = QuarkusTransaction.requiringNew().call(this::publishBatch);
                if (batch.failure() != null) {
                    throw batch.failure();
                }
            } while (batch.selected() == config.batchSize());
            if (failing) {
                LOG.info("Outbox relay publishes again");
                failing = false;
            }
        } catch (Exception e) {
            // One warning per outage, not one per event.
            if (!failing) {
                LOG.warnf("Outbox relay cannot publish, will retry: %s", e.getMessage());
                failing = true;
            }
        }
    }

    /** What one batch did: rows selected, and the first send that failed (its row and later ones stay). */
    record Batch(int selected, Exception failure) {
    }

    /** Sends one batch and deletes what Kafka accepted, in the caller's transaction. */
    Batch publishBatch() {
        return jdbi.withHandle(h -> {
            List<Outbox.Row> rows = h.createQuery("""
                    SELECT id, topic, record_key, payload, trace_parent FROM outbox_event
                    ORDER BY created_at, id LIMIT :limit FOR UPDATE SKIP LOCKED""")
                    .bind("limit", config.batchSize())
                    .map(ROW).list();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            Exception failure = null;
            for (Outbox.Row row : rows) {
                try {
                    sends.add(producer().send(record(row)));
                } catch (RuntimeException e) {
                    failure = e; // not handed to the producer: this row and the rest wait
                    break;
                }
            }
            List<UUID> accepted = new ArrayList<>();
            long deadline = System.nanoTime() + config.sendTimeout().toNanos();
            for (int i = 0; i < sends.size(); i++) {
                try {
                    sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    accepted.add(rows.get(i).id());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = failure == null ? e : failure;
                } catch (ExecutionException | TimeoutException e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (!accepted.isEmpty()) {
                h.createUpdate("DELETE FROM outbox_event WHERE id = ANY (:ids)")
                        .bindArray("ids", UUID.class, accepted).execute();
            }
            return new Batch(sends.size(), failure);
        });
    }

    /** Waits for the trigger's notifications on a connection of its own and runs the relay on each. */
    private void listen() {
        while (!stopped) {
            try (Handle handle = jdbi.open()) {
                handle.getConnection().setAutoCommit(true);
                handle.execute("LISTEN " + CHANNEL);
                PGConnection notifications = handle.getConnection().unwrap(PGConnection.class);
                run(); // what was committed before LISTEN took effect
                while (!stopped) {
                    PGNotification[] received = notifications.getNotifications(1_000);
                    if (received != null && received.length > 0) {
                        run();
                    }
                }
            } catch (SQLException | JdbiException e) {
                if (!stopped) {
                    LOG.debugf("Outbox listener lost its connection, will listen again: %s", e.getMessage());
                    sleepQuietly();
                }
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void refreshPending() {
        try {
            pending.set(jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM outbox_event").mapTo(long.class).one()));
        } catch (JdbiException e) {
            LOG.debugf("Could not count pending events: %s", e.getMessage());
        }
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = createProducer();
        }
        return producer;
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
        // A batch leaves as the relay hands it over: the rows of one run are its batch, and lingering only delays them.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    void close(@Observes ShutdownEvent event) {
        stopped = true;
        if (listener != null) {
            listener.interrupt();
        }
        KafkaProducer<String, byte[]> current = producer;
        if (current != null) {
            current.close(java.time.Duration.ofSeconds(5));
        }
    }
}
