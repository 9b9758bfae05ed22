package fi.hel.callrec.retention.service;

import static org.assertj.core.api.Assertions.assertThat;

import fi.hel.callrec.commons.storage.S3Config;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.DeletionReasons;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.events.RecordingDeleted;
import io.minio.MinioClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation against the real test bucket, with retention 2 s and grace 1 s. Each run works
 * under its own day of a past century, so it never touches objects of other tests sharing the bucket.
 */
@QuarkusTest
class ReconcileTest {

    @Inject
    Reconciler reconciler;
    @Inject
    ScheduleService schedule;
    @Inject
    HoldService holds;
    @Inject
    MinioClient minio;
    @Inject
    S3Config s3;
    @Inject
    EntityManager em;

    @Test
    void an_old_object_no_schedule_knows_is_removed_logged_and_announced_and_known_ones_are_left() throws Exception {
        OffsetDateTime day = OffsetDateTime.of(1900 + ThreadLocalRandom.current().nextInt(99), 1 + ThreadLocalRandom.current().nextInt(12),
                1 + ThreadLocalRandom.current().nextInt(28), 10, 0, 0, 0, ZoneOffset.UTC);
        String prefix = String.format("recordings/%04d/%02d/%02d/", day.getYear(), day.getMonthValue(), day.getDayOfMonth());

        CallRecorded orphan = Recordings.event(s3.bucket(), day);
        Recordings.putObject(minio, s3.bucket(), orphan.objectKey());
        CallRecorded held = Recordings.event(s3.bucket(), day);
        Recordings.putObject(minio, s3.bucket(), held.objectKey());
        QuarkusTransaction.requiringNew().run(() -> schedule.schedule(held));
        holds.place(held.recordingId(), "crime", "POL-R", null, "supervisor1");
        String stranger = prefix + "notes.txt";
        Recordings.putObject(minio, s3.bucket(), stranger);
        // Past retention and grace (3 s) without waiting: the reconciliation's clock runs ahead.
        QuarkusMock.installMockForType(InstantSource.offset(InstantSource.system(), Duration.ofSeconds(10)), InstantSource.class);

        ReconcileResult result = reconciler.reconcile(prefix);

        assertThat(result.error()).isNull();
        assertThat(result.listed()).isEqualTo(3);
        assertThat(result.orphans()).isEqualTo(2);
        assertThat(result.deleted()).isEqualTo(1);
        assertThat(result.unrecognised()).containsExactly(stranger);
        assertThat(Recordings.exists(minio, s3.bucket(), orphan.objectKey())).isFalse();
        assertThat(Recordings.exists(minio, s3.bucket(), held.objectKey())).isTrue();
        assertThat(Recordings.exists(minio, s3.bucket(), stranger)).isTrue();
        assertThat(reasonLogged(orphan.recordingId())).containsExactly(DeletionReasons.RECONCILIATION);
        List<RecordingDeleted> events = deletedEvents(orphan.recordingId());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).reason()).isEqualTo(DeletionReasons.RECONCILIATION);
        assertThat(events.get(0).dueAt()).isNull();

        // A second pass finds nothing new.
        assertThat(reconciler.reconcile(prefix).deleted()).isZero();
        minio.removeObject(io.minio.RemoveObjectArgs.builder().bucket(s3.bucket()).object(stranger).build());
    }

    @SuppressWarnings("unchecked")
    private List<String> reasonLogged(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT reason FROM deletion_log WHERE recording_id = ?1").setParameter(1, id).getResultList());
    }

    @SuppressWarnings("unchecked")
    private List<RecordingDeleted> deletedEvents(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ((List<byte[]>) em
                .createNativeQuery("SELECT payload FROM outbox_event WHERE record_key = ?1 AND topic = 'recording-deleted'")
                .setParameter(1, id.toString()).getResultList())
                .stream().map(p -> EventJson.read(p, RecordingDeleted.class)).toList());
    }
}
