package fi.hel.callrec.commons.outbox;

import fi.hel.callrec.events.CallrecEvent;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.events.Topics;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.List;

/**
 * Queues an event in the service's {@code outbox_event} table. It must join the transaction that
 * writes the state the event announces: both commit or neither, so an event is never lost after a
 * successful write, nor sent for a write that rolled back. {@link OutboxRelay} publishes it.
 */
@ApplicationScoped
public class Outbox {

    private final AgroalDataSource dataSource;

    public Outbox(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(CallrecEvent event) {
        addAll(List.of(event));
    }

    /** Queues several events with one batched insert: a sweep announces hundreds at a time. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void addAll(List<? extends CallrecEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO outbox_event (id, topic, record_key, payload) VALUES (?, ?, ?, ?)")) {
            for (CallrecEvent event : events) {
                insert.setObject(1, event.eventId());
                insert.setString(2, Topics.topicOf(event));
                insert.setString(3, event.kafkaKey());
                insert.setBytes(4, EventJson.write(event));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("could not queue " + events.size() + " event(s)", e));
        }
    }
}
