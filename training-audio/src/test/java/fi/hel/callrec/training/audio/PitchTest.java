package fi.hel.callrec.training.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The copy's fundamental is the source's times the pitch factor. */
class PitchTest {

    private static final double F0 = 140;

    @ParameterizedTest(name = "{0} Hz, factor {1}")
    @CsvSource({"8000, 0.82", "8000, 1.2", "16000, 0.82", "16000, 1.2", "8000, 1.6", "16000, 0.6"})
    void fundamentalIsShiftedByTheFactor(int rate, double factor) throws Exception {
        double[] voice = TestWav.voiced(rate, 8, F0, Math.min(3000, rate * 0.45 / factor), 10000, 200, 4);
        double[] copy = TestWav.copyMono(voice, rate, List.of(), factor);

        assertThat(fundamental(voice, rate)).isCloseTo(F0, within(F0 * 0.005));
        assertThat(fundamental(copy, rate)).isCloseTo(F0 * factor, within(F0 * factor * 0.03));
    }

    /** The strongest spectral peak between 60 and 400 Hz over the middle four seconds, interpolated. */
    private static double fundamental(double[] x, int rate) {
        int n = Integer.highestOneBit(rate * 4);
        double[] mag = Spectrum.magnitudes(x, (x.length - n) / 2, Spectrum.hann(n));
        double binHz = (double) rate / n;
        int peak = (int) (60 / binHz);
        for (int k = peak; k <= 400 / binHz; k++) {
            if (mag[k] > mag[peak]) {
                peak = k;
            }
        }
        double a = Math.log(mag[peak - 1]);
        double b = Math.log(mag[peak]);
        double c = Math.log(mag[peak + 1]);
        return (peak + 0.5 * (a - c) / (a - 2 * b + c)) * binHz;
    }
}
