package fi.hel.callrec.commons.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A test profile whose object store is unreachable: how a service behaves with S3 down. */
public class UnreachableObjectStore implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        // Nothing listens on port 1 of the loopback: every S3 request is refused at once.
        return Map.of("callrec.s3.endpoint", "http://127.0.0.1:1");
    }
}
