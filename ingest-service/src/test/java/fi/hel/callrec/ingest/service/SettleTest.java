package fi.hel.callrec.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import fi.hel.callrec.commons.storage.S3Config;
import fi.hel.callrec.ingest.PendingUpload;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Settling a failed upload asks the pending row, not the error, whether the receipt committed: a
 * commit whose answer a cut connection lost has deleted the row, and its object must stay.
 */
@QuarkusTest
class SettleTest {

    @Inject
    OrphanCleanup cleanup;
    @Inject
    UploadProcess process;
    @Inject
    MinioClient minio;
    @Inject
    S3Config s3;

    @Test
    void an_upload_whose_receipt_never_committed_leaves_nothing() throws Exception {
        UUID id = UUID.randomUUID();
        String key = "settle-test/" + id + ".wav";
        put(key);
        pending(id, key);

        cleanup.settle(id);

        assertThat(exists(key)).isFalse();
        PendingUpload left = QuarkusTransaction.requiringNew().call(() -> PendingUpload.findById(id));
        assertThat(left).isNull();
    }

    @Test
    void an_upload_whose_commit_went_through_keeps_its_object() throws Exception {
        UUID id = UUID.randomUUID();
        String key = "settle-test/" + id + ".wav";
        put(key);
        // No pending row: the commit deleted it with the receipt, and only its answer was lost.

        cleanup.settle(id);

        assertThat(exists(key)).isTrue();
    }

    @Test
    void the_uploads_of_a_process_that_died_are_settled_and_a_living_ones_are_not() throws Exception {
        UUID dead = UUID.randomUUID();
        String deadKey = "settle-test/" + dead + ".wav";
        put(deadKey);
        pending(dead, deadKey);
        setProcess(dead, UUID.randomUUID());
        UUID living = UUID.randomUUID();
        String livingKey = "settle-test/" + living + ".wav";
        put(livingKey);
        pending(living, livingKey);
        setProcess(living, process.id());

        cleanup.settleDeadProcesses();

        assertThat(exists(deadKey)).as("the dead process's upload").isFalse();
        assertThat(exists(livingKey)).as("this living process's upload").isTrue();
        PendingUpload stillPending = QuarkusTransaction.requiringNew().call(() -> PendingUpload.findById(living));
        assertThat(stillPending).isNotNull();
        cleanup.settle(living);
    }

    private void setProcess(UUID upload, UUID processId) {
        QuarkusTransaction.requiringNew().run(() -> PendingUpload.getEntityManager()
                .createNativeQuery("UPDATE pending_upload SET process_id = ?1 WHERE recording_id = ?2")
                .setParameter(1, processId).setParameter(2, upload).executeUpdate());
    }

    private void pending(UUID id, String key) {
        QuarkusTransaction.requiringNew().run(() -> {
            PendingUpload row = new PendingUpload();
            row.recordingId = id;
            row.bucket = s3.bucket();
            row.objectKey = key;
            row.startedAt = Instant.now();
            row.persist();
        });
    }

    private void put(String key) throws Exception {
        byte[] bytes = new byte[64];
        minio.putObject(PutObjectArgs.builder().bucket(s3.bucket()).object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
    }

    private boolean exists(String key) throws Exception {
        try {
            minio.statObject(StatObjectArgs.builder().bucket(s3.bucket()).object(key).build());
            return true;
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return false;
            }
            throw e;
        }
    }
}
