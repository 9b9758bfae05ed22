package fi.hel.callrec.access.rest;

import fi.hel.callrec.access.service.ListeningService;
import fi.hel.callrec.access.service.ListeningService.Answer;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.Executor;

/** The HTTP answer to a request for audio, recording or training copy alike. */
public final class AudioResponses {

    private static final String WAV = "audio/wav";

    private AudioResponses() {
    }

    /**
     * The answer with its body, if any, to be piped into {@code out}; an interrupted sending is
     * written to the audit log on {@code worker}, off the event loop that noticed it.
     */
    public static Response of(ListeningService listening, ListeningService.Request request, Answer answer, Executor worker,
                              HttpServerResponse out) {
        Response.ResponseBuilder response = headers(answer);
        if (answer.body() != null) {
            response.entity(new AudioBody(answer.body(), out, (bytes, outcome) ->
                    worker.execute(() -> listening.interrupted(request, answer, bytes, outcome))));
        }
        return response.build();
    }

    public static Response.ResponseBuilder headers(Answer answer) {
        Response.ResponseBuilder response = Response.status(answer.status())
                .header(HttpHeaders.ETAG, answer.etag())
                .header("Accept-Ranges", "bytes")
                // Personal data: the browser may keep it for the player, but must ask (and be audited) before reuse.
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                .header("X-Listening-Session", answer.entry().sessionId().toString());
        if (answer.status() == 304) {
            return response;
        }
        response.header(HttpHeaders.CONTENT_TYPE, WAV)
                .header(HttpHeaders.CONTENT_LENGTH, Long.toString(answer.length()))
                .header("Content-Disposition", "inline; filename=\"" + answer.audio().id() + ".wav\"");
        if (answer.range() != null) {
            response.header("Content-Range", answer.range().contentRange(answer.audio().sizeBytes()));
        }
        return response;
    }
}
