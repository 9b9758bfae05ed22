package fi.hel.callrec.catalog.rights;

import fi.hel.callrec.commons.problem.Problem;
import fi.hel.callrec.commons.problem.ProblemException;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.commons.lang3.StringUtils;

/** Checks of the rights workflows' input, answered together in one problem, and of ids in paths. */
final class Texts {

    private Texts() {
    }

    /** The body's Bean Validation violations by JSON path; the caller adds the checks across fields. */
    static List<Problem.FieldError> violations(Validator validator, Object body) {
        if (body == null) {
            throw new ProblemException(400, "A JSON body is required.");
        }
        return validator.validate(body).stream()
                .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    static void refuseIfAny(List<Problem.FieldError> errors, String what) {
        if (!errors.isEmpty()) {
            throw new ProblemException(400, what + " is not valid: " + errors.size() + " field(s) rejected.", errors);
        }
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
        return StringUtils.abbreviate(id, "…", 41);
    }
}
