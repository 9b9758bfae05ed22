package fi.hel.callrec.catalog.messaging;

import fi.hel.callrec.catalog.service.Indexer;
import fi.hel.callrec.commons.messaging.Inbox;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.RecordingDeleted;
import fi.hel.callrec.events.RecordingHoldChanged;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The catalog's three topics. Each record is parsed here, inside the transaction, so a record
 * that is no valid event fails its message and goes to the dead-letter topic instead of stopping
 * the partition; the offset is committed only after the transaction, and the inbox makes a
 * redelivery change nothing.
 */
@ApplicationScoped
public class EventConsumers {

    private final Inbox inbox;
    private final Indexer indexer;

    public EventConsumers(Inbox inbox, Indexer indexer) {
        this.inbox = inbox;
        this.indexer = indexer;
    }

    /**
     * Unordered: a recording has one call-recorded event, and applying it commutes with every other
     * recording's, so records are indexed in parallel (group commit) instead of one fsync at a
     * time. Offsets are still committed only up to the oldest record not yet done.
     */
    @Incoming("call-recorded")
    @io.smallrye.reactive.messaging.annotations.Blocking(ordered = false)
    @Transactional
    public void onCallRecorded(byte[] value) {
        inbox.applyOnce(value, CallRecorded.class, indexer::apply);
    }

    @Incoming("recording-hold-changed")
    @Blocking
    @Transactional
    public void onHoldChanged(byte[] value) {
        inbox.applyOnce(value, RecordingHoldChanged.class, indexer::apply);
    }

    @Incoming("recording-deleted")
    @Blocking
    @Transactional
    public void onRecordingDeleted(byte[] value) {
        inbox.applyOnce(value, RecordingDeleted.class, indexer::apply);
    }
}
