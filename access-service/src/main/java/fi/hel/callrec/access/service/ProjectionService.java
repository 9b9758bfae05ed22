package fi.hel.callrec.access.service;

import fi.hel.callrec.access.Recording;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.RecordingDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

/**
 * Keeps the recording projection. The two events travel on different topics, so they may come in
 * either order: a deletion that arrives first leaves a marker, and the later call-recorded event
 * fills in the audio fields but never brings the recording back.
 */
@ApplicationScoped
public class ProjectionService {

    private final RecordingLookup lookup;
    private final Event<RecordingDeleted> deletions;

    public ProjectionService(RecordingLookup lookup, Event<RecordingDeleted> deletions) {
        this.lookup = lookup;
        this.deletions = deletions;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recorded(CallRecorded e) {
        Recording r = Recording.findById(e.recordingId());
        if (r == null) {
            r = new Recording();
            r.id = e.recordingId();
        }
        r.bucket = e.bucket();
        r.objectKey = e.objectKey();
        r.agentExtension = e.agentExtension();
        r.sha256 = e.sha256();
        r.sizeBytes = e.sizeBytes();
        r.codec = e.audio().codec();
        r.sampleRateHz = e.audio().sampleRateHz();
        r.channels = e.audio().channels();
        r.bitsPerSample = e.audio().bitsPerSample();
        r.durationMillis = e.audio().durationMillis();
        r.recordedAt = e.occurredAt();
        r.persist();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void deleted(RecordingDeleted e) {
        Recording r = Recording.findById(e.recordingId());
        if (r == null) {
            r = new Recording();
            r.id = e.recordingId();
            r.objectKey = e.objectKey();
        }
        if (r.deletedAt == null) {
            r.deletedAt = e.deletedAt();
            r.deletionReason = e.reason();
        }
        r.persist();
        // Forgotten now, and again after the commit (RecordingLookup): a request may read and keep the row before
        // the deletion is visible.
        lookup.forget(e.recordingId());
        deletions.fire(e);
    }
}
