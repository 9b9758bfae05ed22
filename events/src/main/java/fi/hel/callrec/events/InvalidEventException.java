package fi.hel.callrec.events;

/**
 * An event payload that cannot be turned into an event of this contract: malformed JSON, a missing
 * or invalid field, another event type or a version this code does not read. Unchecked, because a
 * consumer cannot recover from it except by sending the record to its dead-letter topic.
 */
public class InvalidEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
