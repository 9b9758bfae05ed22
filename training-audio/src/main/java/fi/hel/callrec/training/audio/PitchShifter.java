package fi.hel.callrec.training.audio;

import java.util.Arrays;

/**
 * Shifts the pitch of one channel by a constant factor and keeps its duration, streaming, in a
 * fixed amount of memory: the disguise of a voice in a training copy.
 *
 * <p>WSOLA with resampled grains: output grain {@code k} (32 ms, Hann window, 50 % overlap) starts
 * at output position {@code k × hop} and reads the input at rate {@code factor}, so every frequency
 * in it is multiplied by the factor. The grain is centred on the same input time as its output
 * time, which keeps the timing of the call; within ±8 ms of that place its start is chosen where
 * the input best matches the natural continuation of the previous grain (normalised
 * cross-correlation on raw input samples, first on a 0.5 ms grid with every 0.5 ms-th sample, then
 * refined by halving steps), so that overlapping grains add in phase.
 *
 * <p>The input is written ahead as {@link #inputNeeded()} asks, into a ring buffer stored twice
 * over so that any window of it is one contiguous run of the array.
 */
final class PitchShifter {

    private static final double GRAIN_SECONDS = 0.032;
    private static final double TOLERANCE_SECONDS = 0.008;
    private static final double COARSE_STEP_SECONDS = 0.0005;
    /** Mean square below one step of 16 bits: nothing to line up with. */
    private static final double SILENT_MEAN_SQUARE = 1.0;

    private final double factor;
    private final int hop;
    private final int grain;
    private final int tolerance;
    private final int coarse;
    private final double[] window;
    private final int capacity;
    private final int mask;
    private final double[] ring;
    private final double[] acc;
    private long written;
    private long hopIndex;
    private long nextGrain = -1;
    private double previousStart = Double.NaN;

    PitchShifter(int sampleRateHz, double factor) {
        this.factor = factor;
        this.coarse = Math.max(1, (int) Math.round(sampleRateHz * COARSE_STEP_SECONDS));
        this.hop = Math.max(8, (int) Math.round(sampleRateHz * GRAIN_SECONDS / 2));
        this.grain = 2 * hop;
        this.tolerance = coarse * Math.max(1, (int) Math.round(sampleRateHz * TOLERANCE_SECONDS / coarse));
        this.window = new double[grain];
        for (int j = 0; j < grain; j++) {
            window[j] = 0.5 - 0.5 * Math.cos(2 * Math.PI * j / grain);
        }
        this.capacity = Integer.highestOneBit(2 * grain + hop + 2 * tolerance + 16) << 1;
        this.mask = capacity - 1;
        this.ring = new double[2 * capacity];
        this.acc = new double[grain];
    }

    /** Output samples produced by each {@link #nextHop}. */
    int hop() {
        return hop;
    }

    /** How many input samples (counted from the first) must have been written before the next {@link #nextHop}. */
    long inputNeeded() {
        return (long) Math.floor(nominalStart(hopIndex) + tolerance + 1 + (grain - 1) * factor) + 4;
    }

    /** Appends input samples. */
    void write(double[] src, int n) {
        for (int i = 0; i < n; i++) {
            int at = (int) (written++ & mask);
            ring[at] = src[i];
            ring[at + capacity] = src[i];
        }
    }

    /** Produces the next {@link #hop()} output samples into {@code out[0..hop)}. */
    void nextHop(double[] out) {
        while (nextGrain <= hopIndex) {
            addGrain(nextGrain, (int) ((nextGrain - hopIndex) * hop));
            nextGrain++;
        }
        System.arraycopy(acc, 0, out, 0, hop);
        System.arraycopy(acc, hop, acc, 0, hop);
        Arrays.fill(acc, hop, grain, 0.0);
        hopIndex++;
    }

    /** Where grain {@code k} starts reading when its centre maps onto the same time in input and output. */
    private double nominalStart(long k) {
        return k * (double) hop + grain / 2.0 - grain * factor / 2.0;
    }

    private void addGrain(long k, int offset) {
        double start = Double.isNaN(previousStart) ? nominalStart(k) : bestStart(nominalStart(k));
        previousStart = start;
        long whole = (long) Math.floor(start);
        double frac = start - whole;
        int base = index(whole - 1);
        for (int j = Math.max(0, -offset); j < grain; j++) {
            double p = frac + j * factor;
            int i = (int) p;
            double t = p - i;
            int q = base + i;
            double x0 = ring[q];
            double x1 = ring[q + 1];
            double x2 = ring[q + 2];
            double x3 = ring[q + 3];
            double c1 = 0.5 * (x2 - x0);
            double c2 = x0 - 2.5 * x1 + 2 * x2 - 0.5 * x3;
            double c3 = 0.5 * (x3 - x0) + 1.5 * (x1 - x2);
            acc[offset + j] += window[j] * (((c3 * t + c2) * t + c1) * t + x1);
        }
    }

    /**
     * The start near {@code nominal} whose first half best continues the previous grain. Candidates
     * are the continuation's own position plus a whole number of samples, so that the correlated raw
     * samples are in the same phase as the grain would read them.
     */
    private double bestStart(double nominal) {
        double continuation = previousStart + hop * factor;
        int len = (int) Math.ceil(hop * factor);
        long refWhole = (long) Math.floor(continuation);
        int ref = index(refWhole);
        long centre = Math.round(nominal - continuation);
        double refEnergy = 0;
        for (int m = 0; m < len; m += coarse) {
            refEnergy += ring[ref + m] * ring[ref + m];
        }
        if (refEnergy < SILENT_MEAN_SQUARE * ((len + coarse - 1) / coarse)) {
            return nominal;
        }
        int lowest = index(refWhole + centre - tolerance);
        int best = 0;
        double bestScore = score(ref, lowest + tolerance, len, coarse);
        for (int d = -tolerance; d <= tolerance; d += coarse) {
            if (d != 0) {
                double s = score(ref, lowest + tolerance + d, len, coarse);
                if (s > bestScore) {
                    bestScore = s;
                    best = d;
                }
            }
        }
        for (int step = coarse / 2; step >= 1; step /= 2) {
            int around = best;
            bestScore = score(ref, lowest + tolerance + around, len, step);
            for (int d = around - step; d <= around + step; d += 2 * step) {
                if (d >= -tolerance && d <= tolerance) {
                    double s = score(ref, lowest + tolerance + d, len, step);
                    if (s > bestScore) {
                        bestScore = s;
                        best = d;
                    }
                }
            }
        }
        return continuation + centre + best;
    }

    /** Cross-correlation of the reference with a candidate, over every {@code stride}-th sample, over the candidate's norm. */
    private double score(int ref, int candidate, int len, int stride) {
        double xy = 0;
        double yy = 0;
        for (int m = 0; m < len; m += stride) {
            double y = ring[candidate + m];
            xy += ring[ref + m] * y;
            yy += y * y;
        }
        return yy <= 0 ? 0 : xy / Math.sqrt(yy);
    }

    private int index(long position) {
        return (int) (position & mask);
    }
}
