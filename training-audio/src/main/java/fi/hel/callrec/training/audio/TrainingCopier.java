package fi.hel.callrec.training.audio;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * Turns a recorded call into an anonymised training copy: every span a supervisor marked is
 * replaced by a steady tone, and every voice is pitch-shifted with its timing kept, so that the
 * copy can be heard in training without the words that identify the caller. Streaming: the copy
 * is made as it is read, in memory that does not depend on the call's length.
 */
public final class TrainingCopier {

    /** Sample rates the pitch shifter is made for: telephony up to studio rates. */
    private static final int MIN_RATE_HZ = 4_000;
    private static final int MAX_RATE_HZ = 192_000;
    /** The RIFF size field is 32 bits and counts all but the first 8 bytes. */
    private static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - (WavHeader.COPY_HEADER_BYTES - 8);

    private TrainingCopier() {
    }

    /**
     * The result: the copy's bytes as a stream to be read once, and its exact length in bytes,
     * known before reading.
     */
    public record Copy(InputStream wav, long length) {
    }

    /**
     * Reads the source's RIFF header up to the start of its {@code data} chunk (skipping any other
     * chunk, e.g. LIST, fact), checks the {@code fmt } chunk agrees with {@code format} (throws
     * IllegalArgumentException with a plain message otherwise, and for spans past the end of the
     * audio), and returns the copy: 16-bit PCM little-endian WAV, same sample rate and channel
     * count, with exactly two chunks, {@code fmt } (16-byte PCM fmt) then {@code data}, the same
     * number of frames as the source, every span replaced by a steady tone, every voice
     * pitch-shifted by pitchFactor with duration unchanged.
     *
     * <p>The returned stream pulls from {@code source} as it is read: memory use does not depend on
     * the call's length. Closing the returned stream closes the source; if this method throws, the
     * source is left open for the caller to close.
     *
     * <p>The {@code data} chunk's declared size gives the frame count (a trailing partial frame is
     * ignored); if the source ends before those frames, reading the copy throws an
     * {@link java.io.EOFException} rather than padding it, so a truncated source never passes for
     * a complete copy.
     *
     * @param source      the WAV, positioned at its first byte
     * @param format      the format measured at upload
     * @param spans       stretches to replace by the tone; may overlap, in any order
     * @param pitchFactor ratio of the copy's pitch to the source's: finite, in (0.5, 2.0), not 1
     * @throws IllegalArgumentException a bad factor or span, or a source that is not the declared WAV
     * @throws IOException              the source failed or ended before its audio
     */
    public static Copy open(InputStream source, SourceFormat format, List<Span> spans, double pitchFactor)
            throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(spans, "spans");
        if (!Double.isFinite(pitchFactor) || pitchFactor <= 0.5 || pitchFactor >= 2.0 || pitchFactor == 1.0) {
            throw new IllegalArgumentException("pitch factor " + pitchFactor
                    + " is not allowed: it must be finite, between 0.5 and 2.0 (exclusive) and not 1");
        }
        if (format.sampleRateHz() < MIN_RATE_HZ || format.sampleRateHz() > MAX_RATE_HZ) {
            throw new IllegalArgumentException("sample rate " + format.sampleRateHz() + " Hz is not supported; accepted: "
                    + MIN_RATE_HZ + " to " + MAX_RATE_HZ + " Hz");
        }
        long frames = WavHeader.readFrames(source, format);
        long dataBytes = frames * format.channels() * 2;
        if (dataBytes > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("the copy of " + frames + " frames would be " + dataBytes
                    + " bytes of 16-bit audio, more than a WAV file can hold (4 GiB)");
        }
        SpanMask mask = new SpanMask(spans, format.sampleRateHz(), frames);
        return new Copy(new CopyStream(source, format, frames, mask, pitchFactor),
                WavHeader.COPY_HEADER_BYTES + dataBytes);
    }
}
