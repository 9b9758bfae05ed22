package fi.hel.callrec.ingest.service;

import fi.hel.callrec.commons.problem.ProblemException;
import fi.hel.callrec.commons.storage.ObjectStoreUnavailableException;
import fi.hel.callrec.events.ObjectKeys;
import fi.hel.callrec.ingest.Recording;
import fi.hel.callrec.ingest.audio.InvalidWavException;
import fi.hel.callrec.ingest.audio.UnsupportedAudioException;
import fi.hel.callrec.ingest.audio.WavInfo;
import fi.hel.callrec.ingest.audio.WavReader;
import fi.hel.callrec.ingest.config.IngestConfig;
import fi.hel.callrec.ingest.service.Upload.Received;
import fi.hel.callrec.ingest.storage.RecordingStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.postgresql.util.PSQLException;

/**
 * Stores a recording and announces it, losing none and recording none twice: a pending-upload row
 * (committed), then the object, then in one transaction the receipt, the outbox event and the end
 * of the pending row. A failure removes the object at once, a crash leaves the row to the cleanup.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);
    private static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    private static final long MAX_PART_SIZE = 512L * 1024 * 1024;

    private final RecordingStore store;
    private final Receipts receipts;
    private final PartBuffers buffers;
    private final IngestConfig config;
    private final MeterRegistry metrics;
    private final OrphanCleanup cleanup;
    private final ManagedExecutor executor;

    public IngestService(RecordingStore store, Receipts receipts, PartBuffers buffers, IngestConfig config,
            MeterRegistry metrics, OrphanCleanup cleanup, ManagedExecutor executor) {
        this.store = store;
        this.receipts = receipts;
        this.buffers = buffers;
        this.config = config;
        this.metrics = metrics;
        this.cleanup = cleanup;
        this.executor = executor;
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

    /**
     * Stores the audio as it arrives (one part in one request, a larger one part by part) while
     * another thread claims the call; keeps the object only once the whole WAV was read and found complete.
     *
     * @throws IOException the request ended before its multipart body did, or the client went away
     */
    public Ingested ingest(Upload upload) throws IOException {
        UUID recordingId = UUID.randomUUID();
        Claim claim = claim(upload.callId(), recordingId, ObjectKeys.of(recordingId, upload.startedAt()));
        long start = System.nanoTime();
        byte[] first = buffers.take(upload.lengthHint());
        try {
            Ingested ingested = ingest(upload, claim, first);
            phase("total", start);
            return ingested;
        } catch (ObjectStoreUnavailableException e) {
            claim.release();
            throw unavailable("The object store is unavailable", e);
        } catch (IOException | RuntimeException | Error e) {
            claim.release();
            throw e;
        } finally {
            buffers.give(first);
        }
    }

    private Ingested ingest(Upload upload, Claim claim, byte[] first) throws IOException {
        AudioInput input = new AudioInput(upload.audio(), config.maxAudioSize().asLongValue());
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
        if (!input.ended()) {
            return storeLarge(upload, claim, input, first, length);
        }
        Received audio = new Received(readWav(first, length, length), length, input.sha256());
        phase("receive", start);
        Optional<Recording> earlier = claim.await();
        if (earlier.isPresent()) {
            return repeatOf(earlier.get(), audio);
        }
        start = System.nanoTime();
        store.put(claim.key(), first, length, audio.sha256(), claim.recordingId());
        phase("store", start);
        return commit(upload, claim, audio);
    }

    /** A recording larger than one part, in two buffers: the next part arrives while the one before is sent. */
    private Ingested storeLarge(Upload upload, Claim claim, AudioInput input, byte[] first, int length)
            throws IOException {
        WavInfo wav = readWav(first, length, upload.lengthHint() > 0 ? upload.lengthHint() : Long.MAX_VALUE);
        Optional<Recording> earlier = claim.await();
        if (earlier.isPresent()) {
            // Its checksum decides between a repeat and a conflict: read, but write nothing.
            input.drain(first);
            checkComplete(wav, input.size());
            return repeatOf(earlier.get(), new Received(wav, input.size(), input.sha256()));
        }
        long start = System.nanoTime();
        RecordingStore.MultipartWrite write = store.beginMultipart(claim.key(), claim.recordingId());
        byte[] filling = buffers.take(-1);
        byte[] second = filling;
        byte[] sent = first;
        CompletableFuture<Void> sending = sendPart(write, first, length);
        try {
            while (!input.ended()) {
                int n = input.fill(filling, 0);
                Claim.join(sending);
                if (n > 0) {
                    sending = sendPart(write, filling, n);
                    byte[] next = sent;
                    sent = filling;
                    filling = next;
                }
            }
            Claim.join(sending);
            checkComplete(wav, input.size());
            write.complete(input.sha256());
        } catch (IOException | RuntimeException | Error e) {
            // A part still on its way must land before the abort, or it would outlive it.
            sending.exceptionally(failed -> null).join();
            try {
                write.abort();
            } catch (RuntimeException abortFailed) {
                LOG.debugf("Upload %s not aborted at once: %s", claim.key(), abortFailed.getMessage());
            }
            throw e;
        } finally {
            buffers.give(second);
        }
        phase("stream-large", start);
        return commit(upload, claim, new Received(wav, input.size(), input.sha256()));
    }

    private CompletableFuture<Void> sendPart(RecordingStore.MultipartWrite write, byte[] bytes, int length) {
        return CompletableFuture.runAsync(() -> write.uploadPart(bytes, length), executor);
    }

    private Claim claim(String callId, UUID recordingId, String key) {
        return new Claim(recordingId, key, CompletableFuture.supplyAsync(() -> {
            Optional<UUID> earlier;
            try {
                earlier = receipts.claim(callId, recordingId, store.bucket(), key);
            } catch (RuntimeException e) {
                throw unavailable("The database is unavailable", e);
            }
            return earlier.flatMap(id -> inTransaction(() -> Recording.<Recording>findByIdOptional(id)));
        }, executor), cleanup);
    }

    /** A call recorded before: the same audio is the same upload (200); other audio is a conflict. */
    private static Ingested repeatOf(Recording existing, Received audio) {
        if (!existing.sha256.equals(audio.sha256())) {
            throw new ProblemException(409, "Call '" + existing.callId + "' is already recorded as "
                    + existing.id + " with different audio (sha256 " + existing.sha256 + ").");
        }
        return new Ingested(existing, false);
    }

    /** The receipt, the event and the end of the pending state in one transaction. */
    private Ingested commit(Upload upload, Claim claim, Received audio) {
        long start = System.nanoTime();
        Recording recording = upload.receipt(claim.recordingId(), store.bucket(), claim.key(), audio,
                config.durationTolerance());
        boolean committed;
        try {
            committed = receipts.commit(recording, upload.event(recording, audio.wav()));
        } catch (RuntimeException e) {
            if (!isCallIdConflict(e)) {
                throw unavailable("The database is unavailable", e);
            }
            // Lost the race for the call id: the winner's receipt answers.
            cleanup.settle(claim.recordingId());
            return inTransaction(() -> Recording.findByCallId(upload.callId()).map(winner -> repeatOf(winner, audio)))
                    .orElseThrow(() -> unavailable("The upload could not be completed", e));
        }
        if (!committed) {
            // The cleanup took this upload for an orphan and removed its object, or the database
            // lost the pending row in a crash (it is committed without waiting for the disk).
            try {
                store.remove(store.bucket(), claim.key());
            } catch (RuntimeException e) {
                LOG.warnf("Object %s of an upload without receipt stays until reconciliation: %s", claim.key(),
                        e.getMessage());
            }
            throw unavailable("The upload could not be completed",
                    new IllegalStateException("upload " + claim.recordingId() + " outlived the orphan grace period"));
        }
        count(recording);
        phase("commit", start);
        return new Ingested(recording, true);
    }

    /** The header from the first bytes; {@code total} is the audio's size, or an upper bound while it arrives. */
    private static WavInfo readWav(byte[] first, int length, long total) {
        try {
            return WavReader.read(new ByteArrayInputStream(first, 0, length), total);
        } catch (UnsupportedAudioException e) {
            throw new ProblemException(415, "The audio is a WAV this service does not accept: " + e.getMessage());
        } catch (InvalidWavException e) {
            throw new ProblemException(400, "The audio is not a playable WAV: " + e.getMessage());
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

    private void count(Recording r) {
        metrics.counter("callrec.ingest.recordings").increment();
        metrics.summary("callrec.ingest.bytes").record(r.sizeBytes);
        for (String flag : r.flags) {
            // An alert on no-announcement tells that callers were recorded without notice (R11).
            metrics.counter("callrec.ingest.flagged", "flag", flag).increment();
        }
    }

    /** Runs work in its own transaction; a database failure becomes a 503, a problem stays what it is. */
    private <T> T inTransaction(Supplier<T> work) {
        try {
            return QuarkusTransaction.requiringNew().call(work::get);
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unavailable("The database is unavailable", e);
        }
    }

    private static boolean isCallIdConflict(Throwable e) {
        return ExceptionUtils.getThrowableList(e).stream().anyMatch(t -> t instanceof PSQLException p
                && p.getServerErrorMessage() != null
                && "recording_call_id_unique".equals(p.getServerErrorMessage().getConstraint()));
    }

    private ProblemException unavailable(String detail, Throwable cause) {
        LOG.warnf("%s: %s", detail, String.valueOf(cause));
        return ProblemException.unavailable(detail + "; nothing was recorded, try again later.", config.retryAfterSeconds(), cause);
    }
}
