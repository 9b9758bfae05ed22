package fi.hel.callrec.ingest.audio;

import java.io.IOException;

/**
 * An upload that is not a well-formed WAV (400); the subtype {@link UnsupportedAudioException}, a
 * WAV this service does not accept (415). An IOException, like the stream's own failures.
 */
public class InvalidWavException extends IOException {

    private static final long serialVersionUID = 1L;

    public InvalidWavException(String reason) {
        super(reason);
    }
}
