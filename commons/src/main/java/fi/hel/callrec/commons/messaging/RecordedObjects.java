package fi.hel.callrec.commons.messaging;

import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.InvalidEventException;
import fi.hel.callrec.events.ObjectKeys;
import fi.hel.callrec.events.TrainingCopyMade;

/**
 * Defence in depth for the services that act on a recording's audio: a {@code call-recorded}
 * event is taken only when it names the configured bucket and the key ingest-service makes for
 * that recording id and start time. Anything else fails the message, which goes to the service's
 * dead-letter topic: an event that points at another recording's audio is never applied, whoever
 * managed to send it.
 */
public final class RecordedObjects {

    private RecordedObjects() {
    }

    public static void requireOwn(CallRecorded event, String bucket) {
        if (!bucket.equals(event.bucket())) {
            throw new InvalidEventException("call-recorded names a bucket this service does not manage"
                    + " [eventId " + event.eventId() + "]");
        }
        if (!ObjectKeys.follows(event)) {
            throw new InvalidEventException("call-recorded names an object key that is not the one of its recording id"
                    + " and start time [eventId " + event.eventId() + "]");
        }
    }

    /** A training copy is taken only in the configured bucket, under the key its own copy id gives. */
    public static void requireOwn(TrainingCopyMade event, String bucket) {
        if (!bucket.equals(event.bucket())) {
            throw new InvalidEventException("training-copy-made names a bucket this service does not manage"
                    + " [eventId " + event.eventId() + "]");
        }
        if (!ObjectKeys.follows(event)) {
            throw new InvalidEventException("training-copy-made names an object key that is not the one of its copy id"
                    + " [eventId " + event.eventId() + "]");
        }
    }
}
