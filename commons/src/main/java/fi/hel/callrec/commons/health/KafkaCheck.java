package fi.hel.callrec.commons.health;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether this service's Kafka user reaches the brokers, for alerting ({@code /q/health/well}).
 * Not a readiness check: the outbox keeps events while Kafka is away and consumers resume where
 * they stopped, so every pod can go on serving its own requests.
 */
@Wellness
@ApplicationScoped
public class KafkaCheck implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration FIRST_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> kafkaConfig;
    private volatile Admin admin;

    public KafkaCheck(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.kafkaConfig = kafkaConfig;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Kafka brokers");
        try {
            // The first call also signs the client in (TLS, SCRAM): on a loaded node that takes longer.
            long timeout = (admin == null ? FIRST_TIMEOUT : TIMEOUT).toMillis();
            int nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout))
                    .nodes().get(timeout + 500, TimeUnit.MILLISECONDS).size();
            return response.up().withData("nodes", nodes).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        } catch (Exception e) {
            return response.down().withData("error", String.valueOf(e.getCause() != null ? e.getCause() : e)).build();
        }
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(kafkaConfig);
                }
                current = admin;
            }
        }
        return current;
    }

    void close(@Observes ShutdownEvent event) {
        Admin current = admin;
        if (current != null) {
            current.close(Duration.ofSeconds(2));
        }
    }
}
