package fi.hel.callrec.training.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/** Synthetic voices, source WAVs as recorders write them, and the decoded samples of a copy. */
final class TestWav {

    private TestWav() {
    }

    /** A voiced sound: harmonics of {@code f0} up to {@code maxHz} at 1/h amplitude and random phases, plus noise. */
    static double[] voiced(int rate, double seconds, double f0, double maxHz, double amplitude, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int harmonics = (int) (maxHz / f0);
        double[] phase = new double[harmonics + 1];
        for (int h = 1; h <= harmonics; h++) {
            phase[h] = random.nextDouble(2 * Math.PI);
        }
        double[] x = new double[(int) Math.round(seconds * rate)];
        for (int i = 0; i < x.length; i++) {
            double v = 0;
            for (int h = 1; h <= harmonics; h++) {
                v += Math.sin(2 * Math.PI * f0 * h * i / rate + phase[h]) / h;
            }
            x[i] = amplitude * v / 2.5 + noise * (random.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** Interleaved 16-bit little-endian samples. */
    static byte[] pcm16(double[]... channels) {
        ByteBuffer b = ByteBuffer.allocate(channels[0].length * channels.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < channels[0].length; i++) {
            for (double[] channel : channels) {
                b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(channel[i]))));
            }
        }
        return b.array();
    }

    /**
     * A WAV around {@code audio}: the classic 16-byte fmt chunk or WAVE_FORMAT_EXTENSIBLE (40 bytes),
     * optionally with LIST/INFO chunks before and after the audio.
     */
    static byte[] wav(int tag, int rate, int channels, int bits, byte[] audio, boolean extensible, boolean lists) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer fmt = ByteBuffer.allocate(extensible ? 40 : 16).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) (extensible ? 0xFFFE : tag)).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
        if (extensible) {
            fmt.putShort((short) 22).putShort((short) bits).putInt(channels == 1 ? 4 : 3).putShort((short) tag)
                    .put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        }
        byte[] list = "INFOISFT\u0007\0\0\0callrec\0".getBytes(StandardCharsets.ISO_8859_1);
        out.writeBytes("RIFF\0\0\0\0WAVE".getBytes(StandardCharsets.US_ASCII));
        if (lists) {
            chunk(out, "LIST", list);
        }
        chunk(out, "fmt ", fmt.array());
        chunk(out, "data", audio);
        if (lists) {
            chunk(out, "LIST", list);
        }
        byte[] wav = out.toByteArray();
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(4, wav.length - 8);
        return wav;
    }

    private static void chunk(ByteArrayOutputStream out, String id, byte[] body) {
        out.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(body.length).array());
        out.writeBytes(body);
        if (body.length % 2 == 1) {
            out.write(0);
        }
    }

    /** Copies a 16-bit PCM mono source at {@code rate} and returns the copy's samples. */
    static double[] copyMono(double[] source, int rate, List<Span> spans, double factor) throws IOException {
        byte[] wav = wav(1, rate, 1, 16, pcm16(source), false, false);
        return samples(copy(wav, new SourceFormat("pcm", rate, 1, 16), spans, factor), 1)[0];
    }

    /** The whole copy, checked against the length it announced. */
    static byte[] copy(byte[] wav, SourceFormat format, List<Span> spans, double factor) throws IOException {
        TrainingCopier.Copy copy = TrainingCopier.open(new ByteArrayInputStream(wav), format, spans, factor);
        byte[] bytes;
        try (InputStream in = copy.wav()) {
            bytes = in.readAllBytes();
        }
        assertThat((long) bytes.length).as("bytes read against the announced length").isEqualTo(copy.length());
        return bytes;
    }

    /** The samples of a copy's data chunk, which starts at byte 44, per channel. */
    static double[][] samples(byte[] copy, int channels) {
        ByteBuffer b = ByteBuffer.wrap(copy, 44, copy.length - 44).order(ByteOrder.LITTLE_ENDIAN);
        double[][] x = new double[channels][(copy.length - 44) / 2 / channels];
        for (int i = 0; i < x[0].length; i++) {
            for (int c = 0; c < channels; c++) {
                x[c][i] = b.getShort();
            }
        }
        return x;
    }
}
