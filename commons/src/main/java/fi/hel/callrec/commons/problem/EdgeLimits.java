package fi.hel.callrec.commons.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request over the HTTP limits (body 413, request line 414, headers 431) with a problem
 * body; the transport's own limits are wider so that such requests reach this check. The request's
 * values are never echoed: a long URL may carry what its sender should not have put there.
 */
@ApplicationScoped
public class EdgeLimits {

    /** Before Quarkus's own body-size check (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT, -2). */
    private static final int ORDER = -3;

    private final ObjectMapper mapper;
    private final long maxRequestLine;
    private final long maxHeaderSize;
    private final Optional<MemorySize> maxBodySize;

    public EdgeLimits(ObjectMapper mapper,
            @ConfigProperty(name = "callrec.http.max-request-line") MemorySize maxRequestLine,
            @ConfigProperty(name = "callrec.http.max-header-size") MemorySize maxHeaderSize,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.mapper = mapper;
        this.maxRequestLine = maxRequestLine.asLongValue();
        this.maxHeaderSize = maxHeaderSize.asLongValue();
        this.maxBodySize = maxBodySize;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > maxRequestLine) {
            refuse(context, Problem.of(414, "The request line is longer than " + maxRequestLine
                    + " characters: send long search values in fewer or shorter parameters."));
            return;
        }
        long headers = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headers += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headers > maxHeaderSize) {
            refuse(context, Problem.of(431, "The request headers are larger than " + maxHeaderSize
                    + " bytes: send fewer or smaller headers (a token or cookie may be too large).")
                    .withInstance(request.path()));
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length != null && maxBodySize.isPresent() && isLonger(length, maxBodySize.get().asLongValue())) {
            refuse(context, Problem.of(413, "The request body is larger than " + maxBodySize.get().asLongValue()
                    + " bytes, the most this service takes.").withInstance(request.path()));
            return;
        }
        context.next();
    }

    private static boolean isLonger(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.strip()) > limit;
        } catch (NumberFormatException e) {
            return false; // the server itself answers a malformed Content-Length with 400
        }
    }

    private void refuse(RoutingContext context, Problem problem) {
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem body could not be written", e);
        }
        // The body may still be on its way: close the connection once answered rather than read it.
        HttpServerRequest request = context.request();
        context.response().setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .endHandler(done -> request.connection().close())
                .end(body);
    }
}
