package fi.hel.callrec.commons.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem details body. Every error answer of every callrec service is one of these,
 * so clients parse one shape whatever went wrong.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One rejected input field: where it is (a path such as {@code metadata.callerNumber}) and what is wrong. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String detail) {
        return new Problem(null, titleOf(status), status, detail, null, null);
    }

    public static Problem of(int status, String detail, List<FieldError> errors) {
        return new Problem(null, titleOf(status), status, detail, null, errors == null || errors.isEmpty() ? null : errors);
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    public Response.ResponseBuilder toResponseBuilder() {
        return Response.status(status).type(MEDIA_TYPE).entity(this);
    }

    static String titleOf(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (status) {
            case 410 -> "Gone";
            case 413 -> "Content Too Large";
            case 416 -> "Range Not Satisfiable";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            default -> status >= 500 ? "Server Error" : "Client Error";
        };
    }
}
