package fi.hel.callrec.catalog.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import fi.hel.callrec.commons.problem.ProblemMappers;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;

/**
 * Quarkus answers a body that is no JSON at all with a bare 400 ("HTTP 400 Bad Request"); this
 * says where it failed, as for every other JSON error. To go once commons' mapper unwraps it.
 */
@Provider
public class MalformedJson implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        try {
            return context.proceed();
        } catch (WebApplicationException e) {
            if (e.getCause() instanceof JsonProcessingException json) {
                throw ProblemMappers.fromJson(json, null);
            }
            throw e;
        }
    }
}
