package fi.hel.callrec.access.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash of an audit entry: SHA-256 over every field and the previous entry's hash. Each field
 * is written with its length in front, so no two different entries share an encoding (a value
 * cannot swallow its neighbour's separator); null is written as a length of -1.
 */
public final class AuditHash {

    /** The previous hash of the first entry ever written. */
    public static final String GENESIS = "0".repeat(64);

    private AuditHash() {
    }

    public static String of(AuditEntry e) {
        StringBuilder b = new StringBuilder(512);
        field(b, "v1");
        field(b, Long.toString(e.seq));
        field(b, e.sessionId);
        field(b, e.occurredAt);
        field(b, e.kind);
        field(b, e.subject);
        field(b, e.username);
        field(b, e.roles);
        field(b, e.recordingId);
        field(b, e.purpose);
        field(b, e.method);
        field(b, e.rangeRequested);
        field(b, e.rangeStart);
        field(b, e.rangeEnd);
        field(b, e.bytes);
        field(b, e.status);
        field(b, e.outcome);
        field(b, e.clientAddress);
        field(b, e.refSeq);
        field(b, e.prevHash);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException("every JVM has SHA-256", e1);
        }
    }

    private static void field(StringBuilder b, Object value) {
        if (value == null) {
            b.append("-1:");
            return;
        }
        String text = value.toString();
        b.append(text.length()).append(':').append(text);
    }
}
