package fi.hel.callrec.ingest.audio;

/**
 * A well-formed WAV whose audio this service does not accept (codec, bits per sample, channel count,
 * sample rate, or the RIFX/RF64 container variants): the uploader should convert it, not fix a bug,
 * so the REST layer answers 415 rather than 400.
 */
public class UnsupportedAudioException extends InvalidWavException {

    private static final long serialVersionUID = 1L;

    public UnsupportedAudioException(String reason) {
        super(reason);
    }
}
