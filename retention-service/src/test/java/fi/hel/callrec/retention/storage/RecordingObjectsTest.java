package fi.hel.callrec.retention.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import fi.hel.callrec.commons.storage.S3Config;
import io.minio.DisableObjectLegalHoldArgs;
import io.minio.EnableObjectLegalHoldArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The object-lock side of the store (legal holds, version-aware deletes), which only a MinIO with
 * object lock can exercise for real and the local S3 server lacks: checked here against a mocked
 * client for what is asked of the store.
 */
class RecordingObjectsTest {

    private final MinioClient minio = mock(MinioClient.class);

    private RecordingObjects objects(boolean objectLock) {
        S3Config config = mock(S3Config.class);
        when(config.objectLock()).thenReturn(objectLock);
        when(config.bucket()).thenReturn("recordings");
        return new RecordingObjects(minio, config);
    }

    @Test
    void with_object_lock_a_hold_sets_and_a_release_clears_the_legal_hold_on_that_object() throws Exception {
        RecordingObjects objects = objects(true);

        objects.legalHold("recordings", "recordings/2026/03/02/a.wav", true);
        ArgumentCaptor<EnableObjectLegalHoldArgs> enabled = ArgumentCaptor.forClass(EnableObjectLegalHoldArgs.class);
        verify(minio).enableObjectLegalHold(enabled.capture());
        assertThat(enabled.getValue().bucket()).isEqualTo("recordings");
        assertThat(enabled.getValue().object()).isEqualTo("recordings/2026/03/02/a.wav");

        objects.legalHold("recordings", "recordings/2026/03/02/a.wav", false);
        ArgumentCaptor<DisableObjectLegalHoldArgs> disabled = ArgumentCaptor.forClass(DisableObjectLegalHoldArgs.class);
        verify(minio).disableObjectLegalHold(disabled.capture());
        assertThat(disabled.getValue().object()).isEqualTo("recordings/2026/03/02/a.wav");
    }

    @Test
    void without_object_lock_the_store_is_not_asked_for_legal_holds() throws Exception {
        RecordingObjects objects = objects(false);

        objects.legalHold("recordings", "recordings/2026/03/02/a.wav", true);
        objects.legalHold("recordings", "recordings/2026/03/02/a.wav", false);

        verifyNoInteractions(minio);
    }

    @Test
    void with_object_lock_every_version_is_destroyed_and_a_refused_key_is_reported() throws Exception {
        RecordingObjects objects = objects(true);
        when(minio.listObjects(any(ListObjectsArgs.class))).thenAnswer(call -> {
            ListObjectsArgs args = call.getArgument(0);
            assertThat(args.includeVersions()).isTrue();
            String key = args.prefix();
            // A prefix listing also finds longer keys, which must not be deleted with this one.
            return List.of(version(key, "v1"), version(key, "v2"), version(key + ".bak", "v9"));
        });
        List<DeleteObject> asked = new ArrayList<>();
        when(minio.removeObjects(any(RemoveObjectsArgs.class))).thenAnswer(call -> {
            RemoveObjectsArgs args = call.getArgument(0);
            args.objects().forEach(asked::add);
            return List.of(error("held.wav", "AccessDenied"), error("gone.wav", "NoSuchKey"));
        });

        Set<String> refused = objects.removeAll("recordings", List.of("held.wav", "gone.wav"));

        assertThat(refused).containsExactly("held.wav");
        assertThat(asked).hasSize(4);
        verify(minio, never()).enableObjectLegalHold(any());
    }

    private static Result<Item> version(String key, String versionId) {
        Item item = mock(Item.class);
        when(item.objectName()).thenReturn(key);
        when(item.versionId()).thenReturn(versionId);
        return new Result<>(item);
    }

    private static Result<DeleteError> error(String key, String code) {
        DeleteError error = mock(DeleteError.class);
        when(error.objectName()).thenReturn(key);
        when(error.code()).thenReturn(code);
        return new Result<>(error);
    }
}
