package fi.hel.callrec.commons.messaging;

import fi.hel.callrec.events.CallrecEvent;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.events.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
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

    private final Jdbi jdbi;
    private final ConsumerRetry retry;

    public Inbox(Jdbi jdbi, ConsumerRetry retry) {
        this.jdbi = jdbi;
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
        return !firstDeliveries(List.of(event), topic).isEmpty();
    }

    /**
     * Marks all the events' ids in one statement and returns those seen for the first time. An id
     * repeated within the batch is returned once, so the caller applies it once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> firstDeliveries(Collection<? extends CallrecEvent> events, String topic) {
        if (events.isEmpty()) {
            return Set.of();
        }
        List<UUID> ids = events.stream().map(CallrecEvent::eventId).distinct().toList();
        return jdbi.withHandle(h -> h.createQuery("""
                INSERT INTO processed_event (event_id, topic) SELECT id, :topic FROM unnest(:ids) AS id
                ON CONFLICT (event_id) DO NOTHING RETURNING event_id""")
                .bind("topic", topic).bindArray("ids", UUID.class, ids)
                .mapTo(UUID.class).collect(Collectors.toSet()));
    }
}
