package fi.hel.callrec.training.audio;

import java.util.Set;

/**
 * The source's format as measured at upload, which the copier checks against the WAV's own
 * {@code fmt } chunk so that a mislabelled object is refused rather than turned into noise.
 *
 * @param codec         {@code "pcm"} (8-bit unsigned or 16-bit signed little-endian), {@code "alaw"}
 *                      or {@code "mulaw"} (8-bit G.711)
 * @param sampleRateHz  samples per second per channel
 * @param channels      1 for a mixed call, 2 when caller and agent are on separate channels
 * @param bitsPerSample bits per stored sample: 8 or 16 for PCM, 8 for G.711
 */
public record SourceFormat(String codec, int sampleRateHz, int channels, int bitsPerSample) {

    public static final String PCM = "pcm";
    public static final String ALAW = "alaw";
    public static final String MULAW = "mulaw";

    private static final Set<String> CODECS = Set.of(PCM, ALAW, MULAW);

    public SourceFormat {
        if (codec == null || !CODECS.contains(codec)) {
            throw new IllegalArgumentException("codec '" + codec + "' is not supported; accepted: pcm, alaw, mulaw");
        }
        if (sampleRateHz <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, not " + sampleRateHz + " Hz");
        }
        if (channels <= 0) {
            throw new IllegalArgumentException("channel count must be positive, not " + channels);
        }
        boolean bitsOk = codec.equals(PCM) ? bitsPerSample == 8 || bitsPerSample == 16 : bitsPerSample == 8;
        if (!bitsOk) {
            throw new IllegalArgumentException(codec + " with " + bitsPerSample + " bits per sample is not supported; accepted: "
                    + (codec.equals(PCM) ? "8 or 16" : "8"));
        }
    }

    /** Bytes of one frame: a sample of every channel. */
    int blockAlign() {
        return channels * bitsPerSample / 8;
    }
}
