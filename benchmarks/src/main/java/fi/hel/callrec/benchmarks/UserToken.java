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
import java.time.Instant;

/** A person's token from the realm's password grant (test users of the local realm), fetched again before it runs out. */
final class UserToken {

    private static final ObjectMapper JSON = new ObjectMapper();


    private final HttpClient http;
    private final URI endpoint;
    private final String form;
    private String token;
    private Instant expiresAt = Instant.MIN;

    UserToken(HttpClient http, String keycloakUrl, String realm, String clientId, String clientSecret,
              String user, String password) {
        this.http = http;
        this.endpoint = URI.create(keycloakUrl.replaceAll("/+$", "") + "/realms/" + realm + "/protocol/openid-connect/token");
        this.form = "grant_type=password&client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret)
                + "&username=" + encode(user) + "&password=" + encode(password);
    }

    synchronized String get() throws IOException, InterruptedException {
        if (token == null || Instant.now().plusSeconds(30).isAfter(expiresAt)) {
            Instant asked = Instant.now();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("token endpoint answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            token = body.path("access_token").asText();
            expiresAt = asked.plusSeconds(body.path("expires_in").asLong(60));
        }
        return token;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
