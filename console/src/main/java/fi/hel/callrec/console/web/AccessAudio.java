package fi.hel.callrec.console.web;

import fi.hel.callrec.console.services.ServiceException;
import fi.hel.callrec.console.services.ServiceProblems;
import fi.hel.callrec.console.services.PersonToken;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The player's audio: each request of a page's {@code <audio>} element, ranges included, is
 * relayed to access-service with the listener's own token (and, for a recording, the purpose they
 * picked), so access-service decides and audits every range under the person who listens. The
 * token never reaches the page, and the URL is worth nothing without that person's session.
 */
@ApplicationScoped
public class AccessAudio {

    /** Request headers a player sends that access-service answers to. */
    private static final List<String> FORWARDED = List.of("Range", "If-Range", "If-None-Match");
    /** Answer headers the player needs; the console's own security headers stay. */
    private static final List<String> RETURNED = List.of("Content-Type", "Content-Length", "Content-Range",
            "Accept-Ranges", "ETag", "Content-Disposition", "X-Listening-Session", "Retry-After");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    SecurityIdentity identity;

    @ConfigProperty(name = "callrec.console.access-url")
    URI access;

    /** Relays the request to {@code path} of access-service, with {@code purpose} when not null. */
    Response relay(String method, String path, String purpose, HttpHeaders headers) {
        String query = purpose == null ? "" : "?purpose=" + URLEncoder.encode(purpose, StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(access.resolve(path + query))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + PersonToken.bearer(identity));
        for (String name : FORWARDED) {
            String value = headers.getHeaderString(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        HttpResponse<InputStream> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking access-service", e);
        }
        if (answer.statusCode() >= 400) {
            throw new ServiceException(answer.statusCode(), problemOf(answer));
        }
        Response.ResponseBuilder response = Response.status(answer.statusCode());
        for (String name : RETURNED) {
            answer.headers().firstValue(name).ifPresent(value -> response.header(name, value));
        }
        InputStream body = answer.body();
        if ("HEAD".equals(method) || answer.statusCode() == 304) {
            closeQuietly(body);
            return response.build();
        }
        StreamingOutput copy = out -> {
            // A player that seeks drops its earlier request: the copy ends, and the stream from access-service is closed.
            try (InputStream in = body) {
                in.transferTo(out);
            }
        };
        return response.entity(copy).build();
    }

    private static String problemOf(HttpResponse<InputStream> answer) {
        try (InputStream body = answer.body()) {
            return ServiceProblems.sentence(new String(body.readNBytes(16_384), StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            return null;
        }
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // Nothing was to be read.
        }
    }
}
