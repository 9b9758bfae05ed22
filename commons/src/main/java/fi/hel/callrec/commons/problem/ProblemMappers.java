package fi.hel.callrec.commons.problem;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.invoke.MethodType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every exception that reaches the REST layer into an RFC 9457 problem body. Client errors
 * say what was wrong; server errors say nothing of the internals (they are logged instead).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder builder = e.problem().withInstance(path(uri)).toResponseBuilder();
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri); // Quarkus wraps a body that is not JSON at all in a bare 400
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        String detail = switch (status) {
            case 404 -> "No resource at " + path(uri) + ".";
            case 405 -> "The method is not allowed on " + path(uri) + ".";
            case 415 -> "The request's Content-Type is not accepted here.";
            case 406 -> "None of the accepted media types can be produced.";
            default -> status >= 500 ? "The request could not be completed." : e.getMessage();
        };
        Response.ResponseBuilder builder = Problem.of(status, detail).withInstance(path(uri)).toResponseBuilder();
        // Keep headers that the client needs to act on the answer (Allow, WWW-Authenticate, Retry-After).
        for (String name : List.of("Allow", "WWW-Authenticate", "Retry-After", "Location")) {
            Object value = original.getHeaders().getFirst(name);
            if (value != null) {
                builder.header(name, value);
            }
        }
        return builder.build();
    }

    @ServerExceptionMapper({io.quarkus.security.UnauthorizedException.class,
            io.quarkus.security.AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Problem.of(401, "A valid bearer token from the callrec realm is required.")
                .withInstance(path(uri)).toResponseBuilder().header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        return Problem.of(403, "Your role does not allow this.").withInstance(path(uri)).toResponseBuilder().build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .collect(Collectors.toList());
        return Problem.of(400, "The request is not valid: " + errors.size() + " field(s) rejected.", errors)
                .withInstance(path(uri)).toResponseBuilder().build();
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return fromJson(e, null).problem().withInstance(path(uri)).toResponseBuilder().build();
    }

    /**
     * Quarkus brings its own mapper for this subclass (a plain JSON body, no problem), and the most
     * specific mapper wins, so a value of the wrong type needs a mapper of its own.
     */
    @ServerExceptionMapper
    public Response jsonMismatch(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    /**
     * A 400 that names where JSON input failed: the field path (under {@code prefix}, for JSON
     * that arrives inside another structure such as a multipart part), line and column.
     */
    public static ProblemException fromJson(JsonProcessingException e, String prefix) {
        String field = e instanceof JsonMappingException m ? pathOf(m, prefix) : null;
        String reason = reason(e);
        JsonLocation at = e.getLocation();
        StringBuilder detail = new StringBuilder(prefix == null ? "The JSON body" : "The JSON of '" + prefix + "'")
                .append(" could not be read");
        if (field != null && !field.equals(prefix)) {
            detail.append(" at field '").append(field).append('\'');
        }
        if (at != null && at.getLineNr() > 0) {
            detail.append(" (line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr()).append(')');
        }
        detail.append(": ").append(reason);
        return new ProblemException(400, detail.toString(),
                field == null || field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, reason)));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.error("Unexpected failure", e);
        return Problem.of(500, "The request could not be completed.").withInstance(path(uri)).toResponseBuilder().build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    /**
     * The field as the client wrote it: a body's {@code requester.name}, a parameter's
     * {@code username[0]}; the method's name and a body parameter's Java name mean nothing to a client.
     */
    static String fieldOf(ConstraintViolation<?> v) {
        List<Path.Node> nodes = new ArrayList<>();
        v.getPropertyPath().forEach(nodes::add);
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            if (node.isInIterable()) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            boolean shown = switch (node.getKind()) {
                case PROPERTY -> true;
                case PARAMETER -> i + 1 == nodes.size() || nodes.get(i + 1).getKind() != ElementKind.PROPERTY;
                default -> false;
            };
            if (shown) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return field.toString();
    }

    private static String pathOf(JsonMappingException e, String prefix) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (prefix == null) {
            return path;
        }
        return path.isEmpty() ? prefix : prefix + (path.startsWith("[") ? "" : ".") + path;
    }

    /**
     * What is wrong with the value, in words a client can act on: Jackson's own messages name Java
     * classes and quote the input, which may be a caller's personal data.
     */
    static String reason(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a field of this request";
        }
        if (e instanceof MismatchedInputException m) {
            if (String.valueOf(m.getOriginalMessage()).startsWith("Missing required creator property")) {
                return "is required";
            }
            return m.getTargetType() == null ? "is not of the expected type" : "must be " + expected(m.getTargetType());
        }
        if (e instanceof JsonMappingException) {
            return "is not valid";
        }
        return "is not well-formed JSON";
    }

    private static String expected(Class<?> type) {
        Class<?> t = type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
        if (t == Integer.class || t == Long.class || t == Short.class) {
            return "a whole number";
        }
        return t.isEnum() ? "one of " + jsonNames(t)
                : t.isArray() || java.util.Collection.class.isAssignableFrom(t) ? "a list"
                : Number.class.isAssignableFrom(t) ? "a number"
                : EXPECTED.getOrDefault(t, "an object of the documented shape");
    }

    private static final String DATE_TIME = "a date and time with its offset (ISO 8601, for example 2026-03-02T09:15:00+02:00)";
    private static final Map<Class<?>, String> EXPECTED = Map.of(
            String.class, "text",
            Boolean.class, "true or false",
            OffsetDateTime.class, DATE_TIME,
            Instant.class, DATE_TIME,
            ZonedDateTime.class, DATE_TIME,
            LocalDate.class, "a date (yyyy-mm-dd)",
            UUID.class, "a UUID");

    /** An enum's constants as JSON writes them (their {@code @JsonProperty} name, else their name). */
    static String jsonNames(Class<?> type) {
        return java.util.Arrays.stream(type.getFields()).filter(java.lang.reflect.Field::isEnumConstant)
                .map(f -> f.isAnnotationPresent(JsonProperty.class) ? f.getAnnotation(JsonProperty.class).value() : f.getName())
                .collect(Collectors.joining(", "));
    }
}
