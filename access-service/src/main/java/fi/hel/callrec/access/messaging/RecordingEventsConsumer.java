package fi.hel.callrec.access.messaging;

import fi.hel.callrec.access.service.ProjectionService;
import fi.hel.callrec.commons.messaging.Inbox;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.RecordingDeleted;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies call-recorded and recording-deleted to the projection. Values arrive as bytes and are
 * parsed here, so that a record that is not a valid event fails this message and goes to the
 * dead-letter topic with the reason, instead of stopping the channel in the deserializer.
 * The offset is committed after the method returns, that is after the transaction; a redelivery
 * is recognised by the inbox and changes nothing.
 */
@ApplicationScoped
public class RecordingEventsConsumer {

    private final ProjectionService projection;
    private final Inbox inbox;

    public RecordingEventsConsumer(ProjectionService projection, Inbox inbox) {
        this.projection = projection;
        this.inbox = inbox;
    }

    @Incoming("call-recorded")
    @Blocking
    public void onCallRecorded(byte[] value) {
        inbox.consume(value, CallRecorded.class, projection::recorded);
    }

    @Incoming("recording-deleted")
    @Blocking
    public void onRecordingDeleted(byte[] value) {
        inbox.consume(value, RecordingDeleted.class, projection::deleted);
    }
}
