package fi.hel.callrec.ingest.audio;

import fi.hel.callrec.events.AudioFormat;

/**
 * What {@link WavReader} measured from a WAV header: the effective format tag (1, 6 or 7), where the
 * audio starts and how long it is, in bytes (whole frames) and whole milliseconds.
 */
public record WavInfo(String codec, int formatTag, int sampleRateHz, int channels, int bitsPerSample, int blockAlign,
        long dataOffset, long dataLength, long durationMillis) {

    /** The part of this header that the call-recorded event carries. */
    public AudioFormat toAudioFormat() {
        return new AudioFormat(codec, sampleRateHz, channels, bitsPerSample, durationMillis);
    }
}
