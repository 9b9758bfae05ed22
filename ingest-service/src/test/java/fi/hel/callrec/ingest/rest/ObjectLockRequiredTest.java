package fi.hel.callrec.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service told that the store enforces object lock is not ready until the bucket shows it, and
 * says why. The local store (S3Proxy) has no object lock at all, as a bucket made without it.
 */
@QuarkusTest
@TestProfile(ObjectLockRequiredTest.ObjectLockOn.class)
class ObjectLockRequiredTest {

    public static class ObjectLockOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("callrec.s3.object-lock", "true");
        }
    }

    @Test
    void a_bucket_without_object_lock_keeps_the_pod_out_of_service_and_says_why() {
        // Each probe gives the store two seconds: on a busy machine the first may not have its answer yet.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Object lock' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Object lock' }.data.reason",
                        containsString("has no object lock")));
    }
}
