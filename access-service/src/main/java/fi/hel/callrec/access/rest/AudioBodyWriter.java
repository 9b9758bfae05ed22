package fi.hel.callrec.access.rest;

import fi.hel.callrec.access.storage.StoredAudio.Outcome;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerHttpResponse;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Writes an {@link AudioBody} by piping the store's response into the HTTP response on the event
 * loop. The request stays suspended until the pipe has ended, so the framework neither ends the
 * response early nor writes to it meanwhile. Content-Length is the resource's header: the body is
 * never chunked.
 */
@Provider
public class AudioBodyWriter implements ServerMessageBodyWriter<AudioBody> {

    private static final byte[] NOTHING = new byte[0];

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
        return AudioBody.class.isAssignableFrom(type);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return AudioBody.class.isAssignableFrom(type);
    }

    @Override
    public void writeResponse(AudioBody body, Type genericType, ServerRequestContext context) {
        ResteasyReactiveRequestContext request = (ResteasyReactiveRequestContext) context;
        request.suspend();
        ServerHttpResponse response = context.serverResponse();
        // The framework sends its headers (status, ETag, ...) with its first write; the length is
        // set here, as the framework's own file writers do, because a body it does not write has
        // none for it to compute.
        response.setResponseHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(body.audio().length()));
        response.setChunked(false);
        response.write(NOTHING);
        body.audio().pipeTo(request.serverRequest().unwrap(HttpServerRequest.class)).onComplete(ended -> {
            Outcome outcome = ended.result().outcome();
            if (outcome != Outcome.WHOLE) {
                body.interrupted().record(ended.result().bytes(), outcome.name().toLowerCase().replace('_', '-'));
            }
            request.resume();
        });
    }

    @Override
    public void writeTo(AudioBody body, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) {
        throw new UnsupportedOperationException("audio is written by the server only");
    }
}
