package fi.hel.callrec.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** The telephony platform's identity: a client-credentials token, fetched again before it runs out. */
final class RecorderToken {

    private static final ObjectMapper JSON = new ObjectMapper();
    // The service may check the token only once the whole body has arrived, so an upload must
    // start with a token that outlives its transfer: a minute covers the small uploads here.
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private final HttpClient http;
    private final URI endpoint;
    private final String form;
    private String token;
    private Instant expiresAt = Instant.MIN;
    private Duration lifespan = Duration.ZERO;

    RecorderToken(HttpClient http, String keycloakUrl, String realm, String clientId, String clientSecret) {
        this.http = http;
        this.endpoint = URI.create(keycloakUrl.replaceAll("/+$", "") + "/realms/" + realm + "/protocol/openid-connect/token");
        this.form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret);
    }

    synchronized String get() throws IOException, InterruptedException {
        if (token == null || Instant.now().plus(MARGIN).isAfter(expiresAt)) {
            fetch();
        }
        return token;
    }

    /** A token just issued, for a transfer that may take most of a token's life. */
    synchronized String fresh() throws IOException, InterruptedException {
        fetch();
        return token;
    }

    /** How long the realm's tokens live, as the last answer said. */
    synchronized Duration lifespan() {
        return lifespan;
    }

    private void fetch() throws IOException, InterruptedException {
        Instant asked = Instant.now();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("token endpoint " + endpoint + " answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode body = JSON.readTree(response.body());
        String accessToken = body.path("access_token").asText(null);
        if (accessToken == null) {
            throw new IOException("token endpoint " + endpoint + " answered without access_token: " + response.body());
        }
        token = accessToken;
        lifespan = Duration.ofSeconds(body.path("expires_in").asLong(60));
        expiresAt = asked.plus(lifespan);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
