package fi.hel.callrec.catalog.rights;

import fi.hel.callrec.commons.problem.Problem;
import fi.hel.callrec.commons.problem.ProblemException;
import java.util.List;
import java.util.UUID;

/** Checks of the free-text fields of the rights workflows, collected into one problem answer. */
final class Texts {

    private Texts() {
    }

    static void required(List<Problem.FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new Problem.FieldError(field, "is required"));
        } else {
            optional(errors, field, value, max);
        }
    }

    static void optional(List<Problem.FieldError> errors, String field, String value, int max) {
        if (value != null && value.strip().length() > max) {
            errors.add(new Problem.FieldError(field, "must be at most " + max + " characters"));
        }
    }

    static String strip(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** An id from a path: one that is no UUID names nothing here, the same as an unknown one. */
    static UUID uuid(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id, what);
        }
    }

    static ProblemException notFound(String id, String what) {
        return new ProblemException(404, "No " + what + " " + shorten(id) + ".");
    }

    static String shorten(String id) {
        return id.length() > 40 ? id.substring(0, 40) + "…" : id;
    }
}
