package fi.hel.callrec.training.audio;

/** Magnitude spectra for the tests: an in-place radix-2 FFT and the windows used with it. */
final class Spectrum {

    private Spectrum() {
    }

    /** |X[k]| for k in 0..n/2 of {@code x[from..from+n)} times {@code window}; n must be a power of two. */
    static double[] magnitudes(double[] x, int from, double[] window) {
        int n = window.length;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = x[from + i] * window[i];
        }
        fft(re, im);
        double[] mag = new double[n / 2 + 1];
        for (int k = 0; k <= n / 2; k++) {
            mag[k] = Math.hypot(re[k], im[k]);
        }
        return mag;
    }

    /** 4-term Blackman-Harris: side lobes below −92 dB, main lobe ±4 bins. */
    static double[] blackmanHarris(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * i / n;
            w[i] = 0.35875 - 0.48829 * Math.cos(t) + 0.14128 * Math.cos(2 * t) - 0.01168 * Math.cos(3 * t);
        }
        return w;
    }

    static double[] hann(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
        }
        return w;
    }

    private static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = -2 * Math.PI / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < len / 2; k++) {
                    double wr = Math.cos(angle * k);
                    double wi = Math.sin(angle * k);
                    int a = i + k;
                    int b = a + len / 2;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }
}
