package fi.hel.callrec.catalog.service;

import fi.hel.callrec.catalog.CallHold;
import fi.hel.callrec.catalog.CallRecord;
import fi.hel.callrec.catalog.CallStatistic;
import fi.hel.callrec.catalog.DeletedRecording;
import fi.hel.callrec.catalog.rights.Rectifications;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.CallerProvided;
import fi.hel.callrec.events.RecordingDeleted;
import fi.hel.callrec.events.RecordingHoldChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Applies events to the catalog. The three topics are ordered per recording but not with each
 * other, so each event is applied in a way that any arrival order ends in the same state: a
 * deletion leaves a tombstone that keeps later metadata out, and holds are stored apart from the
 * call and only replaced by a newer change.
 */
@ApplicationScoped
public class Indexer {

    private static final Logger LOG = Logger.getLogger(Indexer.class);

    @Inject
    Rectifications rectifications;

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(CallRecorded e) {
        if (DeletedRecording.findByIdOptional(e.recordingId()).isPresent()) {
            // The recording is gone already; only the anonymous trace is kept (R3).
            CallStatistic statistic = new CallStatistic();
            statistic.callDate = e.startedAt().toLocalDate();
            statistic.serviceLine = e.serviceLine();
            statistic.durationMillis = e.audio().durationMillis();
            statistic.agentExtension = e.agentExtension();
            statistic.persist();
            return;
        }
        if (CallRecord.findByIdOptional(e.recordingId()).isPresent()) {
            LOG.warnf("Recording %s is indexed already; event %s ignored", e.recordingId(), e.eventId());
            return;
        }
        CallRecord c = new CallRecord();
        c.recordingId = e.recordingId();
        c.callId = e.callId();
        c.bucket = e.bucket();
        c.objectKey = e.objectKey();
        c.sha256 = e.sha256();
        c.sizeBytes = e.sizeBytes();
        c.codec = e.audio().codec();
        c.sampleRateHz = e.audio().sampleRateHz();
        c.channels = e.audio().channels();
        c.bitsPerSample = e.audio().bitsPerSample();
        c.durationMillis = e.audio().durationMillis();
        // The database keeps microseconds; the cursor must compare exactly what is stored.
        c.startedAt = e.startedAt().toInstant().truncatedTo(ChronoUnit.MICROS);
        c.endedAt = e.endedAt().toInstant().truncatedTo(ChronoUnit.MICROS);
        c.utcOffsetSeconds = e.startedAt().getOffset().getTotalSeconds();
        c.callerNumber = e.callerNumber();
        c.agentExtension = e.agentExtension();
        c.serviceLine = e.serviceLine();
        CallerProvided p = e.callerProvided();
        if (p != null) {
            c.callerName = blankToNull(p.name());
            c.callerAddress = blankToNull(p.address());
            c.vehicleRegistration = blankToNull(p.vehicleRegistration());
            c.callerContact = blankToNull(p.contact());
        }
        c.serviceNotes = blankToNull(e.serviceNotes());
        c.announcementPlayed = e.announcementPlayed();
        c.flags = e.flags().toArray(String[]::new);
        c.deriveSearchKeys();
        c.indexedAt = Instant.now();
        c.persist();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(RecordingHoldChanged e) {
        if (DeletedRecording.findByIdOptional(e.recordingId()).isPresent()) {
            return;
        }
        CallHold hold = CallHold.<CallHold>findByIdOptional(e.recordingId()).orElse(null);
        if (hold == null) {
            hold = new CallHold();
            hold.recordingId = e.recordingId();
        } else if (hold.changedAt.isAfter(e.changedAt())) {
            return;
        }
        hold.held = e.held();
        hold.reason = e.reason();
        hold.caseReference = e.caseReference();
        hold.note = e.note();
        hold.releaseReason = e.releaseReason();
        hold.changedBy = e.changedBy();
        hold.changedAt = e.changedAt();
        hold.persist();
    }

    /** The call's personal data goes with its recording; an anonymous statistics row stays. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(RecordingDeleted e) {
        CallRecord.<CallRecord>findByIdOptional(e.recordingId()).ifPresent(c -> {
            CallStatistic statistic = new CallStatistic();
            statistic.callDate = c.startedAtLocal().toLocalDate();
            statistic.serviceLine = c.serviceLine;
            statistic.durationMillis = c.durationMillis;
            statistic.agentExtension = c.agentExtension;
            statistic.persist();
            c.delete();
        });
        CallHold.deleteById(e.recordingId());
        rectifications.forgetCall(e.recordingId(), e.deletedAt());
        if (DeletedRecording.findByIdOptional(e.recordingId()).isEmpty()) {
            DeletedRecording tombstone = new DeletedRecording();
            tombstone.recordingId = e.recordingId();
            tombstone.reason = e.reason();
            tombstone.deletedAt = e.deletedAt();
            tombstone.persist();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
