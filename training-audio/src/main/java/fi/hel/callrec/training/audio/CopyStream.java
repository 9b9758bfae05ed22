package fi.hel.callrec.training.audio;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * The training copy as a stream: its header, then one hop of 16-bit frames at a time, each made
 * only when the reader gets to it. The source is blanked in the marked spans before the pitch
 * shifter sees it, so that no grain carries a word from inside a span into the frames around it,
 * and the shifter's output is then overwritten by the tone inside the spans.
 */
final class CopyStream extends InputStream {

    private final InputStream source;
    private final SourceReader reader;
    private final long frames;
    private final int channels;
    private final PitchShifter[] shifters;
    private final SpanMask.Cursor blanking;
    private final SpanMask.Cursor toning;
    private final Tone tone;
    private final int hop;
    private final double[][] in;
    private final double[][] out;
    private final byte[] one = new byte[1];
    private byte[] pending;
    private int pendingPos;
    private long inputPos;
    private long outputPos;
    private boolean closed;

    CopyStream(InputStream source, SourceFormat format, long frames, SpanMask spans, double pitchFactor) {
        this.source = source;
        this.reader = new SourceReader(source, format, frames);
        this.frames = frames;
        this.channels = format.channels();
        this.shifters = new PitchShifter[channels];
        for (int c = 0; c < channels; c++) {
            shifters[c] = new PitchShifter(format.sampleRateHz(), pitchFactor);
        }
        this.hop = shifters[0].hop();
        this.blanking = spans.cursor();
        this.toning = spans.cursor();
        this.tone = new Tone(format.sampleRateHz());
        this.in = new double[channels][hop];
        this.out = new double[channels][hop];
        this.pending = WavHeader.pcm16(format.sampleRateHz(), channels, frames);
    }

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("the training copy's stream is closed");
        }
        if (len == 0) {
            return 0;
        }
        int done = 0;
        while (done < len) {
            if (pendingPos == pending.length) {
                if (outputPos >= frames) {
                    break;
                }
                nextHop();
            }
            int n = Math.min(len - done, pending.length - pendingPos);
            System.arraycopy(pending, pendingPos, b, off + done, n);
            pendingPos += n;
            done += n;
        }
        return done == 0 ? -1 : done;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        source.close();
    }

    private void nextHop() throws IOException {
        long need = shifters[0].inputNeeded();
        while (inputPos < need) {
            int n = (int) Math.min(need - inputPos, hop);
            reader.read(in, n);
            for (int s = blanking.overlaps(inputPos, n) - 1; s >= 0; s--) {
                int from = (int) (Math.max(blanking.start(s), inputPos) - inputPos);
                int to = (int) (Math.min(blanking.end(s), inputPos + n) - inputPos);
                for (double[] channel : in) {
                    Arrays.fill(channel, from, to, 0.0);
                }
            }
            for (int c = 0; c < channels; c++) {
                shifters[c].write(in[c], n);
            }
            inputPos += n;
        }
        for (int c = 0; c < channels; c++) {
            shifters[c].nextHop(out[c]);
        }
        int n = (int) Math.min(hop, frames - outputPos);
        int bytes = n * channels * 2;
        if (pending.length != bytes) {
            pending = new byte[bytes];
        }
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++, p += 2) {
                double v = out[c][i];
                int s = v >= 32767 ? 32767 : v <= -32768 ? -32768 : (int) Math.rint(v);
                pending[p] = (byte) s;
                pending[p + 1] = (byte) (s >> 8);
            }
        }
        for (int s = toning.overlaps(outputPos, n) - 1; s >= 0; s--) {
            long start = toning.start(s);
            long to = Math.min(toning.end(s), outputPos + n);
            for (long f = Math.max(start, outputPos); f < to; f++) {
                short v = tone.sample(f - start);
                int at = (int) (f - outputPos) * channels * 2;
                for (int c = 0; c < channels; c++, at += 2) {
                    pending[at] = (byte) v;
                    pending[at + 1] = (byte) (v >> 8);
                }
            }
        }
        pendingPos = 0;
        outputPos += n;
    }
}
