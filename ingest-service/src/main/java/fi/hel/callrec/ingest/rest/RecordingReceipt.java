package fi.hel.callrec.ingest.rest;

import fi.hel.callrec.events.AudioFormat;
import fi.hel.callrec.ingest.Recording;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What the sender gets back to confirm that its recording is stored. */
public record RecordingReceipt(
        UUID recordingId,
        String callId,
        String bucket,
        String objectKey,
        String sha256,
        long sizeBytes,
        AudioFormat audio,
        OffsetDateTime startedAt,
        OffsetDateTime endedAt,
        List<String> flags,
        Instant receivedAt) {

    public static RecordingReceipt of(Recording r) {
        return new RecordingReceipt(r.id, r.callId, r.bucket, r.objectKey, r.sha256, r.sizeBytes,
                new AudioFormat(r.codec, r.sampleRateHz, r.channels, r.bitsPerSample, r.durationMillis),
                r.startedAt, r.endedAt, List.of(r.flags), r.receivedAt);
    }
}
