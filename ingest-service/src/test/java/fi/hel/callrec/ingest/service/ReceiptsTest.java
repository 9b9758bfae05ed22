package fi.hel.callrec.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.hel.callrec.events.AudioFormat;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.ingest.PendingUpload;
import fi.hel.callrec.ingest.Recording;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.jdbi.v3.core.statement.StatementException;
import org.postgresql.util.PSQLException;

/** The receipt's one statement: all of it or nothing, and only while the upload is still pending. */
@QuarkusTest
class ReceiptsTest {

    @Inject
    Receipts receipts;

    @Inject
    EntityManager em;

    @Test
    void a_new_call_is_claimed_with_a_pending_row_and_a_recorded_one_names_its_recording() {
        Recording r = recording("call-" + UUID.randomUUID());

        assertEquals(Optional.empty(), receipts.claim(r.callId, r.id, r.bucket, r.objectKey));
        PendingUpload pending = QuarkusTransaction.requiringNew().call(() -> PendingUpload.<PendingUpload>findById(r.id));
        assertEquals(r.objectKey, pending.objectKey);
        assertEquals(r.bucket, pending.bucket);
        assertTrue(receipts.commit(r, event(r)));

        UUID again = UUID.randomUUID();
        assertEquals(Optional.of(r.id), receipts.claim(r.callId, again, r.bucket, "recordings/2026/01/02/" + again + ".wav"));
        assertEquals(0, pendingRows(again));
    }

    @Test
    void a_pending_upload_becomes_a_receipt_and_an_event_and_stops_being_pending() {
        Recording r = recording("call-" + UUID.randomUUID());
        pending(r);

        assertTrue(receipts.commit(r, event(r)));

        Recording stored = QuarkusTransaction.requiringNew().call(() -> Recording.<Recording>findById(r.id));
        assertEquals(r.callId, stored.callId);
        assertEquals(r.sha256, stored.sha256);
        assertEquals(r.sizeBytes, stored.sizeBytes);
        assertEquals(r.durationMillis, stored.durationMillis);
        assertEquals(r.startedAt.toInstant(), stored.startedAt.toInstant());
        assertEquals(List.of(r.flags), List.of(stored.flags));
        assertEquals(r.receivedAt, stored.receivedAt);
        assertEquals(0, pendingRows(r.id));
        List<CallRecorded> events = queued(r.id);
        assertEquals(1, events.size());
        assertEquals(r.callId, events.get(0).callId());
    }

    @Test
    void without_its_pending_row_nothing_is_written() {
        // What the orphan cleanup leaves after it removed the object of a slow upload.
        Recording r = recording("call-" + UUID.randomUUID());

        assertFalse(receipts.commit(r, event(r)));

        assertEquals(0, recordings(r.callId));
        assertEquals(0, queued(r.id).size());
    }

    @Test
    void a_call_recorded_meanwhile_fails_the_whole_statement_and_keeps_the_pending_row() {
        Recording first = recording("call-" + UUID.randomUUID());
        Recording second = recording(first.callId);
        // Two uploads of one call at once: both claimed before either committed.
        assertEquals(Optional.empty(), receipts.claim(first.callId, first.id, first.bucket, first.objectKey));
        assertEquals(Optional.empty(), receipts.claim(second.callId, second.id, second.bucket, second.objectKey));
        assertTrue(receipts.commit(first, event(first)));

        StatementException e = assertThrows(StatementException.class, () -> receipts.commit(second, event(second)));

        assertEquals("recording_call_id_unique", ((PSQLException) e.getCause()).getServerErrorMessage().getConstraint());
        assertEquals(1, recordings(first.callId));
        assertEquals(1, pendingRows(second.id));
        assertEquals(0, queued(second.id).size());
    }

    private static Recording recording(String callId) {
        Recording r = new Recording();
        r.id = UUID.randomUUID();
        r.callId = callId;
        r.bucket = "recordings";
        r.objectKey = "recordings/2026/01/02/" + r.id + ".wav";
        r.sha256 = "ab".repeat(32);
        r.sizeBytes = 48_044;
        r.codec = AudioFormat.ALAW;
        r.sampleRateHz = 8000;
        r.channels = 1;
        r.bitsPerSample = 8;
        r.durationMillis = 6_000;
        r.startedAt = OffsetDateTime.of(2026, 1, 2, 10, 0, 0, 0, ZoneOffset.ofHours(2));
        r.endedAt = r.startedAt.plusSeconds(6);
        r.flags = new String[]{"no-announcement"};
        r.receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return r;
    }

    private static CallRecorded event(Recording r) {
        return CallRecorded.of(r.id, r.callId, r.bucket, r.objectKey, r.sha256, r.sizeBytes,
                new AudioFormat(r.codec, r.sampleRateHz, r.channels, r.bitsPerSample, r.durationMillis),
                r.startedAt, r.endedAt, "+358401234567", "2001", "feedback", null, null, false, List.of(r.flags));
    }

    private static void pending(Recording r) {
        QuarkusTransaction.requiringNew().run(() -> PendingUpload.of(r.id, r.bucket, r.objectKey).persist());
    }

    private long pendingRows(UUID id) {
        return count("SELECT count(*) FROM pending_upload WHERE recording_id = ?1", id);
    }

    private long recordings(String callId) {
        return count("SELECT count(*) FROM recording WHERE call_id = ?1", callId);
    }

    private long count(String sql, Object parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter(1, parameter).getSingleResult()).longValue());
    }

    @SuppressWarnings("unchecked")
    private List<CallRecorded> queued(UUID recordingId) {
        List<byte[]> payloads = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT payload FROM outbox_event WHERE record_key = ?1")
                .setParameter(1, recordingId.toString()).getResultList());
        return payloads.stream().map(p -> EventJson.read(p, CallRecorded.class)).toList();
    }
}
