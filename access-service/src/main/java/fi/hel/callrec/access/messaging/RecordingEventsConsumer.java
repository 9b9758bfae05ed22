package fi.hel.callrec.access.messaging;

import fi.hel.callrec.access.service.ProjectionService;
import fi.hel.callrec.access.training.TrainingCopies;
import fi.hel.callrec.commons.messaging.Inbox;
import fi.hel.callrec.commons.messaging.RecordedObjects;
import fi.hel.callrec.commons.storage.S3Config;
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
    private final TrainingCopies trainingCopies;
    private final Inbox inbox;
    private final S3Config s3;

    public RecordingEventsConsumer(ProjectionService projection, TrainingCopies trainingCopies, Inbox inbox, S3Config s3) {
        this.projection = projection;
        this.trainingCopies = trainingCopies;
        this.inbox = inbox;
        this.s3 = s3;
    }

    /** Only an event naming the configured bucket and its own recording's key is applied; any other is dead-lettered. */
    @Incoming("call-recorded")
    @Blocking
    public void onCallRecorded(byte[] value) {
        inbox.consume(value, CallRecorded.class, event -> {
            RecordedObjects.requireOwn(event, s3.bucket());
            projection.recorded(event);
        });
    }

    @Incoming("recording-deleted")
    @Blocking
    public void onRecordingDeleted(byte[] value) {
        inbox.consume(value, RecordingDeleted.class, event -> {
            projection.deleted(event);
            trainingCopies.sourceDeleted(event.recordingId(), event.deletedAt());
        });
    }
}
