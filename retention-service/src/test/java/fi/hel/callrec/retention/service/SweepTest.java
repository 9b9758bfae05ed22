package fi.hel.callrec.retention.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.hel.callrec.commons.problem.ProblemException;
import fi.hel.callrec.commons.storage.S3Config;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.DeletionReasons;
import fi.hel.callrec.events.InvalidEventException;
import fi.hel.callrec.events.RecordingDeleted;
import fi.hel.callrec.events.RecordingHoldChanged;
import fi.hel.callrec.events.TrainingCopyMade;
import io.minio.MinioClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Sweeps against the real database and the real S3 test bucket, with a retention of two seconds. */
@QuarkusTest
class SweepTest {

    @Inject
    Sweeper sweeper;
    @Inject
    HoldService holds;
    @Inject
    ScheduleService schedule;
    @Inject
    MinioClient minio;
    @Inject
    S3Config s3;
    @Inject
    EntityManager em;
    @Inject
    TrainingCopyRegister copies;
    @Inject
    Jdbi jdbi;

    @Test
    void a_due_recording_is_removed_from_the_store_logged_and_announced() throws Exception {
        CallRecorded call = stored(OffsetDateTime.now(ZoneOffset.ofHours(2)).minusMinutes(1));

        SweepResult result = sweeper.sweep();

        assertThat(result.deleted()).isGreaterThanOrEqualTo(1);
        assertThat(result.error()).isNull();
        assertThat(Recordings.exists(minio, s3.bucket(), call.objectKey())).isFalse();
        assertThat(deletedAt(call.recordingId())).isNotNull();
        List<Object[]> log = rows("SELECT object_key, reason, due_at FROM deletion_log WHERE recording_id = ?1", call.recordingId());
        assertThat(log).hasSize(1);
        assertThat(log.get(0)[0]).isEqualTo(call.objectKey());
        assertThat(log.get(0)[1]).isEqualTo(DeletionReasons.RETENTION);
        List<RecordingDeleted> events = queued(RecordingDeleted.class, call.recordingId());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).objectKey()).isEqualTo(call.objectKey());
        assertThat(events.get(0).reason()).isEqualTo(DeletionReasons.RETENTION);
        assertThat(events.get(0).dueAt()).isEqualTo(call.startedAt().toInstant().plusSeconds(2));

        // A second sweep finds nothing more to do for it.
        sweeper.sweep();
        assertThat(queued(RecordingDeleted.class, call.recordingId())).hasSize(1);
    }

    @Test
    void a_recording_not_yet_due_is_kept() throws Exception {
        CallRecorded call = stored(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(10));
        sweeper.sweep();
        assertThat(Recordings.exists(minio, s3.bucket(), call.objectKey())).isTrue();
        assertThat(deletedAt(call.recordingId())).isNull();
    }

    @Test
    void a_held_recording_survives_sweeps_and_goes_at_the_first_sweep_after_release() throws Exception {
        CallRecorded call = stored(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
        holds.place(call.recordingId(), "accident", "ACC-2026-0042", "Fall on an icy street", "supervisor1");

        sweeper.sweep();
        sweeper.sweep();
        assertThat(Recordings.exists(minio, s3.bucket(), call.objectKey())).isTrue();
        assertThat(deletedAt(call.recordingId())).isNull();

        holds.release(call.recordingId(), "Case closed", null, "manager1");
        sweeper.sweep();
        assertThat(Recordings.exists(minio, s3.bucket(), call.objectKey())).isFalse();
        assertThat(deletedAt(call.recordingId())).isNotNull();

        List<RecordingHoldChanged> changes = queued(RecordingHoldChanged.class, call.recordingId());
        assertThat(changes).extracting(RecordingHoldChanged::held).containsExactly(true, false);
        assertThat(changes.get(0).caseReference()).isEqualTo("ACC-2026-0042");
        assertThat(changes.get(0).changedBy()).isEqualTo("supervisor1");
        assertThat(changes.get(1).releaseReason()).isEqualTo("Case closed");
        assertThat(changes.get(1).changedBy()).isEqualTo("manager1");
        assertThat(rows("SELECT changed_by FROM hold_change WHERE recording_id = ?1 ORDER BY id", call.recordingId()))
                .hasSize(2);

        // Too late now: the recording is gone, and the answer says when.
        assertThatThrownBy(() -> holds.place(call.recordingId(), "crime", "POL-1", null, "supervisor1"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(410);
                    assertThat(e.problem().detail()).contains("was deleted at");
                });
    }

    @Test
    void a_hold_placed_after_the_sweep_chose_its_batch_and_before_it_deleted_wins() throws Exception {
        CallRecorded raced = stored(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
        CallRecorded other = stored(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
        UUID sweepId = UUID.randomUUID();
        List<UUID> claimedBeforeHold = RowLock.claimBatchOf(sweeper, sweepId, raced.recordingId());
        holds.place(raced.recordingId(), "crime", "POL-2026-1234", "Threat against staff", "supervisor1");

        Sweeper.BatchOutcome result = sweeper.deleteClaimed(sweepId, claimedBeforeHold);
        sweeper.sweep();

        assertThat(claimedBeforeHold).contains(raced.recordingId());
        assertThat(result.keptByHold()).isGreaterThanOrEqualTo(1);
        assertThat(Recordings.exists(minio, s3.bucket(), raced.objectKey())).isTrue();
        assertThat(deletedAt(raced.recordingId())).isNull();
        assertThat(queued(RecordingDeleted.class, raced.recordingId())).isEmpty();
        assertThat(Recordings.exists(minio, s3.bucket(), other.objectKey())).isFalse();

        // Later sweeps keep respecting it.
        sweeper.sweep();
        assertThat(Recordings.exists(minio, s3.bucket(), raced.objectKey())).isTrue();

        // Released right after, it is due at the very next sweep, not once the claim would have lapsed.
        holds.release(raced.recordingId(), "Case closed", null, "manager1");
        SweepResult afterRelease = sweeper.sweep();
        assertThat(afterRelease.deleted()).isGreaterThanOrEqualTo(1);
        assertThat(Recordings.exists(minio, s3.bucket(), raced.objectKey())).isFalse();
        assertThat(deletedAt(raced.recordingId())).isNotNull();
        assertThat(queued(RecordingDeleted.class, raced.recordingId())).hasSize(1);
    }

    @Test
    void a_hold_arriving_while_the_sweep_deletes_waits_for_it_and_then_answers_gone() throws Exception {
        CallRecorded raced = stored(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
        copyOf(raced);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<SweepResult> sweep;
            Future<?> hold;
            try (RowLock copies = RowLock.onCopiesOf(jdbi, raced.recordingId())) {
                sweep = pool.submit(sweeper::sweep);
                copies.awaitDeletionWaiting();
                hold = pool.submit(() -> holds.place(raced.recordingId(), "crime", "POL-9", null, "supervisor1"));
                // The hold waits on the row lock the sweep's transaction holds.
                copies.awaitWaitingBehindTheDeletion();
                assertThat(hold.isDone()).isFalse();
            }
            assertThat(sweep.get(30, TimeUnit.SECONDS).error()).isNull();
            assertThatThrownBy(() -> hold.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e.getCause()).problem().status()).isEqualTo(410));
        } finally {
            pool.shutdownNow();
        }
        assertThat(Recordings.exists(minio, s3.bucket(), raced.objectKey())).isFalse();
        assertThat(deletedAt(raced.recordingId())).isNotNull();
        assertThat(queued(RecordingHoldChanged.class, raced.recordingId())).isEmpty();
    }

    @Test
    void two_sweeps_at_once_delete_each_recording_once() throws Exception {
        List<CallRecorded> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            calls.add(stored(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<SweepResult> a = pool.submit(() -> {
                start.await();
                return sweeper.sweep();
            });
            Future<SweepResult> b = pool.submit(() -> {
                start.await();
                return sweeper.sweep();
            });
            start.countDown();
            SweepResult ra = a.get(2, TimeUnit.MINUTES);
            SweepResult rb = b.get(2, TimeUnit.MINUTES);
            assertThat(ra.error()).isNull();
            assertThat(rb.error()).isNull();
            assertThat(ra.failed() + rb.failed()).isZero();
        } finally {
            pool.shutdownNow();
        }
        for (CallRecorded call : calls) {
            assertThat(Recordings.exists(minio, s3.bucket(), call.objectKey())).isFalse();
            assertThat(rows("SELECT id FROM deletion_log WHERE recording_id = ?1", call.recordingId())).hasSize(1);
            assertThat(queued(RecordingDeleted.class, call.recordingId())).hasSize(1);
        }
    }

    @Test
    void a_recording_in_a_bucket_this_service_does_not_manage_or_under_another_key_is_refused() {
        CallRecorded foreign = Recordings.event("someone-elses-bucket", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> schedule.schedule(foreign)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("bucket");
        assertThat(rows("SELECT recording_id FROM retention_schedule WHERE recording_id = ?1", foreign.recordingId())).isEmpty();

        CallRecorded other = Recordings.event(s3.bucket(), OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
        CallRecorded own = Recordings.event(s3.bucket(), OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(2));
        CallRecorded pointing = new CallRecorded(own.eventId(), own.type(), own.version(), own.occurredAt(), own.recordingId(),
                own.callId(), own.bucket(), other.objectKey(), own.sha256(), own.sizeBytes(), own.audio(), own.startedAt(),
                own.endedAt(), own.callerNumber(), own.agentExtension(), own.serviceLine(), null, null, true, List.of());
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> schedule.schedule(pointing)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("object key");
        assertThat(rows("SELECT recording_id FROM retention_schedule WHERE recording_id = ?1", own.recordingId())).isEmpty();
    }

    private CallRecorded stored(OffsetDateTime startedAt) throws Exception {
        CallRecorded call = Recordings.event(s3.bucket(), startedAt);
        Recordings.putObject(minio, s3.bucket(), call.objectKey());
        QuarkusTransaction.requiringNew().run(() -> schedule.schedule(call));
        return call;
    }

    /** A training copy of the recording, so that a deletion's last lock can be held (see {@link RowLock}). */
    private void copyOf(CallRecorded call) {
        TrainingCopyMade copy = TrainingCopyMade.of(call.recordingId(), UUID.randomUUID(), s3.bucket(), Instant.now());
        QuarkusTransaction.requiringNew().run(() -> copies.made(copy));
    }

    private Object deletedAt(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT deleted_at FROM retention_schedule WHERE recording_id = ?1")
                .setParameter(1, id).getSingleResult());
    }

    private List<Object[]> rows(String sql, UUID id) {
        return Recordings.rows(em, sql, id);
    }

    private <T extends fi.hel.callrec.events.CallrecEvent> List<T> queued(Class<T> type, UUID recordingId) {
        return Recordings.queued(em, type, recordingId);
    }
}
