package fi.hel.callrec.ingest.audio;

import static fi.hel.callrec.ingest.audio.WavBuilder.alaw;
import static fi.hel.callrec.ingest.audio.WavBuilder.mulaw;
import static fi.hel.callrec.ingest.audio.WavBuilder.pcm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.hel.callrec.events.AudioFormat;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WavReaderTest {

    /** RIFF header (12) + fmt chunk (8 + 16) + data chunk header (8). */
    private static final int PLAIN_DATA_OFFSET = 44;
    /** As above with the 40-byte WAVE_FORMAT_EXTENSIBLE fmt. */
    private static final int EXTENSIBLE_DATA_OFFSET = 68;

    // --- accepted ---------------------------------------------------------------------------------

    @Test
    void alawMono8kHzTheFinnishTelephonyCase() throws IOException {
        WavInfo info = read(alaw().dataBytes(16_000).build());

        assertEquals(new WavInfo(AudioFormat.ALAW, 6, 8000, 1, 8, 1, PLAIN_DATA_OFFSET, 16_000, 2000), info);
        assertEquals(new AudioFormat(AudioFormat.ALAW, 8000, 1, 8, 2000), info.toAudioFormat());
    }

    @Test
    void mulawMono8kHz() throws IOException {
        assertEquals(new WavInfo(AudioFormat.MULAW, 7, 8000, 1, 8, 1, PLAIN_DATA_OFFSET, 24_000, 3000),
                read(mulaw().dataBytes(24_000).build()));
    }

    @Test
    void pcm8BitMono8kHz() throws IOException {
        assertEquals(new WavInfo(AudioFormat.PCM, 1, 8000, 1, 8, 1, PLAIN_DATA_OFFSET, 8_000, 1000),
                read(pcm(8).dataBytes(8_000).build()));
    }

    @Test
    void pcm16BitStereo48kHz() throws IOException {
        // 72 000 frames of 4 bytes at 48 kHz
        assertEquals(new WavInfo(AudioFormat.PCM, 1, 48_000, 2, 16, 4, PLAIN_DATA_OFFSET, 288_000, 1500),
                read(pcm(16).channels(2).rate(48_000).dataBytes(288_000).build()));
    }

    @Test
    void stereoAlawAgentAndCallerOnSeparateChannels() throws IOException {
        assertEquals(new WavInfo(AudioFormat.ALAW, 6, 8000, 2, 8, 2, PLAIN_DATA_OFFSET, 32_000, 2000),
                read(alaw().channels(2).dataBytes(32_000).build()));
    }

    @Test
    void extensibleAlaw() throws IOException {
        assertEquals(new WavInfo(AudioFormat.ALAW, 6, 8000, 1, 8, 1, EXTENSIBLE_DATA_OFFSET, 16_000, 2000),
                read(alaw().extensible().build()));
    }

    @Test
    void extensibleMulawStereo() throws IOException {
        assertEquals(new WavInfo(AudioFormat.MULAW, 7, 8000, 2, 8, 2, EXTENSIBLE_DATA_OFFSET, 16_000, 1000),
                read(mulaw().channels(2).extensible().build()));
    }

    @Test
    void extensiblePcm16Stereo() throws IOException {
        assertEquals(new WavInfo(AudioFormat.PCM, 1, 16_000, 2, 16, 4, EXTENSIBLE_DATA_OFFSET, 64_000, 1000),
                read(pcm(16).channels(2).rate(16_000).extensible().dataBytes(64_000).build()));
    }

    @ParameterizedTest
    @ValueSource(ints = { 16, 18, 40, 50 })
    void fmtChunkOfAnyUsualSizeExtraBytesIgnored(int fmtSize) throws IOException {
        WavInfo info = read(alaw().fmtSize(fmtSize).build());

        assertEquals(PLAIN_DATA_OFFSET - 16 + fmtSize, info.dataOffset());
        assertEquals(2000, info.durationMillis());
    }

    @Test
    void listFactAndOddSizedUnknownChunkBeforeData() throws IOException {
        byte[] wav = alaw().chunk("LIST", 26).chunk("fact", 4).chunk("zyx1", 7).build();

        WavInfo info = read(wav);

        // each extra chunk: 8-byte header + body, + 1 pad byte after the 7-byte one
        assertEquals(PLAIN_DATA_OFFSET + 34 + 12 + 16, info.dataOffset());
        assertEquals(16_000, info.dataLength());
        assertEquals(2000, info.durationMillis());
    }

    @Test
    void extraChunksBeforeFmtInAnyOrder() throws IOException {
        byte[] wav = alaw().chunk("bext", 602).chunk("cue ", 13).fmt().chunk("LIST", 3).build();

        WavInfo info = read(wav);

        assertEquals(PLAIN_DATA_OFFSET + 610 + 22 + 12, info.dataOffset());
        assertEquals(AudioFormat.ALAW, info.codec());
    }

    @Test
    void trailingChunksAfterDataAreIgnored() throws IOException {
        byte[] wav = alaw().data().chunk("LIST", 33).chunk("id3 ", 128).build();

        assertEquals(16_000, read(wav).dataLength());
    }

    @ParameterizedTest
    @ValueSource(longs = { 0L, 0xFFFF_FFFFL, 4L, 1_000_000_000L })
    void riffSizeFieldFromAStreamingWriterIsNotTrusted(long riffSize) throws IOException {
        assertEquals(2000, read(alaw().riffSize(riffSize).build()).durationMillis());
    }

    @Test
    void durationIsRoundedDownToWholeMilliseconds() throws IOException {
        assertEquals(999, read(alaw().dataBytes(7_999).build()).durationMillis());
        // 47 frames at 48 kHz is 0.979 ms
        assertEquals(0, read(pcm(16).channels(2).rate(48_000).dataBytes(4 * 47).build()).durationMillis());
    }

    @Test
    void headerExactlyAtTheLimitIsAccepted() throws IOException {
        // RIFF 12 + fmt 24 + JUNK header 8 + body + data header 8 = the limit
        byte[] wav = alaw().chunk("JUNK", WavReader.MAX_HEADER_BYTES - 52).dataBytes(2).build();

        assertEquals(WavReader.MAX_HEADER_BYTES, read(wav).dataOffset());
    }

    @Test
    void readsOnlyTheHeaderAndLeavesTheStreamAtTheFirstAudioByte() throws IOException {
        byte[] wav = alaw().chunk("LIST", 25).dataBytes(16_000).data().chunk("LIST", 10).build();
        CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(wav));

        WavInfo info = WavReader.read(in, wav.length);

        assertEquals(info.dataOffset(), in.count);
        byte[] audio = in.readNBytes((int) info.dataLength());
        assertArrayEquals(Arrays.copyOfRange(wav, (int) info.dataOffset(), (int) (info.dataOffset() + 16_000)), audio);
    }

    @Test
    void neverNeedsTheAudioBytes() throws IOException {
        byte[] wav = alaw().dataBytes(16_000).build();
        byte[] headerOnly = Arrays.copyOf(wav, PLAIN_DATA_OFFSET);

        // the stream ends where the audio would start; the announced length still covers the audio
        WavInfo info = WavReader.read(new ByteArrayInputStream(headerOnly), wav.length);

        assertEquals(2000, info.durationMillis());
    }

    @Test
    void readsAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("call.wav");
        Files.write(file, alaw().build());

        try (InputStream in = Files.newInputStream(file)) {
            assertEquals(2000, WavReader.read(in, Files.size(file)).durationMillis());
        }
    }

    // --- malformed: 400 ---------------------------------------------------------------------------

    @Test
    void emptyInput() {
        malformed(new byte[0], "empty upload");
    }

    @Test
    void wrongMagic() {
        byte[] mp3 = alaw().magic("ID3\u0003").build();

        InvalidWavException e = malformed(mp3, "not a WAV file");
        assertEquals("not a WAV file: expected 'RIFF' at offset 0 but found 'ID3\\x03'", e.getMessage());
    }

    @Test
    void notWave() {
        malformed(alaw().formType("AVI ").build(), "RIFF form type is 'AVI ', expected 'WAVE'");
    }

    @ParameterizedTest
    @ValueSource(ints = { 2, 4, 7, 11 })
    void truncatedInTheRiffHeader(int length) {
        malformed(alaw().truncatedTo(length), "truncated RIFF header", "only " + length + " bytes");
    }

    @Test
    void truncatedInsideFmt() {
        malformed(alaw().truncatedTo(12 + 8 + 5), "truncated 'fmt ' chunk at offset 12", "declares 16 bytes but only 5 follow");
    }

    @Test
    void truncatedInAChunkHeader() {
        malformed(alaw().truncatedTo(12 + 3), "truncated chunk header at offset 12", "only 3 bytes left");
    }

    @Test
    void truncatedInsideAnExtraChunk() {
        malformed(alaw().chunk("LIST", 200).truncatedTo(PLAIN_DATA_OFFSET + 50),
                "truncated 'LIST' chunk at offset 36", "declares 200 bytes but only 50 follow");
    }

    @Test
    void dataBeforeFmt() {
        malformed(alaw().data().fmt().build(), "'data' chunk at offset 12 comes before the 'fmt ' chunk");
    }

    @Test
    void noFmtAtAll() {
        malformed(alaw().noFmt().noData().chunk("LIST", 4).build(), "no 'fmt ' chunk");
    }

    @Test
    void noDataChunk() {
        malformed(alaw().noData().chunk("LIST", 4).build(), "no 'data' chunk");
    }

    @Test
    void dataSizeBeyondTheBytesSent() {
        malformed(alaw().dataSizeField(20_000).build(), "data chunk declares 20000 bytes but only 16000 follow");
        malformed(alaw().truncatedTo(PLAIN_DATA_OFFSET + 100), "data chunk declares 16000 bytes but only 100 follow");
        malformed(alaw().dataSizeField(0xFFFF_FFFFL).build(), "declares 4294967295 bytes");
    }

    @Test
    void zeroLengthAudio() {
        malformed(alaw().dataBytes(0).build(), "'data' chunk is empty");
    }

    @Test
    void channelsZero() {
        malformed(alaw().channels(0).build(), "channel count is 0");
    }

    @Test
    void sampleRateZero() {
        malformed(alaw().rate(0).build(), "sample rate is 0 Hz");
    }

    @Test
    void blockAlignWrong() {
        InvalidWavException e = malformed(pcm(16).channels(2).blockAlign(2).build());
        assertEquals("blockAlign is 2 but 2 channel(s) × 16 bits / 8 = 4", e.getMessage());
    }

    @Test
    void byteRateWrong() {
        InvalidWavException e = malformed(alaw().byteRate(16_000).build());
        assertEquals("byteRate is 16000 but blockAlign 1 × 8000 Hz = 8000", e.getMessage());
    }

    @Test
    void dataNotAWholeNumberOfFrames() {
        malformed(pcm(16).channels(2).dataBytes(16_001).build(),
                "data chunk is 16001 bytes, not a whole number of 4-byte frames", "1 bytes left over");
    }

    @Test
    void fmtTooShort() {
        malformed(alaw().fmtSize(14).build(), "'fmt ' chunk is 14 bytes; it must be at least 16");
    }

    @Test
    void extensibleFmtTooShort() {
        malformed(alaw().extensible().fmtSize(18).build(), "WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is 18 bytes");
    }

    @Test
    void extensibleCbSizeTooSmall() {
        malformed(alaw().extensible().cbSize(0).build(), "cbSize is 0");
    }

    @Test
    void extensibleWithMoreValidBitsThanStored() {
        malformed(pcm(16).extensible().validBits(20).build(), "validBitsPerSample is 20 but bitsPerSample is 16");
    }

    @Test
    void secondFmtChunk() {
        malformed(alaw().fmt().fmt().build(), "second 'fmt ' chunk at offset 36");
    }

    @Test
    void headerLargerThanTheLimitIsRefusedWithoutReadingIt() {
        byte[] wav = alaw().chunk("JUNK", WavReader.MAX_HEADER_BYTES).build();
        CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(wav));

        InvalidWavException e = assertThrows(InvalidWavException.class, () -> WavReader.read(in, wav.length));

        assertEquals(InvalidWavException.class, e.getClass());
        assertTrue(e.getMessage().startsWith("header too large: the 'JUNK' chunk at offset 36"), e.getMessage());
        assertEquals(PLAIN_DATA_OFFSET, in.count, "only up to the JUNK chunk header is read");
    }

    @Test
    void headerJustOverTheLimit() {
        malformed(alaw().chunk("JUNK", WavReader.MAX_HEADER_BYTES - 51).dataBytes(2).build(),
                "header too large: the audio starts at byte " + (WavReader.MAX_HEADER_BYTES + 2));
    }

    @Test
    void streamShorterThanAnnounced() {
        byte[] wav = alaw().build();
        InvalidWavException e = assertThrows(InvalidWavException.class,
                () -> WavReader.read(new ByteArrayInputStream(wav, 0, 30), wav.length));
        assertEquals(InvalidWavException.class, e.getClass());
        assertTrue(e.getMessage().startsWith("truncated upload"), e.getMessage());
    }

    // --- unsupported: 415 -------------------------------------------------------------------------

    @Test
    void rifx() {
        unsupported(alaw().magic("RIFX").build(), "RIFX (big-endian) WAV files are not supported");
    }

    @ParameterizedTest
    @ValueSource(strings = { "RF64", "BW64" })
    void rf64(String magic) {
        unsupported(alaw().magic(magic).build(), magic + " (64-bit WAV) files are not supported");
    }

    @Test
    void mp3FormatTag() {
        UnsupportedAudioException e = unsupported(WavBuilder.formatTag(0x0055, 0).blockAlign(1).byteRate(4000).build());
        assertEquals("format tag 0x0055 (MP3) is not supported; accepted: PCM, A-law, µ-law", e.getMessage());
    }

    @Test
    void unknownFormatTag() {
        unsupported(WavBuilder.formatTag(0x1234, 8).build(), "format tag 0x1234 is not supported");
    }

    @Test
    void pcm24And32Bit() {
        unsupported(pcm(24).build(), "PCM with 24 bits per sample is not supported; accepted: 8 or 16");
        unsupported(pcm(32).channels(2).build(), "PCM with 32 bits per sample");
    }

    @Test
    void alaw16Bit() {
        unsupported(alaw().bits(16).build(), "A-law with 16 bits per sample is not supported; accepted: 8 (G.711)");
        unsupported(mulaw().bits(16).build(), "µ-law with 16 bits per sample");
    }

    @Test
    void sixChannels() {
        unsupported(pcm(16).channels(6).build(), "6 channels are not supported");
    }

    @Test
    void sampleRate4000() {
        unsupported(alaw().rate(4000).build(), "sample rate 4000 Hz is not supported; accepted: 8000 to 48000 Hz");
    }

    @Test
    void sampleRate96000() {
        unsupported(pcm(16).rate(96_000).build(), "sample rate 96000 Hz is not supported");
    }

    @Test
    void extensibleWithUnknownGuid() {
        byte[] guid = new byte[16];
        for (int i = 0; i < guid.length; i++) {
            guid[i] = (byte) i;
        }
        UnsupportedAudioException e = unsupported(alaw().subFormatGuid(guid).build());
        assertEquals("WAVE_FORMAT_EXTENSIBLE SubFormat GUID 03020100-0504-0706-0809-0a0b0c0d0e0f is not supported;"
                + " accepted: PCM, A-law, µ-law", e.getMessage());
    }

    @Test
    void extensibleWithFloatSubFormat() {
        unsupported(pcm(32).subFormatGuid(WavBuilder.guidFor(0x0003)).build(),
                "WAVE_FORMAT_EXTENSIBLE SubFormat 0x0003 (IEEE float) is not supported");
    }

    @Test
    void extensibleWithPaddedSamples() {
        unsupported(pcm(16).extensible().validBits(12).build(), "validBitsPerSample is 12 but bitsPerSample is 16");
    }

    // --- helpers ----------------------------------------------------------------------------------

    private static WavInfo read(byte[] wav) throws IOException {
        return WavReader.read(new ByteArrayInputStream(wav), wav.length);
    }

    /** Asserts a 400: exactly InvalidWavException, not the 415 subtype, naming each fragment. */
    private static InvalidWavException malformed(byte[] wav, String... fragments) {
        InvalidWavException e = assertThrows(InvalidWavException.class, () -> read(wav));
        assertEquals(InvalidWavException.class, e.getClass(), () -> "expected malformed, got: " + e);
        assertMentions(e, fragments);
        return e;
    }

    /** Asserts a 415. */
    private static UnsupportedAudioException unsupported(byte[] wav, String... fragments) {
        UnsupportedAudioException e = assertThrows(UnsupportedAudioException.class, () -> read(wav));
        assertMentions(e, fragments);
        return e;
    }

    private static void assertMentions(InvalidWavException e, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' should mention '" + fragment + "'");
        }
    }

    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
