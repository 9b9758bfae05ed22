package fi.hel.callrec.ingest.audio;

import fi.hel.callrec.events.AudioFormat;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * Decides from the chunks before the audio whether an upload is a WAV the telephony platform writes
 * (PCM 8/16-bit, G.711; mono or stereo; 8–48 kHz), and says what is wrong when it is not (javax.sound
 * gives no usable reason). Lenient where writers are sloppy but the audio is still exactly located
 * (RIFF size, chunk order), strict wherever a player or the published duration would be wrong.
 */
public final class WavReader {

    /** Most bytes read before the audio: a 2 GiB {@code LIST} chunk must not make us read the whole file. */
    public static final int MAX_HEADER_BYTES = 1024 * 1024;
    public static final int MIN_SAMPLE_RATE_HZ = 8_000;
    public static final int MAX_SAMPLE_RATE_HZ = 48_000;

    private static final int WAVE_FORMAT_PCM = 0x0001;
    private static final int WAVE_FORMAT_ALAW = 0x0006;
    private static final int WAVE_FORMAT_MULAW = 0x0007;
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;
    private static final String ACCEPTED_CODECS = "accepted: PCM, A-law, µ-law";

    /** Bytes 2..15 of every KSDATAFORMAT_SUBTYPE GUID derived from a classic format tag. */
    private static final byte[] SUBFORMAT_GUID_TAIL = {
            0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71 };

    /** Names for the tags integrators are likely to send by mistake, so the refusal says what they sent. */
    private static final Map<Integer, String> KNOWN_TAGS = Map.of(0x0002, "Microsoft ADPCM", 0x0003, "IEEE float",
            0x0011, "IMA ADPCM", 0x0031, "GSM 6.10", 0x0050, "MPEG", 0x0055, "MP3", 0x0064, "G.726 ADPCM",
            0x0065, "G.722 ADPCM", 0x0083, "G.729A");

    private final InputStream in;
    private final long total;
    private long pos;

    private WavReader(InputStream in, long total) {
        this.in = in;
        this.total = total;
    }

    /**
     * Reads the header from the start of {@code in} and leaves it at the first audio byte.
     *
     * @param totalLength size of the upload (the RIFF size field cannot be trusted), or an upper bound
     * @throws InvalidWavException not a well-formed WAV (400), or {@link UnsupportedAudioException} (415)
     */
    public static WavInfo read(InputStream in, long totalLength) throws IOException {
        return new WavReader(in, totalLength).readHeader();
    }

    private WavInfo readHeader() throws IOException {
        if (total == 0) {
            throw malformed("empty upload: 0 bytes received, expected a WAV file");
        }
        ByteBuffer riff = read((int) Math.min(12, total));
        if (riff.limit() < 4) {
            throw truncatedRiffHeader();
        }
        String magic = fourCc(riff, 0);
        switch (magic) {
            case "RIFF" -> { }
            case "RIFX" -> throw unsupported("RIFX (big-endian) WAV files are not supported; send little-endian RIFF/WAVE");
            case "RF64", "BW64" -> throw unsupported(
                    magic + " (64-bit WAV) files are not supported; send RIFF/WAVE (recordings under 4 GiB)");
            default -> throw malformed("not a WAV file: expected 'RIFF' at offset 0 but found '" + magic + "'");
        }
        if (riff.limit() < 12) {
            throw truncatedRiffHeader();
        }
        String formType = fourCc(riff, 8);
        if (!formType.equals("WAVE")) {
            throw malformed("not a WAV file: RIFF form type is '" + formType + "', expected 'WAVE'");
        }
        WavInfo format = null;
        while (true) {
            long remaining = total - pos;
            if (remaining == 0) {
                throw malformed(format == null
                        ? "no 'fmt ' chunk: the file ends at byte " + pos + " without declaring the audio format"
                        : "no 'data' chunk: the file ends at byte " + pos + " without any audio");
            }
            if (remaining < 8) {
                throw malformed("truncated chunk header at offset " + pos + ": only " + remaining
                        + " bytes left, a chunk header is 8 bytes");
            }
            long chunkStart = pos;
            ByteBuffer header = read(8);
            String id = fourCc(header, 0);
            long size = Integer.toUnsignedLong(header.getInt(4));
            if (id.equals("data")) {
                if (format == null) {
                    throw malformed("'data' chunk at offset " + chunkStart
                            + " comes before the 'fmt ' chunk; the format must be declared before the audio");
                }
                if (pos > MAX_HEADER_BYTES) {
                    throw malformed("header too large: the audio starts at byte " + pos + ", but the chunks before 'data'"
                            + " may total at most " + MAX_HEADER_BYTES + " bytes");
                }
                return audio(format, size);
            }
            long bodyEnd = pos + size;
            if (bodyEnd > total) {
                throw malformed("truncated '" + id + "' chunk at offset " + chunkStart + ": it declares " + size
                        + " bytes but only " + (total - pos) + " follow");
            }
            // RIFF chunks are word aligned: an odd-sized chunk is followed by one pad byte outside its size.
            long chunkEnd = bodyEnd + (size & 1);
            if (chunkEnd > MAX_HEADER_BYTES) {
                throw malformed("header too large: the '" + id + "' chunk at offset " + chunkStart + " (" + size
                        + " bytes) ends at byte " + chunkEnd + ", but the chunks before 'data' may total at most "
                        + MAX_HEADER_BYTES + " bytes");
            }
            if (id.equals("fmt ")) {
                if (format != null) {
                    throw malformed("second 'fmt ' chunk at offset " + chunkStart + "; a WAV file has exactly one");
                }
                format = parseFormat(size);
            }
            // A missing pad byte at the very end is harmless: the next step reports what is missing.
            skip(Math.min(chunkEnd, total) - pos);
        }
    }

    /** The {@code fmt } chunk, checked when read (a wrong codec is named even without audio); no data yet. */
    private WavInfo parseFormat(long size) throws IOException {
        if (size < 16) {
            throw malformed("'fmt ' chunk is " + size + " bytes; it must be at least 16");
        }
        // Bytes past the 40 of WAVE_FORMAT_EXTENSIBLE mean nothing to us; the caller skips them.
        ByteBuffer fmt = read((int) Math.min(size, 40));
        int tag = Short.toUnsignedInt(fmt.getShort(0));
        int channels = Short.toUnsignedInt(fmt.getShort(2));
        long sampleRate = Integer.toUnsignedLong(fmt.getInt(4));
        long byteRate = Integer.toUnsignedLong(fmt.getInt(8));
        int blockAlign = Short.toUnsignedInt(fmt.getShort(12));
        int bits = Short.toUnsignedInt(fmt.getShort(14));
        int effectiveTag = tag;
        Integer validBits = null;
        if (tag == WAVE_FORMAT_EXTENSIBLE) {
            if (size < 40) {
                throw malformed("WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is " + size + " bytes; it must be at least 40");
            }
            int cbSize = Short.toUnsignedInt(fmt.getShort(16));
            if (cbSize < 22) {
                throw malformed("WAVE_FORMAT_EXTENSIBLE cbSize is " + cbSize + "; it must be at least 22");
            }
            validBits = Short.toUnsignedInt(fmt.getShort(18));
            // Bytes 20..23, the speaker channel mask, say nothing about agent/caller channels: ignored.
            effectiveTag = subFormatTag(fmt);
        }
        String codec = switch (effectiveTag) {
            case WAVE_FORMAT_PCM -> AudioFormat.PCM;
            case WAVE_FORMAT_ALAW -> AudioFormat.ALAW;
            case WAVE_FORMAT_MULAW -> AudioFormat.MULAW;
            default -> throw unsupported((tag == WAVE_FORMAT_EXTENSIBLE ? "WAVE_FORMAT_EXTENSIBLE SubFormat " : "format tag ")
                    + tagName(effectiveTag) + " is not supported; " + ACCEPTED_CODECS);
        };
        String codecName = effectiveTag == WAVE_FORMAT_ALAW ? "A-law" : effectiveTag == WAVE_FORMAT_MULAW ? "µ-law" : "PCM";
        if (channels == 0) {
            throw malformed("channel count is 0");
        }
        if (channels > 2) {
            throw unsupported(channels + " channels are not supported; accepted: 1 (mono) or 2 (agent and caller on"
                    + " separate channels)");
        }
        if (bits == 0) {
            throw malformed("bitsPerSample is 0");
        }
        if (effectiveTag == WAVE_FORMAT_PCM ? bits != 8 && bits != 16 : bits != 8) {
            throw unsupported(codecName + " with " + bits + " bits per sample is not supported; accepted: "
                    + (effectiveTag == WAVE_FORMAT_PCM ? "8 or 16" : "8 (G.711)"));
        }
        if (validBits != null && validBits != bits) {
            // More valid bits than stored ones is a contradiction; fewer is legal (padded samples) but not ours.
            String text = "validBitsPerSample is " + validBits + " but bitsPerSample is " + bits;
            throw validBits > bits ? malformed(text) : unsupported(text + "; padded samples are not supported");
        }
        if (sampleRate == 0) {
            throw malformed("sample rate is 0 Hz");
        }
        if (sampleRate < MIN_SAMPLE_RATE_HZ || sampleRate > MAX_SAMPLE_RATE_HZ) {
            throw unsupported("sample rate " + sampleRate + " Hz is not supported; accepted: " + MIN_SAMPLE_RATE_HZ
                    + " to " + MAX_SAMPLE_RATE_HZ + " Hz");
        }
        // Players step and seek by blockAlign and byteRate: a wrong one mis-plays the file.
        int expectedAlign = channels * bits / 8;
        if (blockAlign != expectedAlign) {
            throw malformed("blockAlign is " + blockAlign + " but " + channels + " channel(s) × " + bits + " bits / 8 = "
                    + expectedAlign);
        }
        long expectedByteRate = sampleRate * blockAlign;
        if (byteRate != expectedByteRate) {
            throw malformed("byteRate is " + byteRate + " but blockAlign " + blockAlign + " × " + sampleRate + " Hz = "
                    + expectedByteRate);
        }
        return new WavInfo(codec, effectiveTag, (int) sampleRate, channels, bits, blockAlign, 0, 0, 0);
    }

    private int subFormatTag(ByteBuffer fmt) throws UnsupportedAudioException {
        byte[] guid = new byte[16];
        fmt.get(24, guid);
        if (!Arrays.equals(guid, 2, 16, SUBFORMAT_GUID_TAIL, 0, SUBFORMAT_GUID_TAIL.length)) {
            throw unsupported("WAVE_FORMAT_EXTENSIBLE SubFormat GUID " + guidText(guid) + " is not supported; "
                    + ACCEPTED_CODECS);
        }
        return Short.toUnsignedInt(fmt.getShort(24));
    }

    private WavInfo audio(WavInfo f, long size) throws InvalidWavException {
        long dataOffset = pos;
        if (size == 0) {
            throw malformed("'data' chunk is empty: the recording contains no audio");
        }
        long follow = total - dataOffset;
        if (size > follow) {
            throw malformed("truncated audio: data chunk declares " + size + " bytes but only " + follow + " follow");
        }
        // Not rounded down: the file is stored as sent, and a partial frame means a cut-off writer or a wrong fmt.
        long leftover = size % f.blockAlign();
        if (leftover != 0) {
            throw malformed("data chunk is " + size + " bytes, not a whole number of " + f.blockAlign()
                    + "-byte frames (blockAlign); " + leftover + " bytes left over");
        }
        long durationMillis = size / f.blockAlign() * 1000 / f.sampleRateHz();
        return new WavInfo(f.codec(), f.formatTag(), f.sampleRateHz(), f.channels(), f.bitsPerSample(), f.blockAlign(),
                dataOffset, size, durationMillis);
    }

    private ByteBuffer read(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        pos += bytes.length;
        if (bytes.length < n) {
            throw endedEarly();
        }
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void skip(long n) throws IOException {
        try {
            in.skipNBytes(n);
        } catch (EOFException e) {
            throw endedEarly();
        }
        pos += n;
    }

    /** The stream is shorter than the announced totalLength: a truncated file. */
    private InvalidWavException endedEarly() {
        return malformed("truncated upload: the input ended at byte " + pos + " although " + total
                + " bytes were announced");
    }

    private InvalidWavException truncatedRiffHeader() {
        return malformed("truncated RIFF header: only " + total + " bytes received, a WAV file starts with a 12-byte"
                + " RIFF header");
    }

    private static String fourCc(ByteBuffer b, int at) {
        StringBuilder s = new StringBuilder(4);
        for (int i = at; i < at + 4; i++) {
            int c = b.get(i) & 0xFF;
            s.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02X", c));
        }
        return s.toString();
    }

    private static String tagName(int tag) {
        String hex = String.format("0x%04X", tag);
        String name = tag == WAVE_FORMAT_EXTENSIBLE ? "WAVE_FORMAT_EXTENSIBLE" : KNOWN_TAGS.get(tag);
        return name == null ? hex : hex + " (" + name + ")";
    }

    private static String guidText(byte[] g) {
        ByteBuffer b = ByteBuffer.wrap(g).order(ByteOrder.LITTLE_ENDIAN);
        return String.format("%08x-%04x-%04x-%02x%02x-%s", b.getInt(0), b.getShort(4), b.getShort(6), g[8], g[9],
                HexFormat.of().formatHex(g, 10, 16));
    }

    private static InvalidWavException malformed(String reason) {
        return new InvalidWavException(reason);
    }

    private static UnsupportedAudioException unsupported(String reason) {
        return new UnsupportedAudioException(reason);
    }
}
