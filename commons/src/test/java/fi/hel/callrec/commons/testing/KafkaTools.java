package fi.hel.callrec.commons.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Kafka client settings for tests: the tests-and-tools principal of the local stack
 * ({@code local/config/kafka-tools.properties}), or another principal's, or nobody's.
 * {@code CALLREC_KAFKA} overrides the bootstrap address, {@code CALLREC_KAFKA_TOOLS_CONFIG} the file.
 */
public final class KafkaTools {

    private KafkaTools() {
    }

    /** Signed in as callrec-tools, which may read and write every topic. */
    public static Properties client() {
        Properties props = new Properties();
        Path file = configFile();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kafka tools settings", e);
        }
        // A relative trust store is the local stack's, under the project root (two levels above the file).
        String truststore = props.getProperty("ssl.truststore.location");
        if (truststore != null && !Path.of(truststore).isAbsolute()) {
            Path root = file.toAbsolutePath().getParent().getParent().getParent();
            props.setProperty("ssl.truststore.location", root.resolve(truststore).toString());
        }
        String bootstrap = System.getenv("CALLREC_KAFKA");
        if (bootstrap != null) {
            props.setProperty("bootstrap.servers", bootstrap);
        }
        return props;
    }

    /** Signed in as another SCRAM user, for example a service's principal. */
    public static Properties as(String user, String password) {
        Properties props = client();
        props.setProperty("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        return props;
    }

    /** A service's principal with the local stack's test-only password. */
    public static Properties asService(String service) {
        return as(service, service + "-local-test-only");
    }

    /** No sign-in at all. */
    public static Properties anonymous() {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", client().getProperty("bootstrap.servers"));
        return props;
    }

    private static Path configFile() {
        String configured = System.getenv("CALLREC_KAFKA_TOOLS_CONFIG");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("local/config/kafka-tools.properties");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("local/config/kafka-tools.properties not found above " + Path.of("").toAbsolutePath());
    }
}
