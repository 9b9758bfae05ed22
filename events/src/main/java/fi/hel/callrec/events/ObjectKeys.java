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

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private ObjectKeys() {
    }

    /** The key of a recording's audio. */
    public static String of(UUID recordingId, OffsetDateTime startedAt) {
        Objects.requireNonNull(recordingId, "recordingId");
        return "recordings/" + DAY.format(startedAt.withOffsetSameInstant(ZoneOffset.UTC)) + "/" + recordingId + ".wav";
    }

    /** True when the event names the key its own recording id and start time give. */
    public static boolean follows(CallRecorded event) {
        return of(event.recordingId(), event.startedAt()).equals(event.objectKey());
    }
}
