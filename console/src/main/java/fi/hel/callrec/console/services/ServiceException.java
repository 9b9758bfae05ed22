package fi.hel.callrec.console.services;

/**
 * A service answered an error. Carries the sentence of its RFC 9457 problem body, which the
 * console shows as it is: the service, not the console, knows what went wrong.
 */
public class ServiceException extends RuntimeException {

    private final int status;
    private final String detail;

    public ServiceException(int status, String detail) {
        // The detail may quote what the person typed; it stays out of the exception message and the logs.
        super("service answered " + status, null, false, false);
        this.status = status;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    /** The problem's sentence, or null when the service gave none. */
    public String detail() {
        return detail;
    }
}
