package fi.hel.callrec.guard;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses to start outside the dev and test profiles while a secret still has one of the local
 * stack's known values (every one of them says "test-only"), naming the key to set. The values
 * themselves are never printed. Which keys hold secrets is configuration
 * ({@code callrec.secrets.keys}): the services' in commons, the console's in its own.
 */
@ApplicationScoped
public class TestOnlySecrets {

    void check(@Observes StartupEvent event, Config config) {
        List<String> profiles = config.unwrap(SmallRyeConfig.class).getProfiles();
        if (profiles.contains("dev") || profiles.contains("test")) {
            return;
        }
        List<String> keys = config.getOptionalValues("callrec.secrets.keys", String.class).orElse(List.of());
        List<String> known = knownValues(config, keys);
        if (!known.isEmpty()) {
            throw new IllegalStateException("Refusing to start in profile " + String.join(",", profiles)
                    + ": " + String.join(", ", known) + " still has the local stack's test-only value;"
                    + " set this deployment's own secret (for example through the environment variable "
                    + envName(known.get(0)) + ")");
        }
    }

    static List<String> knownValues(Config config, List<String> keys) {
        return keys.stream()
                .filter(key -> config.getOptionalValue(key, String.class)
                        .filter(value -> value.toLowerCase(Locale.ROOT).contains("test-only"))
                        .isPresent())
                .toList();
    }

    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
