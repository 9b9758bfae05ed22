package fi.hel.callrec.training.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The copy lasts exactly as long as the source, and what is heard keeps its place in time. */
class TimingTest {

    @ParameterizedTest(name = "{0} Hz, factor {1}")
    @CsvSource({"8000, 0.82", "8000, 1.2", "16000, 0.6", "16000, 1.9"})
    void burstKeepsItsTiming(int rate, double factor) throws Exception {
        double[] source = TestWav.voiced(rate, 5, 170, 3000, 30, 30, 5);
        double[] burst = TestWav.voiced(rate, 0.5, 170, 3000, 12000, 100, 6);
        System.arraycopy(burst, 0, source, 2 * rate, burst.length);
        double[] copy = TestWav.copyMono(source, rate, List.of(new Span(4.0, 4.2)), factor);

        assertThat(copy).hasSameSizeAs(source);
        assertThat(onset(source, rate)).isCloseTo(2.0, within(0.001));
        assertThat(onset(copy, rate)).isCloseTo(2.0, within(0.010));
        assertThat(end(copy, rate)).isCloseTo(2.5, within(0.010));
    }

    /** Where the energy in 2 ms frames first reaches a tenth of the burst's, in seconds. */
    private static double onset(double[] x, int rate) {
        double[] e = energy(x, rate);
        double threshold = 0.1 * java.util.Arrays.stream(e).max().orElseThrow();
        for (int i = 0; i < e.length; i++) {
            if (e[i] >= threshold) {
                return i * 0.002;
            }
        }
        throw new AssertionError("no onset");
    }

    /** Where the energy in 2 ms frames last reaches a tenth of the burst's, in seconds, before the span at 4 s. */
    private static double end(double[] x, int rate) {
        double[] e = energy(java.util.Arrays.copyOf(x, 4 * rate), rate);
        double threshold = 0.1 * java.util.Arrays.stream(e).max().orElseThrow();
        for (int i = e.length - 1; i >= 0; i--) {
            if (e[i] >= threshold) {
                return (i + 1) * 0.002;
            }
        }
        throw new AssertionError("no end");
    }

    private static double[] energy(double[] x, int rate) {
        int frame = rate / 500;
        double[] e = new double[x.length / frame];
        for (int i = 0; i < e.length; i++) {
            for (int j = i * frame; j < (i + 1) * frame; j++) {
                e[i] += x[j] * x[j];
            }
        }
        return e;
    }
}
