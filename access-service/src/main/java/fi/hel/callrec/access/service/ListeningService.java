package fi.hel.callrec.access.service;

import fi.hel.callrec.access.AuditEntry;
import fi.hel.callrec.access.Recording;
import fi.hel.callrec.access.config.AccessConfig;
import fi.hel.callrec.access.storage.AudioStore;
import fi.hel.callrec.commons.problem.Problem;
import fi.hel.callrec.commons.problem.ProblemException;
import fi.hel.callrec.commons.storage.ObjectStoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Decides every request for audio: purpose, who may listen, deletion, conditional and range
 * headers; and records it in the audit log before any answer leaves. A refusal is recorded and
 * then thrown as a problem; when the audit log cannot be written, nothing is sent (503).
 */
@ApplicationScoped
public class ListeningService {

    private static final Logger LOG = Logger.getLogger(ListeningService.class);

    private final AuditLog audit;
    private final AudioStore store;
    private final AccessConfig config;

    public ListeningService(AuditLog audit, AudioStore store, AccessConfig config) {
        this.audit = audit;
        this.store = store;
        this.config = config;
    }

    /** A request for audio as it arrived. {@code head} asks for the headers only. */
    public record Request(Caller caller, boolean head, String recordingId, String purpose, String range,
                          String ifNoneMatch, String ifRange) {
    }

    /**
     * The answer to send: status 200, 206 or 304; the range sent (null for the whole object); the
     * audio stream for a GET with a body (the caller closes it); and the audit entry written.
     */
    public record Answer(int status, Recording recording, ByteRange range, InputStream body, AuditEntry entry) {

        public String etag() {
            return etagOf(recording);
        }

        public long length() {
            return range == null ? recording.sizeBytes : range.length();
        }
    }

    public Answer open(Request q) {
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
        Recording recording = find(q.recordingId());
        if (recording == null || !q.caller().mayListenTo(recording.agentExtension)) {
            // The same answer whether the recording is unknown or not the caller's, so ids cannot be probed.
            throw refuse(q, method, why, null, 404, recording == null ? "not-found" : "not-permitted",
                    new ProblemException(404, "No recording " + q.recordingId() + "."));
        }
        if (recording.deleted()) {
            throw refuse(q, method, why, null, 410, "deleted",
                    new ProblemException(410, "Recording " + recording.id + " was deleted ("
                            + recording.deletionReason + ") and can no longer be heard."));
        }
        String etag = etagOf(recording);
        if (matchesAny(q.ifNoneMatch(), etag)) {
            return new Answer(304, recording, null, null, record(q, method, why, null, 0, 304, "not-modified"));
        }
        ByteRange.Parsed parsed = ByteRange.parse(q.range(), recording.sizeBytes);
        if (q.ifRange() != null && !q.ifRange().strip().equals(etag)) {
            // The client's copy is of another version (or is dated, and this service has no dates): send it whole.
            parsed = new ByteRange.Whole();
        }
        if (parsed instanceof ByteRange.Unsatisfiable) {
            throw refuse(q, method, why, null, 416, "range-not-satisfiable",
                    new ProblemException(Problem.of(416, "The range '" + q.range() + "' lies outside the recording's "
                            + recording.sizeBytes + " bytes."), Map.of("Content-Range", "bytes */" + recording.sizeBytes)));
        }
        ByteRange range = parsed instanceof ByteRange.Partial p ? p.range() : null;
        int status = range == null ? 200 : 206;
        long length = range == null ? recording.sizeBytes : range.length();
        if (q.head()) {
            return new Answer(status, recording, range, null, record(q, method, why, range, 0, status, "headers"));
        }
        InputStream body = openAudio(q, method, why, recording, range == null ? 0 : range.start(), length);
        try {
            AuditEntry entry = record(q, method, why, range, length, status, range == null ? "sent" : "sent-range");
            return new Answer(status, recording, range, body, entry);
        } catch (RuntimeException e) {
            closeQuietly(body);
            throw e;
        }
    }

    /**
     * Records that an allowed answer was not sent whole: the client went away (a player seeking
     * drops its earlier request) or the store failed midway.
     */
    public void interrupted(Request q, Answer answer, long sent, String outcome) {
        try {
            AuditEntry e = answer.entry();
            audit.append(new AuditLog.Draft(AuditEntry.KIND_INTERRUPTED, q.caller(), e.recordingId,
                    Purpose.fromCode(e.purpose).orElse(null), e.method, e.rangeRequested, answer.range(), sent,
                    e.status, outcome, e.seq, e.sessionId));
        } catch (RuntimeException failure) {
            LOG.errorf("Could not record that audit entry %d was interrupted after %d bytes: %s",
                    answer.entry().seq, sent, failure.getMessage());
        }
    }

    public static String etagOf(Recording recording) {
        return "\"" + recording.sha256 + "\"";
    }

    private InputStream openAudio(Request q, String method, Purpose why, Recording recording, long offset, long length) {
        Optional<InputStream> body;
        try {
            body = store.open(recording.bucket, recording.objectKey, offset, length);
        } catch (ObjectStoreUnavailableException e) {
            LOG.warnf("Object store unavailable for recording %s: %s", recording.id, e.getMessage());
            throw refuse(q, method, why, null, 503, "store-unavailable", new ProblemException(
                    Problem.of(503, "The recording cannot be read right now; try again later."),
                    Map.of("Retry-After", Integer.toString(config.retryAfterSeconds())), e));
        }
        if (body.isEmpty()) {
            LOG.warnf("Recording %s is known but its object %s is missing from the store", recording.id, recording.objectKey);
            throw refuse(q, method, why, null, 410, "object-missing",
                    new ProblemException(410, "The audio of recording " + recording.id + " is no longer stored."));
        }
        return body.get();
    }

    private Recording find(String id) {
        try {
            return Recording.findById(UUID.fromString(id));
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    private AuditEntry record(Request q, String method, Purpose why, ByteRange range, long bytes, int status, String outcome) {
        try {
            return audit.append(new AuditLog.Draft(AuditEntry.KIND_ACCESS, q.caller(), q.recordingId(), why, method,
                    q.range(), range, bytes, status, outcome, null, null));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not write the audit entry of a request for recording %s", q.recordingId());
            throw new ProblemException(Problem.of(503, "The request cannot be recorded in the audit log right now, "
                    + "so it is not served; try again later."), Map.of("Retry-After", Integer.toString(config.retryAfterSeconds())), e);
        }
    }

    /** Records a refusal; returns the problem to throw. */
    private ProblemException refuse(Request q, String method, Purpose why, ByteRange range, int status, String outcome,
                                    ProblemException answer) {
        record(q, method, why, range, 0, status, outcome);
        return answer;
    }

    /** If-None-Match: {@code *} or a list of entity tags, compared weakly as RFC 9110 asks. */
    static boolean matchesAny(String header, String etag) {
        if (header == null || header.isBlank()) {
            return false;
        }
        return Arrays.stream(header.split(",")).map(String::strip)
                .anyMatch(tag -> tag.equals("*") || tag.replaceFirst("^W/", "").equals(etag));
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Nothing was sent from it; the connection is released either way.
        }
    }
}
