package fi.hel.callrec.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a recording's audio lies in the object store: {@code recordings/yyyy/MM/dd/<recordingId>.wav},
 * the day being the call's start in UTC. ingest-service makes the key from these two facts alone,
 * never from a client's input; consumers check that a {@code call-recorded} event names exactly
 * that key, so that an event cannot point a recording at another recording's audio.
 */
public final class ObjectKeys {

    /** Where training copies lie, apart from the recordings. */
    public static final String TRAINING_PREFIX = "training/";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private ObjectKeys() {
    }

    /** The key of a recording's audio. */
    public static String of(UUID recordingId, OffsetDateTime startedAt) {
        Objects.requireNonNull(recordingId, "recordingId");
        return "recordings/" + DAY.format(startedAt.withOffsetSameInstant(ZoneOffset.UTC)) + "/" + recordingId + ".wav";
    }

    /**
     * The key of a training copy: {@code training/<copyId>.wav}. Nothing in it leads back to the
     * source recording, whose id and day are left out on purpose.
     */
    public static String ofTrainingCopy(UUID copyId) {
        Objects.requireNonNull(copyId, "copyId");
        return TRAINING_PREFIX + copyId + ".wav";
    }

    /** True when the event names the key its own recording id and start time give. */
    public static boolean follows(CallRecorded event) {
        return of(event.recordingId(), event.startedAt()).equals(event.objectKey());
    }

    /** True when the event names the key its own copy id gives. */
    public static boolean follows(TrainingCopyMade event) {
        return ofTrainingCopy(event.copyId()).equals(event.objectKey());
    }
}
