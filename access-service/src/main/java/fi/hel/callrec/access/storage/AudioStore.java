package fi.hel.callrec.access.storage;

import fi.hel.callrec.commons.storage.ObjectStoreUnavailableException;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Where the audio is read from, one byte range at a time ({@code AudioStoreContractTest} says how). */
public interface AudioStore {

    /**
     * Asks the store for {@code length} bytes of an object from {@code offset}. Completes when the
     * store's answer has begun: with the audio, held until it is piped or discarded; empty when the
     * object is not there (removed behind the projection's back); failed with
     * {@link ObjectStoreUnavailableException} when the store cannot be read.
     */
    CompletionStage<Optional<StoredAudio>> open(String bucket, String key, long offset, long length);
}
