package fi.hel.callrec.training.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A marked span holds the tone and nothing of the voice around or inside it. */
class SpanToneTest {

    private static final int RATE = 8000;

    @Test
    void spanHoldsOnlyTheTone() throws Exception {
        double[] voice = TestWav.voiced(RATE, 6, 150, 3500, 12000, 400, 1);
        double[] copy = TestWav.copyMono(voice, RATE, List.of(new Span(2.0, 4.0)), 1.2);

        for (int i = 16000; i < 32000; i++) {
            double tone = 3276.7 * Math.sin(2 * Math.PI * 1000.0 * (i - 16000) / RATE);
            assertThat(copy[i]).as("sample %d", i).isCloseTo(tone, org.assertj.core.data.Offset.offset(1.0));
        }
        double before = 0;
        for (int i = 15600; i < 15960; i++) {
            before += copy[i] * copy[i] / 360;
        }
        assertThat(Math.sqrt(before)).as("RMS of the voice just before the span").isGreaterThan(1000.0);

        int n = 8192;
        double[] window = Spectrum.blackmanHarris(n);
        double[] mag = Spectrum.magnitudes(copy, 24000 - n / 2, window);
        double fullScale = 32768 * java.util.Arrays.stream(window).sum() / 2;
        int toneBin = (int) Math.round(1000.0 * n / RATE);
        int loudest = 0;
        for (int k = 0; k < mag.length; k++) {
            if (mag[k] > mag[loudest]) {
                loudest = k;
            }
            if (Math.abs(k - toneBin) > 4) {
                double dbfs = 20 * Math.log10(mag[k] / fullScale + 1e-20);
                assertThat(dbfs).as("bin %d (%.1f Hz)", k, k * (double) RATE / n).isLessThan(-60.0);
            }
        }
        assertThat(loudest).isEqualTo(toneBin);
        assertThat(20 * Math.log10(mag[toneBin] / fullScale)).isCloseTo(-20.0, org.assertj.core.data.Offset.offset(0.5));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(doubles = {0.7, 1.2, 1.9})
    void nothingSaidInsideASpanIsHeardOutsideIt(double factor) throws Exception {
        double[] source = TestWav.voiced(RATE, 4, 150, 3500, 20, 20, 4);
        double[] number = TestWav.voiced(RATE, 0.6, 190, 3500, 15000, 500, 5);
        System.arraycopy(number, 0, source, 2 * RATE, number.length);
        double[] copy = TestWav.copyMono(source, RATE, List.of(new Span(2.0, 2.6)), factor);

        for (int i = 0; i < copy.length; i++) {
            if (i < 16000 || i >= 20800) {
                assertThat(Math.abs(copy[i])).as("sample %d", i).isLessThan(100.0);
            }
        }
    }

    @Test
    void tonePlaysOnEveryChannelOfAStereoCall() throws Exception {
        double[] left = TestWav.voiced(RATE, 3, 120, 3000, 9000, 200, 2);
        double[] right = TestWav.voiced(RATE, 3, 210, 3000, 9000, 200, 3);
        byte[] wav = TestWav.wav(1, RATE, 2, 16, TestWav.pcm16(left, right), false, false);
        byte[] copy = TestWav.copy(wav, new SourceFormat("pcm", RATE, 2, 16), List.of(new Span(1.25, 1.5)), 0.8);
        double[][] x = TestWav.samples(copy, 2);

        for (int i = 10000; i < 12000; i++) {
            double tone = 3276.7 * Math.sin(2 * Math.PI * 1000.0 * (i - 10000) / RATE);
            assertThat(x[0][i]).isCloseTo(tone, org.assertj.core.data.Offset.offset(1.0));
            assertThat(x[1][i]).isEqualTo(x[0][i]);
        }
    }
}
