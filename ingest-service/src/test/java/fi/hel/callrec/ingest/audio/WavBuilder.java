package fi.hel.callrec.ingest.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes WAV files for the tests, correct by default and wrong on request, so that each corpus entry
 * says in one line how it differs from a good telephony recording.
 *
 * <p>Chunks are laid out in call order: {@link #fmt()}, {@link #data()} and {@link #chunk} append to the
 * layout. If the layout has no fmt it is put first, if it has no data that goes last (unless
 * {@link #noFmt()} / {@link #noData()}), so {@code alaw().chunk("LIST", 26)} gives fmt, LIST, data.
 */
final class WavBuilder {

    static final int PCM = 0x0001;
    static final int ALAW = 0x0006;
    static final int MULAW = 0x0007;
    static final int EXTENSIBLE = 0xFFFE;

    private static final Object FMT = new Object();
    private static final Object DATA = new Object();

    private record Chunk(String id, byte[] body) {
    }

    private final List<Object> layout = new ArrayList<>();
    private String magic = "RIFF";
    private String formType = "WAVE";
    private Long riffSize;
    private int formatTag;
    private int channels = 1;
    private int sampleRate = 8000;
    private int bits;
    private Integer blockAlign;
    private Long byteRate;
    private int fmtSize = 16;
    private Integer cbSize;
    private boolean extensible;
    private byte[] subFormatGuid;
    private Integer validBits;
    private int dataBytes = 16_000;
    private Long dataSizeField;
    private boolean noFmt;
    private boolean noData;

    private WavBuilder(int formatTag, int bits) {
        this.formatTag = formatTag;
        this.bits = bits;
    }

    static WavBuilder pcm(int bits) {
        return new WavBuilder(PCM, bits);
    }

    static WavBuilder alaw() {
        return new WavBuilder(ALAW, 8);
    }

    static WavBuilder mulaw() {
        return new WavBuilder(MULAW, 8);
    }

    static WavBuilder formatTag(int tag, int bits) {
        return new WavBuilder(tag, bits);
    }

    WavBuilder channels(int n) {
        channels = n;
        return this;
    }

    WavBuilder rate(int hz) {
        sampleRate = hz;
        return this;
    }

    WavBuilder bits(int n) {
        bits = n;
        return this;
    }

    /** Overrides the computed blockAlign field. */
    WavBuilder blockAlign(int n) {
        blockAlign = n;
        return this;
    }

    /** Overrides the computed byteRate field. */
    WavBuilder byteRate(long n) {
        byteRate = n;
        return this;
    }

    /** 16, 18 (cbSize 0) or 40 (WAVE_FORMAT_EXTENSIBLE layout); any other size pads or cuts the 40-byte form. */
    WavBuilder fmtSize(int n) {
        fmtSize = n;
        return this;
    }

    WavBuilder cbSize(int n) {
        cbSize = n;
        return this;
    }

    /** Writes tag 0xFFFE with the codec's tag moved into the SubFormat GUID; fmt becomes 40 bytes. */
    WavBuilder extensible() {
        extensible = true;
        fmtSize = Math.max(fmtSize, 40);
        return this;
    }

    WavBuilder subFormatGuid(byte[] guid) {
        extensible();
        subFormatGuid = guid.clone();
        return this;
    }

    WavBuilder validBits(int n) {
        validBits = n;
        return this;
    }

    WavBuilder magic(String fourCc) {
        magic = fourCc;
        return this;
    }

    WavBuilder formType(String fourCc) {
        formType = fourCc;
        return this;
    }

    /** Overrides the RIFF size field, which is otherwise the true file length minus 8. */
    WavBuilder riffSize(long size) {
        riffSize = size;
        return this;
    }

    /** Audio bytes actually written. */
    WavBuilder dataBytes(int n) {
        dataBytes = n;
        return this;
    }

    /** Overrides the data chunk's size field, whatever is written. */
    WavBuilder dataSizeField(long size) {
        dataSizeField = size;
        return this;
    }

    WavBuilder fmt() {
        layout.add(FMT);
        return this;
    }

    WavBuilder data() {
        layout.add(DATA);
        return this;
    }

    /** An extra chunk of {@code size} filler bytes, followed by a pad byte when size is odd. */
    WavBuilder chunk(String id, int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        layout.add(new Chunk(id, body));
        return this;
    }

    WavBuilder noFmt() {
        noFmt = true;
        return this;
    }

    WavBuilder noData() {
        noData = true;
        return this;
    }

    byte[] build() {
        List<Object> parts = new ArrayList<>(layout);
        if (!noFmt && !parts.contains(FMT)) {
            parts.add(0, FMT);
        }
        if (!noData && !parts.contains(DATA)) {
            parts.add(DATA);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii(formType));
        for (Object part : parts) {
            if (part == FMT) {
                writeChunk(body, "fmt ", fmtBody(), fmtSize);
            } else if (part == DATA) {
                byte[] audio = new byte[dataBytes];
                // A-law silence; any byte pattern will do as the reader never looks at the audio.
                Arrays.fill(audio, (byte) 0xD5);
                writeChunk(body, "data", audio, dataSizeField == null ? dataBytes : dataSizeField);
            } else {
                Chunk c = (Chunk) part;
                writeChunk(body, c.id(), c.body(), c.body().length);
            }
        }
        byte[] rest = body.toByteArray();
        ByteBuffer file = le(8 + rest.length);
        file.put(ascii(magic));
        file.putInt((int) (riffSize == null ? rest.length : riffSize));
        file.put(rest);
        return file.array();
    }

    /** The built file cut to its first {@code n} bytes. */
    byte[] truncatedTo(int n) {
        return Arrays.copyOf(build(), n);
    }

    private byte[] fmtBody() {
        int align = channels * bits / 8;
        ByteBuffer f = le(Math.max(fmtSize, 40));
        f.putShort((short) (extensible ? EXTENSIBLE : formatTag));
        f.putShort((short) channels);
        f.putInt(sampleRate);
        f.putInt((int) (byteRate == null ? (long) sampleRate * (blockAlign == null ? align : blockAlign) : byteRate));
        f.putShort((short) (blockAlign == null ? align : blockAlign));
        f.putShort((short) bits);
        f.putShort((short) (cbSize != null ? cbSize : extensible ? 22 : 0));
        if (extensible) {
            f.putShort((short) (validBits == null ? bits : validBits));
            f.putInt(channels == 2 ? 0x3 : 0x4); // front left+right, or front centre
            f.put(subFormatGuid != null ? subFormatGuid : guidFor(formatTag));
        }
        return Arrays.copyOf(f.array(), fmtSize);
    }

    /** The KSDATAFORMAT_SUBTYPE GUID for a classic format tag. */
    static byte[] guidFor(int tag) {
        ByteBuffer g = le(16);
        g.putShort((short) tag);
        g.put(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38,
                (byte) 0x9B, 0x71 });
        return g.array();
    }

    private static void writeChunk(ByteArrayOutputStream out, String id, byte[] body, long sizeField) {
        out.writeBytes(ascii(id));
        out.writeBytes(le(4).putInt((int) sizeField).array());
        out.writeBytes(body);
        if (body.length % 2 == 1) {
            out.write(0);
        }
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] ascii(String fourCc) {
        byte[] b = fourCc.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length != 4) {
            throw new IllegalArgumentException("a chunk id is 4 characters: '" + fourCc + "'");
        }
        return b;
    }
}
