package fi.hel.callrec.ingest.service;

import fi.hel.callrec.events.CallFlags;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.CallerProvided;
import fi.hel.callrec.events.ServiceLine;
import fi.hel.callrec.ingest.Recording;
import fi.hel.callrec.ingest.audio.WavInfo;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A call to record: what the telephony platform says about it, checked and normalised, and its
 * audio as it arrives; {@code lengthHint} is the request's Content-Length (an upper bound), or -1.
 */
public record Upload(String callId, OffsetDateTime startedAt, OffsetDateTime endedAt, String callerNumber,
        String agentExtension, ServiceLine serviceLine, CallerProvided callerProvided, String serviceNotes,
        boolean announcementPlayed, InputStream audio, long lengthHint) {

    /** The receipt of this call's audio, stored under {@code key}. */
    Recording receipt(UUID id, String bucket, String key, Received audio, Duration tolerance) {
        WavInfo wav = audio.wav();
        Recording r = new Recording();
        r.id = id;
        r.callId = callId;
        r.bucket = bucket;
        r.objectKey = key;
        r.sha256 = audio.sha256();
        r.sizeBytes = audio.size();
        r.codec = wav.codec();
        r.sampleRateHz = wav.sampleRateHz();
        r.channels = wav.channels();
        r.bitsPerSample = wav.bitsPerSample();
        r.durationMillis = wav.durationMillis();
        r.startedAt = startedAt;
        r.endedAt = endedAt;
        r.flags = flags(wav, tolerance).toArray(String[]::new);
        r.receivedAt = Instant.now();
        return r;
    }

    CallRecorded event(Recording r, WavInfo wav) {
        return CallRecorded.of(r.id, callId, r.bucket, r.objectKey, r.sha256, r.sizeBytes, wav.toAudioFormat(),
                startedAt, endedAt, callerNumber, agentExtension, serviceLine.code(), callerProvided, serviceNotes,
                announcementPlayed, List.of(r.flags));
    }

    private List<String> flags(WavInfo wav, Duration tolerance) {
        List<String> flags = new ArrayList<>();
        if (!announcementPlayed) {
            flags.add(CallFlags.NO_ANNOUNCEMENT);
        }
        long declared = Duration.between(startedAt, endedAt).toMillis();
        if (Math.abs(declared - wav.durationMillis()) > tolerance.toMillis()) {
            flags.add(CallFlags.DURATION_MISMATCH);
        }
        return flags;
    }

    /** The audio once read: its decoded header, size and SHA-256. */
    record Received(WavInfo wav, long size, String sha256) {
    }
}
