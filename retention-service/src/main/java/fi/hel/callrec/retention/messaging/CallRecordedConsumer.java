package fi.hel.callrec.retention.messaging;

import fi.hel.callrec.commons.messaging.Inbox;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.retention.service.ScheduleService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Schedules every recorded call. The record is parsed here rather than by a deserializer so
 * that a malformed one fails this message and goes to the dead-letter topic with its reason;
 * the offset is committed after the transaction, and a redelivery changes nothing.
 */
@ApplicationScoped
public class CallRecordedConsumer {

    private final Inbox inbox;
    private final ScheduleService schedule;

    public CallRecordedConsumer(Inbox inbox, ScheduleService schedule) {
        this.inbox = inbox;
        this.schedule = schedule;
    }

    @Incoming("call-recorded")
    @Blocking
    public void consume(byte[] value) {
        inbox.consume(value, CallRecorded.class, schedule::schedule);
    }
}
