package fi.hel.callrec.training.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Run by {@link LargeCopyTest} in a JVM with a small heap: copies a generated 16-bit mono WAV of
 * the given total size (no file on disk) into a counting sink and prints the bytes written.
 */
public final class LargeCopyMain {

    private LargeCopyMain() {
    }

    public static void main(String[] args) throws IOException {
        long total = Long.parseLong(args[0]);
        long dataBytes = total - 44;
        long frames = dataBytes / 2;
        byte[] header = TestWav.wav(1, 8000, 1, 16, new byte[0], false, false);
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(4, (int) (total - 8)).putInt(40, (int) dataBytes);
        byte[] pattern = TestWav.pcm16(TestWav.voiced(8000, 2, 130, 3000, 9000, 300, 8));
        InputStream source = new GeneratedWav(header, pattern, total);
        TrainingCopier.Copy copy = TrainingCopier.open(source, new SourceFormat("pcm", 8000, 1, 16),
                List.of(new Span(60, 65)), 1.15);
        long[] count = new long[1];
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        };
        try (InputStream in = copy.wav()) {
            in.transferTo(sink);
        }
        System.out.println("frames=" + frames + " announced=" + copy.length() + " written=" + count[0]);
    }

    /** The header, then the pattern over and over up to {@code total} bytes. */
    private static final class GeneratedWav extends InputStream {

        private final byte[] header;
        private final byte[] pattern;
        private final long total;
        private long pos;

        GeneratedWav(byte[] header, byte[] pattern, long total) {
            this.header = header;
            this.pattern = pattern;
            this.total = total;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= total) {
                return -1;
            }
            int n = (int) Math.min(len, total - pos);
            if (pos < header.length) {
                n = Math.min(n, header.length - (int) pos);
                System.arraycopy(header, (int) pos, b, off, n);
            } else {
                int at = (int) ((pos - header.length) % pattern.length);
                n = Math.min(n, pattern.length - at);
                System.arraycopy(pattern, at, b, off, n);
            }
            pos += n;
            return n;
        }
    }
}
