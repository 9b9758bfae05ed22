package fi.hel.callrec.catalog.service;

import fi.hel.callrec.catalog.CallHold;
import fi.hel.callrec.catalog.CallRecord;
import fi.hel.callrec.catalog.CallStatistic;
import fi.hel.callrec.catalog.DeletedRecording;
import fi.hel.callrec.catalog.rights.Rectifications;
import fi.hel.callrec.commons.messaging.Inbox;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.CallerProvided;
import fi.hel.callrec.events.RecordingDeleted;
import fi.hel.callrec.events.RecordingHoldChanged;
import fi.hel.callrec.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.lang3.StringUtils;
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

    private final Inbox inbox;
    private final EntityManager em;
    private final Rectifications rectifications;

    public Indexer(Inbox inbox, EntityManager em, Rectifications rectifications) {
        this.inbox = inbox;
        this.em = em;
        this.rectifications = rectifications;
    }

    /**
     * Indexes a batch of call-recorded events in one transaction and a fixed number of statements
     * however large the batch. An event id seen before, also earlier in the batch, changes nothing.
     */
    @Transactional
    public void applyBatch(List<CallRecorded> events) {
        Set<UUID> fresh = inbox.firstDeliveries(events, Topics.CALL_RECORDED);
        Map<UUID, CallRecorded> byRecording = new LinkedHashMap<>();
        for (CallRecorded e : events) {
            if (fresh.remove(e.eventId()) && byRecording.putIfAbsent(e.recordingId(), e) != null) {
                LOG.warnf("Recording %s announced twice in one batch; event %s ignored", e.recordingId(), e.eventId());
            }
        }
        if (byRecording.isEmpty()) {
            return;
        }
        List<UUID> ids = List.copyOf(byRecording.keySet());
        Set<UUID> deleted = new HashSet<>(em.createQuery(
                "select d.recordingId from DeletedRecording d where d.recordingId in :ids", UUID.class)
                .setParameter("ids", ids).getResultList());
        Set<UUID> existing = new HashSet<>(em.createQuery(
                "select c.recordingId from CallRecord c where c.recordingId in :ids", UUID.class)
                .setParameter("ids", ids).getResultList());
        Instant now = Instant.now();
        for (CallRecorded e : byRecording.values()) {
            if (deleted.contains(e.recordingId())) {
                // The recording is gone already; only the anonymous trace is kept (R3).
                CallStatistic.record(e.startedAt().toLocalDate(), e.serviceLine(), e.audio().durationMillis(),
                        e.agentExtension());
            } else if (existing.contains(e.recordingId())) {
                LOG.warnf("Recording %s is indexed already; event %s ignored", e.recordingId(), e.eventId());
            } else {
                em.persist(row(e, now));
            }
        }
    }

    private static CallRecord row(CallRecorded e, Instant now) {
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
            c.callerName = StringUtils.stripToNull(p.name());
            c.callerAddress = StringUtils.stripToNull(p.address());
            c.vehicleRegistration = StringUtils.stripToNull(p.vehicleRegistration());
            c.callerContact = StringUtils.stripToNull(p.contact());
        }
        c.serviceNotes = StringUtils.stripToNull(e.serviceNotes());
        c.announcementPlayed = e.announcementPlayed();
        c.flags = e.flags().toArray(String[]::new);
        c.deriveSearchKeys();
        c.indexedAt = now;
        return c;
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
            CallStatistic.record(c.startedAtLocal().toLocalDate(), c.serviceLine, c.durationMillis, c.agentExtension);
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
}
