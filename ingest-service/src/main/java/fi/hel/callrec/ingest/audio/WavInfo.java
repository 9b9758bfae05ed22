package fi.hel.callrec.ingest.audio;

import fi.hel.callrec.events.AudioFormat;

/**
 * What {@link WavReader} measured from a WAV header.
 *
 * @param codec          {@link AudioFormat#PCM}, {@link AudioFormat#ALAW} or {@link AudioFormat#MULAW}
 * @param formatTag      the effective format tag (1, 6 or 7), the SubFormat's for WAVE_FORMAT_EXTENSIBLE
 * @param dataOffset     byte offset of the first audio byte in the file
 * @param dataLength     audio bytes in the {@code data} chunk, always a whole number of frames
 * @param durationMillis whole milliseconds of audio, rounded down
 */
public record WavInfo(String codec, int formatTag, int sampleRateHz, int channels, int bitsPerSample, int blockAlign,
        long dataOffset, long dataLength, long durationMillis) {

    /** The part of this header that the call-recorded event carries. */
    public AudioFormat toAudioFormat() {
        return new AudioFormat(codec, sampleRateHz, channels, bitsPerSample, durationMillis);
    }
}
