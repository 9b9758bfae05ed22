package fi.hel.callrec.console.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns a service's error answer into a {@link ServiceException} with the sentence of its problem
 * body: the detail, followed by the fields it names. A body that is no problem gives no sentence.
 */
public class ServiceProblems implements ResponseExceptionMapper<ServiceException> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ServiceException toThrowable(Response response) {
        return new ServiceException(response.getStatus(), sentence(response));
    }

    @Override
    public boolean handles(int status, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    static String sentence(Response response) {
        if (!response.hasEntity()) {
            return null;
        }
        try {
            response.bufferEntity();
            return sentence(response.readEntity(String.class));
        } catch (RuntimeException notAProblem) {
            return null;
        }
    }

    /** The sentence of a problem body given as text, or null when it is none. */
    public static String sentence(String body) {
        try {
            return sentence(JSON.readTree(body));
        } catch (IOException notAProblem) {
            return null;
        }
    }

    static String sentence(JsonNode problem) {
        if (problem == null || !problem.isObject()) {
            return null;
        }
        String detail = problem.path("detail").asText(problem.path("title").asText(null));
        List<String> fields = new ArrayList<>();
        for (JsonNode error : problem.path("errors")) {
            String field = error.path("field").asText("");
            String message = error.path("message").asText("");
            fields.add(field.isEmpty() ? message : field + ": " + message);
        }
        if (fields.isEmpty() || detail == null) {
            return detail;
        }
        return detail + " (" + String.join("; ", fields) + ")";
    }
}
