package fi.hel.callrec.catalog.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Where the previous page ended: the start time and id of its last call, in the order of every
 * search (newest first, id as tie-breaker). Opaque to clients, so its form may change.
 */
public record Cursor(Instant startedAt, UUID recordingId) {

    private static final String VERSION = "c1";

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, startedAt);
        String plain = VERSION + ":" + micros + ":" + recordingId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws IllegalArgumentException when the text is no cursor of this service */
    public static Cursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            String[] parts = plain.split(":");
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("not a cursor");
            }
            Instant at = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
            return new Cursor(at, UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the cursor is not one this service gave out", e);
        }
    }
}
