package fi.hel.callrec.commons.problem;

import java.util.List;
import java.util.Map;

/**
 * Thrown by services to answer with a problem body. Headers travel with it because some answers
 * need them to be usable (for example {@code Retry-After} on a 503).
 */
public class ProblemException extends RuntimeException {

    private final Problem problem;
    private final Map<String, String> headers;

    public ProblemException(int status, String detail) {
        this(Problem.of(status, detail), Map.of());
    }

    public ProblemException(int status, String detail, List<Problem.FieldError> errors) {
        this(Problem.of(status, detail, errors), Map.of());
    }

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.detail());
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public ProblemException(Problem problem, Map<String, String> headers, Throwable cause) {
        super(problem.detail(), cause);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    /** A 503: a part the answer needs is down; the client may try again after {@code retryAfterSeconds}. */
    public static ProblemException unavailable(String detail, int retryAfterSeconds, Throwable cause) {
        return new ProblemException(Problem.of(503, detail), Map.of("Retry-After", Integer.toString(retryAfterSeconds)), cause);
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
