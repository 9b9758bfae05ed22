package fi.hel.callrec.access.training;

import fi.hel.callrec.access.Recording;
import fi.hel.callrec.access.audit.AuditContent;
import fi.hel.callrec.access.audit.AuditWriter;
import fi.hel.callrec.access.audit.Caller;
import fi.hel.callrec.access.audit.Purpose;
import fi.hel.callrec.access.config.AccessConfig;
import fi.hel.callrec.access.service.ListeningService;
import fi.hel.callrec.access.service.RecordingLookup;
import fi.hel.callrec.commons.outbox.Outbox;
import fi.hel.callrec.commons.problem.Problem;
import fi.hel.callrec.commons.problem.ProblemException;
import fi.hel.callrec.commons.storage.ObjectStoreUnavailableException;
import fi.hel.callrec.events.TrainingCopyMade;
import fi.hel.callrec.training.audio.SourceFormat;
import fi.hel.callrec.training.audio.Span;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Makes, lists and finds training copies. A copy is made in three steps, so that no copy exists
 * that retention-service does not know of: (1) its row ('writing') and its event commit together;
 * (2) the copy is streamed from the source's object into its own; (3) the row becomes 'ready'. A
 * crash after (1) leaves a row that is never listed and a key retention deletes with the source.
 */
@ApplicationScoped
public class TrainingCopies {

    private static final Logger LOG = Logger.getLogger(TrainingCopies.class);

    private final RecordingLookup recordings;
    private final CopyStore store;
    private final Outbox outbox;
    private final ListeningService listening;
    private final AccessConfig config;
    private final SecureRandom random = new SecureRandom();

    public TrainingCopies(RecordingLookup recordings, CopyStore store, Outbox outbox, ListeningService listening,
                          AccessConfig config) {
        this.recordings = recordings;
        this.store = store;
        this.outbox = outbox;
        this.listening = listening;
        this.config = config;
    }

    /** Makes a copy of the recording; the caller is a supervisor or the manager (the resource says so). */
    public TrainingCopy make(Caller caller, UUID sourceId, TrainingCopyRequest request) {
        Recording source = recordings.find(sourceId);
        if (source == null || !source.recorded() || !caller.staff().mayHear(source.agentExtension)) {
            throw new ProblemException(404, "No recording " + sourceId + ".");
        }
        if (source.deleted()) {
            throw new ProblemException(410, "Recording " + sourceId + " was deleted and can no longer be copied.");
        }
        List<Span> spans = spans(request.spans(), source.durationMillis);
        recordMaking(caller, sourceId);
        TrainingCopy copy = QuarkusTransaction.requiringNew().call(() -> begin(caller, source, request.title().strip(), spans.size()));
        double factor = PitchFactors.draw(random, config.training().minPitchFactor(), config.training().maxPitchFactor(),
                config.training().leastPitchChange());
        CopyStore.Written written;
        try {
            written = store.write(source.bucket, source.objectKey, copy.objectKey,
                    new SourceFormat(source.codec, source.sampleRateHz, source.channels, source.bitsPerSample), spans, factor);
        } catch (ObjectStoreUnavailableException e) {
            finish(copy.id, null);
            LOG.warnf("Training copy %s could not be written: %s", copy.id, e.getMessage());
            throw ProblemException.unavailable("The copy cannot be made right now: the object store is unavailable; "
                    + "try again later.", config.retryAfterSeconds(), e);
        } catch (IllegalArgumentException e) {
            finish(copy.id, null);
            LOG.warnf("Training copy %s: the source's audio does not match its recorded format: %s", copy.id, e.getMessage());
            throw new ProblemException(422, "The recording's audio cannot be read as the format it was recorded in, "
                    + "so no copy was made.");
        }
        return finish(copy.id, written);
    }

    /** The spans as the copier takes them, each checked against the call's length. */
    private static List<Span> spans(List<TrainingCopyRequest.Span> marked, Long durationMillis) {
        double seconds = durationMillis == null ? 0 : durationMillis / 1000.0;
        List<Problem.FieldError> errors = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < marked.size(); i++) {
            TrainingCopyRequest.Span s = marked.get(i);
            if (s.start() >= s.end()) {
                errors.add(new Problem.FieldError("spans[" + i + "]", "start must come before end"));
            } else if (s.end() > seconds + 0.001) {
                errors.add(new Problem.FieldError("spans[" + i + "].end", "must not pass the end of the call, at " + seconds + " s"));
            } else {
                spans.add(new Span(s.start(), Math.min(s.end(), seconds)));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Some spans to blank out are not within the call.", errors);
        }
        return spans;
    }

    /** Making a copy reads the identifiable original: it is written to the audit log like a listening. */
    private void recordMaking(Caller caller, UUID sourceId) {
        listening.recordOrRefuse(new AuditWriter.Draft(AuditContent.KIND_ACCESS, caller, sourceId.toString(), Purpose.TRAINING,
                "POST", null, null, null, 0, 201, "training-copy", null, null));
    }

    private TrainingCopy begin(Caller caller, Recording source, String title, int spanCount) {
        TrainingCopy copy = new TrainingCopy();
        copy.id = UUID.randomUUID();
        copy.sourceId = source.id;
        copy.title = title;
        copy.bucket = source.bucket;
        copy.state = TrainingCopy.WRITING;
        copy.spanCount = spanCount;
        copy.sampleRateHz = source.sampleRateHz;
        copy.channels = source.channels;
        copy.durationMillis = source.durationMillis;
        copy.sizeBytes = 0;
        copy.madeBy = caller.staff().username();
        copy.madeAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        TrainingCopyMade event = TrainingCopyMade.of(source.id, copy.id, source.bucket, copy.madeAt);
        copy.objectKey = event.objectKey();
        copy.persist();
        outbox.add(event);
        return copy;
    }

    private TrainingCopy finish(UUID id, CopyStore.Written written) {
        return QuarkusTransaction.requiringNew().call(() -> {
            TrainingCopy copy = TrainingCopy.findById(id);
            if (written == null) {
                copy.state = TrainingCopy.FAILED;
            } else {
                copy.state = TrainingCopy.READY;
                copy.sizeBytes = written.sizeBytes();
                copy.sha256 = written.sha256();
            }
            return copy;
        });
    }

    /** Copies that can be heard, newest first. */
    @Transactional
    public List<TrainingCopy> list(int limit) {
        return TrainingCopy.find("state = ?1 AND deletedAt IS NULL ORDER BY madeAt DESC, id", TrainingCopy.READY)
                .page(0, limit).list();
    }

    /** The copy, or null when unknown or not (yet, any longer) audible. */
    @Transactional
    public TrainingCopy find(UUID id) {
        TrainingCopy copy = TrainingCopy.findById(id);
        return copy == null || !TrainingCopy.READY.equals(copy.state) ? null : copy;
    }

    /** The answer to a request for a copy's audio: only for training, only while the copy is audible. */
    public ListeningService.Target target(ListeningService.Request q) {
        if (!Purpose.TRAINING.code().equals(q.purpose())) {
            return new ListeningService.Refused(400, "purpose-not-training", "Training copies are heard for training only: purpose=training.");
        }
        TrainingCopy copy;
        try {
            copy = find(UUID.fromString(q.recordingId()));
        } catch (IllegalArgumentException notAnId) {
            copy = null;
        }
        if (copy == null) {
            return new ListeningService.Refused(404, "not-found", "No training copy " + q.recordingId() + ".");
        }
        if (copy.deletedAt != null) {
            return new ListeningService.Refused(410, "deleted", "Training copy " + copy.id + " was deleted with its source recording.");
        }
        return new ListeningService.Audible(new ListeningService.Audio(copy.id, copy.bucket, copy.objectKey, copy.sizeBytes, copy.sha256));
    }

    /** The source was deleted: its copies can no longer be heard (retention-service removes their objects). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void sourceDeleted(UUID sourceId, Instant deletedAt) {
        TrainingCopy.update("deletedAt = ?1 WHERE sourceId = ?2 AND deletedAt IS NULL", deletedAt, sourceId);
    }
}
