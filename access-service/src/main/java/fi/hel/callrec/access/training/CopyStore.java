package fi.hel.callrec.access.training;

import fi.hel.callrec.commons.storage.ObjectStoreUnavailableException;
import fi.hel.callrec.training.audio.SourceFormat;
import fi.hel.callrec.training.audio.Span;
import fi.hel.callrec.training.audio.TrainingCopier;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Streams a source recording from the object store through the copier into the copy's own
 * object: the store's answer is read as the copy is uploaded, part by part, so memory does not
 * grow with the call's length.
 */
@ApplicationScoped
public class CopyStore {

    private final MinioClient minio;

    public CopyStore(MinioClient minio) {
        this.minio = minio;
    }

    /** The stored copy's length and SHA-256. */
    public record Written(long sizeBytes, String sha256) {
    }

    /**
     * Throws {@link IllegalArgumentException} when the source does not match its format and
     * {@link ObjectStoreUnavailableException} when the store fails.
     */
    public Written write(String bucket, String sourceKey, String copyKey, SourceFormat format, List<Span> spans, double factor) {
        try (InputStream source = minio.getObject(GetObjectArgs.builder().bucket(bucket).object(sourceKey).build())) {
            TrainingCopier.Copy copy = TrainingCopier.open(source, format, spans, factor);
            MessageDigest sha256 = sha256();
            try (InputStream wav = new DigestInputStream(copy.wav(), sha256)) {
                minio.putObject(PutObjectArgs.builder().bucket(bucket).object(copyKey).stream(wav, copy.length(), -1)
                        .contentType("audio/wav").build());
            }
            return new Written(copy.length(), HexFormat.of().formatHex(sha256.digest()));
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new ObjectStoreUnavailableException("could not write training copy " + copyKey, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
