package fi.hel.callrec.training.audio;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A source, span or factor that is not what it should be is refused, saying what is wrong. */
class BadInputTest {

    private static final SourceFormat PCM = new SourceFormat("pcm", 8000, 1, 16);
    private static final byte[] WAV = TestWav.wav(1, 8000, 1, 16, new byte[16000], false, false);

    @Test
    void fmtDisagreeingWithTheDeclaredFormat() {
        assertRefused(WAV, new SourceFormat("alaw", 8000, 1, 8), List.of(), 1.2, "codec pcm", "alaw");
        assertRefused(WAV, new SourceFormat("pcm", 16000, 1, 16), List.of(), 1.2, "sample rate 8000 Hz", "16000 Hz");
        assertRefused(WAV, new SourceFormat("pcm", 8000, 2, 16), List.of(), 1.2, "channel count 1");
        assertRefused(WAV, new SourceFormat("pcm", 8000, 1, 8), List.of(), 1.2, "bits per sample 16");
        byte[] notWav = "RIFX\0\0\0\0WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertRefused(notWav, PCM, List.of(), 1.2, "not a RIFF/WAVE file");
        byte[] adpcm = TestWav.wav(2, 8000, 1, 16, new byte[16], false, false);
        assertRefused(adpcm, PCM, List.of(), 1.2, "format tag 0x0002");
    }

    @Test
    void spanPastTheEnd() {
        assertRefused(WAV, PCM, List.of(new Span(0.2, 0.5), new Span(0.9, 1.1)), 1.2,
                "span 0.900–1.100 s ends after the end of the audio at 1.000 s");
    }

    @Test
    void badSpans() {
        assertThatThrownBy(() -> new Span(2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not end after it starts");
        assertThatThrownBy(() -> new Span(-0.1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starts before the call");
        assertThatThrownBy(() -> new Span(0, Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
    }

    @Test
    void badFactors() {
        for (double factor : new double[] {1.0, 0.5, 2.0, Double.NaN, 0.3, 2.5}) {
            assertRefused(WAV, PCM, List.of(), factor, "pitch factor " + factor + " is not allowed");
        }
    }

    @Test
    void sourceEndingBeforeItsDeclaredAudio() throws Exception {
        byte[] cut = Arrays.copyOf(WAV, WAV.length - 4000);
        TrainingCopier.Copy copy = TrainingCopier.open(new ByteArrayInputStream(cut), PCM, List.of(), 1.2);
        assertThatThrownBy(() -> copy.wav().readAllBytes()).isInstanceOf(EOFException.class)
                .hasMessageContaining("ended after 6000 of the 8000 frames");
    }

    private static void assertRefused(byte[] wav, SourceFormat format, List<Span> spans, double factor, String... words) {
        var thrown = assertThatThrownBy(() -> TrainingCopier.open(new ByteArrayInputStream(wav), format, spans, factor))
                .isInstanceOf(IllegalArgumentException.class);
        for (String word : words) {
            thrown.hasMessageContaining(word);
        }
    }
}
