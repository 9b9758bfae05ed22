package fi.hel.callrec.access.service;

import fi.hel.callrec.access.Recording;
import fi.hel.callrec.access.audit.AuditContent;
import fi.hel.callrec.access.audit.AuditWriter;
import fi.hel.callrec.access.audit.Caller;
import fi.hel.callrec.access.audit.Purpose;
import fi.hel.callrec.access.config.AccessConfig;
import fi.hel.callrec.access.storage.AudioStore;
import fi.hel.callrec.access.storage.StoredAudio;
import fi.hel.callrec.commons.problem.Problem;
import fi.hel.callrec.commons.problem.ProblemException;
import fi.hel.callrec.commons.storage.ObjectStoreUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Decides every request for audio (purpose, who may listen, deletion, conditional and range headers)
 * and audits it before any answer leaves; without the audit log nothing is sent (503). For a GET
 * the object is opened while the entry is written; if the store then fails, an interrupted entry
 * pointing to it says that nothing was sent.
 */
@ApplicationScoped
public class ListeningService {

    private static final Logger LOG = Logger.getLogger(ListeningService.class);

    private final AuditWriter audit;
    private final AudioStore store;
    private final RecordingLookup recordings;
    private final AccessConfig config;
    private final Timer lookupTimer;
    private final Timer auditTimer;
    private final Timer storeTimer;

    public ListeningService(AuditWriter audit, AudioStore store, RecordingLookup recordings, AccessConfig config,
                            MeterRegistry meters) {
        this.audit = audit;
        this.store = store;
        this.recordings = recordings;
        this.config = config;
        // Where a listener's wait goes, phase by phase (the rest is the token check and the HTTP layer).
        this.lookupTimer = phase(meters, "lookup");
        this.auditTimer = phase(meters, "audit");
        this.storeTimer = phase(meters, "store-open");
    }

    private static Timer phase(MeterRegistry meters, String name) {
        return Timer.builder("callrec.access.phase").tag("phase", name)
                .description("Time a request for audio spends in one phase before its first byte")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    /** A request for audio as it arrived. {@code head} asks for the headers only. */
    public record Request(Caller caller, boolean head, String recordingId, String purpose, String range,
                          String ifNoneMatch, String ifRange) {
    }

    /**
     * The answer to send: status 200, 206 or 304; the range sent (null for the whole object); the
     * store's answer, paused, for a GET with a body (the caller pipes or discards it; one left
     * alone is released by the store client's idle timeout); and the audit entry written.
     */
    public record Answer(int status, Audio audio, ByteRange range, StoredAudio body, AuditWriter.Receipt entry) {

        public String etag() {
            return audio.etag();
        }

        public long length() {
            return range == null ? audio.sizeBytes() : range.length();
        }
    }

    /** Stored audio a request may be answered with: a recording or a training copy. */
    public record Audio(UUID id, String bucket, String objectKey, long sizeBytes, String sha256) {

        public String etag() {
            return "\"" + sha256 + "\"";
        }
    }

    /** What a request names, as the caller may see it: audio to send, or the refusal to record and answer. */
    public sealed interface Target permits Audible, Refused {
    }

    public record Audible(Audio audio) implements Target {
    }

    /** @param outcome the audit log's word for it; {@code detail} is the problem's */
    public record Refused(int status, String outcome, String detail) implements Target {
    }

    /** Answers a request for a recording's audio. */
    public Answer open(Request q) {
        return open(q, this::recording);
    }

    /** Answers a request for audio that {@code resolve} finds for the caller (or refuses). */
    public Answer open(Request q, java.util.function.Function<Request, Target> resolve) {
        String method = q.head() ? "HEAD" : "GET";
        Optional<Purpose> purpose = Purpose.fromCode(q.purpose());
        if (purpose.isEmpty()) {
            String detail = q.purpose() == null || q.purpose().isBlank()
                    ? "A purpose is required: the query parameter or header 'purpose', one of " + Purpose.ACCEPTED + "."
                    : "Unknown purpose; accepted: " + Purpose.ACCEPTED + ".";
            throw refuse(q, method, null, null, 400, q.purpose() == null ? "purpose-missing" : "purpose-unknown",
                    new ProblemException(400, detail, List.of(new Problem.FieldError("purpose", "one of " + Purpose.ACCEPTED))));
        }
        Purpose why = purpose.get();
        long lookupStart = System.nanoTime();
        Target target = resolve.apply(q);
        lookupTimer.record(System.nanoTime() - lookupStart, TimeUnit.NANOSECONDS);
        if (target instanceof Refused refused) {
            throw refuse(q, method, why, null, refused.status(), refused.outcome(),
                    new ProblemException(refused.status(), refused.detail()));
        }
        Audio audio = ((Audible) target).audio();
        String etag = audio.etag();
        if (matchesAny(q.ifNoneMatch(), etag)) {
            return new Answer(304, audio, null, null, record(q, method, why, null, 0, 304, "not-modified"));
        }
        ByteRange.Parsed parsed = ByteRange.parse(q.range(), audio.sizeBytes());
        if (q.ifRange() != null && !q.ifRange().strip().equals(etag)) {
            // The client's copy is of another version (or is dated, and this service has no dates): send it whole.
            parsed = new ByteRange.Whole();
        }
        if (parsed instanceof ByteRange.Unsatisfiable) {
            throw refuse(q, method, why, null, 416, "range-not-satisfiable",
                    new ProblemException(Problem.of(416, "The range '" + q.range() + "' lies outside the audio's "
                            + audio.sizeBytes() + " bytes."), Map.of("Content-Range", "bytes */" + audio.sizeBytes())));
        }
        ByteRange range = parsed instanceof ByteRange.Partial p ? p.range() : null;
        int status = range == null ? 200 : 206;
        long length = range == null ? audio.sizeBytes() : range.length();
        if (q.head()) {
            return new Answer(status, audio, range, null, record(q, method, why, range, 0, status, "headers"));
        }
        long offset = range == null ? 0 : range.start();
        long openStart = System.nanoTime();
        CompletableFuture<Optional<StoredAudio>> opening = store.open(audio.bucket(), audio.objectKey(), offset, length)
                .whenComplete((body, failure) -> storeTimer.record(System.nanoTime() - openStart, TimeUnit.NANOSECONDS))
                .toCompletableFuture();
        AuditWriter.Receipt entry;
        try {
            entry = record(q, method, why, range, length, status, range == null ? "sent" : "sent-range");
        } catch (RuntimeException e) {
            opening.thenAccept(body -> body.ifPresent(StoredAudio::discard));
            throw e;
        }
        Answer answer = new Answer(status, audio, range, null, entry);
        Optional<StoredAudio> body;
        try {
            body = opening.join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof ObjectStoreUnavailableException unavailable)) {
                throw e;
            }
            LOG.warnf("Object store unavailable for %s: %s", audio.id(), unavailable.getMessage());
            notSent(q, answer, 503, "store-unavailable");
            throw ProblemException.unavailable("The audio cannot be read right now; try again later.", config.retryAfterSeconds(), unavailable);
        }
        if (body.isEmpty()) {
            LOG.warnf("%s is known but its object %s is missing from the store", audio.id(), audio.objectKey());
            notSent(q, answer, 410, "object-missing");
            throw new ProblemException(410, "The audio of " + audio.id() + " is no longer stored.");
        }
        return new Answer(status, audio, range, body.get(), entry);
    }

    /**
     * Records that an allowed answer was not sent whole: the client went away (a player seeking
     * drops its earlier request) or the store failed midway.
     */
    public void interrupted(Request q, Answer answer, long sent, String outcome) {
        appendInterrupted(q, answer, sent, answer.status(), outcome);
    }

    /** Records that an allowed answer was replaced by an error before any audio was sent. */
    private void notSent(Request q, Answer answer, int status, String outcome) {
        appendInterrupted(q, answer, 0, status, outcome);
    }

    private void appendInterrupted(Request q, Answer answer, long sent, int status, String outcome) {
        try {
            audit.append(new AuditWriter.Draft(AuditContent.KIND_INTERRUPTED, q.caller(), q.recordingId(),
                    Purpose.fromCode(q.purpose()).orElse(null), q.head() ? "HEAD" : "GET", q.range(), start(answer.range()),
                    end(answer.range()), sent, status, outcome, answer.entry().entryId(), answer.entry().sessionId()));
        } catch (RuntimeException failure) {
            LOG.errorf("Could not record that audit entry %s was interrupted after %d bytes: %s",
                    answer.entry().entryId(), sent, failure.getMessage());
        }
    }

    /** A recording the caller may hear; the same answer whether it is unknown or not theirs, so ids cannot be probed. */
    private Target recording(Request q) {
        Recording recording = find(q.recordingId());
        if (recording == null || !q.caller().staff().mayHear(recording.agentExtension)) {
            return new Refused(404, recording == null ? "not-found" : "not-permitted", "No recording " + q.recordingId() + ".");
        }
        if (recording.deleted()) {
            return new Refused(410, "deleted", "Recording " + recording.id + " was deleted (" + recording.deletionReason
                    + ") and can no longer be heard.");
        }
        return new Audible(new Audio(recording.id, recording.bucket, recording.objectKey, recording.sizeBytes, recording.sha256));
    }

    private Recording find(String id) {
        try {
            return recordings.find(UUID.fromString(id));
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    private AuditWriter.Receipt record(Request q, String method, Purpose why, ByteRange range, long bytes, int status, String outcome) {
        long start = System.nanoTime();
        try {
            return recordOrRefuse(new AuditWriter.Draft(AuditContent.KIND_ACCESS, q.caller(), q.recordingId(), why, method,
                    q.range(), start(range), end(range), bytes, status, outcome, null, null));
        } finally {
            auditTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** Commits an access entry before anything is served; when the audit log cannot be written, nothing is (503). */
    public AuditWriter.Receipt recordOrRefuse(AuditWriter.Draft draft) {
        try {
            return audit.append(draft);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not write the audit entry of a request for %s", draft.recordingId());
            throw ProblemException.unavailable("The request cannot be recorded in the audit log right now, "
                    + "so it is not served; try again later.", config.retryAfterSeconds(), e);
        }
    }

    /** Records a refusal; returns the problem to throw. */
    private ProblemException refuse(Request q, String method, Purpose why, ByteRange range, int status, String outcome,
                                    ProblemException answer) {
        record(q, method, why, range, 0, status, outcome);
        return answer;
    }

    private static Long start(ByteRange range) {
        return range == null ? null : range.start();
    }

    private static Long end(ByteRange range) {
        return range == null ? null : range.end();
    }

    /** If-None-Match: {@code *} or a list of entity tags, compared weakly as RFC 9110 asks. */
    static boolean matchesAny(String header, String etag) {
        if (header == null || header.isBlank()) {
            return false;
        }
        return Arrays.stream(header.split(",")).map(String::strip)
                .anyMatch(tag -> tag.equals("*") || tag.replaceFirst("^W/", "").equals(etag));
    }
}
