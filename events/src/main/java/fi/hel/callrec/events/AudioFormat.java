package fi.hel.callrec.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the stored audio is encoded, as measured by ingest-service (not as claimed by the uploader).
 *
 * @param codec          one of {@link #PCM}, {@link #ALAW}, {@link #MULAW}; a String so that a codec
 *                       added later does not break older consumers
 * @param sampleRateHz   samples per second per channel
 * @param channels       1 for a mixed call, 2 when caller and agent are on separate channels
 * @param bitsPerSample  bits per stored sample (8 for G.711 a-law and mu-law)
 * @param durationMillis audio length derived from the data size, not from the call timestamps
 */
public record AudioFormat(
        @JsonProperty(required = true) String codec,
        @JsonProperty(required = true) int sampleRateHz,
        @JsonProperty(required = true) int channels,
        @JsonProperty(required = true) int bitsPerSample,
        @JsonProperty(required = true) long durationMillis) {

    public static final String PCM = "pcm";
    public static final String ALAW = "alaw";
    public static final String MULAW = "mulaw";

    public AudioFormat {
        Checks.requiredText(codec, "audio.codec");
        Checks.positive(sampleRateHz, "audio.sampleRateHz");
        Checks.positive(channels, "audio.channels");
        Checks.positive(bitsPerSample, "audio.bitsPerSample");
        Checks.notNegative(durationMillis, "audio.durationMillis");
    }
}
