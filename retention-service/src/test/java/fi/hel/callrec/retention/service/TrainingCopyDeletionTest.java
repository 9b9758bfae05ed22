package fi.hel.callrec.retention.service;

import static org.assertj.core.api.Assertions.assertThat;

import fi.hel.callrec.commons.storage.S3Config;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.DeletionReasons;
import fi.hel.callrec.events.TrainingCopyMade;
import io.minio.MinioClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A training copy never outlives its source: it goes in the same step and the same deletion-log entry. */
@QuarkusTest
class TrainingCopyDeletionTest {

    @Inject
    TrainingCopyRegister register;
    @Inject
    ScheduleService schedule;
    @Inject
    Sweeper sweeper;
    @Inject
    Eraser eraser;
    @Inject
    HoldService holds;
    @Inject
    RetentionStatus status;
    @Inject
    MinioClient minio;
    @Inject
    S3Config s3;
    @Inject
    EntityManager em;

    @Test
    void an_erased_recording_takes_its_copies_with_it_in_one_log_entry() throws Exception {
        CallRecorded call = stored(OffsetDateTime.now(ZoneOffset.UTC).plusDays(30));
        TrainingCopyMade first = copyOf(call);
        TrainingCopyMade second = copyOf(call);
        long storedBefore = status.count().trainingCopies();

        eraser.erase(call.recordingId(), "Recorded in error", "manager1");

        assertThat(Recordings.exists(minio, s3.bucket(), call.objectKey())).isFalse();
        assertThat(Recordings.exists(minio, s3.bucket(), first.objectKey())).isFalse();
        assertThat(Recordings.exists(minio, s3.bucket(), second.objectKey())).isFalse();
        List<Object[]> log = Recordings.rows(em, "SELECT reason, copy_keys FROM deletion_log WHERE recording_id = ?1", call.recordingId());
        assertThat(log).singleElement().satisfies(row -> {
            assertThat(row[0]).isEqualTo(DeletionReasons.ERASURE);
            assertThat(keys(row[1])).containsExactlyInAnyOrder(first.objectKey(), second.objectKey());
        });
        assertThat(status.count().trainingCopies()).isEqualTo(storedBefore - 2);
    }

    @Test
    void a_held_recordings_copy_survives_the_sweep_until_the_hold_is_released() throws Exception {
        CallRecorded call = stored(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
        TrainingCopyMade copy = copyOf(call);
        holds.place(call.recordingId(), "accident", "ACC-COPY-1", null, "supervisor1");

        sweeper.sweep();

        assertThat(Recordings.exists(minio, s3.bucket(), call.objectKey())).isTrue();
        assertThat(Recordings.exists(minio, s3.bucket(), copy.objectKey())).isTrue();

        holds.release(call.recordingId(), "Case closed", null, "supervisor1");
        sweeper.sweep();

        assertThat(Recordings.exists(minio, s3.bucket(), call.objectKey())).isFalse();
        assertThat(Recordings.exists(minio, s3.bucket(), copy.objectKey())).isFalse();
        assertThat(Recordings.rows(em, "SELECT reason, copy_keys FROM deletion_log WHERE recording_id = ?1", call.recordingId()))
                .singleElement().satisfies(row -> {
                    assertThat(row[0]).isEqualTo(DeletionReasons.RETENTION);
                    assertThat(keys(row[1])).containsExactly(copy.objectKey());
                });
    }

    @Test
    void a_copy_announced_after_its_source_was_destroyed_is_destroyed_at_once() throws Exception {
        CallRecorded call = stored(OffsetDateTime.now(ZoneOffset.UTC).plusDays(30));
        eraser.erase(call.recordingId(), "Recorded in error", "manager1");

        TrainingCopyMade late = copyOf(call);

        assertThat(Recordings.exists(minio, s3.bucket(), late.objectKey())).isFalse();
        assertThat(Recordings.rows(em, "SELECT reason, copy_keys FROM deletion_log WHERE recording_id = ?1 ORDER BY id",
                call.recordingId())).extracting(row -> row[0]).containsExactly(DeletionReasons.ERASURE, TrainingCopyRegister.SOURCE_DELETED);
        assertThat(Recordings.rows(em, "SELECT deleted_at FROM training_copy WHERE recording_id = ?1", call.recordingId()))
                .singleElement().satisfies(row -> assertThat(row[0]).isNotNull());
    }

    @Test
    void the_same_announcement_twice_registers_one_copy() throws Exception {
        CallRecorded call = stored(OffsetDateTime.now(ZoneOffset.UTC).plusDays(30));
        TrainingCopyMade copy = copyOf(call);

        QuarkusTransaction.requiringNew().run(() -> register.made(copy));

        assertThat(Recordings.rows(em, "SELECT copy_id FROM training_copy WHERE recording_id = ?1", call.recordingId())).hasSize(1);
    }

    private TrainingCopyMade copyOf(CallRecorded call) throws Exception {
        TrainingCopyMade event = TrainingCopyMade.of(call.recordingId(), UUID.randomUUID(), s3.bucket(), Instant.now());
        Recordings.putObject(minio, s3.bucket(), event.objectKey());
        QuarkusTransaction.requiringNew().run(() -> register.made(event));
        return event;
    }

    private CallRecorded stored(OffsetDateTime startedAt) throws Exception {
        CallRecorded call = Recordings.event(s3.bucket(), startedAt);
        Recordings.putObject(minio, s3.bucket(), call.objectKey());
        QuarkusTransaction.requiringNew().run(() -> schedule.schedule(call));
        return call;
    }

    private static List<Object> keys(Object column) {
        try {
            return column instanceof Array array ? List.of((Object[]) array.getArray()) : List.of((Object[]) column);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
