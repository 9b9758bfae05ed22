package fi.hel.callrec.commons.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/** Plain WAV files for tests that need a valid recording, as the telephony platform writes them. */
public final class Wavs {

    private Wavs() {
    }

    /** G.711 A-law, mono, 8 kHz: the Finnish telephony case. One second is 8000 bytes of audio. */
    public static byte[] alaw8k(int audioBytes, long seed) {
        return wav(6, 1, 8000, 8, audioBytes, seed);
    }

    /** A canonical 44-byte-header WAV of the given format with pseudo-random audio. */
    public static byte[] wav(int formatTag, int channels, int sampleRate, int bits, int audioBytes, long seed) {
        int blockAlign = channels * bits / 8;
        ByteBuffer b = ByteBuffer.allocate(44 + audioBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + audioBytes).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) formatTag).putShort((short) channels)
                .putInt(sampleRate).putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) bits);
        b.put("data".getBytes()).putInt(audioBytes);
        byte[] audio = new byte[audioBytes];
        new Random(seed).nextBytes(audio);
        b.put(audio);
        return b.array();
    }
}
