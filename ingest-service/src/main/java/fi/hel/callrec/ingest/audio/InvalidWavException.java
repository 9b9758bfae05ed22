package fi.hel.callrec.ingest.audio;

import java.io.IOException;

/**
 * An upload that is not a well-formed WAV file; the REST layer answers 400 with {@link #reason()}
 * as the problem detail. The subtype {@link UnsupportedAudioException} marks a well-formed WAV
 * that this service does not accept (answered 415), so catch that one first.
 *
 * <p>A checked {@link IOException} on purpose: {@link WavReader#read} reads a stream and already
 * throws IOException, and a bad upload is as much an input failure as a broken stream, so callers
 * cannot forget to handle it. Callers must catch it before a generic IOException, which means the
 * temp file itself could not be read (a 500, not the uploader's fault).
 */
public class InvalidWavException extends IOException {

    private static final long serialVersionUID = 1L;

    public InvalidWavException(String reason) {
        super(reason);
    }

    /** What is wrong, naming the offending value; written for the telephony integrators. */
    public String reason() {
        return getMessage();
    }
}
