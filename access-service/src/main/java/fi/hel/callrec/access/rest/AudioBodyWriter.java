package fi.hel.callrec.access.rest;

import fi.hel.callrec.access.storage.StoredAudio;
import fi.hel.callrec.access.storage.StoredAudio.Outcome;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerHttpResponse;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Writes an {@link AudioBody}: the framework's status and headers, then the store's audio piped
 * into the Vert.x response, which the pipe ends. Content-Length is the resource's header: the
 * body is never chunked. A response that cannot be sent whole is reset, so that a short body is
 * never taken for a whole one.
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
        StoredAudio audio = body.audio();
        ServerHttpResponse response = context.serverResponse();
        // The framework computes no length for a body it does not write; it sends the headers with its first write.
        response.setResponseHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(audio.length()));
        response.setChunked(false);
        response.write(NOTHING);
        response.addCloseHandler(audio::discard);
        if (response.closed()) {
            audio.discard();
        }
        audio.pipeTo(body.out()).onSuccess(sent -> {
            if (sent.outcome() != Outcome.WHOLE) {
                body.out().reset();
                body.interrupted().record(sent.bytes(), sent.outcome().name().toLowerCase().replace('_', '-'));
            }
        });
    }

    @Override
    public void writeTo(AudioBody body, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) {
        throw new UnsupportedOperationException("audio is written by the server only");
    }
}
