package fi.hel.callrec.catalog.rights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.hel.callrec.commons.problem.ProblemException;
import fi.hel.callrec.commons.problem.ProblemMappers;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * Reads request bodies of the rights workflows, refusing fields it does not know: a misspelt
 * field of a legal request must not be dropped silently. Only here, because the event consumers
 * share the application's mapper and must tolerate fields added by newer producers.
 */
@ApplicationScoped
public class StrictJson {

    private final ObjectMapper json;

    public StrictJson(ObjectMapper json) {
        this.json = json;
    }

    public <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new ProblemException(400, "A JSON body is required.");
        }
        try {
            T value = json.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(body);
            if (value == null) {
                throw new ProblemException(400, "The JSON body must be an object.");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw ProblemMappers.fromJson(e, null);
        } catch (IOException e) {
            throw new ProblemException(400, "The JSON body could not be read.");
        }
    }
}
