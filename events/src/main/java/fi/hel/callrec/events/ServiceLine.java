package fi.hel.callrec.events;

import java.util.Optional;

/**
 * The customer-service lines of the Public Works Department. Events carry {@link #code()} as a
 * String rather than this enum, so that a line added later reaches older consumers as an unknown
 * code instead of a deserialization failure.
 */
public enum ServiceLine {

    STREETS_AND_GREEN_AREAS("streets-and-green-areas", "Street and green-area advice"),
    FEEDBACK("feedback", "Feedback"),
    PARKING_AND_FINES("parking-and-fines", "Parking and parking fines"),
    PARKING_PERMITS("parking-permits", "Resident and business parking permits and their billing");

    private final String code;
    private final String description;

    ServiceLine(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The value used in events and APIs. */
    public String code() {
        return code;
    }

    /** A short English description for logs and documentation. */
    public String description() {
        return description;
    }

    /** The line with this code, or empty for null or a code this version does not know. */
    public static Optional<ServiceLine> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (ServiceLine line : values()) {
            if (line.code.equals(code)) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }
}
