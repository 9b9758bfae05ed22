package fi.hel.callrec.training.audio;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The RIFF/WAVE header of a source, read up to its first audio byte, and the header of a copy.
 * A source's {@code fmt } chunk must agree with the format measured at upload; chunks other than
 * {@code fmt } and {@code data} are skipped, and nothing after {@code data} is ever read.
 */
final class WavHeader {

    /** Size of the copy's header: RIFF, a 16-byte PCM {@code fmt } chunk and the {@code data} chunk's header. */
    static final int COPY_HEADER_BYTES = 44;
    /** Most bytes read before the audio, so that a broken header cannot make the copier read a whole file. */
    static final int MAX_HEADER_BYTES = 1 << 20;

    private static final int WAVE_FORMAT_PCM = 0x0001;
    private static final int WAVE_FORMAT_ALAW = 0x0006;
    private static final int WAVE_FORMAT_MULAW = 0x0007;
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;
    /** Bytes 2..15 shared by every KSDATAFORMAT_SUBTYPE GUID derived from a classic format tag. */
    private static final byte[] SUBFORMAT_GUID_TAIL = {
            0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71 };

    private final InputStream in;
    private long pos;

    private WavHeader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads the header from {@code in}, leaving it at the first audio byte, and returns how many whole
     * frames the {@code data} chunk declares.
     *
     * @throws IllegalArgumentException the source is not a WAV, or its {@code fmt } chunk disagrees with {@code format}
     * @throws IOException              the stream failed or ended before the audio
     */
    static long readFrames(InputStream in, SourceFormat format) throws IOException {
        return new WavHeader(in).read(format);
    }

    private long read(SourceFormat format) throws IOException {
        ByteBuffer riff = bytes(12);
        if (!fourCc(riff, 0).equals("RIFF") || !fourCc(riff, 8).equals("WAVE")) {
            throw new IllegalArgumentException("the source is not a RIFF/WAVE file: it starts with '"
                    + fourCc(riff, 0) + "' … '" + fourCc(riff, 8) + "'");
        }
        boolean fmtSeen = false;
        while (true) {
            ByteBuffer chunk = bytes(8);
            String id = fourCc(chunk, 0);
            long size = Integer.toUnsignedLong(chunk.getInt(4));
            if (id.equals("data")) {
                if (!fmtSeen) {
                    throw new IllegalArgumentException("the source's 'data' chunk comes before any 'fmt ' chunk");
                }
                return size / format.blockAlign();
            }
            long end = pos + size + (size & 1);
            if (end > MAX_HEADER_BYTES) {
                throw new IllegalArgumentException("the source's chunks before 'data' exceed " + MAX_HEADER_BYTES
                        + " bytes ('" + id + "' chunk of " + size + " bytes)");
            }
            if (id.equals("fmt ")) {
                checkFormat(size, format);
                fmtSeen = true;
            }
            skip(end - pos);
        }
    }

    private void checkFormat(long size, SourceFormat expected) throws IOException {
        if (size < 16) {
            throw new IllegalArgumentException("the source's 'fmt ' chunk is " + size + " bytes; it must be at least 16");
        }
        ByteBuffer fmt = bytes((int) Math.min(size, 40));
        int tag = Short.toUnsignedInt(fmt.getShort(0));
        int channels = Short.toUnsignedInt(fmt.getShort(2));
        long rate = Integer.toUnsignedLong(fmt.getInt(4));
        int blockAlign = Short.toUnsignedInt(fmt.getShort(12));
        int bits = Short.toUnsignedInt(fmt.getShort(14));
        if (tag == WAVE_FORMAT_EXTENSIBLE) {
            if (size < 40) {
                throw new IllegalArgumentException("the source's WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is " + size
                        + " bytes; it must be at least 40");
            }
            byte[] guid = new byte[16];
            fmt.get(24, guid);
            if (!Arrays.equals(guid, 2, 16, SUBFORMAT_GUID_TAIL, 0, SUBFORMAT_GUID_TAIL.length)) {
                throw new IllegalArgumentException("the source's WAVE_FORMAT_EXTENSIBLE subformat is not PCM, A-law or µ-law");
            }
            tag = Short.toUnsignedInt(fmt.getShort(24));
        }
        String codec = switch (tag) {
            case WAVE_FORMAT_PCM -> SourceFormat.PCM;
            case WAVE_FORMAT_ALAW -> SourceFormat.ALAW;
            case WAVE_FORMAT_MULAW -> SourceFormat.MULAW;
            default -> throw new IllegalArgumentException(String.format(
                    "the source's format tag 0x%04X is not PCM, A-law or µ-law; declared codec: %s", tag, expected.codec()));
        };
        disagree("codec", codec, expected.codec());
        disagree("sample rate", rate + " Hz", expected.sampleRateHz() + " Hz");
        disagree("channel count", Integer.toString(channels), Integer.toString(expected.channels()));
        disagree("bits per sample", Integer.toString(bits), Integer.toString(expected.bitsPerSample()));
        if (blockAlign != expected.blockAlign()) {
            throw new IllegalArgumentException("the source's 'fmt ' chunk has block align " + blockAlign + ", but "
                    + channels + " channel(s) of " + bits + " bits take " + expected.blockAlign() + " bytes");
        }
    }

    private static void disagree(String what, String found, String declared) {
        if (!found.equals(declared)) {
            throw new IllegalArgumentException("the source's 'fmt ' chunk says " + what + " " + found
                    + ", but the declared format says " + declared);
        }
    }

    /** The copy's 44-byte header: 16-bit PCM, {@code fmt } then {@code data}, nothing else. */
    static byte[] pcm16(int sampleRateHz, int channels, long frames) {
        long dataBytes = frames * channels * 2;
        ByteBuffer h = ByteBuffer.allocate(COPY_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (dataBytes + COPY_HEADER_BYTES - 8));
        h.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        h.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        h.putShort((short) WAVE_FORMAT_PCM).putShort((short) channels).putInt(sampleRateHz)
                .putInt(sampleRateHz * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
        h.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        return h.array();
    }

    private ByteBuffer bytes(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        pos += b.length;
        if (b.length < n) {
            throw new EOFException("the source ended at byte " + pos + ", inside its header, before any audio");
        }
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void skip(long n) throws IOException {
        try {
            in.skipNBytes(n);
        } catch (EOFException e) {
            throw new EOFException("the source ended inside its header, before any audio (after byte " + pos + ")");
        }
        pos += n;
    }

    /** A chunk id for a message: its four bytes, anything unprintable shown as '?'. */
    private static String fourCc(ByteBuffer b, int at) {
        byte[] id = new byte[4];
        b.get(at, id);
        return new String(id, java.nio.charset.StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7E]", "?");
    }
}
