package fi.hel.callrec.training.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whatever the source's layout, the copy is a plain 16-bit PCM WAV with fmt then data. */
class FormatTest {

    @ParameterizedTest(name = "{0} {2} ch {3} bit, extensible {4}, LIST chunks {5}")
    @CsvSource({
        "pcm,   8000, 1, 16, false, true",
        "pcm,   8000, 1,  8, false, false",
        "alaw,  8000, 1,  8, false, true",
        "mulaw, 8000, 1,  8, false, false",
        "pcm,  16000, 2, 16, false, false",
        "pcm,  16000, 2, 16, true,  true",
        "alaw,  8000, 2,  8, true,  false",
        "mulaw, 8000, 1,  8, true,  false"})
    void copyIsPlainPcm16(String codec, int rate, int channels, int bits, boolean extensible, boolean lists) throws Exception {
        int frames = rate * 2 + 7;
        double[] silent = new double[frames];
        double[] voice = TestWav.voiced(rate, (double) frames / rate, 160, 3000, 8000, 100, 7);
        double[][] source = channels == 1 ? new double[][] {voice} : new double[][] {silent, voice};
        byte[] wav = TestWav.wav(tag(codec), rate, channels, bits, encode(codec, bits, TestWav.pcm16(source)), extensible, lists);
        byte[] copy = TestWav.copy(wav, new SourceFormat(codec, rate, channels, bits), List.of(new Span(0.5, 0.75)), 1.3);

        ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(text(copy, 0)).isEqualTo("RIFF");
        assertThat(Integer.toUnsignedLong(b.getInt(4))).isEqualTo(copy.length - 8L);
        assertThat(text(copy, 8)).isEqualTo("WAVE");
        assertThat(chunks(copy)).containsExactly("fmt ", "data");
        assertThat(b.getInt(16)).isEqualTo(16);
        assertThat(new int[] {b.getShort(20), b.getShort(22), b.getInt(24), b.getInt(28), b.getShort(32), b.getShort(34)})
                .containsExactly(1, channels, rate, rate * channels * 2, channels * 2, 16);
        assertThat(b.getInt(40)).isEqualTo(frames * channels * 2).isEqualTo(copy.length - 44);

        double[][] x = TestWav.samples(copy, channels);
        assertThat(rms(x[channels - 1], rate)).as("voice level").isBetween(0.5 * rms(voice, rate), 2.0 * rms(voice, rate));
        if (channels == 2) {
            // A-law has no zero: its quietest codes decode to ±8.
            assertThat(rms(x[0], rate)).as("the silent channel stays silent").isLessThan(0.01 * rms(voice, rate));
        }
    }

    @Test
    void g711TablesMatchTheJdk() throws Exception {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) {
            codes[i] = (byte) i;
        }
        for (AudioFormat.Encoding enc : List.of(AudioFormat.Encoding.ALAW, AudioFormat.Encoding.ULAW)) {
            AudioInputStream g711 = new AudioInputStream(new ByteArrayInputStream(codes),
                    new AudioFormat(enc, 8000, 8, 1, 1, 8000, false), 256);
            byte[] pcm = AudioSystem.getAudioInputStream(new AudioFormat(8000, 16, 1, true, false), g711).readAllBytes();
            ByteBuffer b = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < 256; i++) {
                int ours = enc == AudioFormat.Encoding.ALAW ? SourceReader.alaw(i) : SourceReader.mulaw(i);
                assertThat(ours).as("%s code %d", enc, i).isEqualTo(b.getShort(2 * i));
            }
        }
    }

    @Test
    void closingTheCopyClosesTheSource() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        byte[] wav = TestWav.wav(1, 8000, 1, 16, new byte[1600], false, false);
        var source = new ByteArrayInputStream(wav) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        TrainingCopier.open(source, new SourceFormat("pcm", 8000, 1, 16), List.of(), 0.9).wav().close();
        assertThat(closed).isTrue();
    }

    static int tag(String codec) {
        return switch (codec) {
            case "alaw" -> 6;
            case "mulaw" -> 7;
            default -> 1;
        };
    }

    /** 16-bit PCM to the source's codec, through the JDK's own encoders. */
    static byte[] encode(String codec, int bits, byte[] pcm16) throws Exception {
        if (bits == 16) {
            return pcm16;
        }
        AudioFormat.Encoding target = switch (codec) {
            case "alaw" -> AudioFormat.Encoding.ALAW;
            case "mulaw" -> AudioFormat.Encoding.ULAW;
            default -> AudioFormat.Encoding.PCM_UNSIGNED;
        };
        AudioFormat from = new AudioFormat(8000, 16, 1, true, false);
        AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm16), from, pcm16.length / 2);
        if (target == AudioFormat.Encoding.PCM_UNSIGNED) {
            byte[] out = new byte[pcm16.length / 2];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) (pcm16[2 * i + 1] + 128);
            }
            return out;
        }
        return AudioSystem.getAudioInputStream(target, in).readAllBytes();
    }

    private static List<String> chunks(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        List<String> ids = new ArrayList<>();
        for (int at = 12; at < wav.length; at += 8 + b.getInt(at + 4)) {
            ids.add(text(wav, at));
        }
        return ids;
    }

    private static String text(byte[] b, int at) {
        return new String(b, at, 4, StandardCharsets.US_ASCII);
    }

    /** RMS over the second half, away from the span at 0.5 s. */
    private static double rms(double[] x, int rate) {
        double sum = 0;
        for (int i = rate; i < x.length; i++) {
            sum += x[i] * x[i];
        }
        return Math.sqrt(sum / (x.length - rate));
    }
}
