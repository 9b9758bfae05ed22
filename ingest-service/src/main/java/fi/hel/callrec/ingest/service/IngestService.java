package fi.hel.callrec.ingest.service;

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
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.commons.lang3.StringUtils;
import org.postgresql.util.PSQLException;
import org.jboss.logging.Logger;

/**
 * Stores a recording and announces it, losing none and recording none twice.
 *
 * <p>The audio is streamed from the request to the store, read and hashed once (see
 * {@link #ingest(RecordingMetadata, InputStream, long)}); it never sits whole on disk or, beyond one
 * part, in memory.
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

    private static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    private static final long MAX_PART_SIZE = 512L * 1024 * 1024;

    private final RecordingStore store;
    private final Receipts receipts;
    private final PartBuffers buffers;
    private final IngestConfig config;
    private final MeterRegistry metrics;
    private final OrphanCleanup cleanup;

    public IngestService(RecordingStore store, Receipts receipts, PartBuffers buffers, IngestConfig config,
            MeterRegistry metrics, OrphanCleanup cleanup) {
        this.store = store;
        this.cleanup = cleanup;
        this.receipts = receipts;
        this.buffers = buffers;
        this.config = config;
        this.metrics = metrics;
        long partSize = config.partSize().asLongValue();
        // S3 refuses smaller parts but the last, and the WAV header is checked from the first part.
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new IllegalStateException("callrec.ingest.part-size is " + partSize + " bytes; it must be from "
                    + MIN_PART_SIZE + " (5M) to " + MAX_PART_SIZE + " (512M)");
        }
    }

    /** The outcome: the receipt, and whether this call created it (201) or found it (200). */
    public record Ingested(Recording recording, boolean created) {
    }

    /** A validated upload: normalised metadata and the audio's decoded header, size and checksum. */
    private record Upload(RecordingMetadata metadata, String callerNumber, WavInfo wav, long size, String sha256) {
    }

    /**
     * Stores the audio as it arrives and records it.
     *
     * <p>While the audio arrives, another thread looks for an earlier recording of the call and,
     * when there is none, commits the pending-upload row, so that the database's latency does not
     * add to the upload's. A recording that fits into one part ({@code callrec.ingest.part-size})
     * is read into memory, checked and hashed, then put in one request signed with that hash. A
     * larger one is checked from its first part and sent part by part in a multipart upload while it
     * is hashed; its checksum reaches the object's metadata by a copy inside the store once the last
     * byte is in. Either way the object is accepted only after the whole WAV was read and found
     * complete: a refusal, a truncated body or a client that goes away aborts the upload and
     * records nothing.
     *
     * @param lengthHint the request's Content-Length (an upper bound of the audio), or -1
     * @throws IOException the request ended before its multipart body did, or the client went away
     */
    public Ingested ingest(RecordingMetadata metadata, InputStream audio, long lengthHint) throws IOException {
        String callerNumber = checkMetadata(metadata);
        UUID recordingId = UUID.randomUUID();
        String key = RecordingStore.keyFor(recordingId, metadata.startedAt());
        Claim claim = claim(metadata.callId(), recordingId, key);
        long start = System.nanoTime();
        try {
            Ingested ingested = ingest(metadata, callerNumber, audio, lengthHint, claim, recordingId, key);
            phase("total", start);
            return ingested;
        } catch (IOException | RuntimeException | Error e) {
            claim.release();
            throw e;
        }
    }

    private Ingested ingest(RecordingMetadata metadata, String callerNumber, InputStream audio, long lengthHint,
            Claim claim, UUID recordingId, String key) throws IOException {
        byte[] first = buffers.take(lengthHint);
        try {
            return ingest(metadata, callerNumber, audio, lengthHint, claim, recordingId, key, first);
        } finally {
            buffers.give(first);
        }
    }

    private Ingested ingest(RecordingMetadata metadata, String callerNumber, InputStream audio, long lengthHint,
            Claim claim, UUID recordingId, String key, byte[] first) throws IOException {
        AudioInput input = new AudioInput(audio, config.maxAudioSize().asLongValue());
        long start = System.nanoTime();
        int length = input.fill(first, 0);
        int partSize = (int) config.partSize().asLongValue();
        if (!input.ended() && first.length < partSize) {
            // More audio than the request announced: the buffer grows to a whole part.
            first = Arrays.copyOf(first, partSize);
            length = input.fill(first, length);
        }
        if (length == 0) {
            throw new ProblemException(400, "The audio part is empty.");
        }
        if (input.ended()) {
            Upload upload = new Upload(metadata, callerNumber, readWav(first, length, length), length, input.sha256());
            phase("receive", start);
            Optional<Recording> earlier = claim.await();
            if (earlier.isPresent()) {
                return repeatOf(earlier.get(), upload);
            }
            start = System.nanoTime();
            claim.handOver();
            try {
                store.put(key, first, length, upload.sha256(), recordingId);
            } catch (ObjectStoreUnavailableException e) {
                cleanup.settle(recordingId);
                throw unavailable("The object store is unavailable", e);
            }
            phase("store", start);
            return commit(recordingId, key, upload);
        }
        WavInfo wav = readWav(first, length, lengthHint > 0 ? lengthHint : Long.MAX_VALUE);
        Optional<Recording> earlier = claim.await();
        if (earlier.isPresent()) {
            // Its checksum decides between a repeat and a conflict: read, but write nothing.
            input.drain(first);
            checkComplete(wav, input.size());
            return repeatOf(earlier.get(), new Upload(metadata, callerNumber, wav, input.size(), input.sha256()));
        }
        claim.handOver();
        byte[] second = buffers.take(-1);
        try {
            return storeLarge(metadata, callerNumber, wav, input, first, length, second, recordingId, key);
        } finally {
            buffers.give(second);
        }
    }

    /**
     * A recording larger than one part, streamed into a multipart upload. Its pending row is
     * committed before the first part goes out, so a crash leaves nothing the cleanup does not find.
     */
    private Ingested storeLarge(RecordingMetadata metadata, String callerNumber, WavInfo wav, AudioInput input,
            byte[] buffer, int length, byte[] second, UUID recordingId, String key) throws IOException {
        long start = System.nanoTime();
        RecordingStore.MultipartWrite write;
        try {
            write = store.beginMultipart(key, recordingId);
        } catch (ObjectStoreUnavailableException e) {
            cleanup.settle(recordingId);
            throw unavailable("The object store is unavailable", e);
        }
        Upload upload;
        // Two buffers: the next part arrives while the one before goes to the store.
        CompletableFuture<Void> sending = sendPart(write, buffer, length);
        byte[] filling = second;
        byte[] sent = buffer;
        try {
            while (!input.ended()) {
                int n = input.fill(filling, 0);
                awaitPart(sending);
                if (n > 0) {
                    sending = sendPart(write, filling, n);
                    byte[] next = sent;
                    sent = filling;
                    filling = next;
                }
            }
            awaitPart(sending);
            checkComplete(wav, input.size());
            upload = new Upload(metadata, callerNumber, wav, input.size(), input.sha256());
            write.complete(upload.sha256());
        } catch (IOException | RuntimeException | Error e) {
            // A part still on its way must land before the abort, or it would outlive it.
            sending.exceptionally(failed -> null).join();
            // Nothing of a refused or broken upload may stay: neither its parts nor a completed object.
            try {
                write.abort();
            } catch (RuntimeException abortFailed) {
                LOG.debugf("Upload %s not aborted at once: %s", key, abortFailed.getMessage());
            }
            cleanup.settle(recordingId);
            if (e instanceof ObjectStoreUnavailableException unavailable) {
                throw unavailable("The object store is unavailable", unavailable);
            }
            throw e;
        }
        phase("stream-large", start);
        return commit(recordingId, key, upload);
    }

    private static CompletableFuture<Void> sendPart(RecordingStore.MultipartWrite write, byte[] bytes, int length) {
        return CompletableFuture.runAsync(() -> write.uploadPart(bytes, length), Infrastructure.getDefaultWorkerPool());
    }

    private static void awaitPart(CompletableFuture<Void> part) {
        try {
            part.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * The pending-upload row, committed by another thread while the audio arrives. It holds the
     * earlier recording of the call instead when there is one; then no row was written.
     */
    private final class Claim {
        private final UUID recordingId;
        private final CompletableFuture<Optional<Recording>> result;
        private boolean handedOver;

        Claim(UUID recordingId, CompletableFuture<Optional<Recording>> result) {
            this.recordingId = recordingId;
            this.result = result;
        }

        Optional<Recording> await() {
            try {
                return result.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }

        /**
         * From here on the store may hold something of this upload, and whoever fails removes it
         * and then the row, or leaves the row for the orphan cleanup.
         */
        void handOver() {
            handedOver = true;
        }

        /** After a refusal or failure before anything was stored: the row, if it was written, goes again. */
        void release() {
            if (handedOver) {
                return;
            }
            Optional<Recording> earlier;
            try {
                earlier = result.join();
            } catch (CompletionException e) {
                return;
            }
            if (earlier.isEmpty()) {
                cleanup.settle(recordingId);
            }
        }
    }

    private Claim claim(String callId, UUID recordingId, String key) {
        return new Claim(recordingId, CompletableFuture.supplyAsync(() -> {
            Optional<UUID> earlier;
            try {
                earlier = receipts.claim(callId, recordingId, store.bucket(), key);
            } catch (RuntimeException e) {
                throw unavailable("The database is unavailable", e);
            }
            return earlier.flatMap(id -> inTransaction(() -> Recording.<Recording>findByIdOptional(id)));
        }, Infrastructure.getDefaultWorkerPool()));
    }

    /** A call recorded before: the same audio is the same upload (200); other audio is a conflict. */
    private static Ingested repeatOf(Recording existing, Upload upload) {
        if (!existing.sha256.equals(upload.sha256())) {
            throw new ProblemException(409, "Call '" + existing.callId + "' is already recorded as "
                    + existing.id + " with different audio (sha256 " + existing.sha256 + ").");
        }
        return new Ingested(existing, false);
    }

    /** The receipt, the event and the end of the pending state in one transaction; the object goes if that fails. */
    private Ingested commit(UUID recordingId, String key, Upload upload) {
        long start = System.nanoTime();
        Recording recording = receiptOf(recordingId, key, upload);
        boolean committed;
        try {
            committed = receipts.commit(recording, eventOf(recording, upload));
        } catch (RuntimeException e) {
            // The object must not outlive a receipt that did not commit; whether it did is asked of the
            // pending row, which the commit deletes (a cut connection may have lost only the answer).
            cleanup.settle(recordingId);
            if (isCallIdConflict(e)) {
                return inTransaction(() -> sameCall(upload))
                        .orElseThrow(() -> unavailable("The upload could not be completed", e));
            }
            throw unavailable("The database is unavailable", e);
        }
        if (!committed) {
            // The cleanup took this upload for an orphan and removed its object, or the database
            // lost the pending row in a crash (it is committed without waiting for the disk).
            try {
                store.remove(store.bucket(), key);
            } catch (RuntimeException e) {
                LOG.warnf("Object %s of an upload without receipt stays until reconciliation: %s", key, e.getMessage());
            }
            throw unavailable("The upload could not be completed",
                    new IllegalStateException("upload " + recordingId + " outlived the orphan grace period"));
        }
        count(recording);
        phase("commit", start);
        return new Ingested(recording, true);
    }

    public Optional<Recording> find(UUID id) {
        return Recording.findByIdOptional(id);
    }

    private Recording receiptOf(UUID recordingId, String key, Upload upload) {
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
        return r;
    }

    private static CallRecorded eventOf(Recording r, Upload upload) {
        RecordingMetadata m = upload.metadata();
        return CallRecorded.of(r.id, m.callId(), r.bucket, r.objectKey, r.sha256, r.sizeBytes,
                upload.wav().toAudioFormat(), m.startedAt(), m.endedAt(), upload.callerNumber(), m.agentExtension(),
                m.serviceLine(), callerProvided(m), StringUtils.stripToNull(m.serviceNotes()), m.announcementPlayed(),
                List.of(r.flags));
    }

    /** After losing the race for the call id: the winner's receipt, or a conflict. */
    private static Optional<Ingested> sameCall(Upload upload) {
        return Recording.findByCallId(upload.metadata().callId()).map(existing -> repeatOf(existing, upload));
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

    /** Reads the header from the first bytes; {@code total} is the audio's size, or an upper bound while it is still arriving. */
    private WavInfo readWav(byte[] first, int length, long total) {
        try {
            return WavReader.read(new ByteArrayInputStream(first, 0, length), total);
        } catch (UnsupportedAudioException e) {
            throw new ProblemException(415, "The audio is a WAV this service does not accept: " + e.reason());
        } catch (InvalidWavException e) {
            throw new ProblemException(400, "The audio is not a playable WAV: " + e.reason());
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
    }

    /** The check the header could not make while the size was unknown: all the audio it declares arrived. */
    private static void checkComplete(WavInfo wav, long size) {
        long follow = size - wav.dataOffset();
        if (wav.dataLength() > follow) {
            throw new ProblemException(400, "The audio is not a playable WAV: truncated audio: data chunk declares "
                    + wav.dataLength() + " bytes but only " + follow + " follow");
        }
    }

    private void phase(String phase, long startNanos) {
        metrics.timer("callrec.ingest.phase", "phase", phase).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
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
        CallerProvided data = new CallerProvided(StringUtils.stripToNull(c.name()), StringUtils.stripToNull(c.address()),
                StringUtils.stripToNull(c.vehicleRegistration()), StringUtils.stripToNull(c.contact()));
        return data.name() == null && data.address() == null && data.vehicleRegistration() == null
                && data.contact() == null ? null : data;
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
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null
                    && "recording_call_id_unique".equals(p.getServerErrorMessage().getConstraint())) {
                return true;
            }
        }
        return false;
    }

    private ProblemException unavailable(String detail, Throwable cause) {
        LOG.warnf("%s: %s", detail, String.valueOf(cause));
        return ProblemException.unavailable(detail + "; nothing was recorded, try again later.", config.retryAfterSeconds(), cause);
    }
}
