package fi.hel.callrec.events;

import java.util.Objects;

/** Validation shared by the record constructors, so that every message names the field. */
final class Checks {

    private Checks() {
    }

    static <T> T required(T value, String field) {
        return Objects.requireNonNull(value, () -> field + " is required");
    }

    static String requiredText(String value, String field) {
        required(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    static void constant(String expected, String actual, String field) {
        required(actual, field);
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException(field + " must be '" + expected + "' but was '" + actual + "'");
        }
    }

    static void constant(int expected, int actual, String field) {
        if (expected != actual) {
            throw new IllegalArgumentException(field + " must be " + expected + " but was " + actual);
        }
    }

    static long notNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative but was " + value);
        }
        return value;
    }

    static int positive(int value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive but was " + value);
        }
        return value;
    }
}
