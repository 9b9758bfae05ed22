package fi.hel.callrec.commons.storage;

/** The object store could not be reached or refused to serve: worth retrying later, not a client error. */
public class ObjectStoreUnavailableException extends RuntimeException {

    public ObjectStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
