package fi.hel.callrec.commons.messaging;

import fi.hel.callrec.events.CallrecEvent;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.events.Topics;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Makes a consumer idempotent: Kafka delivers at least once (a redelivery after a crash, the
 * outbox relay sending a batch again), so each event id is applied at most once. The mark is
 * written in the consumer's own transaction, so it commits exactly when the event's effects do.
 * Needs the service's {@code processed_event} table.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final AgroalDataSource dataSource;
    private final ConsumerRetry retry;

    public Inbox(AgroalDataSource dataSource, ConsumerRetry retry) {
        this.dataSource = dataSource;
        this.retry = retry;
    }

    /**
     * What a consumer method calls with its record: applies the event once in a transaction of its
     * own, retried under {@link ConsumerRetry}, so only a malformed record fails the message (for
     * the dead-letter topic) and a database outage loses no event.
     */
    public <T extends CallrecEvent> void consume(byte[] value, Class<T> type, Consumer<T> effect) {
        retry.run(() -> QuarkusTransaction.requiringNew().run(() -> applyOnce(value, type, effect)));
    }

    /**
     * Reads a record's value as an event of the given type and applies it once. A malformed value
     * throws {@link fi.hel.callrec.events.InvalidEventException}, which fails the message so that
     * it goes to the consumer's dead-letter topic with the reason.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T extends CallrecEvent> void applyOnce(byte[] value, Class<T> type, Consumer<T> effect) {
        T event = EventJson.read(value, type);
        if (firstDelivery(event, Topics.topicOf(event))) {
            effect.accept(event);
            // Ids only: the line is found by the trace id of the request that caused the event.
            LOG.infof("Applied %s %s of recording %s", event.type(), event.eventId(), event.recordingId());
        }
    }

    /** True the first time this event is seen; false for a redelivery, which must change nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(CallrecEvent event, String topic) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO processed_event (event_id, topic) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING")) {
            insert.setObject(1, event.eventId());
            insert.setString(2, topic);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record event " + event.eventId(), e);
        }
    }

    /**
     * The batch form of {@link #firstDelivery}: marks all the events' ids in one statement and
     * returns those seen for the first time. An id repeated within the batch is returned once, so
     * the caller applies it once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> firstDeliveries(Collection<? extends CallrecEvent> events, String topic) {
        Set<UUID> fresh = new HashSet<>();
        if (events.isEmpty()) {
            return fresh;
        }
        Object[] ids = events.stream().map(CallrecEvent::eventId).distinct().toArray();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO processed_event (event_id, topic) SELECT id, ? FROM unnest(?) AS id"
                                + " ON CONFLICT (event_id) DO NOTHING RETURNING event_id")) {
            Array array = connection.createArrayOf("uuid", ids);
            insert.setString(1, topic);
            insert.setArray(2, array);
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getObject(1, UUID.class));
                }
            }
            array.free();
            return fresh;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record " + ids.length + " events", e);
        }
    }
}
