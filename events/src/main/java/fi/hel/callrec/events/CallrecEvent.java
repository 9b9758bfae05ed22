package fi.hel.callrec.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An event of the callrec system. The set of events is closed so that a consumer that switches
 * over them is told by the compiler when a new one appears.
 */
public sealed interface CallrecEvent permits CallRecorded, RecordingHoldChanged, RecordingDeleted, TrainingCopyMade {

    /** Unique per event; consumers use it to recognise a redelivery. */
    UUID eventId();

    /** Constant per event class, equal to the class's {@code TYPE}. */
    String type();

    /** Schema version of the payload, equal to the class's {@code VERSION} when produced. */
    int version();

    /** When the producer created the event (not when it reached Kafka). */
    Instant occurredAt();

    /** The recording the event is about. */
    UUID recordingId();

    /**
     * The Kafka record key. All events of one recording share it, so they land in one partition
     * and are consumed in the order they were produced.
     */
    default String kafkaKey() {
        return recordingId().toString();
    }
}
