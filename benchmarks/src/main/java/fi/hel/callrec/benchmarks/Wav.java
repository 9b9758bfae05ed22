package fi.hel.callrec.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Telephony-grade WAV files as the platform sends them: G.711 A-law, mono, 8000 Hz, 8 bits, in
 * the plain 44-byte RIFF layout. The audio is random bytes: what matters to the upload path is
 * the size, and random data keeps any compression on the way from flattering the figures.
 */
final class Wav {

    static final int HEADER_BYTES = 44;
    static final int SAMPLE_RATE_HZ = 8000;
    private static final short FORMAT_ALAW = 6;
    // The RIFF size field is 32 bits and counts everything after itself.
    private static final long MAX_AUDIO_BYTES = 0xFFFF_FFFFL - (HEADER_BYTES - 8);

    private Wav() {
    }

    /** Writes a WAV with {@code audioBytes} of audio to a new temp file, streamed: the heap never holds it. */
    static Path write(Path dir, long audioBytes, long seed) throws IOException {
        if (audioBytes <= 0 || audioBytes > MAX_AUDIO_BYTES) {
            throw new IllegalArgumentException("audio size must be 1.." + MAX_AUDIO_BYTES + " bytes, not " + audioBytes);
        }
        Path file = Files.createTempFile(dir, "bench-", ".wav");
        SplittableRandom random = new SplittableRandom(seed);
        byte[] buffer = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header(audioBytes));
            for (long left = audioBytes; left > 0; ) {
                int n = (int) Math.min(buffer.length, left);
                random.nextBytes(buffer);
                out.write(buffer, 0, n);
                left -= n;
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    /** How long the call lasted: one byte per sample, so that endedAt - startedAt matches the audio. */
    static Duration duration(long audioBytes) {
        return Duration.ofMillis(audioBytes * 1000 / SAMPLE_RATE_HZ);
    }

    static byte[] header(long audioBytes) {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(StandardCharsets.US_ASCII));
        h.putInt((int) (audioBytes + HEADER_BYTES - 8));
        h.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        h.put("fmt ".getBytes(StandardCharsets.US_ASCII));
        h.putInt(16);
        h.putShort(FORMAT_ALAW);
        h.putShort((short) 1);
        h.putInt(SAMPLE_RATE_HZ);
        h.putInt(SAMPLE_RATE_HZ);
        h.putShort((short) 1);
        h.putShort((short) 8);
        h.put("data".getBytes(StandardCharsets.US_ASCII));
        h.putInt((int) audioBytes);
        return h.array();
    }
}
