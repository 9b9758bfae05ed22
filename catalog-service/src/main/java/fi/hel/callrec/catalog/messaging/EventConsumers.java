package fi.hel.callrec.catalog.messaging;

import fi.hel.callrec.catalog.service.Indexer;
import fi.hel.callrec.commons.messaging.BatchTraces;
import fi.hel.callrec.commons.messaging.ConsumerRetry;
import fi.hel.callrec.commons.messaging.Inbox;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.events.RecordingDeleted;
import fi.hel.callrec.events.RecordingHoldChanged;
import io.opentelemetry.api.trace.Span;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The catalog's three topics. A record that is no valid event goes to the dead-letter topic with
 * its reason instead of stopping the partition; offsets are committed only after the transaction,
 * and the inbox makes a redelivery change nothing.
 */
@ApplicationScoped
public class EventConsumers {

    private static final Logger LOG = Logger.getLogger(EventConsumers.class);

    private final Inbox inbox;
    private final Indexer indexer;
    private final DeadLetters deadLetters;
    private final ConsumerRetry retry;
    private final BatchTraces traces;

    public EventConsumers(Inbox inbox, Indexer indexer, DeadLetters deadLetters, ConsumerRetry retry, BatchTraces traces) {
        this.inbox = inbox;
        this.indexer = indexer;
        this.deadLetters = deadLetters;
        this.retry = retry;
        this.traces = traces;
    }

    /**
     * One poll's records in one transaction. Malformed records go to the dead-letter topic from
     * here (the connector's strategy would send the whole batch); the batch is acknowledged once
     * both are done, and any failure is retried as a whole ({@link ConsumerRetry}), so no valid
     * event is dead-lettered. Batches of different partitions run side by side
     * (docs/decisions/0030-catalog-search-and-indexing.md).
     */
    @Incoming("call-recorded")
    @io.smallrye.reactive.messaging.annotations.Blocking(ordered = false)
    public void onCallRecorded(ConsumerRecords<String, byte[]> records) {
        List<CallRecorded> events = new ArrayList<>(records.count());
        List<ConsumerRecord<String, byte[]>> valid = new ArrayList<>(records.count());
        List<DeadLetters.Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(EventJson.read(record.value(), CallRecorded.class));
                valid.add(record);
            } catch (RuntimeException e) {
                rejected.add(new DeadLetters.Rejected(record, e));
            }
        }
        List<Span> spans = traces.start(valid, "catalog index call-recorded");
        try {
            retry.run(() -> {
                indexer.applyBatch(events);
                if (!rejected.isEmpty()) {
                    LOG.warnf("%d of %d call-recorded records are no valid event; sent to the dead-letter topic",
                            rejected.size(), records.count());
                    deadLetters.send(rejected);
                }
            });
        } catch (RuntimeException e) {
            traces.end(spans, e, i -> { });
            throw e;
        }
        traces.end(spans, null, i -> LOG.infof("Indexed recording %s", events.get(i).recordingId()));
    }

    @Incoming("recording-hold-changed")
    @Blocking
    public void onHoldChanged(byte[] value) {
        inbox.consume(value, RecordingHoldChanged.class, indexer::apply);
    }

    @Incoming("recording-deleted")
    @Blocking
    public void onRecordingDeleted(byte[] value) {
        inbox.consume(value, RecordingDeleted.class, indexer::apply);
    }
}
