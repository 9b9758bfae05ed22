package fi.hel.callrec.ingest.service;

import fi.hel.callrec.commons.outbox.Outbox;
import fi.hel.callrec.commons.phone.PhoneNumbers;
import fi.hel.callrec.commons.problem.Problem;
import fi.hel.callrec.commons.problem.ProblemException;
import fi.hel.callrec.commons.storage.ObjectStoreUnavailableException;
import fi.hel.callrec.events.CallFlags;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.CallerProvided;
import fi.hel.callrec.events.ServiceLine;
import fi.hel.callrec.ingest.PendingUpload;
import fi.hel.callrec.ingest.Recording;
import fi.hel.callrec.ingest.audio.InvalidWavException;
import fi.hel.callrec.ingest.audio.UnsupportedAudioException;
import fi.hel.callrec.ingest.audio.WavInfo;
import fi.hel.callrec.ingest.audio.WavReader;
import fi.hel.callrec.ingest.config.IngestConfig;
import fi.hel.callrec.ingest.rest.RecordingMetadata;
import fi.hel.callrec.ingest.storage.RecordingStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

/**
 * Stores a recording and announces it, losing none and recording none twice.
 *
 * <p>Order of writes: a pending-upload row (committed), then the object, then in one transaction
 * the receipt, the outbox event and the removal of the pending row. A crash after the object is
 * written leaves the pending row, and the cleanup removes the object; a failure before the
 * receipt commits removes the object at once. The unique call id decides between concurrent
 * uploads of the same call: the loser removes its object and answers with the winner's receipt.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);
    private static final String ACCEPTED_LINES = Arrays.stream(ServiceLine.values())
            .map(ServiceLine::code).collect(Collectors.joining(", "));

    private final RecordingStore store;
    private final Outbox outbox;
    private final IngestConfig config;
    private final MeterRegistry metrics;

    public IngestService(RecordingStore store, Outbox outbox, IngestConfig config, MeterRegistry metrics) {
        this.store = store;
        this.outbox = outbox;
        this.config = config;
        this.metrics = metrics;
    }

    /** The outcome: the receipt, and whether this call created it (201) or found it (200). */
    public record Ingested(Recording recording, boolean created) {
    }

    /** A validated upload: normalised metadata and the audio's decoded header and checksum. */
    private record Upload(RecordingMetadata metadata, String callerNumber, WavInfo wav, Path file, long size, String sha256) {
    }

    public Ingested ingest(RecordingMetadata metadata, Path file, long size) {
        String callerNumber = checkMetadata(metadata);
        WavInfo wav = readWav(file, size);
        Upload upload = new Upload(metadata, callerNumber, wav, file, size, sha256(file));

        UUID recordingId = UUID.randomUUID();
        String key = RecordingStore.keyFor(recordingId, metadata.startedAt());
        // One transaction: a repeat of a stored call is answered at once, anything else is marked pending.
        Optional<Ingested> earlier = inTransaction(() -> {
            Optional<Ingested> same = sameCall(upload);
            if (same.isEmpty()) {
                PendingUpload.of(recordingId, store.bucket(), key).persist();
            }
            return same;
        });
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            store.put(key, file, upload.sha256(), recordingId);
        } catch (ObjectStoreUnavailableException e) {
            forgetPending(recordingId);
            throw unavailable("The object store is unavailable", e);
        }
        try {
            Recording recording = QuarkusTransaction.requiringNew().call(() -> commit(recordingId, key, upload));
            count(recording);
            return new Ingested(recording, true);
        } catch (RuntimeException e) {
            // The object must not outlive a receipt that did not commit.
            removeQuietly(recordingId, key);
            if (isCallIdConflict(e)) {
                return inTransaction(() -> sameCall(upload))
                        .orElseThrow(() -> unavailable("The upload could not be completed", e));
            }
            throw unavailable("The database is unavailable", e);
        }
    }

    public Optional<Recording> find(UUID id) {
        return Recording.findByIdOptional(id);
    }

    private Recording commit(UUID recordingId, String key, Upload upload) {
        RecordingMetadata m = upload.metadata();
        WavInfo wav = upload.wav();
        Recording r = new Recording();
        r.id = recordingId;
        r.callId = m.callId();
        r.bucket = store.bucket();
        r.objectKey = key;
        r.sha256 = upload.sha256();
        r.sizeBytes = upload.size();
        r.codec = wav.codec();
        r.sampleRateHz = wav.sampleRateHz();
        r.channels = wav.channels();
        r.bitsPerSample = wav.bitsPerSample();
        r.durationMillis = wav.durationMillis();
        r.startedAt = m.startedAt();
        r.endedAt = m.endedAt();
        r.flags = flags(m, wav).toArray(String[]::new);
        r.receivedAt = Instant.now();
        r.persistAndFlush();
        if (!PendingUpload.deleteById(recordingId)) {
            // The cleanup took this upload for an orphan and removed its object: commit nothing.
            throw new IllegalStateException("upload " + recordingId + " outlived the orphan grace period");
        }
        outbox.add(CallRecorded.of(recordingId, m.callId(), r.bucket, key, r.sha256, r.sizeBytes,
                wav.toAudioFormat(), m.startedAt(), m.endedAt(), upload.callerNumber(), m.agentExtension(),
                m.serviceLine(), callerProvided(m), blankToNull(m.serviceNotes()), m.announcementPlayed(),
                List.of(r.flags)));
        return r;
    }

    /** A call recorded before: the same audio is the same upload (200); other audio is a conflict. */
    private Optional<Ingested> sameCall(Upload upload) {
        return Recording.findByCallId(upload.metadata().callId()).map(existing -> {
            if (!existing.sha256.equals(upload.sha256())) {
                throw new ProblemException(409, "Call '" + existing.callId + "' is already recorded as "
                        + existing.id + " with different audio (sha256 " + existing.sha256 + ").");
            }
            return new Ingested(existing, false);
        });
    }

    private String checkMetadata(RecordingMetadata m) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String callerNumber = null;
        try {
            callerNumber = PhoneNumbers.normalize(m.callerNumber());
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError("metadata.callerNumber", e.getMessage()));
        }
        if (ServiceLine.fromCode(m.serviceLine()).isEmpty()) {
            errors.add(new Problem.FieldError("metadata.serviceLine",
                    "unknown service line '" + m.serviceLine() + "'; accepted: " + ACCEPTED_LINES));
        }
        if (m.endedAt().isBefore(m.startedAt())) {
            errors.add(new Problem.FieldError("metadata.endedAt", "must not be before startedAt"));
        }
        if (m.startedAt().isAfter(OffsetDateTime.now().plus(config.clockSkew()))) {
            errors.add(new Problem.FieldError("metadata.startedAt", "must not be in the future"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "The metadata is not valid: " + errors.size() + " field(s) rejected.", errors);
        }
        return callerNumber;
    }

    private WavInfo readWav(Path file, long size) {
        try {
            return WavReader.read(file);
        } catch (UnsupportedAudioException e) {
            throw new ProblemException(415, "The audio is a WAV this service does not accept: " + e.reason());
        } catch (InvalidWavException e) {
            throw new ProblemException(400, "The audio is not a playable WAV: " + e.reason());
        } catch (IOException e) {
            throw new IllegalStateException("could not read the uploaded file", e);
        }
    }

    private List<String> flags(RecordingMetadata m, WavInfo wav) {
        List<String> flags = new ArrayList<>();
        if (!m.announcementPlayed()) {
            flags.add(CallFlags.NO_ANNOUNCEMENT);
        }
        long declared = Duration.between(m.startedAt(), m.endedAt()).toMillis();
        if (Math.abs(declared - wav.durationMillis()) > config.durationTolerance().toMillis()) {
            flags.add(CallFlags.DURATION_MISMATCH);
        }
        return flags;
    }

    private void count(Recording r) {
        metrics.counter("callrec.ingest.recordings").increment();
        metrics.summary("callrec.ingest.bytes").record(r.sizeBytes);
        for (String flag : r.flags) {
            // An alert on no-announcement tells that callers were recorded without notice (R11).
            metrics.counter("callrec.ingest.flagged", "flag", flag).increment();
        }
    }

    private static CallerProvided callerProvided(RecordingMetadata m) {
        RecordingMetadata.CallerProvidedData c = m.callerProvided();
        if (c == null) {
            return null;
        }
        CallerProvided data = new CallerProvided(blankToNull(c.name()), blankToNull(c.address()),
                blankToNull(c.vehicleRegistration()), blankToNull(c.contact()));
        return data.name() == null && data.address() == null && data.vehicleRegistration() == null
                && data.contact() == null ? null : data;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("could not read the uploaded file", e);
        }
    }

    private void removeQuietly(UUID recordingId, String key) {
        try {
            store.remove(store.bucket(), key);
            forgetPending(recordingId);
        } catch (RuntimeException e) {
            LOG.warnf("Object %s stays until the cleanup removes it: %s", key, e.getMessage());
        }
    }

    private void forgetPending(UUID recordingId) {
        try {
            QuarkusTransaction.requiringNew().run(() -> PendingUpload.deleteById(recordingId));
        } catch (RuntimeException e) {
            LOG.warnf("Pending upload %s stays until the cleanup removes it: %s", recordingId, e.getMessage());
        }
    }

    /** Runs work in its own transaction; a database failure becomes a 503, a problem stays what it is. */
    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        try {
            return QuarkusTransaction.requiringNew().call(work::get);
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unavailable("The database is unavailable", e);
        }
    }

    private static boolean isCallIdConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException c && "recording_call_id_unique".equals(c.getConstraintName())) {
                return true;
            }
        }
        return false;
    }

    private ProblemException unavailable(String detail, Throwable cause) {
        LOG.warnf("%s: %s", detail, String.valueOf(cause));
        return new ProblemException(Problem.of(503, detail + "; nothing was recorded, try again later."),
                Map.of("Retry-After", String.valueOf(config.retryAfterSeconds())), cause);
    }
}
