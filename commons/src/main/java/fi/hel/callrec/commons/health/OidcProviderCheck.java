package fi.hel.callrec.commons.health;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether the identity provider answers its discovery document, for alerting ({@code /q/health/well}).
 * Not a readiness check: tokens are verified with the signing keys this pod has already fetched,
 * so a short Keycloak outage must not take every pod out of its Service.
 */
@Wellness
@ApplicationScoped
public class OidcProviderCheck implements HealthCheck {

    private final URI discovery;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public OidcProviderCheck(@ConfigProperty(name = "quarkus.oidc.auth-server-url") String authServerUrl) {
        this.discovery = URI.create(authServerUrl.replaceAll("/+$", "") + "/.well-known/openid-configuration");
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("OIDC provider").withData("discovery", discovery.toString());
        try {
            HttpResponse<Void> answer = http.send(
                    HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.status(answer.statusCode() == 200).withData("status", answer.statusCode()).build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return response.down().withData("error", String.valueOf(e)).build();
        }
    }
}
