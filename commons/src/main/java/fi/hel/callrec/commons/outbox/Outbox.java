package fi.hel.callrec.commons.outbox;

import fi.hel.callrec.events.CallrecEvent;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.events.Topics;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Queues an event in the service's {@code outbox_event} table. It must join the transaction that
 * writes the state the event announces: both commit or neither. {@link OutboxRelay} publishes it.
 */
@ApplicationScoped
public class Outbox {

    private static final String ROW = "outbox_event (id, topic, record_key, payload, trace_parent)";
    private static final String VALUES = ":outbox.id, :outbox.topic, :outbox.recordKey, :outbox.payload, :outbox.traceParent";

    /**
     * The insert of one event as the last part of a data-modifying {@code WITH} statement: append
     * the name of the query whose row must exist, and bind {@link Row#of} under {@code "outbox"}.
     * One statement is one round trip, and in autocommit its own transaction.
     */
    public static final String INSERT_SELECT_FROM = "INSERT INTO " + ROW + " SELECT " + VALUES + " FROM ";

    private static final String INSERT = "INSERT INTO " + ROW + " VALUES (" + VALUES + ")";

    /** The W3C Trace Context header, as the outbox row and the Kafka record carry it. */
    public static final String TRACEPARENT = "traceparent";

    /**
     * An outbox row. It keeps the trace the event was queued in, so the relay's record carries it
     * and each consumer's work joins the trace of the request that caused it.
     */
    public record Row(UUID id, String topic, String recordKey, byte[] payload, String traceParent) {

        public static Row of(CallrecEvent event) {
            Map<String, String> carrier = new HashMap<>(2);
            W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
            return new Row(event.eventId(), Topics.topicOf(event), event.kafkaKey(), EventJson.write(event),
                    carrier.get(TRACEPARENT));
        }
    }

    private final Jdbi jdbi;

    public Outbox(Jdbi jdbi) {
        this.jdbi = jdbi;
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
        jdbi.useHandle(handle -> {
            PreparedBatch batch = handle.prepareBatch(INSERT);
            events.forEach(event -> batch.bindMethods("outbox", Row.of(event)).add());
            batch.execute();
        });
    }
}
