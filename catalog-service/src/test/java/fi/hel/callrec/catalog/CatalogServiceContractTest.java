package fi.hel.callrec.catalog;

import fi.hel.callrec.commons.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

@QuarkusTest
class CatalogServiceContractTest extends ServiceContractTest {

    @Override
    protected List<String> expectedReadinessChecks() {
        return List.of("Database connections health check");
    }

    @Override
    protected List<String> expectedWellnessChecks() {
        return List.of("Kafka brokers", "OIDC provider");
    }
}
