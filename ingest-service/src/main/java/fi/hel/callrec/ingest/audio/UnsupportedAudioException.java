package fi.hel.callrec.ingest.audio;

/** A well-formed WAV whose audio this service does not accept: the sender should convert it (415). */
public class UnsupportedAudioException extends InvalidWavException {

    private static final long serialVersionUID = 1L;

    public UnsupportedAudioException(String reason) {
        super(reason);
    }
}
