package fi.hel.callrec.retention;

import fi.hel.callrec.commons.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

@QuarkusTest
class RetentionServiceContractTest extends ServiceContractTest {

    @Override
    protected List<String> expectedReadinessChecks() {
        return List.of("Database connections health check", "Object lock");
    }

    @Override
    protected List<String> expectedWellnessChecks() {
        return List.of("Kafka brokers", "OIDC provider", "S3 object store");
    }
}
