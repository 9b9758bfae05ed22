package fi.hel.callrec.retention.messaging;

import fi.hel.callrec.commons.messaging.Inbox;
import fi.hel.callrec.commons.messaging.RecordedObjects;
import fi.hel.callrec.events.TrainingCopyMade;
import fi.hel.callrec.retention.service.TrainingCopyRegister;
import fi.hel.callrec.retention.storage.RecordingObjects;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Registers every training copy beside its source; a copy in another bucket or under a foreign key is dead-lettered. */
@ApplicationScoped
public class TrainingCopyConsumer {

    private final Inbox inbox;
    private final TrainingCopyRegister register;
    private final RecordingObjects objects;

    public TrainingCopyConsumer(Inbox inbox, TrainingCopyRegister register, RecordingObjects objects) {
        this.inbox = inbox;
        this.register = register;
        this.objects = objects;
    }

    @Incoming("training-copy-made")
    @Blocking
    public void consume(byte[] value) {
        inbox.consume(value, TrainingCopyMade.class, event -> {
            RecordedObjects.requireOwn(event, objects.bucket());
            register.made(event);
        });
    }
}
