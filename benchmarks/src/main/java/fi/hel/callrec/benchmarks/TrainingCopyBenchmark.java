package fi.hel.callrec.benchmarks;

import fi.hel.callrec.training.audio.SourceFormat;
import fi.hel.callrec.training.audio.Span;
import fi.hel.callrec.training.audio.TrainingCopier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * CPU cost of making a training copy of a call (tone over three marked spans, pitch shift with the
 * duration kept), beside the cost of only streaming the same number of bytes.
 *
 * <p>Needs nothing running. Makes a {@code seconds} (300) long call at {@code rate} (8000 Hz),
 * 16-bit mono, in memory: a formant-synthesised speech-like signal (voiced syllables with gliding
 * pitch, unvoiced noise, pauses). After {@code warmup} (10) copies, it measures, {@code rounds} (9)
 * times in turn, the thread CPU time of (a) copying the call through {@link TrainingCopier} with
 * {@code factor} (1.15) into a sink and (b) copying the same WAV bytes to the sink unprocessed,
 * both through a {@code buffer} (8192) byte buffer. Prints the median of each, their ratio and the
 * goal: at most {@code goalMs} (1000) ms of CPU for the copy of a 5-minute call.
 */
public final class TrainingCopyBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private TrainingCopyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        int seconds = o.integer("seconds", 300);
        int rate = o.integer("rate", 8000);
        int rounds = o.integer("rounds", 9);
        int warmup = o.integer("warmup", 10);
        int buffer = o.integer("buffer", 8192);
        double factor = Double.parseDouble(o.string("factor", "1.15"));
        long goalMs = o.number("goalMs", 1000);
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        THREADS.setThreadCpuTimeEnabled(true);

        byte[] wav = speechLikeCall(rate, seconds, 20_261_206L);
        SourceFormat format = new SourceFormat("pcm", rate, 1, 16);
        List<Span> spans = List.of(new Span(seconds * 0.1, seconds * 0.1 + 3),
                new Span(seconds * 0.4, seconds * 0.4 + 4.5), new Span(seconds * 0.8, seconds * 0.8 + 2));
        System.out.printf(Locale.ROOT, "call: %d s, %d Hz, 16-bit mono, %,d bytes; %d spans; factor %.2f; buffer %,d B%n",
                seconds, rate, wav.length, spans.size(), factor, buffer);

        System.out.printf(Locale.ROOT, "warming up with %d copies (not counted) ...%n", warmup);
        for (int i = 0; i < warmup; i++) {
            copy(wav, format, spans, factor, buffer);
            plain(wav, buffer);
        }
        long[] copyNs = new long[rounds];
        long[] plainNs = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            long wall = System.nanoTime();
            copyNs[r] = copy(wav, format, spans, factor, buffer);
            wall = System.nanoTime() - wall;
            plainNs[r] = plain(wav, buffer);
            System.out.printf(Locale.ROOT, "round %d: copy %.1f ms CPU (%.1f ms wall), plain %.2f ms CPU%n",
                    r + 1, copyNs[r] / 1e6, wall / 1e6, plainNs[r] / 1e6);
        }
        double copyMs = median(copyNs) / 1e6;
        double plainMs = median(plainNs) / 1e6;
        System.out.println();
        System.out.println("== TrainingCopyBenchmark ==");
        System.out.printf(Locale.ROOT, "training copy of a %d s call: median %.1f ms CPU (min %.1f, max %.1f), %.0f× real time%n",
                seconds, copyMs, Arrays.stream(copyNs).min().orElseThrow() / 1e6,
                Arrays.stream(copyNs).max().orElseThrow() / 1e6, seconds * 1000 / copyMs);
        System.out.printf(Locale.ROOT, "plain stream of the same %,d bytes: median %.2f ms CPU%n", wav.length, plainMs);
        System.out.printf(Locale.ROOT, "ratio copy/plain: %.0f%n", copyMs / plainMs);
        System.out.printf(Locale.ROOT, "goal: copy <= %d ms CPU: %s%n", goalMs, copyMs <= goalMs ? "met" : "NOT met");
    }

    /** Thread CPU nanoseconds to make the copy and drain it into a sink. */
    private static long copy(byte[] wav, SourceFormat format, List<Span> spans, double factor, int buffer)
            throws IOException {
        long start = THREADS.getCurrentThreadCpuTime();
        TrainingCopier.Copy copy = TrainingCopier.open(new ByteArrayInputStream(wav), format, spans, factor);
        long n = drain(copy.wav(), buffer);
        long cpu = THREADS.getCurrentThreadCpuTime() - start;
        if (n != copy.length()) {
            throw new IllegalStateException("copy gave " + n + " bytes, announced " + copy.length());
        }
        return cpu;
    }

    /** Thread CPU nanoseconds to stream the same bytes into the sink without processing them. */
    private static long plain(byte[] wav, int buffer) throws IOException {
        long start = THREADS.getCurrentThreadCpuTime();
        long n = drain(new ByteArrayInputStream(wav), buffer);
        long cpu = THREADS.getCurrentThreadCpuTime() - start;
        if (n != wav.length) {
            throw new IllegalStateException("plain copy gave " + n + " bytes");
        }
        return cpu;
    }

    private static long drain(InputStream in, int bufferSize) throws IOException {
        byte[] b = new byte[bufferSize];
        long total = 0;
        try (in; OutputStream sink = OutputStream.nullOutputStream()) {
            for (int n; (n = in.read(b)) >= 0; ) {
                sink.write(b, 0, n);
                total += n;
            }
        }
        return total;
    }

    private static double median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    /**
     * A 16-bit mono WAV of speech-like sound: segments of 60–300 ms, voiced (a pulse train at a
     * gliding 90–260 Hz through three formant resonators), unvoiced (noise through the same) or a
     * pause, each with a smooth envelope, over a faint noise floor; peak at −3 dBFS.
     */
    static byte[] speechLikeCall(int rate, int seconds, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[rate * seconds];
        double[] y1 = new double[3];
        double[] y2 = new double[3];
        double phase = 0;
        for (int at = 0; at < x.length; ) {
            int len = Math.min(x.length - at, (int) (rate * (0.06 + random.nextDouble(0.24))));
            double kind = random.nextDouble();
            double f0a = 90 + random.nextDouble(170);
            double f0b = f0a * (0.8 + random.nextDouble(0.4));
            double[] formants = {300 + random.nextDouble(600), 900 + random.nextDouble(1400), 2300 + random.nextDouble(900)};
            double[][] coef = new double[3][];
            for (int f = 0; f < 3; f++) {
                double r = Math.exp(-Math.PI * (60 + 40 * f) / rate);
                double b = 2 * r * Math.cos(2 * Math.PI * formants[f] / rate);
                double c = -r * r;
                coef[f] = new double[] {1 - b - c, b, c};
            }
            for (int i = 0; i < len; i++) {
                double excitation;
                if (kind < 0.6) {
                    phase += (f0a + (f0b - f0a) * i / len) / rate;
                    excitation = phase >= 1 ? 1 : 0;
                    phase -= Math.floor(phase);
                } else if (kind < 0.75) {
                    excitation = 0.05 * (random.nextDouble() - 0.5);
                } else {
                    excitation = 0;
                }
                double v = excitation * Math.sin(Math.PI * i / len);
                for (int f = 0; f < 3; f++) {
                    double out = coef[f][0] * v + coef[f][1] * y1[f] + coef[f][2] * y2[f];
                    y2[f] = y1[f];
                    y1[f] = out;
                    v = out;
                }
                x[at + i] = v;
            }
            at += len;
        }
        double peak = Arrays.stream(x).map(Math::abs).max().orElse(1);
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * x.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * x.length).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * x.length);
        for (double v : x) {
            b.putShort((short) Math.round(v / peak * 23197 + 30 * (random.nextDouble() - 0.5)));
        }
        return b.array();
    }
}
