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
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Queues an event in the service's {@code outbox_event} table. It must join the transaction that
 * writes the state the event announces: both commit or neither, so an event is never lost after a
 * successful write, nor sent for a write that rolled back. {@link OutboxRelay} publishes it.
 */
@ApplicationScoped
public class Outbox {

    /** The columns {@link #bind} sets, in its order. */
    private static final String ROW = "outbox_event (id, topic, record_key, payload, trace_parent)";

    /**
     * The insert of one event, as the last part of a data-modifying {@code WITH} statement that
     * writes the state it announces: append the name of the query whose row must exist (the event
     * is queued only when it does), and {@link #bind} the event. One statement is one round trip,
     * and in autocommit its own transaction.
     */
    public static final String INSERT_SELECT_FROM = "INSERT INTO " + ROW + " SELECT ?, ?, ?, ?, ? FROM ";

    private static final String INSERT = "INSERT INTO " + ROW + " VALUES (?, ?, ?, ?, ?)";

    /** The W3C Trace Context header, as the outbox row and the Kafka record carry it. */
    public static final String TRACEPARENT = "traceparent";

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
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (CallrecEvent event : events) {
                bind(insert, 1, event);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("could not queue " + events.size() + " event(s)", e));
        }
    }

    /**
     * Sets the five parameters of an outbox row, from {@code first} on; returns the index after them.
     * The row keeps the trace the event was queued in (W3C {@code traceparent}), so the relay's record
     * carries it and each consumer's work joins the trace of the request that caused it.
     */
    public static int bind(PreparedStatement statement, int first, CallrecEvent event) throws SQLException {
        statement.setObject(first, event.eventId());
        statement.setString(first + 1, Topics.topicOf(event));
        statement.setString(first + 2, event.kafkaKey());
        statement.setBytes(first + 3, EventJson.write(event));
        statement.setString(first + 4, traceParent());
        return first + 5;
    }

    /** The current span's W3C traceparent, or null outside a trace. */
    private static String traceParent() {
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }
}
