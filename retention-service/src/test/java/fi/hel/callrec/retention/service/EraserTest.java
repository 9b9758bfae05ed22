package fi.hel.callrec.retention.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.hel.callrec.commons.problem.ProblemException;
import fi.hel.callrec.commons.storage.S3Config;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.DeletionReasons;
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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Erasure racing holds and sweeps on the same row lock, staged deliberately: whoever locks the
 * row first decides, and the other either sees the result or is refused; nothing is deleted twice.
 */
@QuarkusTest
class EraserTest {

    private static final String REASON = "Recorded in error";

    @Inject
    Eraser eraser;
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

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void a_hold_arriving_while_the_erasure_deletes_waits_and_then_answers_gone() throws Exception {
        CallRecorded call = stored(OffsetDateTime.now(ZoneOffset.UTC).plusDays(30));
        copyOf(call);
        Future<?> hold;
        Future<?> erasure;
        try (RowLock copies = RowLock.onCopiesOf(jdbi, call.recordingId())) {
            erasure = pool.submit(() -> eraser.erase(call.recordingId(), REASON, "manager1"));
            copies.awaitDeletionWaiting();
            hold = pool.submit(() -> holds.place(call.recordingId(), "crime", "POL-RACE-1", null, "supervisor1"));
            copies.awaitWaitingBehindTheDeletion();
        }

        erasure.get(30, TimeUnit.SECONDS);
        assertThatThrownBy(() -> hold.get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e.getCause()).problem().status()).isEqualTo(410));
        assertThat(Recordings.exists(minio, s3.bucket(), call.objectKey())).isFalse();
        assertThat(Recordings.queued(em, RecordingHoldChanged.class, call.recordingId())).isEmpty();
        assertThat(Recordings.queued(em, RecordingDeleted.class, call.recordingId()))
                .extracting(RecordingDeleted::reason).containsExactly(DeletionReasons.ERASURE);
    }

    @Test
    void an_erasure_arriving_while_the_sweep_deletes_waits_and_then_answers_gone() throws Exception {
        CallRecorded call = stored(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
        copyOf(call);
        Future<?> erasure;
        Future<SweepResult> sweep;
        try (RowLock copies = RowLock.onCopiesOf(jdbi, call.recordingId())) {
            sweep = pool.submit(sweeper::sweep);
            copies.awaitDeletionWaiting();
            erasure = pool.submit(() -> eraser.erase(call.recordingId(), REASON, "manager1"));
            copies.awaitWaitingBehindTheDeletion();
        }

        assertThat(sweep.get(30, TimeUnit.SECONDS).error()).isNull();
        assertThatThrownBy(() -> erasure.get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e.getCause()).problem().status()).isEqualTo(410));
        assertThat(Recordings.rows(em, "SELECT reason FROM deletion_log WHERE recording_id = ?1", call.recordingId()))
                .extracting(row -> row[0]).containsExactly(DeletionReasons.RETENTION);
        assertThat(Recordings.queued(em, RecordingDeleted.class, call.recordingId())).hasSize(1);
    }

    @Test
    void a_recording_erased_after_the_sweep_claimed_it_is_skipped_by_that_sweep() throws Exception {
        CallRecorded call = stored(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
        UUID sweepId = UUID.randomUUID();
        List<UUID> claimed = RowLock.claimBatchOf(sweeper, sweepId, call.recordingId());
        eraser.erase(call.recordingId(), REASON, "manager1");

        sweeper.deleteClaimed(sweepId, claimed);

        assertThat(claimed).contains(call.recordingId());
        assertThat(Recordings.exists(minio, s3.bucket(), call.objectKey())).isFalse();
        assertThat(Recordings.rows(em, "SELECT reason, requested_by FROM deletion_log WHERE recording_id = ?1", call.recordingId()))
                .singleElement().satisfies(row -> {
                    assertThat(row[0]).isEqualTo(DeletionReasons.ERASURE);
                    assertThat(row[1]).isEqualTo("manager1");
                });
        assertThat(Recordings.queued(em, RecordingDeleted.class, call.recordingId()))
                .extracting(RecordingDeleted::reason).containsExactly(DeletionReasons.ERASURE);
    }

    @Test
    void an_object_already_gone_from_the_store_is_erased_all_the_same() throws Exception {
        // As after a crash between the store's delete and the commit: the retry completes the erasure.
        CallRecorded call = stored(OffsetDateTime.now(ZoneOffset.UTC).plusDays(30));
        minio.removeObject(io.minio.RemoveObjectArgs.builder().bucket(s3.bucket()).object(call.objectKey()).build());

        eraser.erase(call.recordingId(), REASON, "manager1");

        assertThat(Recordings.rows(em, "SELECT deleted_at FROM retention_schedule WHERE recording_id = ?1", call.recordingId()))
                .singleElement().satisfies(row -> assertThat(row[0]).isNotNull());
        assertThat(Recordings.queued(em, RecordingDeleted.class, call.recordingId())).hasSize(1);
    }

    /** A training copy of the recording, so that a deletion's last lock can be held (see {@link RowLock}). */
    private void copyOf(CallRecorded call) {
        TrainingCopyMade copy = TrainingCopyMade.of(call.recordingId(), UUID.randomUUID(), s3.bucket(), Instant.now());
        QuarkusTransaction.requiringNew().run(() -> copies.made(copy));
    }

    private CallRecorded stored(OffsetDateTime startedAt) throws Exception {
        CallRecorded call = Recordings.event(s3.bucket(), startedAt);
        Recordings.putObject(minio, s3.bucket(), call.objectKey());
        QuarkusTransaction.requiringNew().run(() -> schedule.schedule(call));
        return call;
    }
}
