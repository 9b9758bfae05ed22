package fi.hel.callrec.training.audio;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Decodes a source's audio, frame by frame as it is asked for, into samples on the 16-bit scale,
 * one array per channel. Positions past the last declared frame read as silence, which is what the
 * pitch shifter's look-ahead needs at the end of a call. A source that ends before its declared
 * frames is an {@link EOFException}: the copy's length was promised from the declared size.
 */
final class SourceReader {

    private final InputStream in;
    private final int channels;
    private final int blockAlign;
    private final long frames;
    /** Decoded value of each byte for the 8-bit codecs; null for 16-bit PCM. */
    private final double[] byteTable;
    private final byte[] buf;
    private int bufPos;
    private int bufLen;
    private long framesRead;

    SourceReader(InputStream in, SourceFormat format, long frames) {
        this.in = in;
        this.channels = format.channels();
        this.blockAlign = format.blockAlign();
        this.frames = frames;
        this.byteTable = format.bitsPerSample() == 16 ? null : table(format.codec());
        this.buf = new byte[blockAlign * Math.max(1, 16384 / blockAlign)];
    }

    /** Decodes the next {@code n} frames into {@code dst[channel][0..n)}. */
    void read(double[][] dst, int n) throws IOException {
        int done = 0;
        while (done < n) {
            if (framesRead >= frames) {
                for (double[] channel : dst) {
                    Arrays.fill(channel, done, n, 0.0);
                }
                return;
            }
            if (bufLen - bufPos < blockAlign) {
                refill();
            }
            int k = (int) Math.min(Math.min(n - done, (bufLen - bufPos) / blockAlign), frames - framesRead);
            decode(dst, done, k);
            done += k;
            framesRead += k;
        }
    }

    private void decode(double[][] dst, int at, int k) {
        int p = bufPos;
        if (byteTable == null) {
            for (int i = at; i < at + k; i++) {
                for (int c = 0; c < channels; c++, p += 2) {
                    dst[c][i] = (short) ((buf[p] & 0xFF) | (buf[p + 1] << 8));
                }
            }
        } else {
            for (int i = at; i < at + k; i++) {
                for (int c = 0; c < channels; c++, p++) {
                    dst[c][i] = byteTable[buf[p] & 0xFF];
                }
            }
        }
        bufPos = p;
    }

    private void refill() throws IOException {
        int left = bufLen - bufPos;
        System.arraycopy(buf, bufPos, buf, 0, left);
        bufPos = 0;
        bufLen = left;
        int limit = (int) Math.min(buf.length, (frames - framesRead) * blockAlign);
        while (bufLen < blockAlign) {
            int r = in.read(buf, bufLen, limit - bufLen);
            if (r < 0) {
                throw new EOFException("the source ended after " + framesRead + " of the " + frames
                        + " frames its data chunk declares");
            }
            bufLen += r;
        }
    }

    private static double[] table(String codec) {
        double[] t = new double[256];
        for (int b = 0; b < 256; b++) {
            t[b] = switch (codec) {
                case SourceFormat.ALAW -> alaw(b);
                case SourceFormat.MULAW -> mulaw(b);
                default -> (b - 128) << 8;
            };
        }
        return t;
    }

    /** G.711 A-law to 16-bit linear. */
    static int alaw(int code) {
        int a = (code ^ 0x55) & 0xFF;
        int t = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        t = switch (segment) {
            case 0 -> t + 8;
            case 1 -> t + 0x108;
            default -> (t + 0x108) << (segment - 1);
        };
        return (a & 0x80) != 0 ? t : -t;
    }

    /** G.711 µ-law to 16-bit linear. */
    static int mulaw(int code) {
        int u = ~code & 0xFF;
        int t = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }
}
