package fi.hel.callrec.access.rest;

import fi.hel.callrec.access.storage.StoredAudio;

/**
 * The body of an audio answer: the store's bytes, piped by {@link AudioBodyWriter}. A pipe that
 * ends short is reported to {@code interrupted} with the bytes sent and the audit outcome.
 */
record AudioBody(StoredAudio audio, Interruption interrupted) {

    interface Interruption {
        void record(long bytesSent, String outcome);
    }
}
